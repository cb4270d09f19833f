package dev.facesr.examples.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a report ran on: what the speed numbers depend on.
 *
 * @param processors the processors the JVM may use ({@code Runtime.availableProcessors()}, as {@code nproc})
 * @param cpuModel the CPU model from {@code /proc/cpuinfo}, or "unknown"
 * @param loadBefore the 1/5/15-minute load average before the speed runs ({@code /proc/loadavg}), or "unknown"
 * @param loadAfter the load average after them
 * @param java the Java runtime version
 * @param os the operating system and architecture
 */
public record MachineInfo(int processors, String cpuModel, String loadBefore, String loadAfter, String java,
        String os) {

    /**
     * Describes this machine now; {@code loadAfter} is filled later with {@link #withLoadAfter()}.
     *
     * @return the description
     */
    public static MachineInfo current() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), readCpuModel(), loadAverage(), null,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    /**
     * Returns a copy with the load average measured now as {@code loadAfter}.
     *
     * @return the copy
     */
    public MachineInfo withLoadAfter() {
        return new MachineInfo(processors, cpuModel, loadBefore, loadAverage(), java, os);
    }

    /**
     * Reads the 1/5/15-minute load average.
     *
     * @return e.g. {@code "2.10 1.95 1.80"}, or "unknown" off Linux
     */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String readCpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String l : lines) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "unknown";
    }
}
