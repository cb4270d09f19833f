package dev.facesr.examples.train;

import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facesr.core.data.CropPolicy;
import dev.facesr.models.identity.IdentityNet;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ModelCards;
import dev.facesr.models.zoo.ModelExporter;
import dev.facesr.models.zoo.ZooFaceEmbedder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Exports a trained identity pair &mdash; the {@code final/} folders of the two {@link
 * TrainIdentity} stages ({@link IdentityModelFolder}) &mdash; into the model-zoo layout: the
 * teacher as {@code OUT_DIR/<name>} (default {@code identity}) and the student as its
 * low-resolution companion {@code OUT_DIR/<name>-lr16} ({@link FsrModelZoo#lowResolutionName}),
 * each with its weights, SHA-256 and model card (training data, crop, degradation, recipe from the
 * folder's {@code identity.json} settings, steps, seed, commit). The teacher's {@code
 * classifier.params} is training-only and is not exported.
 *
 * <p>With {@code --eval DIR} (an {@link EvaluateIdentity} {@code --out} folder made with these
 * two folders) the headline figures of its {@code identity-eval.json} go into the cards' metrics,
 * under {@code celeba-val-<faces>.<condition>.<figure>}: the teacher card gets the {@code hr} and
 * {@code bicubic16} conditions, the student card the {@code student16} condition; figures are
 * {@code verification-accuracy} (+ {@code -std}, both images at the probe condition), {@code
 * hr-vs-probe.verification-accuracy} (+ {@code -std}, HR teacher vs probe) and {@code rank1} (HR
 * gallery). Nothing else is measured here.
 *
 * <p>Checks before writing anything: the roles, a 16x16 student (the {@code -lr16} name promises
 * it) with the teacher's embedding size, the student was distilled from this teacher (when the
 * teacher folder its {@code identity.json} names still exists: same {@code network.params}), the
 * training crop, and that the evaluation was made with these folders' weights. After writing, both
 * models are loaded back through the zoo and one synthetic crop is embedded: the norm is printed
 * and the embedding must equal the folder network's own.
 */
@Command(name = "export-identity", mixinStandardHelpOptions = true,
        description = "Exports a trained identity teacher and its 16x16 student into the model zoo.")
public final class ExportIdentityModel implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    WeightsStorageOption weights = new WeightsStorageOption();

    /** CelebA train, as the cards describe it (checked against the teacher's classifier). */
    static final int TRAIN_IDENTITIES = 7_508;

    private static final String TRAINING_DATA =
            "celeba/train: 15,016 faces / 7,508 identities (aligned CelebA, ../shared/datasets)";
    private static final String AUGMENTATION = "FaceAugmentation.faceSr() (flip, roll +-15 deg,"
            + " aspect +-10%, scale +-5%)";
    private static final Pattern GLOBAL_STEP = Pattern.compile("globalStep=(\\d+)");

    @Option(names = "--teacher", required = true,
            description = "the teacher stage's final folder (e.g. runs/identity-teacher/final)")
    Path teacher;

    @Option(names = "--student", required = true,
            description = "the student stage's final folder (e.g. runs/identity-student/final)")
    Path student;

    @Option(names = "--out-dir", required = true, description = "the zoo folder holding one folder per"
            + " model, e.g. fsr-models/src/main/resources/dev/facesr/models")
    Path outDir;

    @Option(names = "--commit", required = true, description = "the commit whose code trained the models")
    String commit;

    @Option(names = "--version", defaultValue = "0.1.0", description = "the models' version (default: ${DEFAULT-VALUE})")
    String version;

    @Option(names = "--name", defaultValue = FsrModelZoo.IDENTITY,
            description = "the teacher's zoo name; the student is NAME-lr16 (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--eval", description = "an EvaluateIdentity --out folder (identity-eval.json) of these"
            + " two folders: its headline figures go into the cards")
    Path eval;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> teacherCard = IdentityModelFolder.card(teacher);
        Map<String, Object> studentCard = IdentityModelFolder.card(student);
        requireRole(teacher, teacherCard, "teacher", "--teacher");
        requireRole(student, studentCard, "student", "--student");
        Map<String, Object> teacherSettings = settings(teacher, teacherCard);
        Map<String, Object> studentSettings = settings(student, studentCard);
        String teacherCrop = crop(teacherSettings);
        String studentCrop = crop(studentSettings);
        long teacherSteps = steps(teacherSettings);
        long studentSteps = steps(studentSettings);
        long teacherSeed = seed(teacher, teacherSettings);
        long studentSeed = seed(student, studentSettings);
        checkStudentsTeacher(studentSettings);
        checkClassifier(teacherCard);
        Map<String, Object> report = eval == null ? null : readEvaluation();
        String studentName = FsrModelZoo.lowResolutionName(name);
        Path teacherDir = outDir.resolve(name);
        Path studentDir = outDir.resolve(studentName);
        try (NDManager manager = NDManager.newBaseManager()) {
            IdentityNet hr = IdentityModelFolder.loadNetwork(teacher, manager);
            IdentityNet lr = IdentityModelFolder.loadNetwork(student, manager);
            if (lr.inputSize() != 16) {
                throw new IllegalArgumentException("The student in " + student + " takes "
                        + lr.inputSize() + "x" + lr.inputSize() + " faces, but its zoo name '"
                        + studentName + "' promises 16x16; export a 16x16 student");
            }
            if (lr.embeddingSize() != hr.embeddingSize()) {
                throw new IllegalArgumentException("The student in " + student + " gives "
                        + lr.embeddingSize() + "-d embeddings and the teacher in " + teacher + " "
                        + hr.embeddingSize() + "-d ones; the student must embed into the teacher's"
                        + " space");
            }
            ModelCard.Builder tb = ModelCard.builder()
                    .setName(name)
                    .optVersion(version)
                    .optDescription("Face identity embedding (teacher): " + hr.inputSize() + "x"
                            + hr.inputSize() + " face crop in the FaceSR template framing -> "
                            + hr.embeddingSize() + "-d unit vector, compared by cosine; its 16x16"
                            + " student is '" + studentName + "'")
                    .setSizes(hr.inputSize(), hr.embeddingSize())
                    .optTrainingData(TRAINING_DATA, teacherCrop)
                    .optDegradation("none: the HR " + hr.inputSize() + "x" + hr.inputSize() + " crop")
                    .optTraining(recipe("teacher", teacherSettings, "CosFace margin softmax through a"
                                    + " CosineClassifier over the train identities (classifier.params,"
                                    + " training only, not shipped); Adam, cosine learning-rate decay"
                                    + " to lr/100"),
                            teacherSteps, teacherSeed, commit);
            if (report != null) {
                addMetrics(tb, report, "hr", "hr");
                addMetrics(tb, report, "bicubic", "bicubic16");
            }
            ModelCard hrDone = ModelExporter.export(hr, tb, teacherDir, weights.storage());
            ModelCard.Builder sb = ModelCard.builder()
                    .setName(studentName)
                    .optVersion(version)
                    .optDescription("Low-resolution face identity embedding (student of '" + name
                            + "'): 16x16 face -> " + lr.embeddingSize() + "-d unit vector in the"
                            + " embedding space of '" + name + "', compared by cosine")
                    .setSizes(lr.inputSize(), lr.embeddingSize())
                    .optTrainingData(TRAINING_DATA, studentCrop)
                    .optDegradation("BicubicResize.shrinkBy(8): MATLAB imresize bicubic, antialiased,"
                            + " 8-bit, of the teacher's augmented 128x128 crop -> 16x16")
                    .optTraining(recipe("student", studentSettings, "cosine distillation to the frozen"
                                    + " teacher '" + name + "' (weights SHA-256 " + hrDone.sha256()
                                    + ") on the same augmented crop, plus identityWeight x the margin"
                                    + " softmax through the teacher's frozen class proxies; Adam, cosine"
                                    + " learning-rate decay to lr/100"),
                            studentSteps, studentSeed, commit);
            if (report != null) {
                addMetrics(sb, report, "student", "student16");
            }
            ModelCard lrDone = ModelExporter.export(lr, sb, studentDir, weights.storage());
            System.out.println("wrote " + teacherDir + " (" + hrDone + ")");
            System.out.println("wrote " + studentDir + " (" + lrDone + ")");
            if (weights.storage() == DataType.FLOAT16) {
                // the zoo computes with the float16-rounded values: compare against the same
                roundToHalf(hr);
                roundToHalf(lr);
            }
            check(teacherDir, hr, manager);
            check(studentDir, lr, manager);
        }
        return 0;
    }

    private static void requireRole(Path folder, Map<String, Object> card, String role, String option) {
        if (!role.equals(card.get("role"))) {
            throw new IllegalArgumentException(option + " " + folder + " holds a '" + card.get("role")
                    + "' model (" + IdentityModelFolder.CARD_FILE + "), not a " + role
                    + "; pass the final/ folder of the TrainIdentity --stage " + role + " run");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> settings(Path folder, Map<String, Object> card) {
        Object s = card.get("training");
        if (!(s instanceof Map)) {
            throw new IllegalArgumentException(folder.resolve(IdentityModelFolder.CARD_FILE)
                    + " has no 'training' settings; pass a final/ folder written by TrainIdentity");
        }
        return (Map<String, Object>) s;
    }

    /** The student's identity.json names the teacher folder it was distilled from. */
    private void checkStudentsTeacher(Map<String, Object> studentSettings) throws IOException {
        Object recorded = studentSettings.get("teacher");
        if (recorded == null) {
            throw new IllegalArgumentException(student.resolve(IdentityModelFolder.CARD_FILE)
                    + " does not name the teacher it was distilled from ('training.teacher')");
        }
        Path was = Path.of(recorded.toString());
        if (!Files.isRegularFile(was.resolve(IdentityModelFolder.NETWORK_FILE))) {
            System.out.println("note: the student was distilled from " + was + ", which is not here;"
                    + " its weights cannot be compared with --teacher " + teacher);
            return;
        }
        if (!sameNetwork(was, teacher)) {
            throw new IllegalArgumentException("The student in " + student + " was distilled from the"
                    + " teacher in " + was + ", whose " + IdentityModelFolder.NETWORK_FILE + " differs"
                    + " from --teacher " + teacher + "; export the teacher the student was trained with");
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkClassifier(Map<String, Object> teacherCard) {
        Object args = teacherCard.get("classifierArguments");
        if (args instanceof Map<?, ?> m && m.get("classes") instanceof Number n
                && n.intValue() != TRAIN_IDENTITIES) {
            throw new IllegalArgumentException("The teacher's classifier has " + n + " classes, but"
                    + " the card says it was trained on celeba/train's " + TRAIN_IDENTITIES
                    + " identities; this command only exports CelebA-train models");
        }
    }

    private static String crop(Map<String, Object> settings) {
        String expected = CropPolicy.FSRNET_CELEBA_128.toString();
        Object crop = settings.get("crop");
        if (!expected.equals(crop)) {
            throw new IllegalArgumentException("The run was trained with the crop " + crop
                    + ", not CropPolicy.FSRNET_CELEBA_128 (" + expected + ") that the cards and"
                    + " the FaceSR template framing assume");
        }
        return "CropPolicy.FSRNET_CELEBA_128 (" + expected + ") with " + AUGMENTATION;
    }

    private static String recipe(String stage, Map<String, Object> settings, String what) {
        Map<String, Object> shown = new LinkedHashMap<>(settings);
        for (String k : new String[] {"stage", "seed", "crop", "result", "teacher"}) {
            shown.remove(k);
        }
        return "dev.facesr.examples.train.TrainIdentity --stage " + stage + ", settings " + shown
                + "; " + what + "; exported from OUT/final (" + settings.get("result") + ")";
    }

    /** The run's global step at the end (from its RunResult), else the planned steps. */
    private static long steps(Map<String, Object> settings) {
        Object result = settings.get("result");
        if (result != null) {
            Matcher m = GLOBAL_STEP.matcher(result.toString());
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        Object steps = settings.get("steps");
        if (!(steps instanceof Number n)) {
            throw new IllegalArgumentException("The training settings have neither a RunResult nor"
                    + " 'steps': " + settings);
        }
        return n.longValue();
    }

    private static long seed(Path folder, Map<String, Object> settings) {
        if (!(settings.get("seed") instanceof Number n)) {
            throw new IllegalArgumentException(folder.resolve(IdentityModelFolder.CARD_FILE)
                    + " has no training seed");
        }
        return n.longValue();
    }

    private Map<String, Object> readEvaluation() throws IOException {
        Path file = eval.resolve("identity-eval.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--eval " + eval + " has no identity-eval.json; pass the"
                    + " --out folder of an EvaluateIdentity run");
        }
        Map<String, Object> report = new ObjectMapper().readValue(file.toFile(),
                new TypeReference<Map<String, Object>>() {});
        Object dtype = report.getOrDefault("weightsDtype", ModelCard.FLOAT32);
        if (!weights.dtype.equals(dtype)) {
            throw new IllegalArgumentException(file + " measured the networks with " + dtype + " weights but"
                    + " --weights-dtype is " + weights.dtype + "; run EvaluateIdentity with --weights-dtype "
                    + weights.dtype + " so the card's figures are those of the shipped weights");
        }
        checkEvaluated(report, "teacherFolder", teacher, file);
        if (report.get("studentFolder") != null) {
            checkEvaluated(report, "studentFolder", student, file);
        }
        if (!(report.get("results") instanceof Map) || !(report.get("protocol") instanceof Map)) {
            throw new IllegalArgumentException(file + " has no 'results' or 'protocol'; is it an"
                    + " EvaluateIdentity report?");
        }
        return report;
    }

    private static void checkEvaluated(Map<String, Object> report, String key, Path exported, Path file)
            throws IOException {
        Object recorded = report.get(key);
        Path was = recorded == null ? null : Path.of(recorded.toString());
        if (was == null || !Files.isRegularFile(was.resolve(IdentityModelFolder.NETWORK_FILE))) {
            throw new IllegalArgumentException(file + " was made with the folder " + recorded + " ("
                    + key + "), which is not here, so its figures cannot be tied to " + exported
                    + "; run EvaluateIdentity on the folders you export (from the same working folder)");
        }
        if (!sameNetwork(was, exported)) {
            throw new IllegalArgumentException(file + " evaluated " + was + ", whose "
                    + IdentityModelFolder.NETWORK_FILE + " differs from " + exported
                    + "'s; run EvaluateIdentity on the folders you export");
        }
    }

    private static boolean sameNetwork(Path a, Path b) throws IOException {
        return ModelCards.sha256(a.resolve(IdentityModelFolder.NETWORK_FILE))
                .equals(ModelCards.sha256(b.resolve(IdentityModelFolder.NETWORK_FILE)));
    }

    /**
     * Copies one probe condition's headline figures from an {@link EvaluateIdentity} report.
     *
     * @param card the card to add them to
     * @param report the parsed {@code identity-eval.json}
     * @param condition the report's condition ({@code hr}, {@code bicubic}, {@code student})
     * @param label the condition's name in the metric keys
     */
    @SuppressWarnings("unchecked")
    static void addMetrics(ModelCard.Builder card, Map<String, Object> report, String condition,
            String label) {
        Map<String, Object> protocol = (Map<String, Object>) report.get("protocol");
        Map<String, Object> results = (Map<String, Object>) report.get("results");
        Map<String, Object> r = (Map<String, Object>) results.get(condition);
        if (r == null) {
            System.out.println("note: the evaluation has no '" + condition + "' results; the card gets"
                    + " no " + label + " figures");
            return;
        }
        String prefix = "celeba-val-" + protocol.get("faces") + "." + label + ".";
        verification(card, prefix, (Map<String, Object>) r.get("verificationSameCondition"));
        verification(card, prefix + "hr-vs-probe.", (Map<String, Object>) r.get("verificationHrVsProbe"));
        put(card, prefix + "rank1", r.get("rank1"));
    }

    private static void verification(ModelCard.Builder card, String prefix, Map<String, Object> v) {
        if (v != null) {
            put(card, prefix + "verification-accuracy", v.get("meanAccuracy"));
            put(card, prefix + "verification-accuracy-std", v.get("stdAccuracy"));
        }
    }

    private static void put(ModelCard.Builder card, String key, Object value) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            card.addMetric(key, n.doubleValue());
            System.out.printf(Locale.ROOT, "  %-58s %.4f%n", key, n.doubleValue());
        } else {
            System.out.println("note: " + key + " is " + value + " in the evaluation; not in the card");
        }
    }

    /** Loads an exported model back through the zoo and compares it with the folder's network. */
    /** Rounds a network's parameters to float16 and back, as the zoo's float16 weights are. */
    static void roundToHalf(IdentityNet net) {
        dev.facesr.core.nn.ParameterPrecision.convert(net, DataType.FLOAT16);
        dev.facesr.core.nn.ParameterPrecision.convert(net, DataType.FLOAT32);
    }

    private static void check(Path modelDir, IdentityNet net, NDManager manager) throws Exception {
        int s = net.inputSize();
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int r = 60 + 150 * x / s;
                int g = 50 + 120 * y / s;
                int b = 90 + (x * y * 7) % 100;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        Image crop = new BufferedImageFactory().fromImage(img);
        try (ZooFaceEmbedder embedder = FsrModelZoo.embedder(modelDir);
                NDManager call = manager.newSubManager()) {
            float[] zoo = embedder.embed(crop);
            NDArray x = crop.toNDArray(call, Image.Flag.COLOR).transpose(2, 0, 1)
                    .toType(DataType.FLOAT32, false).div(255f).expandDims(0);
            float[] own = net.forward(new ParameterStore(call, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
            double norm = 0;
            double diff = 0;
            for (int i = 0; i < zoo.length; i++) {
                norm += (double) zoo[i] * zoo[i];
                diff = Math.max(diff, Math.abs(zoo[i] - own[i]));
            }
            System.out.printf(Locale.ROOT, "check %s: %d-d embedding of a synthetic %dx%d crop through"
                            + " the zoo, norm %.6f, max |zoo - folder network| %.2e%n",
                    embedder.name(), zoo.length, s, s, Math.sqrt(norm), diff);
            if (zoo.length != own.length || diff > 1e-4 || Math.abs(Math.sqrt(norm) - 1) > 1e-4) {
                throw new IllegalStateException("The exported model " + modelDir + " does not reproduce"
                        + " the folder's network (norm " + Math.sqrt(norm) + ", max difference " + diff
                        + "); do not ship it");
            }
        }
    }

    /**
     * Runs the export.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ExportIdentityModel()).execute(args));
    }
}
