package dev.facesr.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fsr benchmark} with tiny settings: it times the shipped default model and writes its figures. */
class BenchmarkCommandTest {

    @TempDir Path tmp;

    private static String[] run(String... args) {
        CliRun r = CliRun.run(args);
        return new String[] {String.valueOf(r.code), r.out, r.err};
    }

    @Test
    void timesTheDefaultModelAndWritesJson() throws Exception {
        Path json = tmp.resolve("bench.json");
        String[] r = run("benchmark", "--models", "fsr-x8", "--batch", "2", "--timed", "2", "--photo", "0x0",
                "--json", json.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("fsr-x8", "ms/face at batch 1", "faces/s", "peak resident memory");
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonObject model = root.getAsJsonArray("models").get(0).getAsJsonObject();
        assertThat(model.get("model").getAsString()).isEqualTo("fsr-x8");
        assertThat(model.get("msPerFaceBatch1").getAsDouble()).isPositive();
        assertThat(model.get("facesPerSecond").getAsDouble()).isPositive();
        assertThat(root.has("photo")).isFalse();
    }

    @Test
    void badSizesAndMissingDataAreUsageOrClearErrors() {
        String[] bad = run("benchmark", "--models", "fsr-x8", "--photo", "big");
        assertThat(bad[0]).isEqualTo(String.valueOf(ExitCodes.USAGE));
        assertThat(bad[2]).contains("--photo must be WIDTHxHEIGHT");
        String[] noData = run("benchmark", "--models", "fsr-x8", "--batch", "1", "--timed", "1",
                "--datasets", tmp.resolve("none").toString());
        assertThat(noData[0]).isNotEqualTo("0");
        assertThat(noData[2]).contains("No CelebA validation faces", "--datasets");
    }
}
