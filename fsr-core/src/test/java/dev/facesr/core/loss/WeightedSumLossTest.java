package dev.facesr.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import dev.facesr.core.loss.AdversarialLoss.GanType;
import dev.facesr.core.loss.testing.LossContract;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WeightedSumLossTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private static WeightedSumLoss generatorLoss(float scale, Reduction reduction) {
        return WeightedSumLoss.builder()
                .add("pixel", PixelLoss.l1().optWeight(scale).optReduction(reduction).build(), 0)
                .add(
                        "tv",
                        TotalVariationLoss.builder()
                                .optWeight(0.1f * scale)
                                .optReduction(reduction)
                                .build(),
                        0)
                .add(
                        "adversarial",
                        AdversarialLoss.generator(GanType.VANILLA)
                                .optWeight(0.01f * scale)
                                .optReduction(reduction)
                                .build(),
                        1)
                .build();
    }

    private static NDList labels(NDManager m) {
        return new NDList(
                TestArrays.uniform(m, 1, 0, 1, 2, 3, 4, 4), TestArrays.normal(m, 2, 1f, 2, 1));
    }

    private static NDList predictions(NDManager m) {
        return new NDList(
                TestArrays.uniform(m, 3, 0, 1, 2, 3, 4, 4), TestArrays.normal(m, 4, 1f, 2, 1));
    }

    @Test
    void componentsAreWeightedNamedInOrderAndAddUp() {
        WeightedSumLoss loss = generatorLoss(1f, Reduction.MEAN);
        NDList labels = labels(manager);
        NDList predictions = predictions(manager);
        Map<String, NDArray> components = loss.evaluateComponents(labels, predictions);
        assertThat(components.keySet()).containsExactly("pixel", "tv", "adversarial");
        assertThat(loss.getComponentNames()).containsExactly("pixel", "tv", "adversarial");
        float pixel =
                PixelLoss.l1().build()
                        .evaluate(new NDList(labels.get(0)), new NDList(predictions.get(0)))
                        .getFloat();
        assertThat(components.get("pixel").getFloat()).isEqualTo(pixel);
        float adversarial =
                AdversarialLoss.generator(GanType.VANILLA).optWeight(0.01f).build()
                        .evaluate(new NDList(labels.get(1)), new NDList(predictions.get(1)))
                        .getFloat();
        assertThat(components.get("adversarial").getFloat()).isEqualTo(adversarial);
        float sum = 0;
        for (NDArray v : components.values()) {
            sum += v.getFloat();
        }
        assertThat(loss.evaluate(labels, predictions).getFloat()).isCloseTo(sum, within(1e-6f));
    }

    @Test
    void keepsTheContractWhenEveryComponentIsScaled() {
        LossContract.of(WeightedSumLossTest::generatorLoss)
                .inputs(WeightedSumLossTest::labels, WeightedSumLossTest::predictions)
                .verify();
    }

    @Test
    void selectsByRangeAndByFunction() {
        NDArray a = manager.create(new float[] {0, 0}, new Shape(2, 1));
        NDArray b = manager.create(new float[] {1, 1}, new Shape(2, 1));
        NDArray c = manager.create(new float[] {3, 3}, new Shape(2, 1));
        WeightedSumLoss loss =
                WeightedSumLoss.builder()
                        .addRange("stages", StageRegressionLoss.builder().optPenalty(Penalty.L1)
                                .build(), 1, 3)
                        .add(
                                "swapped",
                                PixelLoss.l1().build(),
                                InputSelector.index(2),
                                InputSelector.index(0))
                        .add("firstOfEach", PixelLoss.l2().build(), list -> new NDList(list.get(0)))
                        .build();
        NDList labels = new NDList(a, a, a);
        NDList predictions = new NDList(a, b, c);
        Map<String, NDArray> components = loss.evaluateComponents(labels, predictions);
        assertThat(components.get("stages").getFloat()).isEqualTo(1f + 3f);
        assertThat(components.get("swapped").getFloat()).isEqualTo(0f); // labels[2] vs predictions[0]
        assertThat(components.get("firstOfEach").getFloat()).isEqualTo(0f);
        assertThat(loss.getComponent("stages")).isInstanceOf(StageRegressionLoss.class);
    }

    @Test
    void rejectsDuplicateNamesAndEmptySums() {
        Loss l1 = PixelLoss.l1().build();
        assertThatThrownBy(() -> WeightedSumLoss.builder().add("pixel", l1, 0).add("pixel", l1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate component name 'pixel'");
        assertThatThrownBy(() -> WeightedSumLoss.builder().build())
                .hasMessageContaining("add at least one component");
        assertThatThrownBy(() -> WeightedSumLoss.builder().add(" ", l1, 0))
                .hasMessageContaining("non-blank name");
        assertThatThrownBy(() -> InputSelector.range(2, 2))
                .hasMessageContaining("0 <= from < to but got from=2, to=2");
    }

    @Test
    void namesTheComponentWhoseInputIsMissing() {
        WeightedSumLoss loss = generatorLoss(1f, Reduction.MEAN);
        NDList onlyImages = new NDList(TestArrays.uniform(manager, 5, 0, 1, 2, 3, 4, 4));
        assertThatThrownBy(() -> loss.evaluate(onlyImages, onlyImages))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("total: component 'adversarial': entry 1 was selected but"
                        + " the list has 1 entries");
    }

    @Test
    void rejectsComponentsWithDifferentShapes() {
        WeightedSumLoss loss =
                WeightedSumLoss.builder()
                        .add("mean", PixelLoss.l1().build(), 0)
                        .add("none", PixelLoss.l1().optReduction(Reduction.NONE).build(), 0)
                        .build();
        NDList x = new NDList(manager.zeros(new Shape(2, 3)));
        assertThatThrownBy(() -> loss.evaluate(x, x))
                .hasMessageContaining("component 'none' returned shape (2) but 'mean' returned"
                        + " shape ()");
    }
}
