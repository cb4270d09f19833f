package dev.facesr.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import dev.facesr.core.train.checkpoint.CheckpointState;
import dev.facesr.core.train.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir Path dir;

    private static Block linear(NDManager m, int units) {
        Block b = Linear.builder().setUnits(units).build();
        b.initialize(m, DataType.FLOAT32, new Shape(1, units));
        return b;
    }

    private static CheckpointState state(long step) {
        return new CheckpointState(0, step, step, 7, Double.NaN, 0);
    }

    @Test
    void readersNeverSeeAPartialCheckpoint() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block big = linear(m, 384); // ~590 KB per checkpoint
            CheckpointStore store = new CheckpointStore(dir, 100);
            AtomicBoolean done = new AtomicBoolean();
            Set<String> checked = ConcurrentHashMap.newKeySet();
            Set<String> bad = ConcurrentHashMap.newKeySet();
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    try {
                        for (Path p : store.list()) {
                            checked.add(p.getFileName().toString());
                            if (!CheckpointStore.isValid(p) && Files.exists(p)) {
                                bad.add(p.getFileName().toString());
                            }
                        }
                    } catch (IOException e) {
                        bad.add(e.toString());
                    }
                }
            });
            reader.start();
            for (int i = 1; i <= 25; i++) {
                store.write(state(i), Map.of("big", big), Map.of());
            }
            done.set(true);
            reader.join();
            assertThat(bad).isEmpty();
            assertThat(checked).isNotEmpty();
            assertThat(store.list()).hasSize(25);
            try (var files = Files.list(dir)) {
                assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
            }
        }
    }

    @Test
    void keepsTheMostRecentAndSkipsCorruptAndTemporaryFiles() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = linear(m, 4);
            CheckpointStore store = new CheckpointStore(dir, 2);
            for (int i = 1; i <= 4; i++) {
                store.write(state(i * 10L), Map.of("b", b), Map.of());
            }
            assertThat(store.list()).extracting(CheckpointStore::stepOf).containsExactly(30L, 40L);
            Path stale = Files.writeString(dir.resolve(".ckpt-123.tmp"), "partial");
            assertThat(store.list()).doesNotContain(stale);
            Path latest = store.list().get(1);
            try (FileChannel ch = FileChannel.open(latest, StandardOpenOption.WRITE)) {
                ch.truncate(ch.size() / 2);
            }
            assertThat(CheckpointStore.isValid(latest)).isFalse();
            assertThat(store.latestValid()).contains(store.list().get(0));
            assertThatThrownBy(() -> CheckpointStore.readState(latest))
                    .hasMessageContaining("is corrupt");
            store.deleteStaleTemporaryFiles();
            assertThat(stale).doesNotExist();
        }
    }

    @Test
    void restoreCopiesValuesAndRejectsAnotherRunsBlocks() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block a = linear(m, 4);
            CheckpointStore store = new CheckpointStore(dir, 2);
            Path file = store.write(state(5), Map.of("a", a), Map.of());
            Block fresh = linear(m, 4);
            fresh.getParameters().get(0).getValue().getArray().muli(0);
            CheckpointState s = CheckpointStore.restore(file, Map.of("a", fresh), Map.of(), m);
            assertThat(s.globalStep()).isEqualTo(5);
            assertThat(fresh.getParameters().get(0).getValue().getArray().toFloatArray())
                    .containsExactly(a.getParameters().get(0).getValue().getArray()
                            .toFloatArray());
            assertThatThrownBy(() -> CheckpointStore.restore(file, Map.of("z", fresh), Map.of(),
                    m)).hasMessageContaining("holds block 'a'").hasMessageContaining("[z]");
            Block wrongShape = linear(m, 5);
            assertThatThrownBy(() -> CheckpointStore.restore(file, Map.of("a", wrongShape),
                    Map.of(), m)).hasMessageContaining("in the checkpoint but");
            assertThatThrownBy(() -> CheckpointStore.readState(dir.resolve("missing.fsrckpt")))
                    .isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void restoreParametersTakesTheWantedBlocksAndSkipsTheOthers() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block a = linear(m, 4);
            Block b = linear(m, 3);
            Path file = new CheckpointStore(dir, 2).write(state(9), Map.of("a", a, "b", b), Map.of());
            Block freshB = linear(m, 3);
            freshB.getParameters().get(0).getValue().getArray().muli(0);
            assertThat(CheckpointStore.restoreParameters(file, Map.of("b", freshB)).globalStep()).isEqualTo(9);
            assertThat(freshB.getParameters().get(0).getValue().getArray().toFloatArray())
                    .containsExactly(b.getParameters().get(0).getValue().getArray().toFloatArray());
            assertThatThrownBy(() -> CheckpointStore.restoreParameters(file, Map.of("c", linear(m, 3))))
                    .hasMessageContaining("lacks blocks [c]").hasMessageContaining("a").hasMessageContaining("b");
            assertThatThrownBy(() -> CheckpointStore.restoreParameters(file, Map.of("a", linear(m, 5))))
                    .hasMessageContaining("in the checkpoint but");
        }
    }
}
