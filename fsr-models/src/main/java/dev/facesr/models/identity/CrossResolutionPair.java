package dev.facesr.models.identity;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.FsrBlock;

/**
 * The training network of the student stage: the low-resolution student embeds the LR face, the
 * high-resolution teacher embeds the HR version of the same face (its output detached), and
 * optionally a class-proxy layer scores the student's embedding.
 *
 * <p>Input: {@code NDList(lr, hr)}, (N, 3, s, s) and (N, 3, S, S) with s and S the student's and
 * teacher's input sizes (e.g. a {@code FacePairDataset} with a {@code BicubicResize.shrinkBy(8)}
 * and an identity degradation). Output: {@code NDList(studentEmbedding, teacherEmbedding)}, both
 * (N, D), plus {@code studentCosines} (N, C) when a classifier is given. Freeze the teacher (and
 * the classifier if it comes from the teacher stage) in the training stage; this block only
 * wires the three together and owns no parameters itself.
 */
public final class CrossResolutionPair extends FsrBlock {

    private static final byte VERSION = 1;

    private final IdentityNet student;
    private final IdentityNet teacher;
    private final CosineClassifier classifier;

    /**
     * Wires a student, a teacher and an optional classifier.
     *
     * @param student the low-resolution network being trained
     * @param teacher the high-resolution network (freeze it in the stage)
     * @param classifier scores the student's embeddings, or null for none
     * @throws IllegalArgumentException when the embedding sizes differ
     */
    public CrossResolutionPair(
            IdentityNet student, IdentityNet teacher, CosineClassifier classifier) {
        super(VERSION);
        if (student == null || teacher == null) {
            throw new IllegalArgumentException("CrossResolutionPair needs a student and a teacher");
        }
        if (student.embeddingSize() != teacher.embeddingSize()) {
            throw new IllegalArgumentException(
                    "The student's embedding size ("
                            + student.embeddingSize()
                            + ") must equal the teacher's ("
                            + teacher.embeddingSize()
                            + ") for distillation");
        }
        this.student = addChildBlock("student", student);
        this.teacher = addChildBlock("teacher", teacher);
        this.classifier = classifier == null ? null : addChildBlock("classifier", classifier);
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        if (inputs == null || inputs.length != 2) {
            throw new IllegalArgumentException(
                    "CrossResolutionPair takes two inputs (lr, hr) but got "
                            + (inputs == null ? 0 : inputs.length)
                            + "; the dataset must deliver data = [lr, hr]");
        }
        Shape[] s = step.apply(student, new Shape[] {inputs[0]});
        Shape[] t = step.apply(teacher, new Shape[] {inputs[1]});
        if (classifier == null) {
            return new Shape[] {s[0], t[0]};
        }
        Shape[] c = step.apply(classifier, s);
        return new Shape[] {s[0], t[0], c[0]};
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList s = student.forward(store, new NDList(inputs.get(0)), training, params);
        // the frozen teacher runs in inference mode (batch-norm running statistics)
        NDList t = teacher.forward(store, new NDList(inputs.get(1)), false, params);
        NDList out = new NDList(s.singletonOrThrow(), t.singletonOrThrow().stopGradient());
        if (classifier != null) {
            out.add(classifier.forward(store, s, training, params).singletonOrThrow());
        }
        return out;
    }
}
