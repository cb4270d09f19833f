package dev.facesr.core.loss.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import dev.facesr.core.loss.Reduction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A contract test for any loss: checks, on inputs you provide, the properties every FaceSR loss
 * must have, and fails with a message naming each broken property and its numbers.
 *
 * <p>Use it from a JUnit 5 test (it throws {@link AssertionError}, so it needs no test
 * framework):
 *
 * <pre>{@code
 * LossContract.of((weight, reduction) -> PixelLoss.l1().optWeight(weight)
 *                 .optReduction(reduction).build())
 *         .inputs(m -> new NDList(m.randomUniform(0, 1, new Shape(4, 3, 8, 8))),
 *                 m -> new NDList(m.randomUniform(0, 1, new Shape(4, 3, 8, 8))))
 *         .zeroWhenEqual()
 *         .verify();
 * }</pre>
 *
 * <p>The factory builds the loss for a weight and a {@link Reduction}; the input functions make
 * the labels and predictions on the manager they are given, every entry with the batch (size
 * {@code N >= 2}) on axis 0, the predictions different from the labels. Checked, with weight
 * {@code w} (0.7 unless {@link #weight(float)} says otherwise):
 *
 * <ul>
 *   <li><b>shape</b>: a scalar for MEAN and SUM, {@code (N)} for NONE;
 *   <li><b>non-degenerate</b>: the loss of the inputs is not zero (else nothing below means
 *       much);
 *   <li><b>non-negative</b> for every reduction (unless {@link #allowNegative()});
 *   <li><b>weight linearity</b>: for every reduction, the loss at weights 0, {@code w} and 2.5 is
 *       that weight times the loss at weight 1;
 *   <li><b>SUM = N x MEAN</b>, and NONE's values average to MEAN and add up to SUM;
 *   <li><b>batch independence</b>: the MEAN loss of a batch of 3 copies of one sample equals the
 *       loss of that sample alone (for the first and the last sample);
 *   <li><b>zero when equal</b> (opt-in, {@link #zeroWhenEqual()}): zero when the predictions are
 *       the labels; or zero on inputs you give ({@link #zeroWhen});
 *   <li><b>gradients</b>: the gradient of the MEAN loss w.r.t. every floating-point prediction
 *       is finite and not all zero ({@link GradientCollector}, closed after use);
 *   <li><b>inputs unchanged</b>: the loss does not modify its labels or predictions in place.
 * </ul>
 *
 * <p>The input functions are called once per {@link #check()}, so random inputs are fine.
 */
public final class LossContract {

    /** Builds the loss under test for a weight and a reduction. */
    @FunctionalInterface
    public interface LossFactory {

        /**
         * Builds the loss.
         *
         * @param weight the weight to give the loss
         * @param reduction the reduction to give the loss
         * @return a new loss
         */
        Loss create(float weight, Reduction reduction);
    }

    /** Makes labels or predictions on a manager. */
    @FunctionalInterface
    public interface Inputs {

        /**
         * Makes the arrays.
         *
         * @param manager the manager to create them on (closed by the contract)
         * @return the arrays, each with the batch on axis 0
         */
        NDList create(NDManager manager);
    }

    private static final int COPIES = 3;
    private static final String DETAIL = "\n      ";
    private static final float LARGE_WEIGHT = 2.5f;

    private final LossFactory factory;
    private Inputs labels;
    private Inputs predictions;
    private boolean zeroWhenEqual;
    private Inputs zeroLabels;
    private Inputs zeroPredictions;
    private boolean allowNegative;
    private float weight = 0.7f;
    private double relativeTolerance = 1e-4;
    private double absoluteTolerance = 1e-5;

    private LossContract(LossFactory factory) {
        this.factory = Objects.requireNonNull(factory, "LossContract: the loss factory is null");
    }

    /**
     * Starts a contract for the losses a factory builds.
     *
     * @param factory builds the loss for a weight and a reduction
     * @return the contract
     */
    public static LossContract of(LossFactory factory) {
        return new LossContract(factory);
    }

    /**
     * Sets the inputs the properties are checked on (required).
     *
     * @param labels makes the labels
     * @param predictions makes the predictions, different from the labels
     * @return this contract
     */
    public LossContract inputs(Inputs labels, Inputs predictions) {
        this.labels = Objects.requireNonNull(labels, "labels");
        this.predictions = Objects.requireNonNull(predictions, "predictions");
        return this;
    }

    /**
     * Also checks that the loss is zero when the predictions are the labels (the first {@code
     * predictions.size()} entries of the labels are passed as predictions).
     *
     * @return this contract
     */
    public LossContract zeroWhenEqual() {
        this.zeroWhenEqual = true;
        return this;
    }

    /**
     * Also checks that the loss is zero on the given inputs (e.g. a symmetric image for a symmetry
     * loss).
     *
     * @param labels makes the labels
     * @param predictions makes the predictions
     * @return this contract
     */
    public LossContract zeroWhen(Inputs labels, Inputs predictions) {
        this.zeroLabels = Objects.requireNonNull(labels, "labels");
        this.zeroPredictions = Objects.requireNonNull(predictions, "predictions");
        return this;
    }

    /**
     * Skips the non-negativity check, for losses that may legitimately be negative (e.g. the
     * hinge generator loss {@code -D(sr)}).
     *
     * @return this contract
     */
    public LossContract allowNegative() {
        this.allowNegative = true;
        return this;
    }

    /**
     * Sets the weight the properties are checked with (default 0.7, on purpose not 1).
     *
     * @param weight a finite positive weight
     * @return this contract
     */
    public LossContract weight(float weight) {
        if (!Float.isFinite(weight) || weight <= 0) {
            throw new IllegalArgumentException(
                    "LossContract: the weight must be a finite number > 0 but was " + weight);
        }
        this.weight = weight;
        return this;
    }

    /**
     * Sets how close two numbers must be: {@code |a - b| <= absolute + relative * max(|a|, |b|)}
     * (defaults 1e-4 and 1e-5).
     *
     * @param relative the relative tolerance
     * @param absolute the absolute tolerance
     * @return this contract
     */
    public LossContract tolerance(double relative, double absolute) {
        this.relativeTolerance = relative;
        this.absoluteTolerance = absolute;
        return this;
    }

    /**
     * Checks every property and throws if any fails.
     *
     * @throws AssertionError listing every failed property with its numbers
     */
    public void verify() {
        List<String> failures = check();
        if (!failures.isEmpty()) {
            StringBuilder message =
                    new StringBuilder("loss contract violated (")
                            .append(failures.size())
                            .append(failures.size() == 1 ? " property" : " properties")
                            .append(" failed) by ")
                            .append(describe())
                            .append(':');
            for (String failure : failures) {
                message.append("\n  - ").append(failure);
            }
            throw new AssertionError(message.toString());
        }
    }

    /**
     * Checks every property and returns what failed.
     *
     * @return one message per failed property; empty if the loss keeps the contract
     */
    public List<String> check() {
        if (labels == null || predictions == null) {
            throw new IllegalStateException(
                    "LossContract: call inputs(labels, predictions) before verify()");
        }
        List<String> failures = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList labelList = labels.create(manager);
            NDList predictionList = predictions.create(manager);
            long batch;
            try {
                batch = batchSize(labelList, predictionList);
            } catch (IllegalArgumentException e) {
                failures.add("inputs: " + e.getMessage());
                return failures;
            }
            List<float[]> labelsBefore = snapshot(labelList);
            List<float[]> predictionsBefore = snapshot(predictionList);
            run(failures, "shape", () -> checkShapes(labelList, predictionList, batch));
            run(failures, "non-degenerate", () -> checkNonDegenerate(labelList, predictionList));
            if (!allowNegative) {
                run(failures, "non-negative", () -> checkNonNegative(labelList, predictionList));
            }
            run(failures, "weight linearity", () -> checkLinearity(labelList, predictionList));
            run(failures, "reductions", () -> checkReductions(labelList, predictionList, batch));
            run(
                    failures,
                    "batch independence",
                    () -> checkBatchIndependence(labelList, predictionList, batch));
            if (zeroWhenEqual) {
                run(
                        failures,
                        "zero when equal",
                        () -> checkZeroWhenEqual(labelList, predictionList));
            }
            if (zeroLabels != null) {
                run(
                        failures,
                        "zero on the given inputs",
                        () ->
                                checkZero(
                                        "on the inputs given to zeroWhen(...)",
                                        zeroLabels.create(manager),
                                        zeroPredictions.create(manager)));
            }
            run(failures, "gradients", () -> checkGradients(labelList, predictionList));
            run(
                    failures,
                    "inputs unchanged",
                    () -> checkUnchanged(labelsBefore, labelList, "labels")
                            .or(() -> checkUnchanged(predictionsBefore, predictionList,
                                    "predictions"))
                            .orElse(null));
        }
        return failures;
    }

    private interface Check {
        String run();
    }

    /** Runs one check; a check returns null when it passes, or a message. */
    private static void run(List<String> failures, String property, Check check) {
        try {
            String failure = check.run();
            if (failure != null) {
                failures.add(property + ": " + failure);
            }
        } catch (RuntimeException e) {
            failures.add(
                    property
                            + ": the loss threw "
                            + e.getClass().getSimpleName()
                            + ": "
                            + e.getMessage());
        }
    }

    private String describe() {
        try {
            Loss loss = factory.create(weight, Reduction.MEAN);
            return loss.getName() + " (" + loss + ")";
        } catch (RuntimeException e) {
            return "the loss factory (which threw " + e + ")";
        }
    }

    private static long batchSize(NDList labels, NDList predictions) {
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException(
                    "the predictions are empty; give at least one array");
        }
        long batch = -1;
        List<NDArray> all = new ArrayList<>(labels);
        all.addAll(predictions);
        for (NDArray array : all) {
            Shape shape = array.getShape();
            if (shape.dimension() == 0) {
                throw new IllegalArgumentException(
                        "every input needs the batch on axis 0 but one is a scalar");
            }
            if (batch < 0) {
                batch = shape.get(0);
            } else if (shape.get(0) != batch) {
                throw new IllegalArgumentException(
                        "every input needs the same batch size on axis 0 but found "
                                + batch
                                + " and "
                                + shape.get(0)
                                + " (shape "
                                + shape
                                + ")");
            }
        }
        if (batch < 2) {
            throw new IllegalArgumentException(
                    "use a batch of at least 2 samples (found " + batch + ")");
        }
        return batch;
    }

    private NDArray evaluate(float w, Reduction reduction, NDList labelList, NDList predList) {
        return factory.create(w, reduction).evaluate(labelList, predList);
    }

    private float scalar(float w, Reduction reduction, NDList labelList, NDList predList) {
        NDArray value = evaluate(w, reduction, labelList, predList);
        if (value.getShape().size() != 1) {
            throw new IllegalStateException(
                    reduction + " returned shape " + value.getShape() + " instead of a scalar");
        }
        return value.toType(DataType.FLOAT32, false).toFloatArray()[0];
    }

    private float[] values(float w, Reduction reduction, NDList labelList, NDList predList) {
        return evaluate(w, reduction, labelList, predList).toType(DataType.FLOAT32, false)
                .toFloatArray();
    }

    private static List<float[]> snapshot(NDList list) {
        List<float[]> values = new ArrayList<>(list.size());
        for (NDArray array : list) {
            values.add(array.toType(DataType.FLOAT32, false).toFloatArray());
        }
        return values;
    }

    private static Optional<String> checkUnchanged(
            List<float[]> before, NDList used, String role) {
        for (int i = 0; i < used.size(); i++) {
            float[] after = used.get(i).toType(DataType.FLOAT32, false).toFloatArray();
            if (!Arrays.equals(before.get(i), after)) {
                return Optional.of(
                        role
                                + "["
                                + i
                                + "] was modified by the loss (an in-place operation such as"
                                + " subi?); a loss must not change its inputs");
            }
        }
        return Optional.empty();
    }

    private String checkShapes(NDList labelList, NDList predList, long batch) {
        List<String> problems = new ArrayList<>();
        for (Reduction reduction : new Reduction[] {Reduction.MEAN, Reduction.SUM}) {
            Shape shape = evaluate(weight, reduction, labelList, predList).getShape();
            if (shape.dimension() != 0) {
                problems.add(reduction + " must return a scalar (shape ()) but returned " + shape);
            }
        }
        Shape none = evaluate(weight, Reduction.NONE, labelList, predList).getShape();
        if (!none.equals(new Shape(batch))) {
            problems.add(
                    "NONE must return one value per sample, shape ("
                            + batch
                            + "), but returned "
                            + none);
        }
        return problems.isEmpty() ? null : String.join(DETAIL, problems);
    }

    private String checkNonDegenerate(NDList labelList, NDList predList) {
        float value = scalar(1f, Reduction.MEAN, labelList, predList);
        if (!Float.isFinite(value)) {
            return "the MEAN loss at weight 1 is " + value + ", not a finite number";
        }
        if (Math.abs(value) <= absoluteTolerance * 10) {
            return "the MEAN loss at weight 1 is "
                    + fmt(value)
                    + ", about zero, so the other checks prove little; give predictions that"
                    + " differ from the labels";
        }
        return null;
    }

    private String checkNonNegative(NDList labelList, NDList predList) {
        List<String> problems = new ArrayList<>();
        for (Reduction reduction : Reduction.values()) {
            float[] v = values(weight, reduction, labelList, predList);
            for (int i = 0; i < v.length; i++) {
                if (!(v[i] >= -absoluteTolerance)) {
                    problems.add(
                            reduction
                                    + (reduction == Reduction.NONE ? " sample " + i : "")
                                    + " = "
                                    + fmt(v[i]));
                }
            }
        }
        return problems.isEmpty()
                ? null
                : "the loss must be >= 0 (or call allowNegative()) but:"
                        + DETAIL
                        + String.join(DETAIL, problems);
    }

    private String checkLinearity(NDList labelList, NDList predList) {
        List<String> problems = new ArrayList<>();
        for (Reduction reduction : Reduction.values()) {
            float[] unit = values(1f, reduction, labelList, predList);
            for (float w : new float[] {0f, weight, LARGE_WEIGHT}) {
                float[] actual = values(w, reduction, labelList, predList);
                for (int i = 0; i < unit.length; i++) {
                    double expected = (double) w * unit[i];
                    if (actual.length != unit.length || !close(actual[i], expected)) {
                        problems.add(
                                reduction
                                        + (reduction == Reduction.NONE ? " sample " + i : "")
                                        + ": loss(weight="
                                        + w
                                        + ") = "
                                        + (actual.length == unit.length
                                                ? fmt(actual[i])
                                                : Arrays.toString(actual))
                                        + " but "
                                        + w
                                        + " x loss(weight=1) = "
                                        + fmt(expected));
                        break;
                    }
                }
            }
        }
        return problems.isEmpty()
                ? null
                : "the loss must be proportional to its weight:"
                        + DETAIL
                        + String.join(DETAIL, problems);
    }

    private String checkReductions(NDList labelList, NDList predList, long batch) {
        List<String> problems = new ArrayList<>();
        float mean = scalar(weight, Reduction.MEAN, labelList, predList);
        float sum = scalar(weight, Reduction.SUM, labelList, predList);
        if (!close(sum, batch * (double) mean)) {
            problems.add(
                    "SUM = "
                            + fmt(sum)
                            + " but N x MEAN = "
                            + batch
                            + " x "
                            + fmt(mean)
                            + " = "
                            + fmt(batch * (double) mean));
        }
        float[] none = values(weight, Reduction.NONE, labelList, predList);
        double total = 0;
        for (float v : none) {
            total += v;
        }
        if (!close(total, sum)) {
            problems.add("the NONE values " + Arrays.toString(none) + " add up to " + fmt(total)
                    + " but SUM = " + fmt(sum));
        }
        if (!close(total / none.length, mean)) {
            problems.add("the NONE values " + Arrays.toString(none) + " average "
                    + fmt(total / none.length) + " but MEAN = " + fmt(mean));
        }
        return problems.isEmpty() ? null : String.join(DETAIL, problems);
    }

    private String checkBatchIndependence(NDList labelList, NDList predList, long batch) {
        List<String> problems = new ArrayList<>();
        for (long i : new long[] {0, batch - 1}) {
            float single =
                    scalar(weight, Reduction.MEAN, sample(labelList, i, 1), sample(predList, i, 1));
            float copies =
                    scalar(
                            weight,
                            Reduction.MEAN,
                            sample(labelList, i, COPIES),
                            sample(predList, i, COPIES));
            if (!close(single, copies)) {
                problems.add(
                        "sample "
                                + i
                                + ": MEAN of "
                                + COPIES
                                + " copies = "
                                + fmt(copies)
                                + " but MEAN of the sample alone = "
                                + fmt(single));
            }
        }
        return problems.isEmpty()
                ? null
                : "the MEAN loss must not depend on the batch size (a MEAN that sums over the"
                        + " batch?):"
                        + DETAIL
                        + String.join(DETAIL, problems);
    }

    private static NDList sample(NDList list, long index, int copies) {
        NDList out = new NDList(list.size());
        for (NDArray array : list) {
            NDArray one = array.get(new NDIndex("{}:{}", index, index + 1));
            out.add(copies == 1 ? one : one.repeat(0, copies));
        }
        return out;
    }

    private String checkZeroWhenEqual(NDList labelList, NDList predList) {
        if (labelList.size() < predList.size()) {
            return "the labels have "
                    + labelList.size()
                    + " entries but the predictions "
                    + predList.size()
                    + "; zeroWhenEqual() passes the first predictions.size() labels as"
                    + " predictions, so use zeroWhen(...) instead";
        }
        NDList equal = new NDList(predList.size());
        for (int i = 0; i < predList.size(); i++) {
            equal.add(labelList.get(i).duplicate());
        }
        return checkZero("when the predictions equal the labels", labelList, equal);
    }

    private String checkZero(String when, NDList labelList, NDList predList) {
        List<String> problems = new ArrayList<>();
        for (Reduction reduction : Reduction.values()) {
            float[] v = values(weight, reduction, labelList, predList);
            for (int i = 0; i < v.length; i++) {
                if (!(Math.abs(v[i]) <= absoluteTolerance)) {
                    problems.add(
                            reduction
                                    + (reduction == Reduction.NONE ? " sample " + i : "")
                                    + " = "
                                    + fmt(v[i]));
                    break;
                }
            }
        }
        return problems.isEmpty()
                ? null
                : "the loss must be 0 "
                        + when
                        + " but:"
                        + DETAIL
                        + String.join(DETAIL, problems);
    }

    private String checkGradients(NDList labelList, NDList predList) {
        NDList tracked = new NDList(predList.size());
        for (NDArray p : predList) {
            NDArray copy = p.duplicate();
            if (p.getDataType().isFloating()) {
                copy.setRequiresGradient(true);
            }
            tracked.add(copy);
        }
        List<String> problems = new ArrayList<>();
        boolean anyNonZero = false;
        boolean anyTracked = false;
        try (GradientCollector collector =
                tracked.head().getManager().getEngine().newGradientCollector()) {
            NDArray value = evaluate(weight, Reduction.MEAN, labelList, tracked);
            try {
                collector.backward(value);
            } catch (RuntimeException e) {
                return "the gradient w.r.t. every prediction is zero: backward failed ("
                        + e.getMessage()
                        + "), so the MEAN loss is not connected to the predictions (detached by"
                        + " mistake?)";
            }
            for (int i = 0; i < tracked.size(); i++) {
                NDArray p = tracked.get(i);
                if (!p.getDataType().isFloating()) {
                    continue;
                }
                anyTracked = true;
                NDArray gradient;
                try {
                    gradient = p.getGradient();
                } catch (RuntimeException e) {
                    continue; // no gradient reached this prediction: counts as zero
                }
                boolean nonFinite =
                        gradient.isNaN().any().getBoolean()
                                || gradient.isInfinite().any().getBoolean();
                if (nonFinite) {
                    problems.add(
                            "the gradient w.r.t. predictions["
                                    + i
                                    + "] has NaN or infinite values (max |g| = "
                                    + fmt(gradient.abs().max().toType(DataType.FLOAT32, false)
                                            .getFloat())
                                    + ")");
                }
                if (gradient.abs().max().toType(DataType.FLOAT32, false).getFloat() > 0) {
                    anyNonZero = true;
                }
            }
        }
        if (anyTracked && !anyNonZero && problems.isEmpty()) {
            problems.add(
                    "the gradient w.r.t. every prediction is zero: the loss does not depend on"
                            + " the predictions (detached by mistake?)");
        }
        return problems.isEmpty() ? null : String.join(DETAIL, problems);
    }

    private boolean close(double actual, double expected) {
        return Math.abs(actual - expected)
                <= absoluteTolerance
                        + relativeTolerance * Math.max(Math.abs(actual), Math.abs(expected));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
