package dev.facesr.core.components;

import static dev.facesr.core.components.ConfigValues.enumValue;
import static dev.facesr.core.components.ConfigValues.penalty;
import static dev.facesr.core.components.ConfigValues.weight;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.loss.Loss;
import dev.facesr.core.loss.AdversarialLoss;
import dev.facesr.core.loss.AdversarialLoss.GanType;
import dev.facesr.core.loss.CrossEntropyLoss;
import dev.facesr.core.loss.DistillationLoss;
import dev.facesr.core.loss.EncodedTargetLoss;
import dev.facesr.core.loss.FeatureDistillationLoss;
import dev.facesr.core.loss.FeatureExtractor;
import dev.facesr.core.loss.HeatmapLoss;
import dev.facesr.core.loss.IdentityLoss;
import dev.facesr.core.loss.PerceptualLoss;
import dev.facesr.core.loss.PixelLoss;
import dev.facesr.core.loss.StageRegressionLoss;
import dev.facesr.core.loss.SymmetryLoss;
import dev.facesr.core.loss.TotalVariationLoss;
import dev.facesr.core.loss.WeightedSumLoss;
import dev.facesr.core.train.config.Arguments;
import dev.facesr.core.train.config.Registry;
import java.util.List;

/** The losses of {@code dev.facesr.core.loss}; every one takes the supplied weight. */
final class LossComponents {

    private LossComponents() {}

    static void register(Registry<Loss> losses) {
        losses.register("l1", a -> PixelLoss.l1().optWeight(weight(a)).build());
        losses.register("l2", a -> PixelLoss.l2().optWeight(weight(a)).build());
        losses.register("charbonnier", a -> PixelLoss.charbonnier(a.getFloat("epsilon", 1e-3f))
                .optWeight(weight(a)).build());
        losses.register("perceptual", LossComponents::perceptual);
        losses.register("gan-generator", a -> AdversarialLoss.generator(
                enumValue(a, "gan", GanType.class, GanType.VANILLA)).optWeight(weight(a)).build());
        losses.register("gan-discriminator", a -> AdversarialLoss.discriminator(
                enumValue(a, "gan", GanType.class, GanType.VANILLA)).optWeight(weight(a)).build());
        losses.register("symmetry", a -> {
            SymmetryLoss.Space space = enumValue(a, "space", SymmetryLoss.Space.class,
                    SymmetryLoss.Space.PIXEL);
            SymmetryLoss.Builder b = space == SymmetryLoss.Space.PIXEL ? SymmetryLoss.pixel()
                    : SymmetryLoss.laplacian();
            return b.optPenalty(penalty(a, "l1")).optWeight(weight(a)).build();
        });
        losses.register("tv", a -> TotalVariationLoss.builder().optPenalty(penalty(a, "l1"))
                .optWeight(weight(a)).build());
        losses.register("identity", a -> IdentityLoss.builder()
                .setEmbedder(a.getReference("embedder", "blocks", Block.class))
                .optDistance(enumValue(a, "distance", IdentityLoss.Distance.class,
                        IdentityLoss.Distance.COSINE))
                .optWeight(weight(a)).build());
        losses.register("heatmap", a -> {
            HeatmapLoss.Builder b = HeatmapLoss.builder();
            if (a.has("pointWeights")) {
                b.optPointWeights(a.getFloatArray("pointWeights"));
            }
            return b.optWeight(weight(a)).build();
        });
        losses.register("stage-regression", a -> {
            StageRegressionLoss.Builder b = StageRegressionLoss.builder()
                    .optPenalty(penalty(a, "l2"));
            if (a.has("stageWeights")) {
                b.optStageWeights(a.getFloatArray("stageWeights"));
            }
            Loss loss = b.optWeight(weight(a)).build();
            return a.has("targetEncoder") ? new EncodedTargetLoss(
                    a.getReference("targetEncoder", "blocks", Block.class), loss) : loss;
        });
        losses.register("cross-entropy",
                a -> CrossEntropyLoss.builder().optWeight(weight(a)).build());
        losses.register("distillation", a -> DistillationLoss.builder()
                .optTemperature(a.getFloat("temperature", 4f)).optWeight(weight(a)).build());
        losses.register("feature-distillation", a -> FeatureDistillationLoss.builder()
                .optPenalty(penalty(a, "l2")).optWeight(weight(a)).build());
        losses.register("weighted-sum", LossComponents::weightedSum);
    }

    private static Loss perceptual(Arguments a) {
        Block block = a.getReference("block", "blocks", Block.class);
        FeatureExtractor extractor;
        if (a.has("layers")) {
            if (!(block instanceof SequentialBlock seq)) {
                throw new IllegalArgumentException(a.getOwner() + ".layers needs a block that is"
                        + " a SequentialBlock; '" + block.getClass().getSimpleName() + "' is not;"
                        + " drop 'layers' to use the block's output as the only feature");
            }
            extractor = FeatureExtractor.ofLayers(seq, a.getIntArray("layers"));
        } else {
            extractor = FeatureExtractor.ofBlock(block);
        }
        PerceptualLoss.Builder b = PerceptualLoss.builder().setExtractor(extractor)
                .optPenalty(penalty(a, "l1"));
        if (a.has("layerWeights")) {
            b.optLayerWeights(a.getFloatArray("layerWeights"));
        }
        return b.optWeight(weight(a)).build();
    }

    private static Loss weightedSum(Arguments a) {
        if (weight(a) != 1f) {
            throw new IllegalArgumentException(a.getOwner() + ": a weighted-sum has no weight of"
                    + " its own; weight its terms instead");
        }
        List<Loss> terms = a.getSuppliedList("terms", Loss.class);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException(a.getOwner() + ": a weighted-sum needs 'terms',"
                    + " e.g. [{type: l1, weight: 1.0}, {type: gan-generator, input: 1}]");
        }
        List<String> names = a.getSuppliedList("termNames", String.class);
        List<Integer> inputs = a.getSuppliedList("termInputs", Integer.class);
        WeightedSumLoss.Builder b = WeightedSumLoss.builder()
                .optName(a.getString("name", "total"));
        for (int i = 0; i < terms.size(); i++) {
            Integer input = inputs.isEmpty() ? null : inputs.get(i);
            if (input == null) {
                b.add(names.get(i), terms.get(i));
            } else {
                b.add(names.get(i), terms.get(i), input);
            }
        }
        return b.build();
    }
}
