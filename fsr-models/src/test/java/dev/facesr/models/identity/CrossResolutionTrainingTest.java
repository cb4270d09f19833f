package dev.facesr.models.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.ArrayDataset;
import dev.facesr.core.loss.BatchHardTripletLoss;
import dev.facesr.core.loss.CosineDistillationLoss;
import dev.facesr.core.loss.MarginSoftmaxLoss;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.train.FigureRecord;
import dev.facesr.core.train.StageSchedule;
import dev.facesr.core.train.TrainingObserver;
import dev.facesr.core.train.TrainingRun;
import dev.facesr.core.train.optim.StatefulAdam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains tiny versions of both stages on two synthetic "identities" (two fixed random patterns
 * plus fresh noise per sample): the teacher must separate the identities, and the student, from
 * 4x smaller versions, must move towards the teacher's embeddings.
 */
class CrossResolutionTrainingTest {

    private static final int HR = 16;
    private static final int LR = 4;

    @TempDir Path dir;

    /** n samples alternating between the two identities; returns hr, lr (box-averaged), ids. */
    private static NDArray[] faces(NDManager m, int n, long seed) {
        Random patterns = new Random(7);
        float[][] base = new float[2][3 * HR * HR];
        for (float[] b : base) {
            for (int i = 0; i < b.length; i++) {
                b[i] = patterns.nextFloat();
            }
        }
        Random noise = new Random(seed);
        float[] hr = new float[n * 3 * HR * HR];
        long[] ids = new long[n];
        for (int k = 0; k < n; k++) {
            ids[k] = k % 2;
            for (int i = 0; i < 3 * HR * HR; i++) {
                float v = base[k % 2][i] + (float) noise.nextGaussian() * 0.15f;
                hr[k * 3 * HR * HR + i] = Math.min(1f, Math.max(0f, v));
            }
        }
        NDArray hrA = m.create(hr, new Shape(n, 3, HR, HR));
        int f = HR / LR;
        NDArray lrA = hrA.reshape(n, 3, LR, f, LR, f).mean(new int[] {5}).mean(new int[] {3});
        return new NDArray[] {hrA, lrA, m.create(ids)};
    }

    private static IdentityNet tinyNet(int input, int upscale) {
        return IdentityNet.builder().setInputSize(input).optInputUpscale(upscale).setChannels(4)
                .optDownsamplings(2).optMaxChannels(8).optResidualBlocks(0).optEmbeddingSize(8)
                .optNorm(NormType.NONE).build();
    }

    private static float meanCosine(NDArray a, NDArray b) {
        return a.mul(b).sum(new int[] {1}).mean().getFloat();
    }

    private static List<Double> losses(List<FigureRecord> figures, String name) {
        return figures.stream().filter(r -> r.name().equals(name)).map(FigureRecord::value).toList();
    }

    @Test
    void teacherSeparatesTwoIdentitiesAndTheStudentApproachesTheTeacher() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] train = faces(m, 32, 1);
            IdentityNet teacher = tinyNet(HR, 1);
            IdentityNet student = tinyNet(LR, 4);
            CosineClassifier classifier =
                    CosineClassifier.builder().setClasses(2).optEmbeddingSize(8).build();
            List<FigureRecord> figures = new ArrayList<>();
            ArrayDataset teacherData = new ArrayDataset.Builder().setData(train[0])
                    .optLabels(train[2]).setSampling(8, true).build();
            ArrayDataset studentData = new ArrayDataset.Builder().setData(train[1], train[0])
                    .optLabels(train[2]).setSampling(8, true).build();
            CrossResolutionPair pair = new CrossResolutionPair(student, teacher, classifier);
            CrossResolutionLoss studentLoss = new CrossResolutionLoss(
                    CosineDistillationLoss.builder().optWeight(2f).build(),
                    MarginSoftmaxLoss.builder().optScale(8f).optCosineMargin(0.2f)
                            .optWeight(0.5f).build(), 0);
            StageSchedule schedule = StageSchedule.of(
                    IdentityStages.teacher(teacher, classifier,
                            IdentityStages.teacherLoss(MarginSoftmaxLoss.builder().optScale(8f)
                                    .optCosineMargin(0.2f).build(),
                                    BatchHardTripletLoss.builder().optWeight(0.5f).build()),
                            StatefulAdam.builder().optLearningRate(0.01f).build(), teacherData, 30),
                    IdentityStages.student(pair, studentLoss,
                            StatefulAdam.builder().optLearningRate(0.01f).build(), studentData, 30, null,
                            teacher, classifier));
            try (TrainingRun run = TrainingRun.builder()
                    .addBlock("teacher", teacher, new Shape(1, 3, HR, HR))
                    .addBlock("classifier", classifier, new Shape(1, 8))
                    .addBlock("student", student, new Shape(1, 3, LR, LR))
                    .setSchedule(schedule)
                    .setCheckpointDirectory(dir)
                    .optLogEvery(5).optCheckpointEvery(1000).optSeed(3)
                    .addObserver(new TrainingObserver() {
                        @Override
                        public void onFigures(List<FigureRecord> records) {
                            figures.addAll(records);
                        }
                    })
                    .build()) {
                run.run();
                // the run owns the parameters: evaluate before it is closed
                checkOutcome(m, figures, teacher, student);
            }
        }
    }

    private static void checkOutcome(
            NDManager m, List<FigureRecord> figures, IdentityNet teacher, IdentityNet student) {
        List<Double> teacherLoss = figures.stream()
                .filter(r -> r.stage().equals("teacher") && r.name().equals("loss"))
                .map(FigureRecord::value).toList();
        assertThat(teacherLoss.get(teacherLoss.size() - 1)).isLessThan(teacherLoss.get(0));
        assertThat(losses(figures, "loss/margin")).hasSize(6);
        assertThat(losses(figures, "loss/triplet")).hasSize(6);
        List<Double> distill = losses(figures, "loss/distill");
        assertThat(distill).hasSize(6);
        assertThat(distill.get(distill.size() - 1)).isLessThan(distill.get(0));

        // fresh samples: same identity close, different identities apart
        NDArray[] test = faces(m, 16, 99);
        ParameterStore ps = new ParameterStore(m, false);
        NDArray e = teacher.forward(ps, new NDList(test[0]), false).singletonOrThrow();
        NDArray even = e.get("0::2");
        NDArray odd = e.get("1::2");
        float same = (meanCosine(even, even.get("1:").concat(even.get(":1")))
                + meanCosine(odd, odd.get("1:").concat(odd.get(":1")))) / 2;
        float different = meanCosine(even, odd);
        assertThat(same - different).as("same %s vs different %s", same, different)
                .isGreaterThan(0.5f);

        // the student's embeddings of the LR faces point where the teacher's HR ones do
        NDArray s = student.forward(ps, new NDList(test[1]), false).singletonOrThrow();
        assertThat(meanCosine(s, e)).isGreaterThan(meanCosine(s.get("0::2"), e.get("1::2")));
    }

    @Test
    void crossResolutionPieceRejectsMismatches() {
        IdentityNet student = tinyNet(LR, 4);
        IdentityNet other = IdentityNet.builder().setInputSize(HR).setChannels(4)
                .optEmbeddingSize(16).build();
        assertThatThrownBy(() -> new CrossResolutionPair(student, other, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embedding size");
        CrossResolutionPair pair = new CrossResolutionPair(student, tinyNet(HR, 1), null);
        assertThatThrownBy(() -> pair.getOutputShapes(new Shape[] {new Shape(1, 3, LR, LR)}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(lr, hr)");
        CrossResolutionLoss loss = new CrossResolutionLoss(CosineDistillationLoss.builder().build(),
                MarginSoftmaxLoss.builder().build(), 1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray emb = m.ones(new Shape(2, 8));
            assertThatThrownBy(() -> loss.evaluate(new NDList(), new NDList(emb, emb)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classifier");
        }
    }

    @Test
    void crossResolutionLossAddsItsWeightedParts() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = IdentityNet.l2Normalize(m.randomNormal(new Shape(3, 8)));
            NDArray t = IdentityNet.l2Normalize(m.randomNormal(new Shape(3, 8)));
            NDArray cos = m.randomUniform(-1, 1, new Shape(3, 4));
            NDArray ids = m.create(new long[] {0, 3, 1});
            CosineDistillationLoss d = CosineDistillationLoss.builder().optWeight(3f).build();
            MarginSoftmaxLoss id = MarginSoftmaxLoss.builder().optWeight(0.25f).build();
            CrossResolutionLoss loss = new CrossResolutionLoss(d, id, 1);
            NDList labels = new NDList(m.zeros(new Shape(3)), ids);
            float total = loss.evaluate(labels, new NDList(s, t, cos)).getFloat();
            float expected = d.evaluate(new NDList(t), new NDList(s)).getFloat()
                    + id.evaluate(new NDList(ids), new NDList(cos)).getFloat();
            assertThat(total).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-5f));
            assertThat(loss.evaluateComponents(labels, new NDList(s, t, cos)).keySet())
                    .containsExactly("distill", "identity");
            assertThat(new CrossResolutionLoss(d, null, 0).evaluate(new NDList(), new NDList(s, t))
                    .getFloat()).isCloseTo(d.evaluate(new NDList(t), new NDList(s)).getFloat(),
                    org.assertj.core.api.Assertions.within(1e-6f));
        }
    }
}
