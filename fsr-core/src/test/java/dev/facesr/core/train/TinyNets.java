package dev.facesr.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import dev.facesr.core.loss.ComponentLoss;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Tiny networks, losses and synthetic data for the training-engine tests. */
public final class TinyNets {

    public static final Shape LR_SHAPE = new Shape(1, 3, 8, 8);
    public static final Shape HR_SHAPE = new Shape(1, 3, 16, 16);

    private TinyNets() {}

    public static Conv2d conv(int filters, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .optStride(new Shape(stride, stride)).setFilters(filters).build();
    }

    /** 1x3x8x8 -> 1x3x16x16: conv to 12 channels, then a pixel shuffle by 2. */
    public static Block generator() {
        return new SequentialBlock().add(conv(12, 1)).add(pixelShuffle(2));
    }

    /** Encoder: 3 -> 8 channels, same size. */
    public static Block encoder() {
        return new SequentialBlock().add(conv(8, 1)).add(Activation::relu);
    }

    /** Decoder: 8 channels at 8x8 -> 3x16x16. */
    public static Block decoder() {
        return new SequentialBlock().add(conv(12, 1)).add(pixelShuffle(2));
    }

    /** 1x3x16x16 (or with conditioning, plus the lr input) -> (N, 1) logits. */
    public static Block discriminator(boolean conditioned) {
        SequentialBlock body = new SequentialBlock().add(conv(4, 2)).add(Activation::relu)
                .add(conv(1, 1)).add(x -> new NDList(x.head().reshape(x.head().getShape().get(0), -1).mean(new int[] {1})
                        .reshape(-1, 1)));
        if (!conditioned) {
            return body;
        }
        // Conditioned: upsample lr (nearest, x2) and add it to the image before the body.
        return new SequentialBlock().add(new LambdaBlock(list -> {
            NDArray img = list.get(0);
            NDArray up = list.get(1).repeat(2, 2).repeat(3, 2);
            return new NDList(img.add(up));
        })).add(body);
    }

    public static LambdaBlock pixelShuffle(int r) {
        return new LambdaBlock(list -> {
            NDArray x = list.head();
            Shape s = x.getShape();
            long c = s.get(1) / (r * r);
            long h = s.get(2);
            long w = s.get(3);
            return new NDList(x.reshape(-1, c, r, r, h, w).transpose(0, 1, 4, 2, 5, 3)
                    .reshape(-1, c, h * r, w * r));
        });
    }

    /**
     * Smooth synthetic hr images (sums of random sinusoid ramps) and lr = 2x2 mean of hr.
     * Returns an array dataset: data = lr (N,3,8,8), labels = hr (N,3,16,16).
     */
    public static ArrayDataset pairs(NDManager manager, int n, int batchSize, long seed, boolean shuffle) {
        Random rnd = new Random(seed);
        float[] hr = new float[n * 3 * 16 * 16];
        int i = 0;
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < 3; c++) {
                double fx = rnd.nextDouble() * 0.5;
                double fy = rnd.nextDouble() * 0.5;
                double ph = rnd.nextDouble() * Math.PI * 2;
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        hr[i++] = (float) (0.5 + 0.4 * Math.sin(fx * x + fy * y + ph));
                    }
                }
            }
        }
        NDArray hrA = manager.create(hr, new Shape(n, 3, 16, 16));
        NDArray lrA = hrA.reshape(n, 3, 8, 2, 8, 2).mean(new int[] {5}).mean(new int[] {3});
        return new ArrayDataset.Builder().setData(lrA).optLabels(hrA)
                .setSampling(batchSize, shuffle).build();
    }

    /** weight * mean |pred - label| on index 0, written here (not DJL's weighted L1). */
    public static final class L1 extends Loss {
        private final float weight;

        public L1(float weight) {
            super("l1");
            this.weight = weight;
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            return predictions.head().sub(labels.head()).abs().mean().mul(weight);
        }
    }

    /** l1 + 0.5 * l2 on index 0, with named components. */
    public static final class L1PlusL2 extends Loss implements ComponentLoss {
        public L1PlusL2() {
            super("l1+l2");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            Map<String, NDArray> parts = evaluateComponents(labels, predictions);
            return parts.get("l1").add(parts.get("l2"));
        }

        @Override
        public Map<String, NDArray> evaluateComponents(NDList labels, NDList predictions) {
            NDArray diff = predictions.head().sub(labels.head());
            Map<String, NDArray> out = new LinkedHashMap<>();
            out.put("l1", diff.abs().mean());
            out.put("l2", diff.square().mean().mul(0.5f));
            return out;
        }
    }

    /** Generator loss: l1(sr, hr) + 0.01 * softplus(-dFake) (non-saturating GAN). */
    public static final class GeneratorLoss extends Loss {
        public GeneratorLoss() {
            super("g");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray content = predictions.get(0).sub(labels.get(0)).abs().mean();
            NDArray adv = Activation.softPlus(predictions.get(1).neg()).mean().mul(0.01f);
            return content.add(adv);
        }
    }

    /** Discriminator loss: softplus(-dReal) + softplus(dFake). */
    public static final class DiscriminatorLoss extends Loss {
        public DiscriminatorLoss() {
            super("d");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            return Activation.softPlus(labels.head().neg()).mean()
                    .add(Activation.softPlus(predictions.head()).mean());
        }
    }
}
