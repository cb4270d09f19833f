package dev.facesr.examples.train;

import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.facesr.core.train.TrainingRun;
import dev.facesr.core.train.log.FigureLog;
import dev.facesr.core.train.log.ProgressReporter;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every trainer shares (a picocli {@code @Mixin}): the run folder, the shared datasets
 * folder and the seed. The run folder holds the checkpoints (the trainer resumes from them when
 * run again with the same {@code --out}), the figures and the final weights.
 */
public final class RunFolderOptions {

    /** The default seed of every trainer. */
    public static final long DEFAULT_SEED = 20261123L;

    @Option(names = "--out", required = true, description = "run folder (checkpoints, logs, final weights)")
    Path out;

    @Option(names = "--datasets", description = "the shared datasets folder (default: -Dfsr.datasets or ../shared/datasets)")
    Path datasets;

    @Option(names = "--seed", defaultValue = "20261123", description = "the run's seed (default: ${DEFAULT-VALUE})")
    long seed = DEFAULT_SEED;

    /**
     * The shared datasets folder: {@code --datasets}, else the system property {@code
     * fsr.datasets}, else {@code ../shared/datasets}.
     *
     * @return the folder (not checked)
     */
    public Path datasetsRoot() {
        return datasets != null ? datasets : Path.of(System.getProperty("fsr.datasets", "../shared/datasets"));
    }

    /**
     * Opens the run's figure log, {@code OUT/figures.csv} (appended to on resume).
     *
     * @return the log; close it when the run ends
     * @throws IOException if the file cannot be opened
     */
    public FigureLog openFigureLog() throws IOException {
        return new FigureLog(out.resolve("figures.csv"), FigureLog.Format.CSV);
    }

    /**
     * A training-run builder with the trainers' common settings: checkpoints in {@code
     * OUT/checkpoints} (the 2 newest kept), this seed, the console progress and the figure log.
     * Add the blocks and the schedule.
     *
     * @param log the figure log ({@link #openFigureLog()})
     * @param logEvery steps between logged figures
     * @param validateEvery steps between validations
     * @param checkpointEvery steps between checkpoints
     * @return the builder
     */
    public TrainingRun.Builder runBuilder(FigureLog log, int logEvery, int validateEvery, int checkpointEvery) {
        return TrainingRun.builder()
                .setCheckpointDirectory(out.resolve("checkpoints"))
                .optKeepCheckpoints(2)
                .optSeed(seed)
                .optLogEvery(logEvery)
                .optValidateEvery(validateEvery)
                .optCheckpointEvery(checkpointEvery)
                .addObserver(ProgressReporter.automatic())
                .addObserver(log);
    }

    /**
     * Writes a trained block to {@code OUT/final/}: its parameters as {@code paramsFile} and what
     * trained it as {@code training.json}.
     *
     * @param block the trained block
     * @param paramsFile the parameters' file name, e.g. {@code fsr-x8.params}
     * @param training the settings and result, written as JSON
     * @return the final folder
     * @throws IOException if a file cannot be written
     */
    public Path writeFinal(Block block, String paramsFile, Map<String, ?> training) throws IOException {
        Path finalDir = Files.createDirectories(out.resolve("final"));
        try (OutputStream os = Files.newOutputStream(finalDir.resolve(paramsFile));
                DataOutputStream dos = new DataOutputStream(os)) {
            block.saveParameters(dos);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(finalDir.resolve("training.json").toFile(), training);
        return finalDir;
    }
}
