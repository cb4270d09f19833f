package dev.facesr.models.identity;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import dev.facesr.core.loss.InputSelector;
import dev.facesr.core.loss.WeightedSumLoss;
import dev.facesr.core.train.SupervisedStage;
import dev.facesr.core.train.Validator;
import dev.facesr.core.train.optim.ParameterOptimizer;
import java.util.List;

/**
 * The two training stages of the cross-resolution identity model, as {@link SupervisedStage}s
 * of the FaceSR training engine (register the blocks with the run under the names used in
 * {@code docs/recognition.md}: {@code teacher}, {@code classifier}, {@code student}).
 *
 * <ul>
 *   <li><b>teacher</b>: network {@link #teacherNetwork} on high-resolution faces, predictions
 *       {@code (embedding, cosines)}; data {@code [hr]}, labels {@code [identity]}; loss {@link
 *       #teacherLoss} (a margin softmax on the cosines, optionally plus a batch-hard triplet
 *       loss on the embeddings).
 *   <li><b>student</b>: network {@link CrossResolutionPair} with the teacher (and the
 *       classifier, when given) frozen; data {@code [lr, hr]}, labels with the identity at the
 *       index the {@link CrossResolutionLoss} reads.
 * </ul>
 */
public final class IdentityStages {

    private IdentityStages() {}

    /**
     * The teacher's training network: the embedding network followed by the class proxies, with
     * both outputs kept.
     *
     * @param teacher the high-resolution network
     * @param classifier the class proxies
     * @return a block mapping {@code [hr]} to {@code (embedding (N, D), cosines (N, C))}
     */
    public static Block teacherNetwork(IdentityNet teacher, CosineClassifier classifier) {
        return new SequentialBlock()
                .add(teacher)
                .add(new ParallelBlock(
                        outputs -> new NDList(
                                outputs.get(0).singletonOrThrow(), outputs.get(1).singletonOrThrow()),
                        List.of(Blocks.identityBlock(), classifier)));
    }

    /**
     * The teacher's loss on {@code labels = [identity]}, {@code predictions = (embedding,
     * cosines)}: part {@code margin} (the identity loss on the cosines) and, when given, part
     * {@code triplet} (a metric loss on the embeddings, e.g. {@code BatchHardTripletLoss}).
     *
     * @param margin e.g. a {@code MarginSoftmaxLoss}, with its weight
     * @param triplet e.g. a {@code BatchHardTripletLoss} with its weight, or null
     * @return the summed loss, logged per part
     */
    public static WeightedSumLoss teacherLoss(Loss margin, Loss triplet) {
        WeightedSumLoss.Builder b = WeightedSumLoss.builder()
                .add("margin", margin, InputSelector.index(0), InputSelector.index(1));
        if (triplet != null) {
            b.add("triplet", triplet, InputSelector.index(0), InputSelector.index(0));
        }
        return b.build();
    }

    /**
     * Builds the teacher stage.
     *
     * @param teacher the high-resolution network
     * @param classifier the class proxies of the training identities
     * @param loss the loss on {@code (labels = [identity], predictions = (embedding, cosines))},
     *     e.g. {@link #teacherLoss}
     * @param optimizer the optimizer (its own instance)
     * @param dataset batches with data {@code [hr]} and labels {@code [identity]}
     * @param steps the number of optimisation steps
     * @return the stage, named {@code teacher}
     */
    public static SupervisedStage teacher(
            IdentityNet teacher,
            CosineClassifier classifier,
            Loss loss,
            ParameterOptimizer optimizer,
            Dataset dataset,
            long steps) {
        return SupervisedStage.builder()
                .setName("teacher")
                .setNetwork(teacherNetwork(teacher, classifier))
                .setLoss(loss)
                .setOptimizer(optimizer)
                .setDataset(dataset)
                .setSteps(steps)
                .build();
    }

    /**
     * Builds the student stage: the student learns from the frozen teacher.
     *
     * @param pair the student, the teacher and the optional classifier
     * @param loss the distillation (and identity) loss
     * @param optimizer the optimizer (its own instance)
     * @param dataset batches with data {@code [lr, hr]} and the identity in the labels
     * @param steps the number of optimisation steps
     * @param validator validates the student during training, or null for none
     * @param frozen the blocks that must not move: the teacher, and the classifier when given
     * @return the stage, named {@code student}
     */
    public static SupervisedStage student(
            CrossResolutionPair pair,
            CrossResolutionLoss loss,
            ParameterOptimizer optimizer,
            Dataset dataset,
            long steps,
            Validator validator,
            Block... frozen) {
        SupervisedStage.Builder b = SupervisedStage.builder()
                .setName("student")
                .setNetwork(pair)
                .setLoss(loss)
                .setOptimizer(optimizer)
                .setDataset(dataset)
                .setSteps(steps)
                .optFreeze(frozen);
        if (validator != null) {
            b.optValidator(validator);
        }
        return b.build();
    }
}
