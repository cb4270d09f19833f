package dev.facesr.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.facesr.core.loss.testing.LossContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeatmapAndStageRegressionLossTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void heatmapLossKeepsTheContract() {
        LossContract.of((w, r) -> HeatmapLoss.builder().optWeight(w).optReduction(r).build())
                .inputs(
                        m -> new NDList(TestArrays.uniform(m, 1, 0, 1, 3, 5, 4, 4)),
                        m -> new NDList(TestArrays.uniform(m, 2, 0, 1, 3, 5, 4, 4)))
                .zeroWhenEqual()
                .verify();
    }

    @Test
    void heatmapLossWithVisibilityAndPointWeightsKeepsTheContract() {
        LossContract.of(
                        (w, r) ->
                                HeatmapLoss.builder()
                                        .optPointWeights(1f, 2f, 0.5f, 1f, 1f)
                                        .optWeight(w)
                                        .optReduction(r)
                                        .build())
                .inputs(
                        m ->
                                new NDList(
                                        TestArrays.uniform(m, 3, 0, 1, 3, 5, 4, 4),
                                        m.create(
                                                new float[] {
                                                    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1
                                                },
                                                new Shape(3, 5))),
                        m -> new NDList(TestArrays.uniform(m, 4, 0, 1, 3, 5, 4, 4)))
                .zeroWhenEqual()
                .verify();
    }

    @Test
    void hiddenPointsAddNothingAndWeightsCount() {
        // 1 sample, 2 points of 1x2 maps: squared errors point 0 = 1 (mse 1), point 1 = 4 (mse 4)
        NDArray target = manager.zeros(new Shape(1, 2, 1, 2));
        NDArray predicted =
                manager.create(new float[] {1, 1, 2, 2}, new Shape(1, 2, 1, 2));
        NDList predictions = new NDList(predicted);
        assertThat(HeatmapLoss.builder().build().evaluate(new NDList(target), predictions)
                        .getFloat())
                .isCloseTo(2.5f, within(1e-6f));
        NDArray onlyFirstVisible = manager.create(new float[] {1, 0}, new Shape(1, 2));
        assertThat(HeatmapLoss.builder().build()
                        .evaluate(new NDList(target, onlyFirstVisible), predictions).getFloat())
                .isCloseTo(0.5f, within(1e-6f));
        assertThat(HeatmapLoss.builder().optPointWeights(3f, 1f).build()
                        .evaluate(new NDList(target), predictions).getFloat())
                .isCloseTo((3f * 1 + 1f * 4) / 4f, within(1e-6f));
    }

    @Test
    void heatmapLossExplainsBadInputs() {
        NDList maps = new NDList(manager.zeros(new Shape(2, 3, 4, 4)));
        assertThatThrownBy(
                        () -> HeatmapLoss.builder().build().evaluate(
                                new NDList(maps.head(), manager.ones(new Shape(2, 4))), maps))
                .hasMessageContaining("labels[1] (visibility) must have shape (2, 3)")
                .hasMessageContaining("but has shape (2, 4)");
        assertThatThrownBy(
                        () -> HeatmapLoss.builder().optPointWeights(1f, 1f).build()
                                .evaluate(maps, maps))
                .hasMessageContaining("2 point weights were set but the heatmaps have 3 points");
        assertThatThrownBy(() -> HeatmapLoss.builder().optPointWeights(0f, 0f).build())
                .hasMessageContaining("at least one point weight must be > 0");
        assertThatThrownBy(() -> HeatmapLoss.builder().optPointWeights(1f, -1f).build())
                .hasMessageContaining("every point weight must be a finite number >= 0");
    }

    @Test
    void stageRegressionWithASharedTargetKeepsTheContract() {
        LossContract.of(
                        (w, r) ->
                                StageRegressionLoss.builder()
                                        .optStageWeights(0.5f, 1f, 2f)
                                        .optWeight(w)
                                        .optReduction(r)
                                        .build())
                .inputs(
                        m -> new NDList(TestArrays.normal(m, 1, 1f, 4, 10)),
                        m ->
                                new NDList(
                                        TestArrays.normal(m, 2, 1f, 4, 10),
                                        TestArrays.normal(m, 3, 1f, 4, 10),
                                        TestArrays.normal(m, 4, 1f, 4, 10)))
                .zeroWhen(
                        m -> new NDList(m.ones(new Shape(2, 10))),
                        m ->
                                new NDList(
                                        m.ones(new Shape(2, 10)),
                                        m.ones(new Shape(2, 10)),
                                        m.ones(new Shape(2, 10))))
                .verify();
    }

    @Test
    void stageRegressionWithOneTargetPerStageKeepsTheContract() {
        LossContract.of(
                        (w, r) ->
                                StageRegressionLoss.builder()
                                        .optPenalty(Penalty.L1)
                                        .optWeight(w)
                                        .optReduction(r)
                                        .build())
                .inputs(
                        m ->
                                new NDList(
                                        TestArrays.normal(m, 5, 1f, 4, 6),
                                        TestArrays.normal(m, 6, 1f, 4, 3)),
                        m ->
                                new NDList(
                                        TestArrays.normal(m, 7, 1f, 4, 6),
                                        TestArrays.normal(m, 8, 1f, 4, 3)))
                .zeroWhenEqual()
                .verify();
    }

    @Test
    void stageRegressionSumsWeightedStages() {
        NDList target = new NDList(manager.zeros(new Shape(1, 2)));
        NDList stages =
                new NDList(
                        manager.create(new float[] {1, 1}, new Shape(1, 2)),
                        manager.create(new float[] {2, 0}, new Shape(1, 2)));
        // stage MSEs: 1 and 2
        assertThat(StageRegressionLoss.builder().build().evaluate(target, stages).getFloat())
                .isCloseTo(3f, within(1e-6f));
        assertThat(StageRegressionLoss.builder().optStageWeights(0.5f, 2f).build()
                        .evaluate(target, stages).getFloat())
                .isCloseTo(4.5f, within(1e-6f));
    }

    @Test
    void stageRegressionExplainsBadInputs() {
        NDList stages = new NDList(manager.zeros(new Shape(2, 3)), manager.zeros(new Shape(2, 3)));
        NDList threeTargets =
                new NDList(manager.zeros(new Shape(2, 3)), manager.zeros(new Shape(2, 3)),
                        manager.zeros(new Shape(2, 3)));
        assertThatThrownBy(() -> StageRegressionLoss.builder().build().evaluate(threeTargets, stages))
                .hasMessageContaining("one target for all stages or one per stage (2) but hold 3");
        assertThatThrownBy(
                        () -> StageRegressionLoss.builder().optStageWeights(1f).build()
                                .evaluate(new NDList(stages.head()), stages))
                .hasMessageContaining("1 stage weights [1.0] were set but predictions hold 2");
        assertThatThrownBy(
                        () -> StageRegressionLoss.builder().build().evaluate(
                                new NDList(manager.zeros(new Shape(2, 4))), stages))
                .hasMessageContaining("predictions[0] has shape (2, 3) but labels[0] has shape"
                        + " (2, 4)");
    }
}
