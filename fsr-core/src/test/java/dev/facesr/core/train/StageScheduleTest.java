package dev.facesr.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.util.Pair;
import dev.facesr.core.train.optim.StatefulAdam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageScheduleTest {

    @TempDir Path dir;

    @Test
    void frozenBlocksStayIdenticalWhileTheRestTrainsAndHandoverCopies() throws Exception {
        try (NDManager data = NDManager.newBaseManager()) {
            ArrayDataset train = TinyNets.pairs(data, 8, 4, 5, true);
            Block encoder = TinyNets.encoder();
            Block decoder = TinyNets.decoder();
            Block student = TinyNets.decoder();
            Block autoencoder = new SequentialBlock().add(encoder).add(decoder);
            Block studentNet = new SequentialBlock().add(encoder).add(student);
            SupervisedStage pretrain = supervised("pretrain", autoencoder, train).build();
            SupervisedStage decoderOnly = supervised("decoder-only", autoencoder, train)
                    .optFreeze(encoder).build();
            SupervisedStage distil = supervised("student", studentNet, train)
                    .optFreeze(encoder).optHandover(BlockHandover.copy(decoder, student)).build();
            List<Map<String, float[]>> atStart = new ArrayList<>();
            List<Map<String, float[]>> atEnd = new ArrayList<>();
            List<Map<String, float[]>> studentAtStart = new ArrayList<>();
            TrainingObserver snapshots = new TrainingObserver() {
                @Override
                public void onStageStart(StageProgress p) {
                    atStart.add(values(encoder, decoder));
                    studentAtStart.add(values(student));
                }

                @Override
                public void onStageEnd(StageProgress p, boolean early) {
                    atEnd.add(values(encoder, decoder));
                }
            };
            try (TrainingRun run = TrainingRun.builder()
                    .addBlock("encoder", encoder, TinyNets.LR_SHAPE)
                    .addBlock("decoder", decoder, new ai.djl.ndarray.types.Shape(1, 8, 8, 8))
                    .addBlock("student", student, new ai.djl.ndarray.types.Shape(1, 8, 8, 8))
                    .setSchedule(StageSchedule.of(pretrain, decoderOnly, distil))
                    .setCheckpointDirectory(dir).addObserver(snapshots).build()) {
                RunResult r = run.run();
                assertThat(r.globalStep()).isEqualTo(15);
            }
            // stage 0 trains both
            assertChangedPrefix(atStart.get(0), atEnd.get(0), "encoder/", true);
            assertChangedPrefix(atStart.get(0), atEnd.get(0), "decoder/", true);
            // stage 1: encoder frozen, decoder trains
            assertChangedPrefix(atStart.get(1), atEnd.get(1), "encoder/", false);
            assertChangedPrefix(atStart.get(1), atEnd.get(1), "decoder/", true);
            // stage 2: the student starts as a copy of the decoder; encoder still frozen
            Map<String, float[]> decoderEnd1 = atEnd.get(1);
            Map<String, float[]> studentStart = studentAtStart.get(2);
            assertThat(studentStart).hasSameSizeAs(
                    decoderEnd1.keySet().stream().filter(k -> k.startsWith("decoder/")).toList());
            for (String k : studentStart.keySet()) {
                assertThat(studentStart.get(k))
                        .containsExactly(decoderEnd1.get(k.replace("student/", "decoder/")));
            }
            assertChangedPrefix(atStart.get(2), atEnd.get(2), "encoder/", false);
            assertChangedPrefix(atStart.get(2), atEnd.get(2), "decoder/", false);
        }
    }

    @Test
    void unregisteredParametersAndDuplicateNamesAreRejected() throws Exception {
        try (NDManager data = NDManager.newBaseManager()) {
            ArrayDataset train = TinyNets.pairs(data, 4, 4, 5, true);
            Block g = TinyNets.generator();
            Block other = TinyNets.generator();
            SupervisedStage a = supervised("a", g, train).build();
            SupervisedStage b = supervised("a", g, train).build();
            assertThatThrownBy(() -> StageSchedule.of(a, b))
                    .hasMessageContaining("two stages are named 'a'");
            SupervisedStage c = supervised("c", other, train).build();
            try (TrainingRun run = TrainingRun.builder().addBlock("g", g, TinyNets.LR_SHAPE)
                    .addBlock("h", TinyNets.encoder(), TinyNets.LR_SHAPE)
                    .setSchedule(StageSchedule.of(c)).setCheckpointDirectory(dir).build()) {
                other.initialize(run.getManager(), ai.djl.ndarray.types.DataType.FLOAT32,
                        TinyNets.LR_SHAPE);
                assertThatThrownBy(run::run).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("belong to no named block")
                        .hasMessageContaining("[g, h]");
            }
        }
        assertThatThrownBy(() -> SupervisedStage.builder().setName("x").setSteps(0).build())
                .hasMessageContaining("steps must be > 0");
    }

    private static SupervisedStage.Builder supervised(String name, Block net, ArrayDataset d) {
        return SupervisedStage.builder().setName(name).setSteps(5).setDataset(d).setNetwork(net)
                .setLoss(new TinyNets.L1(1f))
                .setOptimizer(StatefulAdam.builder().optLearningRate(0.01f).build());
    }

    static Map<String, float[]> values(Block... blocks) {
        String[] names = {"encoder", "decoder"};
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < blocks.length; i++) {
            String prefix = blocks.length == 1 ? "student" : names[i];
            for (Pair<String, Parameter> p : blocks[i].getParameters()) {
                out.put(prefix + "/" + p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        return out;
    }

    private static void assertChangedPrefix(Map<String, float[]> a, Map<String, float[]> b,
            String prefix, boolean changed) {
        boolean any = false;
        for (String k : a.keySet()) {
            if (k.startsWith(prefix)) {
                boolean same = java.util.Arrays.equals(a.get(k), b.get(k));
                if (!changed) {
                    assertThat(same).as(k + " must stay identical").isTrue();
                }
                any |= !same;
            }
        }
        if (changed) {
            assertThat(any).as(prefix + " should have changed").isTrue();
        }
    }
}
