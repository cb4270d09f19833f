package dev.facesr.core.components;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.training.dataset.Dataset;
import dev.facesr.core.data.CelebADataset;
import dev.facesr.core.data.CropPolicy;
import dev.facesr.core.data.FaceAugmentation;
import dev.facesr.core.data.FaceDataset;
import dev.facesr.core.data.FacePairDataset;
import dev.facesr.core.data.ImageFolderDataset;
import dev.facesr.core.data.LandmarkDataset;
import dev.facesr.core.degrade.Degradation;
import dev.facesr.core.train.config.Arguments;
import dev.facesr.core.train.config.Registry;
import dev.facesr.core.train.config.RunConfigLoader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The face datasets. Each source ({@code celeba}, {@code image-folder}, {@code landmarks68},
 * {@code mtfl}) is registered plain (its own records) and as {@code <source>-pairs} (a
 * {@link FacePairDataset}: LR data made by the named degradations, HR label); {@code
 * folder-pairs} is {@code image-folder-pairs}. The seed, the device and the base directory of
 * relative paths come from the run (supplied by the assembler).
 */
final class DatasetComponents {

    private DatasetComponents() {}

    static void register(Registry<Dataset> datasets) {
        source(datasets, "celeba", "celeba-pairs", DatasetComponents::celeba);
        source(datasets, "image-folder", "folder-pairs", DatasetComponents::imageFolder);
        source(datasets, "landmarks68", "landmarks68-pairs", a -> landmarks(a, false));
        source(datasets, "mtfl", "mtfl-pairs", a -> landmarks(a, true));
    }

    private static void source(Registry<Dataset> datasets, String plain, String pairs,
            Function<Arguments, FaceDataset.BaseBuilder<?>> source) {
        datasets.register(plain, a -> {
            FaceDataset.BaseBuilder<?> b = common(source.apply(a), a);
            sampling(b, a);
            return build(b);
        });
        datasets.register(pairs, a -> {
            FaceDataset faces = build(common(source.apply(a), a));
            FacePairDataset.Builder b = FacePairDataset.builder().setSource(faces)
                    .optSeed(seed(a))
                    .optDevice(device(a))
                    .optIncludeIdentity(a.getBoolean("includeIdentity", faces.hasIdentities()))
                    .optIncludeLandmarks(a.getBoolean("includeLandmarks", faces.hasLandmarks()));
            for (Degradation d : a.getReferences("degradations", "degradations",
                    Degradation.class)) {
                b.addDegradation(d);
            }
            sampling(b, a);
            return b.build();
        });
    }

    private static FaceDataset build(FaceDataset.BaseBuilder<?> b) {
        if (b instanceof CelebADataset.Builder c) {
            return c.build();
        }
        if (b instanceof ImageFolderDataset.Builder f) {
            return f.build();
        }
        return ((LandmarkDataset.Builder) b).build();
    }

    private static FaceDataset.BaseBuilder<?> celeba(Arguments a) {
        String split = a.getString("split", "train").toLowerCase(Locale.ROOT);
        Dataset.Usage usage = switch (split) {
            case "train" -> Dataset.Usage.TRAIN;
            case "val", "validation" -> Dataset.Usage.VALIDATION;
            default -> throw new IllegalArgumentException(a.getOwner() + ".split '" + split
                    + "' is unknown; known: [train, val]");
        };
        return CelebADataset.builder().setRoot(root(a, "celeba")).optUsage(usage);
    }

    private static FaceDataset.BaseBuilder<?> imageFolder(Arguments a) {
        return ImageFolderDataset.builder().setRoot(root(a, null))
                .optIdentityFolders(a.getBoolean("identityFolders", false));
    }

    private static FaceDataset.BaseBuilder<?> landmarks(Arguments a, boolean mtfl) {
        String split = a.getString("split", "train").toLowerCase(Locale.ROOT);
        if (!split.equals("train")) {
            throw new IllegalArgumentException(a.getOwner() + ".split '" + split + "': a"
                    + " training configuration reads the train split only (never train or tune"
                    + " on test splits; validate on celeba/val)");
        }
        Path datasets = a.has("datasets") ? resolve(a, a.getString("datasets"))
                : RunConfigLoader.datasetsDirectory();
        LandmarkDataset.Builder b = LandmarkDataset.builder();
        return mtfl ? b.mtfl(datasets, Dataset.Usage.TRAIN)
                : b.landmarks68(datasets, Dataset.Usage.TRAIN);
    }

    /** Crop, augmentation, seed, device and limit, shared by every source. */
    private static FaceDataset.BaseBuilder<?> common(FaceDataset.BaseBuilder<?> b, Arguments a) {
        b.optCrop(crop(a)).optAugmentation(augmentation(a)).optSeed(seed(a))
                .optDevice(device(a));
        if (a.has("limit")) {
            b.optLimit(a.getInt("limit"));
        }
        return b;
    }

    private static void sampling(ai.djl.training.dataset.RandomAccessDataset.BaseBuilder<?> b,
            Arguments a) {
        b.setSampling(a.getInt("batchSize", 16), a.getBoolean("shuffle", true));
    }

    private static CropPolicy crop(Arguments a) {
        String crop = a.getString("crop", "none").toLowerCase(Locale.ROOT);
        return switch (crop) {
            case "none" -> CropPolicy.NONE;
            case "fsrnet-celeba-128" -> CropPolicy.FSRNET_CELEBA_128;
            case "celeba-square" -> {
                int[] size = cropSize(a);
                if (size[0] != size[1]) {
                    throw new IllegalArgumentException(a.getOwner() + ".cropSize must be square"
                            + " for celeba-square, got " + size[0] + "x" + size[1]);
                }
                yield CropPolicy.celebASquare(size[0]);
            }
            case "full-image" -> {
                int[] size = cropSize(a);
                yield CropPolicy.fullImage(size[1], size[0]);
            }
            default -> throw new IllegalArgumentException(a.getOwner() + ".crop '" + crop
                    + "' is unknown; known: [celeba-square, fsrnet-celeba-128, full-image, none]");
        };
    }

    private static int[] cropSize(Arguments a) {
        int[] size = a.getIntArray("cropSize");
        if (size.length != 2) {
            throw new IllegalArgumentException(a.getOwner() + ".cropSize must be [height, width]");
        }
        return size;
    }

    private static FaceAugmentation augmentation(Arguments a) {
        String name = a.getString("augmentation", "none").toLowerCase(Locale.ROOT);
        return switch (name) {
            case "none" -> FaceAugmentation.NONE;
            case "face-sr" -> FaceAugmentation.faceSr();
            default -> throw new IllegalArgumentException(a.getOwner() + ".augmentation '" + name
                    + "' is unknown; known: [face-sr, none]");
        };
    }

    private static Device device(Arguments a) {
        return a.hasSupplied("device") ? a.getSupplied("device", Device.class)
                : Engine.getInstance().defaultDevice();
    }

    private static long seed(Arguments a) {
        if (a.has("seed")) {
            return a.getInt("seed");
        }
        return a.hasSupplied("seed") ? a.getSupplied("seed", Long.class) : 0L;
    }

    private static Path root(Arguments a, String sharedName) {
        if (!a.has("root") && sharedName != null) {
            a.getString("root", null);
            return RunConfigLoader.datasetsDirectory().resolve(sharedName);
        }
        return resolve(a, a.getString("root"));
    }

    private static Path resolve(Arguments a, String path) {
        Path base = a.hasSupplied("baseDirectory") ? a.getSupplied("baseDirectory", Path.class)
                : Path.of("");
        return base.resolve(path).toAbsolutePath().normalize();
    }
}
