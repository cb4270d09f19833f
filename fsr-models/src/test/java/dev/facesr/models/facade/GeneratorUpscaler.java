package dev.facesr.models.facade;

import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.role.Generator;
import dev.facesr.core.pipeline.FaceUpscaler;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.ValueRange;
import dev.facesr.models.facade.image.RgbImages;
import java.util.ArrayList;
import java.util.List;

/**
 * A real (randomly initialised, tiny) fsr-core {@link Generator} behind the {@link FaceUpscaler}
 * contract: each call works in its own sub-manager, so calls are thread-safe and free their
 * arrays. For tests only (no trained weights).
 */
final class GeneratorUpscaler implements FaceUpscaler {

    private final Model model;
    private final int in;
    private final int scale;

    GeneratorUpscaler(int in, int scale) {
        this.in = in;
        this.scale = scale;
        Generator g = Generator.builder().setScale(scale).optChannels(8).optResidualBlocks(1).optHeadKernel(3)
                .optTailKernel(3).optNorm(NormType.NONE).optGlobalResidual(true).build();
        model = Model.newInstance("test-generator");
        g.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        g.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3, in, in));
        model.setBlock(g);
    }

    @Override
    public String name() {
        return "test-generator";
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return in * scale;
    }

    @Override
    public List<Image> upscale(List<Image> crops) {
        try (NDManager call = model.getNDManager().newSubManager()) {
            List<NDArray> items = new ArrayList<>();
            for (Image c : crops) {
                FloatImage f = RgbImages.fromDjl(c);
                items.add(ImageConversions.toNDArray(f, call).div(255f));
            }
            NDArray batch = NDArrays.stack(new NDList(items));
            NDArray out = model.getBlock().forward(new ParameterStore(call, false), new NDList(batch), false)
                    .head().clip(0f, 1f);
            List<Image> res = new ArrayList<>();
            for (FloatImage f : ImageConversions.fromNDArray(out, ValueRange.UNIT)) {
                res.add(RgbImages.toDjl(f));
            }
            return res;
        }
    }

    @Override
    public void close() {
        model.close();
    }

    private static final class NDArrays {
        static NDArray stack(NDList list) {
            return ai.djl.ndarray.NDArrays.stack(list);
        }
    }
}
