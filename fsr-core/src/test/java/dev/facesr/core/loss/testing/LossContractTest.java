package dev.facesr.core.loss.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import dev.facesr.core.loss.FaceLoss;
import dev.facesr.core.loss.LossInputs;
import dev.facesr.core.loss.PerSampleLoss;
import dev.facesr.core.loss.Reduction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests the fixture itself: it must accept a correct loss and reject broken ones. */
class LossContractTest {

    private static final PerSampleLoss L1 =
            (labels, predictions) ->
                    LossInputs.meanPerSample(predictions.head().sub(labels.head()).abs());

    private static LossContract contractFor(LossContract.LossFactory factory) {
        return LossContract.of(factory)
                .inputs(
                        m -> new NDList(m.arange(24f).div(24f).reshape(4, 6)),
                        m -> new NDList(m.arange(24f).div(24f).reshape(4, 6).flip(1)));
    }

    @Test
    void acceptsACorrectLoss() {
        assertThatCode(
                        () ->
                                contractFor(
                                                (w, r) ->
                                                        FaceLoss.of("l1", L1)
                                                                .optWeight(w)
                                                                .optReduction(r)
                                                                .build())
                                        .zeroWhenEqual()
                                        .verify())
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsALossThatIgnoresItsWeight() {
        assertThatThrownBy(
                        () ->
                                contractFor((w, r) -> FaceLoss.of("l1", L1).optReduction(r).build())
                                        .verify())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("weight linearity")
                .hasMessageContaining("loss(weight=2.5)")
                .hasMessageContaining("2.5 x loss(weight=1)");
    }

    @Test
    void rejectsDjlsWeightedL1WhichReturnsScaledLabels() {
        List<String> failures = contractFor((w, r) -> Loss.l1Loss("djl_l1", w)).check();
        assertThat(failures).anySatisfy(f -> assertThat(f).startsWith("weight linearity"));
        // DJL's loss has no per-sample mode either
        assertThat(failures).anySatisfy(f -> assertThat(f).startsWith("shape"));
    }

    @Test
    void rejectsAMeanThatSumsOverTheBatch() {
        LossContract.LossFactory sumsForMean =
                (w, r) ->
                        new Loss("sum_as_mean") {
                            private final FaceLoss inner =
                                    FaceLoss.of("l1", L1)
                                            .optWeight(w)
                                            .optReduction(
                                                    r == Reduction.MEAN ? Reduction.SUM : r)
                                            .build();

                            @Override
                            public NDArray evaluate(NDList labels, NDList predictions) {
                                return inner.evaluate(labels, predictions);
                            }
                        };
        assertThatThrownBy(() -> contractFor(sumsForMean).verify())
                .hasMessageContaining("batch independence")
                .hasMessageContaining("MEAN of 3 copies")
                .hasMessageContaining("SUM = ");
    }

    @Test
    void rejectsANegativeLossUnlessAllowed() {
        LossContract.LossFactory negative =
                (w, r) ->
                        FaceLoss.of("negative", (l, p) -> L1.perSample(l, p).neg())
                                .optWeight(w)
                                .optReduction(r)
                                .build();
        assertThatThrownBy(() -> contractFor(negative).verify())
                .hasMessageContaining("non-negative: the loss must be >= 0")
                .hasMessageContaining("MEAN = -");
        assertThatCode(() -> contractFor(negative).allowNegative().verify())
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsALossThatIsNotZeroWhenEqual() {
        LossContract.LossFactory offset =
                (w, r) ->
                        FaceLoss.of("offset", (l, p) -> L1.perSample(l, p).add(1f))
                                .optWeight(w)
                                .optReduction(r)
                                .build();
        assertThatCode(() -> contractFor(offset).verify()).doesNotThrowAnyException();
        assertThatThrownBy(() -> contractFor(offset).zeroWhenEqual().verify())
                .hasMessageContaining("zero when equal: the loss must be 0")
                .hasMessageContaining("MEAN = 0.700000");
    }

    @Test
    void rejectsNonFiniteGradients() {
        // sqrt(|d|) has an infinite slope where prediction equals label (the first entries)
        LossContract.LossFactory sqrt =
                (w, r) ->
                        FaceLoss.of(
                                        "sqrt",
                                        (l, p) ->
                                                LossInputs.meanPerSample(
                                                        p.head().sub(l.head()).abs().sqrt()))
                                .optWeight(w)
                                .optReduction(r)
                                .build();
        LossContract contract =
                LossContract.of(sqrt)
                        .inputs(
                                m -> new NDList(m.zeros(new Shape(2, 3))),
                                m -> new NDList(m.create(new float[] {0, 1, 1, 1, 1, 1}, new Shape(2, 3))));
        assertThatThrownBy(contract::verify)
                .hasMessageContaining("gradients: the gradient w.r.t. predictions[0] has NaN or"
                        + " infinite values");
    }

    @Test
    void rejectsALossThatDetachesThePrediction() {
        LossContract.LossFactory detached =
                (w, r) ->
                        FaceLoss.of(
                                        "detached",
                                        (l, p) -> L1.perSample(l, new NDList(p.head().stopGradient())))
                                .optWeight(w)
                                .optReduction(r)
                                .build();
        assertThatThrownBy(() -> contractFor(detached).verify())
                .hasMessageContaining("gradients: the gradient w.r.t. every prediction is zero");
    }

    @Test
    void rejectsALossThatModifiesItsInputs() {
        LossContract.LossFactory inPlace =
                (w, r) ->
                        FaceLoss.of(
                                        "in_place",
                                        (l, p) -> {
                                            NDArray label = l.head();
                                            label.muli(1.5f); // a bug: scales the caller's labels
                                            return L1.perSample(l, p);
                                        })
                                .optWeight(w)
                                .optReduction(r)
                                .build();
        assertThatThrownBy(() -> contractFor(inPlace).verify())
                .hasMessageContaining("inputs unchanged: labels[0] was modified by the loss");
    }

    @Test
    void rejectsDegenerateInputs() {
        LossContract contract =
                LossContract.of(
                                (w, r) ->
                                        FaceLoss.of("l1", L1).optWeight(w).optReduction(r).build())
                        .inputs(
                                m -> new NDList(m.ones(new Shape(2, 3))),
                                m -> new NDList(m.ones(new Shape(2, 3))));
        assertThatThrownBy(contract::verify).hasMessageContaining("non-degenerate");
    }

    @Test
    void rejectsABatchOfOneAndInconsistentBatches() {
        LossContract.LossFactory l1 =
                (w, r) -> FaceLoss.of("l1", L1).optWeight(w).optReduction(r).build();
        assertThatThrownBy(
                        () ->
                                LossContract.of(l1)
                                        .inputs(
                                                m -> new NDList(m.ones(new Shape(1, 3))),
                                                m -> new NDList(m.zeros(new Shape(1, 3))))
                                        .verify())
                .hasMessageContaining("inputs: use a batch of at least 2 samples (found 1)");
        assertThatThrownBy(
                        () ->
                                LossContract.of(l1)
                                        .inputs(
                                                m -> new NDList(m.ones(new Shape(2, 3))),
                                                m -> new NDList(m.zeros(new Shape(3, 3))))
                                        .verify())
                .hasMessageContaining("same batch size on axis 0 but found 2 and 3");
    }

    @Test
    void reportsALossThatThrows() {
        LossContract.LossFactory throwing =
                (w, r) ->
                        FaceLoss.of(
                                        "throws",
                                        (l, p) -> {
                                            throw new IllegalArgumentException("bad input");
                                        })
                                .build();
        assertThatThrownBy(() -> contractFor(throwing).verify())
                .hasMessageContaining("shape: the loss threw IllegalArgumentException: bad input");
    }

    @Test
    void requiresInputs() {
        assertThatThrownBy(
                        () ->
                                LossContract.of((w, r) -> FaceLoss.of("l1", L1).build())
                                        .verify())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call inputs(labels, predictions)");
    }

    @Test
    void closesItsManagerAndCollector() {
        // a second GradientCollector in the same JVM fails if the contract left one open
        LossContract.LossFactory l1 =
                (w, r) -> FaceLoss.of("l1", L1).optWeight(w).optReduction(r).build();
        contractFor(l1).verify();
        try (NDManager manager = NDManager.newBaseManager();
                ai.djl.training.GradientCollector collector =
                        manager.getEngine().newGradientCollector()) {
            assertThat(collector).isNotNull();
        }
    }
}
