package dev.facesr.examples.train;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Dataset;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.facesr.core.data.CelebADataset;
import dev.facesr.core.data.CropPolicy;
import dev.facesr.core.degrade.BicubicResize;
import dev.facesr.examples.report.ReportModel;
import dev.facesr.examples.report.ReportModelResolvers;
import dev.facesr.examples.report.TrainedGeneratorModel;
import dev.facesr.metrics.identity.EmbeddingFunction;
import dev.facesr.metrics.identity.VerificationProtocol;
import dev.facesr.metrics.identity.VerificationResult;
import dev.facesr.models.identity.IdentityNet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Evaluates the cross-resolution identity model on CelebA val (identities disjoint from
 * training), FSRNet 128x128 framing, with 16x16 probes made by MATLAB bicubic ({@code
 * BicubicResize.shrinkBy(8)}, 8-bit):
 *
 * <ul>
 *   <li><b>verification</b> (10-fold LFW protocol, {@link VerificationProtocol}) on {@link
 *       VerificationPairs} (default 3,000 positive + 3,000 negative pairs, seed 20261123), once
 *       with both images at the probe condition and once cross-resolution (first image HR through
 *       the teacher, second image at the probe condition);
 *   <li><b>rank-1 identification</b>: gallery = the first image (by file name) of every val
 *       identity, HR through the teacher; probes = every other image at the probe condition.
 * </ul>
 *
 * <p>Probe conditions: {@code hr} (teacher on the HR face), {@code bicubic} (teacher on the
 * 16x16 face enlarged x8 with MATLAB bicubic), {@code student} (student on the 16x16 face; with
 * {@code --student}), {@code sr} (teacher on the super-resolved 16x16 face; with {@code --sr}, a
 * folder written by {@code TrainSuperResolution}, or any {@code Function<List<Image>,
 * List<Image>>} through {@link #evaluate}). Also measures milliseconds per face of each network's
 * forward pass (batch {@code --batch}, this machine). Writes {@code identity-eval.json}, {@code
 * identity-eval.md} and {@code pairs.csv} to {@code --out}.
 */
@Command(name = "evaluate-identity", mixinStandardHelpOptions = true,
        description = "Cross-resolution face verification and identification on CelebA val.")
public final class EvaluateIdentity implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    WeightsStorageOption weights = new WeightsStorageOption();

    /** Makes the 8-bit images handed to an SR function (AWT-backed whatever the default factory). */
    private static final BufferedImageFactory IMAGES = new BufferedImageFactory();

    /** The default seed of the pair drawing. */
    public static final long DEFAULT_SEED = 20261123L;

    @Option(names = "--teacher", required = true, description = "the teacher's final folder")
    Path teacherFolder;

    @Option(names = "--student", description = "the student's final folder (optional)")
    Path studentFolder;

    @Option(names = "--sr", description = "a trained SR folder (runs/.../final of TrainSuperResolution, x8; optional)")
    Path srFolder;

    @Option(names = "--sr-model", description = "a shipped x8 model of the zoo on the classpath, e.g. fsr-x8"
            + " (instead of --sr)")
    String srModel;

    @Option(names = "--datasets", description = "the shared datasets folder (default: -Dfsr.datasets or ../shared/datasets)")
    Path datasets;

    @Option(names = "--out", required = true, description = "folder for identity-eval.json/.md and pairs.csv")
    Path out;

    @Option(names = "--positive-pairs", defaultValue = "3000")
    int positives;

    @Option(names = "--negative-pairs", defaultValue = "3000")
    int negatives;

    @Option(names = "--seed", defaultValue = "20261123", description = "seed of the pair drawing")
    long seed;

    @Option(names = "--batch", defaultValue = "32")
    int batch;

    @Option(names = "--max-identities", defaultValue = "0",
            description = "use only the first N val identities (0 = all; for smoke runs)")
    int maxIdentities;

    /** The probe conditions, in table order. */
    static final List<String> CONDITIONS = List.of("hr", "bicubic", "student", "sr");

    @Override
    public Integer call() throws Exception {
        Path root = datasets != null ? datasets
                : Path.of(System.getProperty("fsr.datasets", "../shared/datasets"));
        Path celeba = root.resolve("celeba");
        if (!Files.isRegularFile(celeba.resolve("identities.csv"))) {
            throw new IllegalArgumentException("No CelebA at " + celeba + "; pass --datasets DIR");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            IdentityNet teacher = IdentityModelFolder.loadNetwork(teacherFolder, manager);
            IdentityNet student = studentFolder == null
                    ? null : IdentityModelFolder.loadNetwork(studentFolder, manager);
            if (weights.storage() == DataType.FLOAT16) {
                // measure what float16 zoo weights compute: the values rounded to half precision
                ExportIdentityModel.roundToHalf(teacher);
                if (student != null) {
                    ExportIdentityModel.roundToHalf(student);
                }
            }
            if (srFolder != null && srModel != null) {
                throw new IllegalArgumentException("Pass --sr DIR or --sr-model NAME, not both");
            }
            ReportModel sr = srFolder != null ? TrainedGeneratorModel.load(srFolder)
                    : srModel != null ? ReportModelResolvers.chain(ReportModelResolvers.registered()).open(srModel) : null;
            try {
                if (sr != null && !sr.supports(8)) {
                    throw new IllegalArgumentException("The SR model " + sr.name() + " does not do 8x (16 -> 128);"
                            + " it handles " + sr.scales());
                }
                Function<List<Image>, List<Image>> srFn =
                        sr == null ? null : images -> sr.upscale(images, 8);
                Map<String, Object> report = evaluate(celeba, teacher, student, srFn,
                        sr == null ? null : sr.name(), manager);
                report.put("teacherFolder", teacherFolder.toString());
                report.put("weightsDtype", weights.dtype);
                if (studentFolder != null) {
                    report.put("studentFolder", studentFolder.toString());
                }
                if (srFolder != null) {
                    report.put("srFolder", srFolder.toString());
                }
                if (srModel != null) {
                    report.put("srModel", srModel);
                }
                write(report);
            } finally {
                if (sr != null) {
                    sr.close();
                }
            }
        }
        return 0;
    }

    /**
     * Runs the evaluation with this command's settings.
     *
     * @param celeba the {@code celeba} folder
     * @param teacher the HR network (128x128 input)
     * @param student the 16x16 network, or null
     * @param superResolution maps 16x16 faces to 128x128 faces, or null
     * @param srName the name of the SR model for the table, or null
     * @param manager the manager for the arrays
     * @return the report as an ordered map (also holds the pairs under {@code "pairs"} as file
     *     names, written to {@code pairs.csv} by the command)
     * @throws IOException when a face cannot be read
     */
    public Map<String, Object> evaluate(
            Path celeba,
            IdentityNet teacher,
            IdentityNet student,
            Function<List<Image>, List<Image>> superResolution,
            String srName,
            NDManager manager)
            throws IOException {
        if (teacher.inputSize() != 128 || (student != null && student.inputSize() != 16)) {
            throw new IllegalArgumentException(
                    "The evaluation uses 128x128 HR faces and 16x16 probes; the teacher takes "
                            + teacher.inputSize() + " and the student "
                            + (student == null ? "-" : student.inputSize()));
        }
        CelebADataset val = CelebADataset.builder().setRoot(celeba)
                .optUsage(Dataset.Usage.VALIDATION).optCrop(CropPolicy.FSRNET_CELEBA_128).build();
        List<Integer> images = new ArrayList<>();
        for (int i = 0; i < val.size(); i++) {
            if (maxIdentities <= 0 || val.entry(i).identity() < maxIdentities) {
                images.add(i);
            }
        }
        int n = images.size();
        int[] ids = new int[n];
        String[] files = new String[n];
        for (int k = 0; k < n; k++) {
            ids[k] = val.entry(images.get(k)).identity();
            files[k] = celeba.relativize(val.entry(images.get(k)).file()).toString();
        }
        List<VerificationPairs.Pair> pairs =
                VerificationPairs.draw(ids, positives, negatives, 10, seed);

        Map<String, EmbeddingFunction> embedders = new LinkedHashMap<>();
        EmbeddingFunction teacherFn = embedder(teacher);
        embedders.put("hr", teacherFn);
        embedders.put("bicubic", teacherFn);
        if (student != null) {
            embedders.put("student", embedder(student));
        }
        if (superResolution != null) {
            embedders.put("sr", teacherFn);
        }
        Map<String, float[][]> embeddings = new LinkedHashMap<>();
        for (String c : embedders.keySet()) {
            embeddings.put(c, new float[n][]);
        }
        long[] nanos = new long[2]; // teacher (hr condition), student
        BicubicResize shrink = BicubicResize.shrinkBy(8);
        BicubicResize enlarge = BicubicResize.toSize(128, 128);
        SplittableRandom unused = new SplittableRandom(0); // bicubic draws nothing
        for (int start = 0; start < n; start += batch) {
            int end = Math.min(n, start + batch);
            try (NDManager sub = manager.newSubManager()) {
                NDList faces = new NDList();
                for (int k = start; k < end; k++) {
                    faces.add(val.get(sub, images.get(k)).getData().head());
                }
                NDArray hr = NDArrays.stack(faces);
                NDArray lr = shrink.apply(hr, unused);
                Map<String, NDArray> inputs = new LinkedHashMap<>();
                inputs.put("hr", hr);
                inputs.put("bicubic", enlarge.apply(lr, unused));
                inputs.put("student", lr);
                if (superResolution != null) {
                    inputs.put("sr", superResolve(superResolution, lr, sub));
                }
                for (Map.Entry<String, EmbeddingFunction> e : embedders.entrySet()) {
                    long t0 = System.nanoTime();
                    float[] flat = e.getValue().embed(inputs.get(e.getKey())).toFloatArray();
                    long dt = System.nanoTime() - t0;
                    if (e.getKey().equals("hr")) {
                        nanos[0] += dt;
                    } else if (e.getKey().equals("student")) {
                        nanos[1] += dt;
                    }
                    int d = flat.length / (end - start);
                    for (int k = start; k < end; k++) {
                        float[] row = new float[d];
                        System.arraycopy(flat, (k - start) * d, row, 0, d);
                        embeddings.get(e.getKey())[k] = row;
                    }
                }
            }
            if ((start / batch) % 20 == 0) {
                System.out.printf("embedded %d/%d faces%n", end, n);
            }
        }

        Map<String, Object> results = new LinkedHashMap<>();
        VerificationProtocol protocol = VerificationProtocol.lfw();
        float[][] hrEmb = embeddings.get("hr");
        for (Map.Entry<String, float[][]> e : embeddings.entrySet()) {
            float[][] probe = e.getValue();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("verificationSameCondition", verification(protocol, pairs, probe, probe));
            if (!e.getKey().equals("hr")) {
                r.put("verificationHrVsProbe", verification(protocol, pairs, hrEmb, probe));
            }
            r.put("rank1", rank1(hrEmb, probe, ids));
            results.put(e.getKey(), r);
        }

        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> protocolInfo = new LinkedHashMap<>();
        protocolInfo.put("split", "celeba/val");
        protocolInfo.put("crop", CropPolicy.FSRNET_CELEBA_128.toString());
        protocolInfo.put("probe", "BicubicResize.shrinkBy(8) (MATLAB bicubic, 8-bit) -> 16x16");
        protocolInfo.put("bicubicEnlargement", "BicubicResize.toSize(128, 128) (MATLAB bicubic, 8-bit)");
        protocolInfo.put("faces", n);
        protocolInfo.put("identities", java.util.Arrays.stream(ids).distinct().count());
        protocolInfo.put("positivePairs", positives);
        protocolInfo.put("negativePairs", negatives);
        protocolInfo.put("folds", protocol.folds());
        protocolInfo.put("seed", seed);
        protocolInfo.put("rank1Gallery", "first image (by file name) of every identity, HR, teacher");
        protocolInfo.put("rank1Probes", "every other image of every identity at the probe condition");
        report.put("protocol", protocolInfo);
        if (srName != null) {
            report.put("srModel", srName);
        }
        report.put("results", results);
        Map<String, Object> speed = new LinkedHashMap<>();
        speed.put("batch", batch);
        speed.put("teacherMsPerFace", nanos[0] / 1e6 / n);
        speed.put("teacherMultiplyAccumulates", teacher.multiplyAccumulates());
        if (student != null) {
            speed.put("studentMsPerFace", nanos[1] / 1e6 / n);
            speed.put("studentMultiplyAccumulates", student.multiplyAccumulates());
        }
        speed.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("speed", speed);
        List<String> pairLines = new ArrayList<>();
        for (VerificationPairs.Pair p : pairs) {
            pairLines.add(files[p.first()] + "," + files[p.second()] + "," + (p.same() ? 1 : 0));
        }
        report.put("pairs", pairLines);
        return report;
    }

    private static EmbeddingFunction embedder(IdentityNet net) {
        return images -> net.forward(
                        new ParameterStore(images.getManager(), false), new NDList(images), false)
                .singletonOrThrow();
    }

    private static NDArray superResolve(
            Function<List<Image>, List<Image>> sr, NDArray lr, NDManager manager) {
        List<Image> in = new ArrayList<>();
        for (int i = 0; i < lr.getShape().get(0); i++) {
            in.add(toImage(lr.get(i)));
        }
        List<Image> outImages = sr.apply(in);
        if (outImages == null || outImages.size() != in.size()) {
            throw new IllegalStateException("The SR function returned "
                    + (outImages == null ? "null" : outImages.size() + " images") + " for "
                    + in.size() + " inputs");
        }
        NDList faces = new NDList();
        for (Image image : outImages) {
            if (image.getWidth() != 128 || image.getHeight() != 128) {
                throw new IllegalStateException("The SR function must return 128x128 faces for"
                        + " 16x16 inputs (x8) but returned " + image.getWidth() + "x"
                        + image.getHeight());
            }
            faces.add(image.toNDArray(manager, Image.Flag.COLOR).transpose(2, 0, 1)
                    .toType(DataType.FLOAT32, false).div(255f));
        }
        return NDArrays.stack(faces);
    }

    /** CHW [0, 1] -> 8-bit RGB image. */
    private static Image toImage(NDArray chw) {
        int h = (int) chw.getShape().get(1);
        int w = (int) chw.getShape().get(2);
        float[] v = chw.toFloatArray();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = byteOf(v[y * w + x]);
                int g = byteOf(v[h * w + y * w + x]);
                int b = byteOf(v[2 * h * w + y * w + x]);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return IMAGES.fromImage(img);
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }

    private static Map<String, Object> verification(
            VerificationProtocol protocol,
            List<VerificationPairs.Pair> pairs,
            float[][] firstSide,
            float[][] secondSide) {
        double[] sims = new double[pairs.size()];
        boolean[] same = new boolean[pairs.size()];
        for (int i = 0; i < sims.length; i++) {
            VerificationPairs.Pair p = pairs.get(i);
            sims[i] = cosine(firstSide[p.first()], secondSide[p.second()]);
            same[i] = p.same();
        }
        VerificationResult r = protocol.evaluate(sims, same);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("meanAccuracy", r.meanAccuracy());
        m.put("stdAccuracy", r.stdAccuracy());
        m.put("foldAccuracies", r.foldAccuracies());
        m.put("thresholds", r.thresholds());
        return m;
    }

    /**
     * Rank-1 identification rate: the gallery is the first image of every identity (taken from
     * {@code gallerySide}), the probes are all other images (taken from {@code probeSide}); a
     * probe is correct when its most similar gallery image (cosine; the lowest identity on ties)
     * has its identity. Identities with a single image only add a gallery entry.
     *
     * @param gallerySide embeddings of every image for the gallery side
     * @param probeSide embeddings of every image for the probe side
     * @param identities the identity of every image
     * @return the fraction of correct probes (NaN when there is no probe)
     */
    public static double rank1(float[][] gallerySide, float[][] probeSide, int[] identities) {
        Map<Integer, Integer> galleryOf = new LinkedHashMap<>();
        for (int i = 0; i < identities.length; i++) {
            galleryOf.putIfAbsent(identities[i], i);
        }
        int correct = 0;
        int probes = 0;
        for (int i = 0; i < identities.length; i++) {
            if (galleryOf.get(identities[i]) == i) {
                continue;
            }
            probes++;
            double best = Double.NEGATIVE_INFINITY;
            int bestId = -1;
            for (Map.Entry<Integer, Integer> g : galleryOf.entrySet()) {
                double s = cosine(gallerySide[g.getValue()], probeSide[i]);
                if (s > best) {
                    best = s;
                    bestId = g.getKey();
                }
            }
            if (bestId == identities[i]) {
                correct++;
            }
        }
        return probes == 0 ? Double.NaN : (double) correct / probes;
    }

    /**
     * Cosine similarity of two vectors (0 when one is zero).
     *
     * @param a a vector
     * @param b a vector of the same length
     * @return the cosine
     */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    @SuppressWarnings("unchecked")
    private void write(Map<String, Object> report) throws IOException {
        Files.createDirectories(out);
        List<String> pairLines = (List<String>) report.remove("pairs");
        List<String> csv = new ArrayList<>();
        csv.add("file_a,file_b,same");
        csv.addAll(pairLines);
        Files.write(out.resolve("pairs.csv"), csv, StandardCharsets.UTF_8);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("identity-eval.json").toFile(), report);
        String md = markdown(report);
        Files.writeString(out.resolve("identity-eval.md"), md, StandardCharsets.UTF_8);
        System.out.print(md);
    }

    /**
     * Renders the results table of a report.
     *
     * @param report a map returned by {@link #evaluate}
     * @return a markdown table with one row per probe condition
     */
    @SuppressWarnings("unchecked")
    public static String markdown(Map<String, Object> report) {
        Map<String, Object> results = (Map<String, Object>) report.get("results");
        Map<String, Object> protocol = (Map<String, Object>) report.get("protocol");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "CelebA val, %s faces of %s identities; %s + %s pairs, %s folds, seed %s.%n%n",
                protocol.get("faces"), protocol.get("identities"), protocol.get("positivePairs"),
                protocol.get("negativePairs"), protocol.get("folds"), protocol.get("seed")));
        sb.append("| probe | verification, both at probe | verification, HR vs probe |"
                + " rank-1, HR gallery |\n|---|---|---|---|\n");
        for (String c : CONDITIONS) {
            Map<String, Object> r = (Map<String, Object>) results.get(c);
            if (r == null) {
                continue;
            }
            String name = switch (c) {
                case "hr" -> "HR 128x128, teacher";
                case "bicubic" -> "16x16, bicubic x8 + teacher";
                case "student" -> "16x16, student";
                default -> "16x16, SR " + report.getOrDefault("srModel", "") + " + teacher";
            };
            sb.append("| ").append(name).append(" | ")
                    .append(acc(r.get("verificationSameCondition"))).append(" | ")
                    .append(c.equals("hr") ? "(same as left)" : acc(r.get("verificationHrVsProbe")))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f %%", 100 * (Double) r.get("rank1")))
                    .append(" |\n");
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static String acc(Object verification) {
        Map<String, Object> v = (Map<String, Object>) verification;
        return String.format(Locale.ROOT, "%.2f ± %.2f %%",
                100 * (Double) v.get("meanAccuracy"), 100 * (Double) v.get("stdAccuracy"));
    }

    /**
     * Runs the evaluation.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new EvaluateIdentity()).execute(args));
    }
}
