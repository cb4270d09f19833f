package dev.facesr.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdentityLossTest {

    private static NDManager manager;
    private static SequentialBlock embedder;

    @BeforeAll
    static void setUp() {
        Engine.getInstance().setRandomSeed(11);
        manager = NDManager.newBaseManager();
        embedder = TinyNets.embedder(manager);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    @ParameterizedTest
    @EnumSource(IdentityLoss.Distance.class)
    void keepsTheContract(IdentityLoss.Distance distance) {
        LossContract.of(
                        (w, r) ->
                                IdentityLoss.builder()
                                        .setEmbedder(embedder)
                                        .optDistance(distance)
                                        .optInputTransform(x -> x.mul(2f).sub(1f))
                                        .optWeight(w)
                                        .optReduction(r)
                                        .build())
                .inputs(
                        m -> new NDList(TestArrays.uniform(m, 1, 0, 1, 3, 3, 8, 8)),
                        m -> new NDList(TestArrays.uniform(m, 2, 0, 1, 3, 3, 8, 8)))
                .zeroWhenEqual()
                .verify();
    }

    @Test
    void cosineDistanceMatchesADirectComputation() {
        IdentityLoss loss =
                IdentityLoss.builder().setEmbedder(embedder).optReduction(Reduction.NONE).build();
        try (NDManager m = manager.newSubManager()) {
            NDArray hr = TestArrays.uniform(m, 3, 0, 1, 2, 3, 8, 8);
            NDArray sr = TestArrays.uniform(m, 4, 0, 1, 2, 3, 8, 8);
            float[] actual = loss.evaluate(new NDList(hr), new NDList(sr)).toFloatArray();
            float[] a = embed(m, sr);
            float[] b = embed(m, hr);
            for (int n = 0; n < 2; n++) {
                double dot = 0;
                double na = 0;
                double nb = 0;
                for (int d = 0; d < 6; d++) {
                    dot += a[n * 6 + d] * b[n * 6 + d];
                    na += a[n * 6 + d] * a[n * 6 + d];
                    nb += b[n * 6 + d] * b[n * 6 + d];
                }
                assertThat(actual[n]).isCloseTo((float) (1 - dot / Math.sqrt(na * nb)), within(1e-5f));
            }
        }
    }

    private static float[] embed(NDManager m, NDArray images) {
        return embedder.forward(new ai.djl.training.ParameterStore(m, false), new NDList(images), false)
                .head()
                .toFloatArray();
    }

    @Test
    void freezesTheEmbedder() {
        IdentityLoss loss = IdentityLoss.builder().setEmbedder(embedder).build();
        try (NDManager m = manager.newSubManager()) {
            NDArray hr = TestArrays.uniform(m, 5, 0, 1, 2, 3, 8, 8);
            NDArray sr = TestArrays.uniform(m, 6, 0, 1, 2, 3, 8, 8);
            sr.setRequiresGradient(true);
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                collector.backward(loss.evaluate(new NDList(hr), new NDList(sr)));
            }
            assertThat(sr.getGradient().abs().sum().getFloat()).isPositive();
            TinyNets.assertFrozen(embedder);
        }
    }

    @Test
    void explainsAnEmbedderThatDoesNotReturnEmbeddings() {
        SequentialBlock notAnEmbedder = TinyNets.convFeatures(manager);
        IdentityLoss loss = IdentityLoss.builder().setEmbedder(notAnEmbedder).build();
        try (NDManager m = manager.newSubManager()) {
            NDList images = new NDList(m.ones(new Shape(2, 3, 8, 8)));
            assertThatThrownBy(() -> loss.evaluate(images, images))
                    .hasMessageContaining("(N, D) embeddings for N = 2 images but returned shape"
                            + " (2, 4, 8, 8)");
        }
        assertThatThrownBy(() -> IdentityLoss.builder().build())
                .hasMessageContaining("setEmbedder(...) is required");
    }
}
