package dev.facesr.models.crossdomain;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import dev.facesr.core.loss.AdversarialLoss;
import dev.facesr.core.loss.EncodedTargetLoss;
import dev.facesr.core.loss.IdentityLoss;
import dev.facesr.core.loss.PixelLoss;
import dev.facesr.core.loss.StageRegressionLoss;
import dev.facesr.core.loss.WeightedSumLoss;
import dev.facesr.core.train.AdversarialStage;
import dev.facesr.core.train.StageSchedule;
import dev.facesr.core.train.SupervisedStage;
import dev.facesr.core.train.TrainingStage;
import dev.facesr.core.train.Validator;
import dev.facesr.core.train.optim.StatefulAdam;
import java.util.ArrayList;
import java.util.List;

/**
 * The staged training of {@link CrossDomainSr} (the training strategy, kept apart from the
 * network). Up to five stages, in this order; a stage with 0 steps is left out:
 *
 * <ol>
 *   <li>{@code autoencoder}: {@code decoder(encoder(x))} reconstructs {@code x}, L1, where {@code
 *       x} is an HR face or an LR face resized to the HR grid ({@link #setAutoencoderData}:
 *       records {@code data = [x], labels = [x]}, e.g. an {@code AutoencodingDataset}). The
 *       shared encoder learns one code space for both domains.
 *   <li>{@code regressor}: the encoder and decoder frozen, the {@link
 *       dev.facesr.core.nn.role.Regressor} learns to map the LR code to the HR code with a loss
 *       on every stage against {@code encoder(hr)} ({@link StageRegressionLoss}, MSE). With
 *       {@link #optRegressionLoss optRegressionLoss(false)} (the ablation) the same parameters are
 *       trained for the same steps by an L1 pixel loss through the frozen decoder instead, so the
 *       only difference is the code-regression loss.
 *   <li>{@code gan}: the whole model against a PatchGAN discriminator, L1 + LSGAN ({@link
 *       #optAdversarialWeight}, default 0.005), Adam (beta1 0.5, constant rate lr/2).
 *   <li>{@code end-to-end}: the whole model, L1, validated ({@link #optValidator}).
 *   <li>{@code identity} (only with {@link #optIdentityEmbedder}): L1 plus {@code 1 - cos} between
 *       a frozen face-identity network's embeddings of the SR and HR faces (the cross-resolution
 *       teacher of the recognition model), validated.
 * </ol>
 *
 * <p>Data for stages 2 to 5 ({@link #setTrainData}): {@code data = [lr resized to the HR grid],
 * labels = [hr]}. Supervised stages use Adam with a cosine decay from {@link #optLearningRate} to
 * 1/100 of it over the stage. The model must be built with {@code optGlobalResidual(false)}: in
 * this design the decoder maps a code to a face, in every stage.
 */
public final class CrossDomainSchedule {

    /** Stage names, as logged and checkpointed. */
    public static final String AUTOENCODER = "autoencoder";
    /** The regressor stage. */
    public static final String REGRESSOR = "regressor";
    /** The adversarial stage. */
    public static final String GAN = "gan";
    /** The end-to-end fine-tuning stage. */
    public static final String END_TO_END = "end-to-end";
    /** The identity fine-tuning stage. */
    public static final String IDENTITY = "identity";

    private CrossDomainSchedule() {}

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The autoencoder network: {@code x -> decoder(encoder(x))}.
     *
     * @param model the model whose parts are used
     * @return a block sharing the model's parameters
     */
    public static Block autoencoder(CrossDomainSr model) {
        return new SequentialBlock().add(model.getEncoder()).add(model.getDecoder());
    }

    /**
     * The code regressor: {@code lrUp -> (stage_1, ..., stage_S)} codes.
     *
     * @param model the model whose parts are used
     * @return a block sharing the model's parameters
     */
    public static Block codeRegressor(CrossDomainSr model) {
        return new SequentialBlock().add(model.getEncoder()).add(model.getRegressor());
    }

    /**
     * The regressor seen through the decoder: {@code lrUp -> decoder(last stage)}; what the
     * ablation trains with a pixel loss.
     *
     * @param model the model whose parts are used
     * @return a block sharing the model's parameters
     */
    public static Block regressorThroughDecoder(CrossDomainSr model) {
        return new SequentialBlock().add(model.getEncoder()).add(model.getRegressor())
                .add(new LambdaBlock(list -> new NDList(list.get(list.size() - 1)), "last-stage"))
                .add(model.getDecoder());
    }

    /**
     * The code-regression loss: every regressor stage against {@code encoder(hr)} (detached), MSE.
     *
     * @param model the model whose encoder makes the target codes
     * @return the loss, named {@code code_regression}
     */
    public static Loss codeRegressionLoss(CrossDomainSr model) {
        return new EncodedTargetLoss(model.getEncoder(),
                StageRegressionLoss.builder().optName("code_regression").build());
    }

    /** Builder of the schedule. */
    public static final class Builder {
        private CrossDomainSr model;
        private Block discriminator;
        private Dataset autoencoderData;
        private Dataset trainData;
        private long autoencoderSteps;
        private long regressorSteps;
        private long ganSteps;
        private long endToEndSteps;
        private long identitySteps;
        private boolean regressionLoss = true;
        private float learningRate = 2e-4f;
        private float adversarialWeight = 0.005f;
        private Block embedder;
        private float identityWeight = 0.1f;
        private Validator validator;

        private Builder() {}

        /**
         * @param model the model to train, built with {@code optGlobalResidual(false)}
         * @return this builder
         */
        public Builder setModel(CrossDomainSr model) {
            this.model = model;
            return this;
        }

        /**
         * @param discriminator the GAN stage's discriminator (e.g. {@link
         *     CrossDomainSr#discriminatorBuilder()}); needed when the GAN stage has steps
         * @return this builder
         */
        public Builder optDiscriminator(Block discriminator) {
            this.discriminator = discriminator;
            return this;
        }

        /**
         * @param data records {@code [x], [x]} for the autoencoder stage
         * @return this builder
         */
        public Builder setAutoencoderData(Dataset data) {
            this.autoencoderData = data;
            return this;
        }

        /**
         * @param data records {@code [lrUp], [hr]} for the other stages
         * @return this builder
         */
        public Builder setTrainData(Dataset data) {
            this.trainData = data;
            return this;
        }

        /**
         * Steps of each stage (0 leaves the stage out).
         *
         * @param autoencoder stage 1
         * @param regressor stage 2
         * @param gan stage 3
         * @param endToEnd stage 4
         * @param identity stage 5 (needs {@link #optIdentityEmbedder})
         * @return this builder
         */
        public Builder setSteps(long autoencoder, long regressor, long gan, long endToEnd, long identity) {
            this.autoencoderSteps = autoencoder;
            this.regressorSteps = regressor;
            this.ganSteps = gan;
            this.endToEndSteps = endToEnd;
            this.identitySteps = identity;
            return this;
        }

        /**
         * @param on false for the ablation: the regressor stage uses a pixel loss instead
         * @return this builder
         */
        public Builder optRegressionLoss(boolean on) {
            this.regressionLoss = on;
            return this;
        }

        /**
         * @param lr the peak learning rate of the supervised stages (default 2e-4)
         * @return this builder
         */
        public Builder optLearningRate(float lr) {
            this.learningRate = lr;
            return this;
        }

        /**
         * @param weight the LSGAN term's weight in the GAN stage (default 0.005)
         * @return this builder
         */
        public Builder optAdversarialWeight(float weight) {
            this.adversarialWeight = weight;
            return this;
        }

        /**
         * Enables the identity stage.
         *
         * @param embedder a trained face-identity network mapping (N, 3, H, W) faces in [0, 1] to
         *     (N, D) embeddings; it is frozen
         * @param weight the weight of {@code 1 - cos} (default 0.1)
         * @return this builder
         */
        public Builder optIdentityEmbedder(Block embedder, float weight) {
            this.embedder = embedder;
            this.identityWeight = weight;
            return this;
        }

        /**
         * @param validator run by the end-to-end and identity stages
         * @return this builder
         */
        public Builder optValidator(Validator validator) {
            this.validator = validator;
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the stages with steps, in order
         * @throws IllegalArgumentException naming what is missing or wrong
         */
        public StageSchedule build() {
            if (model == null) {
                throw new IllegalArgumentException("CrossDomainSchedule needs setModel(CrossDomainSr)");
            }
            if (model.isGlobalResidual()) {
                throw new IllegalArgumentException("CrossDomainSchedule trains a decoder that maps codes to faces:"
                        + " build the model with CrossDomainSr.builder().optGlobalResidual(false)");
            }
            long[] all = {autoencoderSteps, regressorSteps, ganSteps, endToEndSteps, identitySteps};
            for (long s : all) {
                if (s < 0) {
                    throw new IllegalArgumentException("Stage steps must be >= 0, got " + java.util.Arrays.toString(all));
                }
            }
            if (autoencoderSteps + regressorSteps + ganSteps + endToEndSteps + identitySteps == 0) {
                throw new IllegalArgumentException("Every stage has 0 steps: nothing to train");
            }
            if (autoencoderSteps > 0 && autoencoderData == null) {
                throw new IllegalArgumentException("The autoencoder stage needs setAutoencoderData(dataset)");
            }
            if (regressorSteps + ganSteps + endToEndSteps + identitySteps > 0 && trainData == null) {
                throw new IllegalArgumentException("Stages 2-5 need setTrainData(dataset)");
            }
            if (ganSteps > 0 && discriminator == null) {
                throw new IllegalArgumentException("The GAN stage needs optDiscriminator(block), e.g."
                        + " CrossDomainSr.discriminatorBuilder().build()");
            }
            if (identitySteps > 0 && embedder == null) {
                throw new IllegalArgumentException("The identity stage needs optIdentityEmbedder(network, weight)");
            }
            if (!(learningRate > 0) || !(adversarialWeight >= 0) || !(identityWeight >= 0)) {
                throw new IllegalArgumentException("Learning rate must be > 0 and weights >= 0");
            }
            List<TrainingStage> stages = new ArrayList<>();
            if (autoencoderSteps > 0) {
                stages.add(supervised(AUTOENCODER, autoencoder(model), PixelLoss.l1().build(),
                        autoencoderData, autoencoderSteps, false).build());
            }
            if (regressorSteps > 0) {
                SupervisedStage.Builder b = regressionLoss
                        ? supervised(REGRESSOR, codeRegressor(model), codeRegressionLoss(model), trainData,
                                regressorSteps, false)
                        : supervised(REGRESSOR, regressorThroughDecoder(model), PixelLoss.l1().build(), trainData,
                                regressorSteps, false);
                stages.add(b.optFreeze(model.getEncoder(), model.getDecoder()).build());
            }
            if (ganSteps > 0) {
                stages.add(AdversarialStage.builder().setName(GAN).setSteps(ganSteps).setDataset(trainData)
                        .setGenerator(model).setDiscriminator(discriminator)
                        .setGeneratorLoss(WeightedSumLoss.builder().optName("g")
                                .add("pixel", PixelLoss.l1().build(), 0)
                                .add("adversarial", AdversarialLoss.generator(AdversarialLoss.GanType.LEAST_SQUARES)
                                        .optWeight(adversarialWeight).build(), 1)
                                .build())
                        .setDiscriminatorLoss(AdversarialLoss.discriminator(AdversarialLoss.GanType.LEAST_SQUARES)
                                .build())
                        .setGeneratorOptimizer(StatefulAdam.builder().optLearningRate(learningRate / 2)
                                .optBetas(0.5f, 0.999f).build())
                        .setDiscriminatorOptimizer(StatefulAdam.builder().optLearningRate(learningRate / 2)
                                .optBetas(0.5f, 0.999f).build())
                        .build());
            }
            if (endToEndSteps > 0) {
                stages.add(supervised(END_TO_END, model, PixelLoss.l1().build(), trainData, endToEndSteps, true)
                        .build());
            }
            if (identitySteps > 0) {
                Loss loss = WeightedSumLoss.builder().optName("identity_fine_tune")
                        .add("pixel", PixelLoss.l1().build(), 0)
                        .add("identity", IdentityLoss.builder().setEmbedder(embedder)
                                .optWeight(identityWeight).build(), 0)
                        .build();
                stages.add(supervised(IDENTITY, model, loss, trainData, identitySteps, true).build());
            }
            return StageSchedule.of(stages.toArray(new TrainingStage[0]));
        }

        private SupervisedStage.Builder supervised(String name, Block network, Loss loss, Dataset data,
                long steps, boolean validated) {
            SupervisedStage.Builder b = SupervisedStage.builder().setName(name).setNetwork(network).setLoss(loss)
                    .setOptimizer(StatefulAdam.builder()
                            .optLearningRate(Tracker.cosine().setBaseValue(learningRate)
                                    .optFinalValue(learningRate / 100).setMaxUpdates((int) steps).build())
                            .build())
                    .setDataset(data).setSteps(steps);
            if (validated && validator != null) {
                b.optValidator(validator);
            }
            return b;
        }
    }
}
