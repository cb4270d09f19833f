package dev.facesr.examples.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.tracker.Tracker;
import dev.facesr.core.data.CelebADataset;
import dev.facesr.core.data.CropPolicy;
import dev.facesr.core.data.FaceAugmentation;
import dev.facesr.core.data.FacePairDataset;
import dev.facesr.core.degrade.BicubicResize;
import dev.facesr.core.degrade.Degradations;
import dev.facesr.core.data.IdentityBatchSampler;
import dev.facesr.core.loss.BatchHardTripletLoss;
import dev.facesr.core.loss.CosineDistillationLoss;
import dev.facesr.core.loss.MarginSoftmaxLoss;
import dev.facesr.core.nn.ParameterCounts;
import dev.facesr.core.train.DatasetValidator;
import dev.facesr.core.train.LossMetric;
import dev.facesr.core.train.RunResult;
import dev.facesr.core.train.StageSchedule;
import dev.facesr.core.train.SupervisedStage;
import dev.facesr.core.train.TrainingRun;
import dev.facesr.core.train.log.FigureLog;
import dev.facesr.core.train.optim.StatefulAdam;
import dev.facesr.models.identity.CosineClassifier;
import dev.facesr.models.identity.CrossResolutionLoss;
import dev.facesr.models.identity.CrossResolutionPair;
import dev.facesr.models.identity.IdentityNet;
import dev.facesr.models.identity.IdentityStages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains the cross-resolution identity model on the CelebA train identities, one stage per
 * invocation, resumable (run again with the same {@code --out} to continue from the last
 * checkpoint):
 *
 * <ul>
 *   <li>{@code --stage teacher}: {@link IdentityNet#teacher()} on 128x128 faces (FSRNet CelebA
 *       framing, flip/rotation/scale augmentation) with a {@link CosineClassifier} over the 7,508
 *       identities and a CosFace {@link MarginSoftmaxLoss}, optionally plus a {@link
 *       BatchHardTripletLoss} with {@link IdentityBatchSampler} batches (P identities x 2
 *       images); Adam, cosine learning-rate decay.
 *   <li>{@code --stage student}: {@link IdentityNet#student()} on the 16x16 MATLAB-bicubic
 *       version ({@code BicubicResize.shrinkBy(8)}) of the same augmented crop the frozen teacher
 *       ({@code --teacher DIR}) sees, with a {@link CosineDistillationLoss} to the teacher's
 *       embedding plus, with {@code --identity-weight > 0}, the margin softmax through the
 *       teacher's frozen class proxies. Validated by the distillation loss on CelebA val.
 * </ul>
 *
 * <p>At the end it writes {@code OUT/final/} ({@link IdentityModelFolder}). Run: {@code java -cp
 * ... dev.facesr.examples.train.TrainIdentity --stage teacher --steps 2400 --out
 * runs/identity-teacher}; see {@code docs/recognition.md}.
 */
@Command(name = "train-identity", mixinStandardHelpOptions = true,
        description = "Trains the cross-resolution identity teacher or student on CelebA (resumable).")
public final class TrainIdentity implements Callable<Integer> {

    @Mixin
    RunFolderOptions common = new RunFolderOptions();

    /** The two stages. */
    enum Stage { teacher, student }

    @Option(names = "--stage", required = true, description = "teacher or student")
    Stage stage;

    @Option(names = "--steps", defaultValue = "2400", description = "total optimisation steps (2400 x 64 = about 10 passes over CelebA train)")
    int steps;

    @Option(names = "--batch", defaultValue = "64")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "peak learning rate (cosine to lr/100)")
    float lr;

    @Option(names = "--weight-decay", defaultValue = "5e-4", description = "Adam's decoupled weight decay")
    float weightDecay;


    @Option(names = "--teacher", description = "the teacher's final folder (student stage only)")
    Path teacherFolder;



    @Option(names = "--scale", defaultValue = "30", description = "margin-softmax logit scale s")
    float scale;

    @Option(names = "--margin", defaultValue = "0.35", description = "CosFace cosine margin m")
    float margin;

    @Option(names = "--angular-margin", defaultValue = "0", description = "ArcFace angular margin (radians)")
    float angularMargin;

    @Option(names = "--triplet-weight", defaultValue = "0",
            description = "teacher: weight of a batch-hard triplet loss on the embeddings (0 = off)")
    float tripletWeight;

    @Option(names = "--triplet-margin", defaultValue = "0.3", description = "teacher: triplet margin on the cosine distance")
    float tripletMargin;

    @Option(names = "--identities-per-batch", defaultValue = "0",
            description = "teacher: batches of P identities x 2 images (IdentityBatchSampler); 0 = random"
                    + " batches of --batch, or --batch/2 identities when --triplet-weight > 0")
    int identitiesPerBatch;

    @Option(names = "--distill-weight", defaultValue = "1", description = "student: weight of 1 - cos(student, teacher)")
    float distillWeight;

    @Option(names = "--identity-weight", defaultValue = "0",
            description = "student: weight of the margin softmax through the teacher's frozen proxies (0 = off)")
    float identityWeight;

    @Option(names = "--checkpoint-every", defaultValue = "200")
    int checkpointEvery;

    @Option(names = "--validate-every", defaultValue = "1000", description = "student: steps between validations")
    int validateEvery;

    @Option(names = "--validation-batches", defaultValue = "16", description = "student: batches of CelebA val per validation")
    int validationBatches;

    @Option(names = "--log-every", defaultValue = "50")
    int logEvery;

    @Override
    public Integer call() throws Exception {
        Path root = common.datasetsRoot();
        Path celeba = root.resolve("celeba");
        if (!Files.isRegularFile(celeba.resolve("identities.csv"))) {
            throw new IllegalArgumentException("No CelebA at " + celeba + "; pass --datasets DIR");
        }
        if (steps < 1 || batch < 2) {
            throw new IllegalArgumentException("--steps must be >= 1 and --batch >= 2");
        }
        Files.createDirectories(common.out);
        try (NDManager manager = NDManager.newBaseManager()) {
            return stage == Stage.teacher ? trainTeacher(celeba) : trainStudent(celeba, manager);
        }
    }

    private CelebADataset.Builder celeba(Path celeba, Dataset.Usage usage) {
        return CelebADataset.builder().setRoot(celeba).optUsage(usage)
                .optCrop(CropPolicy.FSRNET_CELEBA_128).optSeed(common.seed);
    }

    private StatefulAdam adam() {
        return StatefulAdam.builder()
                .optLearningRate(Tracker.cosine().setBaseValue(lr).optFinalValue(lr / 100)
                        .setMaxUpdates(steps).build())
                .optWeightDecay(weightDecay)
                .build();
    }

    private MarginSoftmaxLoss marginLoss(float weight) {
        return MarginSoftmaxLoss.builder().optScale(scale).optCosineMargin(margin)
                .optAngularMargin(angularMargin).optWeight(weight).build();
    }

    private int trainTeacher(Path celebaRoot) throws Exception {
        if (teacherFolder != null) {
            throw new IllegalArgumentException("--teacher is for --stage student only");
        }
        int perBatch = identitiesPerBatch > 0 ? identitiesPerBatch
                : tripletWeight > 0 ? batch / 2 : 0;
        CelebADataset.Builder trainBuilder = celeba(celebaRoot, Dataset.Usage.TRAIN)
                .optAugmentation(FaceAugmentation.faceSr());
        if (perBatch > 0) {
            // P identities x 2 images, so every face has a positive in its batch
            CelebADataset index = celeba(celebaRoot, Dataset.Usage.TRAIN).setSampling(1, false).build();
            trainBuilder.setSampling(IdentityBatchSampler.of(index, perBatch, 2));
        } else {
            trainBuilder.setSampling(batch, true);
        }
        CelebADataset train = trainBuilder.build();
        IdentityNet teacher = IdentityNet.teacher().build();
        CosineClassifier classifier = CosineClassifier.builder()
                .setClasses(train.numIdentities()).optEmbeddingSize(teacher.embeddingSize()).build();
        SupervisedStage s = IdentityStages.teacher(teacher, classifier,
                IdentityStages.teacherLoss(marginLoss(1f), tripletWeight > 0
                        ? BatchHardTripletLoss.builder().optMargin(tripletMargin)
                                .optWeight(tripletWeight).build()
                        : null),
                adam(), train, steps);
        RunResult result;
        try (FigureLog log = common.openFigureLog();
                TrainingRun run = run(s, log)
                        .addBlock("teacher", teacher, new Shape(1, 3, 128, 128))
                        .addBlock("classifier", classifier, new Shape(1, teacher.embeddingSize()))
                        .build()) {
            System.out.printf("teacher: %d training faces of %d identities, batch %s, %d steps,"
                            + " %d multiply-accumulates per face%n",
                    train.size(), train.numIdentities(),
                    perBatch > 0 ? perBatch + " identities x 2 images" : String.valueOf(batch), steps,
                    teacher.multiplyAccumulates());
            result = run.run();
            System.out.printf("teacher: %d trainable parameters (classifier %d)%n",
                    ParameterCounts.trainable(teacher), ParameterCounts.trainable(classifier));
            IdentityModelFolder.save(common.out.resolve("final"), "teacher", teacher, classifier,
                    settings(result));
        }
        System.out.println("done: " + result + "; wrote " + common.out.resolve("final"));
        return 0;
    }

    private int trainStudent(Path celebaRoot, NDManager manager) throws Exception {
        if (teacherFolder == null) {
            throw new IllegalArgumentException(
                    "--stage student needs --teacher DIR (the final/ folder of the teacher stage)");
        }
        IdentityNet teacher = IdentityModelFolder.loadNetwork(teacherFolder, manager);
        CosineClassifier classifier = identityWeight > 0
                ? IdentityModelFolder.loadClassifier(teacherFolder, manager) : null;
        IdentityNet student = IdentityNet.student()
                .optEmbeddingSize(teacher.embeddingSize()).build();
        int hr = teacher.inputSize();
        int lr = student.inputSize();
        if (hr != 128 || lr != 16) {
            throw new IllegalArgumentException("The student stage expects a 128x128 teacher and a"
                    + " 16x16 student (x8), got " + hr + " and " + lr);
        }
        FacePairDataset train = pairs(celebaRoot, Dataset.Usage.TRAIN, true);
        if (classifier != null && classifier.classes() != train.source().numIdentities()) {
            throw new IllegalArgumentException("The teacher's classifier has " + classifier.classes()
                    + " classes but CelebA train has " + train.source().numIdentities()
                    + " identities");
        }
        FacePairDataset val = pairs(celebaRoot, Dataset.Usage.VALIDATION, false);
        CrossResolutionPair pair = new CrossResolutionPair(student, teacher, classifier);
        CrossResolutionLoss loss = new CrossResolutionLoss(
                CosineDistillationLoss.builder().optWeight(distillWeight).build(),
                classifier == null ? null : marginLoss(identityWeight),
                train.identityLabelIndex());
        DatasetValidator validator = DatasetValidator.builder().setDataset(val)
                .addMetric(new LossMetric("distill", new CrossResolutionLoss(
                        CosineDistillationLoss.builder().build(), null, 0)))
                .optMaxBatches(validationBatches).build();
        SupervisedStage s = classifier == null
                ? IdentityStages.student(pair, loss, adam(), train, steps, validator, teacher)
                : IdentityStages.student(pair, loss, adam(), train, steps, validator, teacher,
                        classifier);
        RunResult result;
        try (FigureLog log = common.openFigureLog()) {
            TrainingRun.Builder rb = run(s, log)
                    .addBlock("student", student, new Shape(1, 3, lr, lr))
                    .addBlock("teacher", teacher, new Shape(1, 3, hr, hr));
            if (classifier != null) {
                rb.addBlock("classifier", classifier, new Shape(1, teacher.embeddingSize()));
            }
            try (TrainingRun run = rb.build()) {
                System.out.printf("student: %d training faces, batch %d, %d steps,"
                                + " %d multiply-accumulates per face, teacher %s%n",
                        train.size(), batch, steps, student.multiplyAccumulates(), teacherFolder);
                result = run.run();
                System.out.printf("student: %d trainable parameters%n",
                        ParameterCounts.trainable(student));
                Map<String, Object> settings = settings(result);
                settings.put("teacher", teacherFolder.toAbsolutePath().normalize().toString());
                IdentityModelFolder.save(common.out.resolve("final"), "student", student, null, settings);
            }
        }
        System.out.println("done: " + result + "; wrote " + common.out.resolve("final"));
        return 0;
    }

    /** data [lr16, hr128], labels [hr128, identity]. */
    private FacePairDataset pairs(Path celebaRoot, Dataset.Usage usage, boolean training) {
        CelebADataset.Builder source = celeba(celebaRoot, usage);
        if (training) {
            source.optAugmentation(FaceAugmentation.faceSr());
        }
        return FacePairDataset.builder()
                .setSource(source.build())
                .addDegradation(BicubicResize.shrinkBy(8))
                .addDegradation(Degradations.identity())
                .optIncludeIdentity(true)
                .optSeed(common.seed)
                .setSampling(batch, training)
                .build();
    }

    private TrainingRun.Builder run(SupervisedStage s, FigureLog log) {
        return common.runBuilder(log, logEvery, validateEvery, checkpointEvery)
                .setSchedule(StageSchedule.of(s));
    }

    private Map<String, Object> settings(RunResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", stage.name());
        m.put("steps", steps);
        m.put("batch", batch);
        m.put("learningRate", lr);
        m.put("weightDecay", weightDecay);
        m.put("seed", common.seed);
        m.put("scale", scale);
        m.put("margin", margin);
        m.put("angularMargin", angularMargin);
        if (stage == Stage.teacher) {
            m.put("tripletWeight", tripletWeight);
            m.put("tripletMargin", tripletMargin);
            m.put("identitiesPerBatch", identitiesPerBatch);
        }
        if (stage == Stage.student) {
            m.put("distillWeight", distillWeight);
            m.put("identityWeight", identityWeight);
        }
        m.put("crop", CropPolicy.FSRNET_CELEBA_128.toString());
        m.put("result", result.toString());
        return m;
    }

    /**
     * Runs the trainer.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainIdentity()).execute(args));
    }
}
