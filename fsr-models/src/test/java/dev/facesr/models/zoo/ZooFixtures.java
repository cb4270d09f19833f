package dev.facesr.models.zoo;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.core.nn.role.Decoder;
import dev.facesr.core.nn.role.Encoder;
import dev.facesr.core.nn.role.Regressor;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.models.baseline.FastSr;
import dev.facesr.models.crossdomain.CrossDomainSr;
import dev.facesr.models.identity.IdentityNet;
import dev.facesr.models.landmarks.LandmarkHourglass;
import java.io.IOException;
import java.nio.file.Path;

/** Tiny randomly initialised models exported into temporary zoo directories. */
final class ZooFixtures {

    private ZooFixtures() {}

    static FastSr tinyFast(NDManager m) {
        FastSr net = FastSr.builder().setScale(4).optChannels(4).optResidualBlocks(1).build();
        m.getEngine().setRandomSeed(11);
        net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 8, 8));
        return net;
    }

    static CrossDomainSr tinyCrossDomain(NDManager m) {
        CrossDomainSr net = CrossDomainSr.builder()
                .optEncoder(Encoder.builder().setChannels(4).optMaxChannels(8)
                        .optResidualBlocks(1).build())
                .optRegressor(Regressor.builder().setChannels(8).setStages(2)
                        .optBlocksPerStage(1).build())
                .optDecoder(Decoder.builder().setChannels(4).optMaxChannels(8)
                        .optResidualBlocks(1).build())
                .build();
        m.getEngine().setRandomSeed(12);
        net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        return net;
    }

    static LandmarkHourglass tinyLandmarks(NDManager m) {
        LandmarkHourglass net = LandmarkHourglass.builder().optChannels(8).optStacks(2)
                .optDepth(1).build();
        m.getEngine().setRandomSeed(13);
        net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        return net;
    }

    /** A tiny "teacher": 16x16 crops, 12-d embeddings, batch norm. */
    static IdentityNet tinyTeacher(NDManager m) {
        IdentityNet net = IdentityNet.builder().setInputSize(16).setChannels(4)
                .optDownsamplings(2).optMaxChannels(8).optResidualBlocks(1)
                .optEmbeddingSize(12).build();
        m.getEngine().setRandomSeed(14);
        net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        return net;
    }

    /** A tiny "student": 8x8 crops enlarged x2 inside, 12-d embeddings. */
    static IdentityNet tinyStudent(NDManager m) {
        IdentityNet net = IdentityNet.builder().setInputSize(8).optInputUpscale(2).setChannels(4)
                .optDownsamplings(2).optMaxChannels(8).optResidualBlocks(1)
                .optEmbeddingSize(12).build();
        m.getEngine().setRandomSeed(15);
        net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 8, 8));
        return net;
    }

    /** The embedding a network gives a (1, 3, S, S) input, computed directly. */
    static float[] forward(NDManager m, Block block, NDArray x) {
        return block.forward(new ParameterStore(m, false), new NDList(x), false)
                .singletonOrThrow().toFloatArray();
    }

    static ModelCard export(RebuildableBlock block, String name, int in, int out, Path dir)
            throws IOException {
        return ModelExporter.export(
                block,
                ModelCard.builder()
                        .setName(name)
                        .setSizes(in, out)
                        .optDescription("unit-test model")
                        .optTrainingData("none (random weights)", "none")
                        .optDegradation("none")
                        .optTraining("ZooTest", 0, 11, "test")
                        .addMetric("test.metric", 1.25),
                dir);
    }

    /** The image as a (1, 3, H, W) float array in [0, 1]. */
    static NDArray toArray(NDManager m, Image image) {
        return image.toNDArray(m, Image.Flag.COLOR).transpose(2, 0, 1)
                .toType(DataType.FLOAT32, false).div(255f).expandDims(0);
    }

    /** What an SR model should return for an image (HWC RGB 0-255): forward, clip, rounding. */
    static int[] expectedPixels(NDManager m, Block block, Image lr, int outSize, boolean upsample) {
        try (NDManager call = m.newSubManager()) {
            NDArray x = toArray(call, lr);
            if (upsample) {
                x = MatlabResize.resize(x, outSize, outSize);
            }
            NDArray y = block.forward(new ParameterStore(call, false), new NDList(x), false).head();
            return y.clip(0f, 1f).mul(255f).add(0.5f).floor().squeeze(0).transpose(1, 2, 0)
                    .toType(DataType.INT32, false).toIntArray();
        }
    }
}
