package dev.facesr.core.train;

import java.util.Map;

/**
 * Ends a stage when a validation figure has not improved for {@code patience} validations.
 * Immutable settings; the running state is an {@link EarlyStopping.State} kept (and
 * checkpointed) by the run.
 */
public final class EarlyStopping {

    /** Whether smaller or larger values of the figure are better. */
    public enum Mode {
        /** Smaller is better (losses). */
        MINIMIZE,
        /** Larger is better (PSNR, SSIM). */
        MAXIMIZE
    }

    private final String figure;
    private final Mode mode;
    private final int patience;
    private final double minDelta;

    private EarlyStopping(String figure, Mode mode, int patience, double minDelta) {
        if (figure == null || figure.isBlank()) {
            throw new IllegalArgumentException("early stopping needs a figure name, e.g. val/loss");
        }
        if (mode == null) {
            throw new IllegalArgumentException("early stopping mode must not be null");
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1 validation, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("minDelta must be >= 0, got " + minDelta);
        }
        this.figure = figure;
        this.mode = mode;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /**
     * Makes a rule.
     *
     * @param figure the validation figure to watch, e.g. {@code val/loss}
     * @param mode whether it should go down or up
     * @param patience how many validations without improvement end the stage (>= 1)
     * @param minDelta the least change that counts as an improvement (>= 0)
     * @return the rule
     */
    public static EarlyStopping of(String figure, Mode mode, int patience, double minDelta) {
        return new EarlyStopping(figure, mode, patience, minDelta);
    }

    /**
     * Returns the watched figure's name.
     *
     * @return the figure name
     */
    public String getFigure() {
        return figure;
    }

    /**
     * Returns the mode.
     *
     * @return the mode
     */
    public Mode getMode() {
        return mode;
    }

    /**
     * Returns the patience.
     *
     * @return the number of validations without improvement that end the stage
     */
    public int getPatience() {
        return patience;
    }

    /**
     * Returns the next state after a validation.
     *
     * @param state the state before
     * @param figures the validation figures
     * @return the state after
     * @throws IllegalStateException if the watched figure is not among the figures
     */
    public State update(State state, Map<String, Double> figures) {
        Double value = figures.get(figure);
        if (value == null) {
            throw new IllegalStateException("early stopping watches '" + figure + "' but the"
                    + " validator gave only " + figures.keySet());
        }
        boolean improved = Double.isNaN(state.best())
                || (mode == Mode.MINIMIZE ? value < state.best() - minDelta
                        : value > state.best() + minDelta);
        if (improved) {
            return new State(value, 0);
        }
        return new State(state.best(), state.validationsWithoutImprovement() + 1);
    }

    /**
     * Tells whether the stage should end in this state.
     *
     * @param state the state
     * @return true when patience is exhausted
     */
    public boolean shouldStop(State state) {
        return state.validationsWithoutImprovement() >= patience;
    }

    /**
     * The running state of an early-stopping rule.
     *
     * @param best the best value seen (NaN before the first validation)
     * @param validationsWithoutImprovement validations since the best one
     */
    public record State(double best, int validationsWithoutImprovement) {

        /**
         * Returns the state before any validation.
         *
         * @return the initial state
         */
        public static State initial() {
            return new State(Double.NaN, 0);
        }
    }
}
