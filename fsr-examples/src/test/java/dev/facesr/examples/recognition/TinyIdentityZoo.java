package dev.facesr.examples.recognition;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.facesr.models.identity.IdentityNet;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ModelExporter;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Tiny untrained identity networks (test only): a "teacher" on 32x32 crops and a "student" on
 * 16x16 crops, both 12-d, and a temporary zoo root holding them as {@code identity} and {@code
 * identity-lr16} in the classpath layout ({@code dev/facesr/models/<name>/}).
 */
public final class TinyIdentityZoo {
    /** The embedding dimension of both networks. */
    public static final int DIMENSION = 12;

    private TinyIdentityZoo() {}

    /** A tiny initialised teacher (32x32 input). */
    public static IdentityNet teacher(NDManager m, int seed) {
        IdentityNet net = IdentityNet.builder().setInputSize(32).setChannels(4).optDownsamplings(2)
                .optMaxChannels(8).optResidualBlocks(1).optEmbeddingSize(DIMENSION).build();
        m.getEngine().setRandomSeed(seed);
        net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        return net;
    }

    /** A tiny initialised student (16x16 input, enlarged x2 inside). */
    public static IdentityNet student(NDManager m, int seed) {
        IdentityNet net = IdentityNet.builder().setInputSize(16).optInputUpscale(2).setChannels(4)
                .optDownsamplings(2).optMaxChannels(8).optResidualBlocks(1)
                .optEmbeddingSize(DIMENSION).build();
        m.getEngine().setRandomSeed(seed);
        net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        return net;
    }

    /**
     * Exports a network into a zoo root.
     *
     * @param net the network
     * @param name the model name
     * @param root the zoo root (the folder that holds {@code dev/facesr/models/})
     * @return the card as written
     */
    public static ModelCard export(IdentityNet net, String name, Path root) throws IOException {
        return ModelExporter.export(net, ModelCard.builder().setName(name)
                        .setSizes(net.inputSize(), net.embeddingSize())
                        .optDescription("unit-test identity model (random weights)")
                        .optTraining("none", 0, 1, "test"),
                root.resolve(FsrModelZoo.RESOURCE_ROOT).resolve(name));
    }

    /**
     * Writes {@code identity} and, if asked, {@code identity-lr16} into a zoo root.
     *
     * @param root the zoo root
     * @param withStudent whether to export the student too
     * @return the root
     */
    public static Path write(Path root, boolean withStudent) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            export(teacher(m, 21), FsrModelZoo.IDENTITY, root);
            if (withStudent) {
                export(student(m, 22), FsrModelZoo.lowResolutionName(FsrModelZoo.IDENTITY), root);
            }
        }
        return root;
    }

    /** A class loader that sees only the zoo root (close it when done). */
    public static URLClassLoader loader(Path root) throws MalformedURLException {
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }
}
