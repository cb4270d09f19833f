package dev.facesr.examples.bench;

import dev.facesr.models.facade.FaceSR;
import dev.facesr.models.facade.UpscaleResult;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many {@code upscale} calls from several threads on one shared {@link FaceSR}: counts errors,
 * checks every result (output size, one entry per detected face), and samples the resident
 * memory as the calls go, so a leak shows as a rising line.
 */
public final class SoakRun {

    /**
     * A resident-memory sample.
     *
     * @param callsDone calls finished when it was taken
     * @param residentBytes the resident set size then ({@code -1} when unknown)
     */
    public record Sample(int callsDone, long residentBytes) {}

    /**
     * What a soak run saw.
     *
     * @param calls calls made
     * @param threads threads used
     * @param errors calls that threw or returned a wrong result
     * @param firstError the first error's message, or null
     * @param facesRestored faces restored over all calls
     * @param seconds wall time
     * @param samples resident memory as the run went
     */
    public record Result(int calls, int threads, int errors, String firstError, long facesRestored, double seconds,
            List<Sample> samples) {

        /** @return resident memory growth from the first sample after warm-up (10% of the calls) to the last, in bytes */
        public long residentGrowth() {
            Sample start = null;
            for (Sample s : samples) {
                if (s.callsDone() >= calls / 10) {
                    start = s;
                    break;
                }
            }
            if (start == null || samples.isEmpty() || start.residentBytes() < 0) {
                return 0;
            }
            return samples.get(samples.size() - 1).residentBytes() - start.residentBytes();
        }
    }

    private SoakRun() {}

    /**
     * Runs the soak.
     *
     * @param sr the shared facade
     * @param photos photos used in turn
     * @param calls total calls
     * @param threads threads
     * @param samples how many memory samples to take over the run
     * @param progress where to print each sample, or null
     * @return what the run saw
     * @throws InterruptedException when interrupted
     */
    public static Result run(FaceSR sr, List<BufferedImage> photos, int calls, int threads, int samples,
            PrintWriter progress) throws InterruptedException {
        if (photos.isEmpty() || calls < 1 || threads < 1 || samples < 1) {
            throw new IllegalArgumentException("need photos, calls >= 1, threads >= 1 and samples >= 1");
        }
        int sampleEvery = Math.max(1, calls / samples);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong restored = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Sample> taken = Collections.synchronizedList(new ArrayList<>());
        taken.add(new Sample(0, ProcessMemory.residentBytes().orElse(-1)));
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < calls) {
                        BufferedImage photo = photos.get(i % photos.size());
                        try {
                            UpscaleResult r = sr.upscale(photo);
                            int w = (int) Math.round(photo.getWidth() * sr.scale());
                            if (Math.abs(r.image().getWidth() - w) > 1) {
                                throw new IllegalStateException("output width " + r.image().getWidth() + ", expected " + w);
                            }
                            restored.addAndGet(r.restoredCount());
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, "call " + i + ": " + e);
                        }
                        int d = done.incrementAndGet();
                        if (d % sampleEvery == 0 || d == calls) {
                            Sample s = new Sample(d, ProcessMemory.residentBytes().orElse(-1));
                            taken.add(s);
                            if (progress != null) {
                                synchronized (progress) {
                                    progress.printf("  soak: %,d/%,d calls, %d errors, resident %s%n", d, calls,
                                            errors.get(), s.residentBytes() < 0 ? "unknown"
                                                    : ProcessMemory.mib(java.util.OptionalLong.of(s.residentBytes())));
                                    progress.flush();
                                }
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("soak worker died", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Sample> sorted = new ArrayList<>(taken);
        sorted.sort(java.util.Comparator.comparingInt(Sample::callsDone));
        return new Result(calls, threads, errors.get(), firstError.get(), restored.get(), seconds, List.copyOf(sorted));
    }
}
