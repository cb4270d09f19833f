package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sum of named loss components, each fed a selection of the labels and predictions, so a
 * training step can log every part.
 *
 * <p>Each component is any DJL {@link Loss}, carrying its own weight (every {@link FaceLoss} has
 * one), and an {@link InputSelector} for the labels and one for the predictions. {@code
 * .add("pixel", l1, 0)} gives {@code l1} {@code NDList(labels[0])} and {@code
 * NDList(predictions[0])}. A generator loss under the project's adversarial convention ({@code
 * labels (hr, dReal)}, {@code predictions (sr, dFake)}):
 *
 * <pre>{@code
 * WeightedSumLoss gLoss = WeightedSumLoss.builder()
 *         .add("pixel", PixelLoss.l1().build(), 0)
 *         .add("perceptual", perceptual, 0)
 *         .add("adversarial", AdversarialLoss.generator(GanType.RELATIVISTIC_AVERAGE)
 *                 .optWeight(5e-3f).build(), 1)
 *         .build();
 * }</pre>
 *
 * <p>{@link #evaluate} returns the sum of the components; {@link #evaluateComponents} returns
 * every weighted component by name in declaration order (they add up to {@code evaluate}). All
 * components must return the same shape (scalars, or {@code (N)} if all use {@link
 * Reduction#NONE}).
 */
public final class WeightedSumLoss extends Loss implements ComponentLoss {

    private final List<Component> components;

    private WeightedSumLoss(Builder builder) {
        super(builder.name);
        this.components = List.copyOf(builder.components);
    }

    /**
     * Starts an empty sum named {@code total}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the component names in declaration order.
     *
     * @return the names
     */
    public List<String> getComponentNames() {
        List<String> names = new ArrayList<>(components.size());
        for (Component c : components) {
            names.add(c.name);
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * Returns the loss of a component.
     *
     * @param name the component name
     * @return the loss
     * @throws IllegalArgumentException if there is no such component
     */
    public Loss getComponent(String name) {
        for (Component c : components) {
            if (c.name.equals(name)) {
                return c.loss;
            }
        }
        throw new IllegalArgumentException(
                getName() + ": no component named '" + name + "'; have " + getComponentNames());
    }

    /**
     * Returns the sum of all weighted components.
     *
     * @param labels all labels; each component receives its selection
     * @param predictions all predictions; each component receives its selection
     * @return the sum
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray total = null;
        for (NDArray value : evaluateComponents(labels, predictions).values()) {
            total = total == null ? value : total.add(value);
        }
        return total;
    }

    /**
     * Computes every component, already weighted, by name in declaration order.
     *
     * @param labels all labels
     * @param predictions all predictions
     * @return the components' values
     * @throws IllegalArgumentException naming the component whose inputs were wrong, or if
     *     components return different shapes
     */
    @Override
    public Map<String, NDArray> evaluateComponents(NDList labels, NDList predictions) {
        Map<String, NDArray> values = new LinkedHashMap<>();
        Component first = null;
        for (Component c : components) {
            NDArray value = c.evaluate(getName(), labels, predictions);
            if (first == null) {
                first = c;
            } else if (!value.getShape().equals(values.get(first.name).getShape())) {
                throw new IllegalArgumentException(
                        getName()
                                + ": component '"
                                + c.name
                                + "' returned shape "
                                + value.getShape()
                                + " but '"
                                + first.name
                                + "' returned shape "
                                + values.get(first.name).getShape()
                                + "; give all components the same reduction");
            }
            values.put(c.name, value);
        }
        return values;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "WeightedSumLoss{name=" + getName() + ", components=" + components + "}";
    }

    private static final class Component {
        final String name;
        final Loss loss;
        final InputSelector labels;
        final InputSelector predictions;

        Component(String name, Loss loss, InputSelector labels, InputSelector predictions) {
            this.name = name;
            this.loss = loss;
            this.labels = labels;
            this.predictions = predictions;
        }

        NDArray evaluate(String sumName, NDList allLabels, NDList allPredictions) {
            NDList selectedLabels;
            NDList selectedPredictions;
            try {
                selectedLabels = labels.select(allLabels);
                selectedPredictions = predictions.select(allPredictions);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        sumName + ": component '" + name + "': " + e.getMessage(), e);
            }
            try {
                return loss.evaluate(selectedLabels, selectedPredictions);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        sumName + ": component '" + name + "': " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return name + "=" + loss;
        }
    }

    /** Builds a {@link WeightedSumLoss}; components keep the order in which they are added. */
    public static final class Builder {

        private String name = "total";
        private final List<Component> components = new ArrayList<>();

        Builder() {}

        /**
         * Sets the name of the sum (default {@code total}).
         *
         * @param name a non-blank name
         * @return this builder
         */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        /**
         * Adds a component that receives all labels and all predictions.
         *
         * @param name a unique component name
         * @param loss the loss, with its weight
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or already used
         */
        public Builder add(String name, Loss loss) {
            return add(name, loss, InputSelector.all(), InputSelector.all());
        }

        /**
         * Adds a component that receives {@code NDList(labels[index])} and {@code
         * NDList(predictions[index])}.
         *
         * @param name a unique component name
         * @param loss the loss, with its weight
         * @param index the entry of both lists
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or already used
         */
        public Builder add(String name, Loss loss, int index) {
            InputSelector selector = InputSelector.index(index);
            return add(name, loss, selector, selector);
        }

        /**
         * Adds a component that receives entries {@code from..to-1} of both lists.
         *
         * @param name a unique component name
         * @param loss the loss, with its weight
         * @param from the first entry
         * @param to one past the last entry
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or already used, or the range
         *     is empty
         */
        public Builder addRange(String name, Loss loss, int from, int to) {
            InputSelector selector = InputSelector.range(from, to);
            return add(name, loss, selector, selector);
        }

        /**
         * Adds a component whose labels and predictions are chosen by the same selector.
         *
         * @param name a unique component name
         * @param loss the loss, with its weight
         * @param selector applied to the labels and to the predictions
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or already used
         */
        public Builder add(String name, Loss loss, InputSelector selector) {
            return add(name, loss, selector, selector);
        }

        /**
         * Adds a component with separate selectors for labels and predictions.
         *
         * @param name a unique component name
         * @param loss the loss, with its weight
         * @param labels chooses the labels the loss receives
         * @param predictions chooses the predictions the loss receives
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or already used
         */
        public Builder add(
                String name, Loss loss, InputSelector labels, InputSelector predictions) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(
                        "WeightedSumLoss: a component needs a non-blank name but got '"
                                + name
                                + "'");
            }
            for (Component c : components) {
                if (c.name.equals(name)) {
                    throw new IllegalArgumentException(
                            "WeightedSumLoss: duplicate component name '"
                                    + name
                                    + "'; every component needs its own name");
                }
            }
            Objects.requireNonNull(loss, "WeightedSumLoss: component '" + name + "' has no loss");
            Objects.requireNonNull(
                    labels, "WeightedSumLoss: component '" + name + "' has no label selector");
            Objects.requireNonNull(
                    predictions,
                    "WeightedSumLoss: component '" + name + "' has no prediction selector");
            components.add(new Component(name, loss, labels, predictions));
            return this;
        }

        /**
         * Builds the sum.
         *
         * @return the loss
         * @throws IllegalArgumentException if there is no component or the name is blank
         */
        public WeightedSumLoss build() {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(
                        "WeightedSumLoss: the name must not be blank but was '" + name + "'");
            }
            if (components.isEmpty()) {
                throw new IllegalArgumentException(
                        name + ": add at least one component (add(name, loss, index))");
            }
            return new WeightedSumLoss(this);
        }
    }
}
