package dev.facesr.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import dev.facesr.core.loss.testing.LossContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PerceptualLossTest {

    private static NDManager manager;
    private static SequentialBlock net;

    @BeforeAll
    static void setUp() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
        net = TinyNets.convFeatures(manager);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    private static LossContract.Inputs images(long seed) {
        return m -> new NDList(TestArrays.uniform(m, seed, 0, 1, 3, 3, 8, 8));
    }

    @Test
    void keepsTheContractWithL1AndLayerWeights() {
        FeatureExtractor extractor = FeatureExtractor.ofLayers(net, 1, 3);
        LossContract.of(
                        (w, r) ->
                                PerceptualLoss.builder()
                                        .setExtractor(extractor)
                                        .optLayerWeights(0.5f, 1f)
                                        .optWeight(w)
                                        .optReduction(r)
                                        .build())
                .inputs(images(1), images(2))
                .zeroWhenEqual()
                .verify();
    }

    @Test
    void keepsTheContractWithL2AndABlockReturningItsFeatures() {
        SequentialBlock all = TinyNets.convFeatures(manager).setReturnIntermediate(true);
        FeatureExtractor extractor =
                FeatureExtractor.ofBlock(all).withInputTransform(x -> x.sub(0.5f).mul(2f));
        LossContract.of(
                        (w, r) ->
                                PerceptualLoss.builder()
                                        .setExtractor(extractor)
                                        .optPenalty(Penalty.L2)
                                        .optWeight(w)
                                        .optReduction(r)
                                        .build())
                .inputs(images(3), images(4))
                .zeroWhenEqual()
                .verify();
    }

    @Test
    void extractsTheChosenLayersInOrder() {
        FeatureExtractor extractor = FeatureExtractor.ofLayers(net, 0, 3);
        try (NDManager m = manager.newSubManager()) {
            NDList features = extractor.extract(TestArrays.uniform(m, 5, 0, 1, 2, 3, 8, 8));
            assertThat(features).hasSize(2);
            assertThat(features.get(0).getShape()).isEqualTo(new Shape(2, 4, 8, 8));
            // layer 3 is a ReLU: non-negative; layer 0 is a conv: has negative values
            assertThat(features.get(1).min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(features.get(0).min().getFloat()).isNegative();
        }
    }

    @Test
    void freezesTheNetworkAndSendsGradientsToThePrediction() {
        FaceLoss loss =
                PerceptualLoss.builder()
                        .setExtractor(FeatureExtractor.ofLayers(net, 1, 3))
                        .optWeight(0.7f)
                        .build();
        try (NDManager m = manager.newSubManager()) {
            NDArray hr = TestArrays.uniform(m, 6, 0, 1, 2, 3, 8, 8);
            NDArray sr = TestArrays.uniform(m, 7, 0, 1, 2, 3, 8, 8);
            sr.setRequiresGradient(true);
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                collector.backward(loss.evaluate(new NDList(hr), new NDList(sr)));
            }
            assertThat(sr.getGradient().abs().sum().getFloat()).isPositive();
            TinyNets.assertFrozen(net);
        }
    }

    @Test
    void rejectsBadLayerChoices() {
        assertThatThrownBy(() -> FeatureExtractor.ofLayers(net, 4))
                .hasMessageContaining("layer index 4 is out of range")
                .hasMessageContaining("4 children");
        assertThatThrownBy(() -> FeatureExtractor.ofLayers(net, 3, 1))
                .hasMessageContaining("strictly increasing but got [3, 1]");
        assertThatThrownBy(() -> FeatureExtractor.ofLayers(net))
                .hasMessageContaining("at least one layer index");
        assertThatThrownBy(
                        () ->
                                PerceptualLoss.builder()
                                        .setExtractor(FeatureExtractor.ofLayers(net, 1, 3))
                                        .optLayerWeights(1f)
                                        .build())
                .hasMessageContaining("1 layer weights [1.0] for 2 extracted layers");
        assertThatThrownBy(() -> PerceptualLoss.builder().build())
                .hasMessageContaining("setExtractor(...) is required");
    }

    @Test
    void explainsAnUninitialisedNetwork() {
        SequentialBlock fresh = new SequentialBlock().add(ai.djl.nn.Activation.reluBlock());
        fresh.add(ai.djl.nn.core.Linear.builder().setUnits(2).build());
        FeatureExtractor extractor = FeatureExtractor.ofLayers(fresh, 1);
        try (NDManager m = manager.newSubManager()) {
            assertThatThrownBy(() -> extractor.extract(m.ones(new Shape(1, 3))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not initialised");
        }
    }
}
