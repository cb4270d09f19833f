package dev.facesr.core.train.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facesr.core.train.FigureRecord;
import dev.facesr.core.train.StageProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    @Test
    void barShowsRateEtaAndLastFigures() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(0);
        ProgressReporter r = ProgressReporter.withClock(
                new PrintStream(buf, true, StandardCharsets.UTF_8), now::get);
        r.onStageStart(new StageProgress(0, 2, "pretrain", 4, 40, 4, 4));
        now.set(2_000_000_000L); // 2 s later, 10 more steps: 5 steps/s, 26 left -> 5.2 s
        FigureRecord loss = new FigureRecord(14, 0, "pretrain", "loss", 0.125, Instant.now());
        r.onStep(new StageProgress(0, 2, "pretrain", 14, 40, 14, 4), List.of(loss));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\r[1/2 pretrain] |########").contains("14/40")
                .contains("5.00 steps/s").contains("ETA 00:05").contains("loss=0.1250");
    }

    @Test
    void durationsFormatWithHours() {
        assertThat(ProgressReporter.duration(59)).isEqualTo("00:59");
        assertThat(ProgressReporter.duration(3723)).isEqualTo("1:02:03");
    }
}
