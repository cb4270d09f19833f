package dev.facesr.examples.recognition;

import dev.facesr.core.pipeline.FaceEmbedder;
import dev.facesr.models.zoo.FsrModelZoo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/** The registered {@link EmbedderResolver}s, chained. */
public final class EmbedderResolvers {
    private EmbedderResolvers() {}

    /**
     * The resolvers registered for {@link ServiceLoader}: FaceSR registers {@link
     * ZooEmbedderResolver} (the model zoo's trained identity models); other jars may add theirs.
     *
     * @return the resolvers, possibly none
     */
    public static List<EmbedderResolver> registered() {
        List<EmbedderResolver> out = new ArrayList<>();
        ServiceLoader.load(EmbedderResolver.class).forEach(out::add);
        return out;
    }

    /**
     * The registered resolvers chained into one.
     *
     * @return the chained resolver
     */
    public static EmbedderResolver fromServiceLoader() {
        return chain(registered());
    }

    /**
     * Chains resolvers: a name is opened by the first resolver that knows it.
     *
     * @param resolvers the resolvers, in order of priority
     * @return the chained resolver; its unknown-name error lists every known name
     */
    public static EmbedderResolver chain(List<EmbedderResolver> resolvers) {
        List<EmbedderResolver> all = List.copyOf(resolvers);
        return new EmbedderResolver() {
            @Override
            public Set<String> names() {
                Set<String> out = new LinkedHashSet<>();
                all.forEach(r -> out.addAll(r.names()));
                return out;
            }

            @Override
            public FaceEmbedder open(String name) {
                return owner(name).open(name);
            }

            @Override
            public Optional<FaceEmbedder> openLowResolution(String name) {
                return owner(name).openLowResolution(name);
            }

            private EmbedderResolver owner(String name) {
                for (EmbedderResolver r : all) {
                    if (r.names().contains(name)) {
                        return r;
                    }
                }
                throw new IllegalArgumentException("Unknown embedder '" + name + "'; " + describe(names()));
            }
        };
    }

    /**
     * Says which embedders are available, for error messages.
     *
     * @param names the known names
     * @return e.g. {@code "available embedders: a, b"} or an explanation that there are none
     */
    public static String describe(Set<String> names) {
        return names.isEmpty()
                ? "no face embedder is available: no registered EmbedderResolver lists one (the model zoo's"
                        + " identity models '" + FsrModelZoo.IDENTITY + "' and '"
                        + FsrModelZoo.lowResolutionName(FsrModelZoo.IDENTITY) + "' have no trained weights in"
                        + " this build; train them with TrainIdentity and export them with ExportIdentityModel,"
                        + " see docs/recognition-facade.md)"
                : "available embedders: " + String.join(", ", names);
    }
}
