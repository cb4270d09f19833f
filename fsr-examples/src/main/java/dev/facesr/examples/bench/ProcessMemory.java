package dev.facesr.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident memory of this process as the kernel reports it in {@code /proc/self/status}: the
 * current resident set ({@code VmRSS}) and its peak ({@code VmHWM}), which include the native
 * memory of the deep-learning engine that the Java heap figures miss. Empty off Linux.
 */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** @return the current resident set size in bytes, if known */
    public static OptionalLong residentBytes() {
        return read("VmRSS:");
    }

    /** @return the peak resident set size in bytes since the process started, if known */
    public static OptionalLong peakResidentBytes() {
        return read("VmHWM:");
    }

    /**
     * Formats a byte count in MiB.
     *
     * @param bytes the count, if known
     * @return e.g. {@code "812 MiB"} or {@code "unknown"}
     */
    public static String mib(OptionalLong bytes) {
        return bytes.isPresent() ? String.format(java.util.Locale.ROOT, "%.0f MiB", bytes.getAsLong() / 1048576.0)
                : "unknown";
    }

    private static OptionalLong read(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    String[] f = line.substring(key.length()).trim().split("\\s+");
                    long value = Long.parseLong(f[0]);
                    return OptionalLong.of(f.length > 1 && f[1].equalsIgnoreCase("kB") ? value * 1024 : value);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
