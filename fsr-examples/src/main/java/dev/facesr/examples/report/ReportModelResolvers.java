package dev.facesr.examples.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** The built-in {@link ReportModelResolver}s and a way to chain several. */
public final class ReportModelResolvers {
    private ReportModelResolvers() {}

    /**
     * The bicubic baseline ({@link BicubicModel#NAME}).
     *
     * @return a resolver that knows only {@code bicubic}
     */
    public static ReportModelResolver builtin() {
        return new ReportModelResolver() {
            @Override
            public Set<String> names() {
                return Set.of(BicubicModel.NAME);
            }

            @Override
            public ReportModel open(String name) {
                if (!BicubicModel.NAME.equals(name)) {
                    throw new IllegalArgumentException("Unknown model '" + name + "'; known: " + names());
                }
                return new BicubicModel();
            }
        };
    }

    /**
     * Trained generator folders written by the SR trainer ({@code OUT/final/}), each under the
     * name in its {@code training.json} (see {@link TrainedGeneratorModel#modelName(Path)}).
     *
     * @param folders the folders
     * @return a resolver for them
     * @throws IllegalArgumentException when a folder is not a trained folder or two share a name
     */
    public static ReportModelResolver trainedFolders(List<Path> folders) {
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path f : folders) {
            if (!Files.isDirectory(f)) {
                throw new IllegalArgumentException("--model-dir " + f + " is not a folder");
            }
            if (!TrainedGeneratorModel.isTrainedFolder(f)) {
                throw new IllegalArgumentException("--model-dir " + f + " is not a trained model folder: it needs "
                        + TrainedGeneratorModel.CARD_FILE + " and <model>.params, as the SR trainer writes to"
                        + " OUT/final/");
            }
            String name = TrainedGeneratorModel.modelName(f);
            Path previous = byName.put(name, f);
            if (previous != null) {
                throw new IllegalArgumentException("Two model folders are named '" + name + "': " + previous
                        + " and " + f);
            }
        }
        return new ReportModelResolver() {
            @Override
            public Set<String> names() {
                return new LinkedHashSet<>(byName.keySet());
            }

            @Override
            public ReportModel open(String name) {
                Path f = byName.get(name);
                if (f == null) {
                    throw new IllegalArgumentException("Unknown model '" + name + "'; known: " + names());
                }
                return TrainedGeneratorModel.load(f);
            }
        };
    }

    /**
     * The resolvers registered for {@link ServiceLoader} (e.g. the model zoo's, once merged).
     *
     * @return the registered resolvers, possibly none
     */
    public static List<ReportModelResolver> registered() {
        List<ReportModelResolver> out = new ArrayList<>();
        ServiceLoader.load(ReportModelResolver.class).forEach(out::add);
        return out;
    }

    /**
     * Chains resolvers: a name is opened by the first resolver that knows it.
     *
     * @param resolvers the resolvers, in order of priority
     * @return the chained resolver; its unknown-name error lists every known name
     */
    public static ReportModelResolver chain(List<ReportModelResolver> resolvers) {
        List<ReportModelResolver> all = List.copyOf(resolvers);
        return new ReportModelResolver() {
            @Override
            public Set<String> names() {
                Set<String> out = new LinkedHashSet<>();
                for (ReportModelResolver r : all) {
                    out.addAll(r.names());
                }
                return out;
            }

            @Override
            public ReportModel open(String name) {
                for (ReportModelResolver r : all) {
                    if (r.names().contains(name)) {
                        return r.open(name);
                    }
                }
                throw new IllegalArgumentException("Unknown model '" + name + "'; known models: "
                        + String.join(", ", names())
                        + " (add a trained folder with --model-dir DIR)");
            }
        };
    }
}
