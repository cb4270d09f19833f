package dev.facesr.examples.cli;

import com.google.gson.GsonBuilder;
import dev.facesr.examples.bench.BenchmarkPhotos;
import dev.facesr.examples.bench.ModelSpeed;
import dev.facesr.examples.bench.ProcessMemory;
import dev.facesr.examples.bench.SoakRun;
import dev.facesr.examples.report.MachineInfo;
import dev.facesr.models.detect.BoxTemplateLandmarks;
import dev.facesr.models.detect.HaarFaceDetector;
import dev.facesr.models.facade.FaceResult;
import dev.facesr.models.facade.FaceSR;
import dev.facesr.models.facade.FaceStatus;
import dev.facesr.models.facade.UpscaleResult;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ZooFaceUpscaler;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fsr benchmark}: prints the speed and memory figures of the shipped models and of the
 * {@link FaceSR} facade, and optionally runs a multi-threaded soak on one shared {@code FaceSR}.
 * A warmed-up main, not a test: it measures and prints; it asserts only that nothing failed.
 */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        description = {
            "Measures ms per aligned face (batch 1) and faces/s (batch 32) of each shipped SR model, the time of a"
                    + " whole photo (default 1280x720 with 6 real CelebA-val faces) through FaceSR, and peak resident"
                    + " memory; --soak-calls N adds N upscale calls from --threads threads on one FaceSR and prints"
                    + " errors and resident memory as it goes.",
            ""
        })
public final class BenchmarkCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--models", split = ",", paramLabel = "NAME",
            description = "SR models to time (default: every shipped SR model with trained weights).")
    List<String> models = new ArrayList<>();

    @Option(names = "--batch", defaultValue = "32", description = "The larger batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--timed", defaultValue = "40",
            description = "Timed one-face calls per model; batched calls are a quarter of it (default: ${DEFAULT-VALUE}).")
    int timed;

    @Option(names = "--photo", paramLabel = "WxH", defaultValue = "1280x720",
            description = "Size of the whole-photo benchmark (default: ${DEFAULT-VALUE}); 0x0 skips it.")
    String photo;

    @Option(names = "--photo-faces", defaultValue = "6", description = "Faces in that photo (default: ${DEFAULT-VALUE}).")
    int photoFaces;

    @Option(names = "--photo-runs", defaultValue = "5", description = "Timed calls on that photo (default: ${DEFAULT-VALUE}).")
    int photoRuns;

    @Option(names = "--face-scale", defaultValue = "0.22",
            description = "Factor applied to each pasted 178x218 CelebA image (default: ${DEFAULT-VALUE}: 39x48 px"
                    + " images, faces within reach of the default models' framings and of the Haar detector).")
    double faceScale;

    @Option(names = "--scale", defaultValue = "4",
            description = "Enlargement of the whole photo (default: ${DEFAULT-VALUE}; 8x of 1280x720 is over"
                    + " FaceSR's default 36 MP output limit).")
    double scale;

    @Option(names = "--model", defaultValue = FaceSR.Builder.DEFAULT_MODEL,
            description = "The model FaceSR uses for the photo and soak runs (default: ${DEFAULT-VALUE}, with"
                    + " FaceSR's default large-face model " + FaceSR.Builder.DEFAULT_LARGE_FACE_MODEL + ").")
    String facadeModel;

    @Option(names = "--min-face", defaultValue = "12",
            description = "Smallest face the detector looks for, px (default: ${DEFAULT-VALUE}).")
    int minFace;

    @Option(names = "--max-face-scale", description = "FaceSR.Builder.optMaxFaceScale for the photo and soak runs"
            + " (default: FaceSR's own, " + FaceSR.Builder.DEFAULT_MAX_FACE_SCALE + ").")
    Double maxFaceScale;

    @Option(names = "--soak-calls", defaultValue = "0", description = "Soak: upscale calls (default: 0, no soak).")
    int soakCalls;

    @Option(names = "--threads", defaultValue = "8", description = "Soak: threads sharing one FaceSR (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--soak-photo", paramLabel = "WxH", defaultValue = "240x180",
            description = "Soak: photo size, 2 faces each (default: ${DEFAULT-VALUE}), enlarged 2x.")
    String soakPhoto;

    @Option(names = "--datasets", paramLabel = "DIR",
            description = "The shared datasets folder, for the real faces (default: -Dfsr.datasets or ../shared/datasets).")
    Path datasets;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        if (batch < 1 || timed < 1 || photoRuns < 1 || photoFaces < 1 || threads < 1 || soakCalls < 0
                || !(faceScale > 0 && faceScale <= 4) || minFace < 8) {
            throw new CommandLine.ParameterException(cl, "--batch, --timed, --photo-runs, --photo-faces and --threads"
                    + " must be >= 1, --soak-calls >= 0, --face-scale in (0, 4], --min-face >= 8");
        }
        int[] photoSize = size(cl, "--photo", photo);
        int[] soakSize = size(cl, "--soak-photo", soakPhoto);
        Path root = datasets != null ? datasets : Path.of(System.getProperty("fsr.datasets", "../shared/datasets"));
        // fail fast, before minutes of timing, when the photo runs cannot find their faces
        BenchmarkPhotos photos = photoSize[0] > 0 || soakCalls > 0 ? BenchmarkPhotos.fromCelebaValidation(root) : null;
        Map<String, Object> report = new LinkedHashMap<>();
        MachineInfo machine = MachineInfo.current();
        report.put("machine", machine);
        out.printf("machine: %d processors, %s, %s; load average %s%n", machine.processors(), machine.cpuModel(),
                machine.java(), machine.loadBefore());

        FsrModelZoo zoo = FsrModelZoo.classpath();
        List<String> names = models.isEmpty() ? UpscalerResolver.defaultResolver().available() : models;
        List<ModelSpeed> speeds = new ArrayList<>();
        for (String name : names) {
            try (ZooFaceUpscaler upscaler = zoo.upscaler(name)) {
                ModelSpeed s = ModelSpeed.measure(name, upscaler, batch, Math.max(2, timed / 4), timed);
                speeds.add(s);
                out.printf(Locale.ROOT, "%-10s %2dx%-3d -> %3d: %7.2f ms/face at batch 1, %7.1f faces/s (%.2f ms/face)"
                                + " at batch %d%n", name, upscaler.inputSize(), upscaler.inputSize(),
                        upscaler.outputSize(), s.msPerFaceBatch1(), s.facesPerSecond(), s.msPerFaceBatched(), batch);
                out.flush();
            }
        }
        report.put("models", speeds);

        if (photoSize[0] > 0) {
            report.put("photo", photoRun(out, photos, photoSize));
        }
        if (soakCalls > 0) {
            report.put("soak", soak(out, photos, soakSize));
        }
        String peak = ProcessMemory.mib(ProcessMemory.peakResidentBytes());
        report.put("peakResidentMiB", ProcessMemory.peakResidentBytes().isPresent()
                ? ProcessMemory.peakResidentBytes().getAsLong() / 1048576.0 : null);
        report.put("loadAfter", MachineInfo.loadAverage());
        out.println("peak resident memory (VmHWM): " + peak + "; load average after: " + MachineInfo.loadAverage());
        if (json != null) {
            Files.writeString(json, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
                    .create().toJson(report));
            out.println("wrote " + json);
        }
        out.flush();
        Object soak = report.get("soak");
        return soak instanceof SoakRun.Result r && r.errors() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private FaceSR facade(double enlargement) {
        FaceSR.Builder b = FaceSR.builder()
                .optDetector(HaarFaceDetector.builder().optMinFaceSize(minFace).build())
                .optLandmarkEstimator(BoxTemplateLandmarks.forHaarAlt2())
                .optScale(enlargement);
        if (!facadeModel.equals(FaceSR.Builder.DEFAULT_MODEL)) {
            b.optModel(facadeModel); // otherwise FaceSR's default pair: fsr-x8 plus fsr-x4 for larger faces
        }
        if (maxFaceScale != null) {
            b.optMaxFaceScale(maxFaceScale);
        }
        return b.build();
    }

    private Map<String, Object> photoRun(PrintWriter out, BenchmarkPhotos photos, int[] wh) {
        BufferedImage image = photos.photo(wh[0], wh[1], photoFaces, faceScale, 20261123L);
        Map<String, Object> m = new LinkedHashMap<>();
        try (FaceSR sr = facade(scale)) {
            UpscaleResult first = sr.upscale(image); // warm-up; also tells what the pipeline did
            double[] ms = new double[photoRuns];
            for (int i = 0; i < photoRuns; i++) {
                long t0 = System.nanoTime();
                sr.upscale(image);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            Map<FaceStatus, Integer> statuses = new EnumMap<>(FaceStatus.class);
            for (FaceResult f : first.faces()) {
                statuses.merge(f.status(), 1, Integer::sum);
            }
            m.put("width", wh[0]);
            m.put("height", wh[1]);
            m.put("facesPlaced", photoFaces);
            m.put("scale", scale);
            m.put("model", facadeModel);
            m.put("faceStatuses", statuses);
            m.put("medianMs", ms[photoRuns / 2]);
            m.put("minMs", ms[0]);
            out.printf(Locale.ROOT, "photo %dx%d (%d faces placed) -> %dx%d with %s%s: median %.0f ms, min %.0f ms"
                            + " (%d runs); faces found: %s%n", wh[0], wh[1], photoFaces, first.image().getWidth(),
                    first.image().getHeight(), facadeModel, sr.largeFaceUpscaler().map(u -> " + " + u.name()).orElse(""),
                    ms[photoRuns / 2], ms[0], photoRuns, statuses);
            for (FaceResult f : first.faces()) {
                if (!f.isRestored()) {
                    out.println("  face not restored: " + f.status() + f.message().map(t -> " (" + t + ")").orElse(""));
                }
            }
            out.flush();
        }
        return m;
    }

    private SoakRun.Result soak(PrintWriter out, BenchmarkPhotos photos, int[] wh) throws InterruptedException {
        List<BufferedImage> images = photos.photos(16, wh[0], wh[1], 2, faceScale);
        try (FaceSR sr = facade(2)) {
            out.printf("soak: %,d calls from %d threads on one FaceSR (%s, %dx%d photos, 2 faces each, 2x)%n",
                    soakCalls, threads, facadeModel, wh[0], wh[1]);
            SoakRun.Result r = SoakRun.run(sr, images, soakCalls, threads, 20, out);
            out.printf(Locale.ROOT, "soak: %,d calls, %d errors%s, %,d faces restored, %.0f s (%.1f calls/s);"
                            + " resident memory from 10%% of the calls to the end: %+.0f MiB%n", r.calls(), r.errors(),
                    r.firstError() == null ? "" : " (first: " + r.firstError() + ")", r.facesRestored(), r.seconds(),
                    r.calls() / r.seconds(), r.residentGrowth() / 1048576.0);
            return r;
        }
    }

    private static int[] size(CommandLine cl, String option, String text) {
        String[] p = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                int w = Integer.parseInt(p[0].trim());
                int h = Integer.parseInt(p[1].trim());
                if (w >= 0 && h >= 0 && (w == 0) == (h == 0) && (long) w * h <= 50_000_000L) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(cl, option + " must be WIDTHxHEIGHT (e.g. 1280x720), got " + text);
    }
}
