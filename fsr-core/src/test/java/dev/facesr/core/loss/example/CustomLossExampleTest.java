package dev.facesr.core.loss.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.facesr.core.loss.FaceLoss;
import dev.facesr.core.loss.LossInputs;
import dev.facesr.core.loss.Reduction;
import dev.facesr.core.loss.testing.LossContract;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/losses.md, compiled and run: a researcher's edge-aware L1 loss, written in
 * a few lines outside the library's package and checked with the {@link LossContract} fixture.
 */
class CustomLossExampleTest {

    // --- docs/losses.md: custom loss (begin) ---
    /** L1 that counts errors on the label's edges (1 + alpha * |gradient|) times more. */
    static FaceLoss edgeAwareL1(float alpha, float weight, Reduction reduction) {
        return FaceLoss.of(
                        "edge_aware_l1",
                        (labels, predictions) -> {
                            NDArray hr = LossInputs.entry("edge_aware_l1", labels, "labels", 0);
                            NDArray sr =
                                    LossInputs.entry("edge_aware_l1", predictions, "predictions", 0);
                            LossInputs.requireSameShape("edge_aware_l1", "sr", sr, "hr", hr);
                            NDArray inner = hr.get(":, :, 1:, 1:");
                            NDArray edges = inner.sub(hr.get(":, :, :-1, 1:")).abs()
                                    .add(inner.sub(hr.get(":, :, 1:, :-1")).abs());
                            NDArray error = sr.get(":, :, 1:, 1:").sub(inner).abs();
                            return LossInputs.meanPerSample(error.mul(edges.mul(alpha).add(1f)));
                        })
                .optWeight(weight)
                .optReduction(reduction)
                .build();
    }

    @Test
    void edgeAwareL1KeepsTheLossContract() {
        LossContract.of((weight, reduction) -> edgeAwareL1(4f, weight, reduction))
                .inputs(
                        m -> new NDList(m.randomUniform(0f, 1f, new Shape(4, 3, 8, 8))),
                        m -> new NDList(m.randomUniform(0f, 1f, new Shape(4, 3, 8, 8))))
                .zeroWhenEqual()
                .verify();
    }
    // --- docs/losses.md: custom loss (end) ---

    @Test
    void errorsOnEdgesCostMore() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // label: left half 0, right half 1 (a vertical edge between columns 1 and 2)
            NDArray hr = manager.create(new float[] {0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1},
                    new Shape(1, 1, 3, 4));
            NDArray errorOnEdge = hr.duplicate();
            errorOnEdge.set(new ai.djl.ndarray.index.NDIndex("0, 0, 1, 2"), 0.5f);
            NDArray errorOffEdge = hr.duplicate();
            errorOffEdge.set(new ai.djl.ndarray.index.NDIndex("0, 0, 1, 3"), 1.5f);
            FaceLoss loss = edgeAwareL1(4f, 1f, Reduction.MEAN);
            float onEdge = loss.evaluate(new NDList(hr), new NDList(errorOnEdge)).getFloat();
            float offEdge = loss.evaluate(new NDList(hr), new NDList(errorOffEdge)).getFloat();
            // both errors are 0.5; the one on the edge is weighted 1 + 4 * 1
            assertThat(onEdge).isCloseTo(5f * offEdge, within(1e-6f)).isPositive();
        }
    }
}
