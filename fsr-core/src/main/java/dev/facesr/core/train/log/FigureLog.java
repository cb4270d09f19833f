package dev.facesr.core.train.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facesr.core.train.FigureRecord;
import dev.facesr.core.train.TrainingObserver;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends every logged figure to a file, one line per figure, flushed after each batch of
 * figures so a killed run loses nothing it reported. Two formats:
 * <ul>
 *   <li>CSV: header {@code step,stage_index,stage,name,value,time}; names are quoted when they
 *       contain a comma or quote;</li>
 *   <li>JSON lines: {@code {"step":..,"stage_index":..,"stage":..,"name":..,"value":..,
 *       "time":"ISO-8601"}}; a non-finite value is written as a string ("NaN").</li>
 * </ul>
 * A resumed run appends to the same file; figures of steps after the last checkpoint then
 * appear twice (once from the killed run), the later lines being the resumed run's.
 */
public final class FigureLog implements TrainingObserver, AutoCloseable {

    /** File format. */
    public enum Format {
        /** Comma-separated values with a header line. */
        CSV,
        /** One JSON object per line. */
        JSON_LINES
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Format format;
    private BufferedWriter writer;

    /**
     * Opens (or creates) the log file for appending.
     *
     * @param file the file
     * @param format the format
     * @throws IOException if the file cannot be opened
     */
    public FigureLog(Path file, Format format) throws IOException {
        this.file = file;
        this.format = format;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh && format == Format.CSV) {
            writer.write("step,stage_index,stage,name,value,time");
            writer.newLine();
            writer.flush();
        }
    }

    /**
     * Returns the file written to.
     *
     * @return the file
     */
    public Path getFile() {
        return file;
    }

    @Override
    public synchronized void onFigures(List<FigureRecord> figures) {
        if (writer == null) {
            return;
        }
        try {
            for (FigureRecord f : figures) {
                writer.write(format == Format.CSV ? csv(f) : json(f));
                writer.newLine();
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write figure log " + file, e);
        }
    }

    private static String csv(FigureRecord f) {
        return f.step() + "," + f.stageIndex() + "," + quote(f.stage()) + "," + quote(f.name())
                + "," + f.value() + "," + f.time();
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String json(FigureRecord f) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("step", f.step());
        n.put("stage_index", f.stageIndex());
        n.put("stage", f.stage());
        n.put("name", f.name());
        if (Double.isFinite(f.value())) {
            n.put("value", f.value());
        } else {
            n.put("value", Double.toString(f.value()));
        }
        n.put("time", f.time().toString());
        return JSON.writeValueAsString(n);
    }

    @Override
    public void onRunEnd() {
        close();
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not close figure log " + file, e);
            } finally {
                writer = null;
            }
        }
    }
}
