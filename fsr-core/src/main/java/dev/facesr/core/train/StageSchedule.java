package dev.facesr.core.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered stages of a run. Stages share blocks by instance: a later stage may train a block
 * further, keep it frozen ({@code optFreeze}), or receive a copy of it ({@code optHandover}).
 */
public final class StageSchedule {

    private final List<TrainingStage> stages;

    private StageSchedule(List<TrainingStage> stages) {
        this.stages = Collections.unmodifiableList(new ArrayList<>(stages));
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes a schedule of the given stages, in order.
     *
     * @param stages the stages
     * @return the schedule
     */
    public static StageSchedule of(TrainingStage... stages) {
        Builder b = builder();
        for (TrainingStage s : stages) {
            b.add(s);
        }
        return b.build();
    }

    /**
     * Returns the stages in order.
     *
     * @return an unmodifiable list
     */
    public List<TrainingStage> getStages() {
        return stages;
    }

    /**
     * Returns the total number of steps if no stage stops early.
     *
     * @return the sum of the stages' steps
     */
    public long getTotalSteps() {
        return stages.stream().mapToLong(TrainingStage::getSteps).sum();
    }

    /** Builder for {@link StageSchedule}. */
    public static final class Builder {
        private final List<TrainingStage> stages = new ArrayList<>();

        private Builder() {}

        /**
         * Appends a stage.
         *
         * @param stage the stage
         * @return this builder
         */
        public Builder add(TrainingStage stage) {
            stages.add(stage);
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         * @throws IllegalArgumentException if it is empty or two stages share a name or an
         *     optimizer instance
         */
        public StageSchedule build() {
            if (stages.isEmpty()) {
                throw new IllegalArgumentException("a schedule needs at least one stage; call"
                        + " add(stage)");
            }
            Set<String> names = new HashSet<>();
            Set<Object> optimizers = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (TrainingStage s : stages) {
                if (s == null) {
                    throw new IllegalArgumentException("a stage is null");
                }
                if (!names.add(s.getName())) {
                    throw new IllegalArgumentException("two stages are named '" + s.getName()
                            + "'; stage names must be unique");
                }
                for (Object o : s.getOptimizers().values()) {
                    if (!optimizers.add(o)) {
                        throw new IllegalArgumentException("stage '" + s.getName() + "' reuses an"
                                + " optimizer instance of another stage; give each its own");
                    }
                }
            }
            return new StageSchedule(stages);
        }
    }
}
