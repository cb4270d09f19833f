package dev.facesr.core.train.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import dev.facesr.core.loss.ComponentLoss;
import dev.facesr.core.train.RunResult;
import dev.facesr.core.train.TinyNets;
import dev.facesr.core.train.TrainingRun;
import dev.facesr.core.train.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {

    static final String YAML = """
            seed: 7
            checkpoints: {directory: ckpt, every: 4, keep: 2}
            log: {every: 2, file: figures.jsonl, format: jsonl, progress: false}
            validateEvery: 4
            degradations:
              x2: {type: mean-pool, args: {factor: 2}}
            data:
              train: {type: pairs, args: {size: 8, batchSize: 4, seed: 1, degradation: x2}}
              val: {type: pairs, args: {size: 4, batchSize: 4, seed: 2, degradation: x2}}
            blocks:
              encoder: {type: tiny-encoder, inputShapes: [[1, 3, 8, 8]]}
              decoder: {type: tiny-decoder, inputShapes: [[1, 8, 8, 8]]}
              disc: {type: tiny-discriminator, inputShapes: [[1, 3, 16, 16]]}
            losses:
              content:
                type: sum
                terms:
                  - {type: l1, weight: 1.0}
                  - {type: l1, weight: 0.5}
              l1: {type: l1}
              g: {type: g-adv}
              d: {type: d-adv}
            stages:
              - name: pretrain
                type: supervised
                network: [encoder, decoder]
                loss: content
                data: train
                steps: 8
                optimizer:
                  type: adam
                  args: {beta1: 0.9}
                  schedule: {type: warmup-cosine, args: {lr: 0.01, warmupSteps: 2, maxUpdates: 8}}
                validation:
                  data: val
                  metrics: [{type: loss, name: l1, args: {loss: l1}}]
                  earlyStopping: {figure: val/l1, mode: minimize, patience: 3}
              - name: gan
                type: adversarial
                generator: [encoder, decoder]
                discriminator: disc
                generatorLoss: g
                discriminatorLoss: d
                data: train
                epochs: 2
                freeze: [encoder]
                generatorOptimizer: {type: adam, args: {lr: 0.001}}
                discriminatorOptimizer: {type: sgd, args: {lr: 0.01}}
            """;

    @TempDir Path dir;
    private NDManager data;
    private ComponentRegistries registries;

    /** A test composite: the weighted sum of its terms, with named parts. */
    static final class Sum extends Loss implements ComponentLoss {
        private final List<Loss> terms;
        private final float weight;

        Sum(List<Loss> terms, float weight) {
            super("sum");
            this.terms = terms;
            this.weight = weight;
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray total = null;
            for (NDArray v : evaluateComponents(labels, predictions).values()) {
                total = total == null ? v : total.add(v);
            }
            return total;
        }

        @Override
        public Map<String, NDArray> evaluateComponents(NDList labels, NDList predictions) {
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (int i = 0; i < terms.size(); i++) {
                out.put("term" + i, terms.get(i).evaluate(labels, predictions).mul(weight));
            }
            return out;
        }
    }

    @BeforeEach
    void register() {
        data = NDManager.newBaseManager();
        registries = ComponentRegistries.withDefaults();
        registries.blocks().register("tiny-encoder", a -> TinyNets.encoder())
                .register("tiny-decoder", a -> TinyNets.decoder())
                .register("tiny-generator", a -> TinyNets.generator())
                .register("tiny-discriminator",
                        a -> TinyNets.discriminator(a.getBoolean("conditioned", false)));
        registries.degradations().register("mean-pool", a -> a.getInt("factor"));
        registries.datasets().register("pairs", a -> {
            int factor = a.getReference("degradation", "degradations", Integer.class);
            if (factor != 2) {
                throw new IllegalArgumentException("the tiny pairs only come with factor 2");
            }
            return TinyNets.pairs(data, a.getInt("size"), a.getInt("batchSize"),
                    a.getInt("seed", 0), true);
        });
        registries.losses().register("l1",
                a -> new TinyNets.L1(a.getSupplied("weight", Float.class)))
                .register("sum", a -> new Sum(a.getSuppliedList("terms", Loss.class),
                        a.getSupplied("weight", Float.class)))
                .register("g-adv", a -> new TinyNets.GeneratorLoss())
                .register("d-adv", a -> new TinyNets.DiscriminatorLoss());
    }

    @AfterEach
    void close() {
        data.close();
    }

    @Test
    void yamlConfigurationAssemblesAndRuns() throws Exception {
        Path file = Files.writeString(dir.resolve("run.yaml"), YAML);
        AssembledRun assembled = new RunAssembler(registries).assemble(file);
        assertThat(assembled.blocks()).containsOnlyKeys("encoder", "decoder", "disc");
        RunResult result;
        try (TrainingRun run = assembled.builder().build()) {
            assertThat(run.getSchedule().getStages()).extracting(s -> s.getName())
                    .containsExactly("pretrain", "gan");
            result = run.run();
        }
        assertThat(result.globalStep()).isEqualTo(12);
        assertThat(result.lastFigures()).containsKeys("loss", "loss/term0", "loss/term1",
                "val/l1", "g/loss", "d/loss");
        List<String> lines = Files.readAllLines(dir.resolve("figures.jsonl"));
        assertThat(lines).anyMatch(l -> l.contains("\"name\":\"val/l1\""))
                .anyMatch(l -> l.contains("\"name\":\"loss/term1\""))
                .anyMatch(l -> l.contains("\"stage\":\"gan\""));
        assertThat(new CheckpointStore(dir.resolve("ckpt"), 2).list()).hasSize(2);
    }

    @Test
    void unknownNamesFailWithTheKnownOnes() throws Exception {
        RunAssembler assembler = new RunAssembler(registries);
        RunConfig badBlock = RunConfigLoader.parse(
                YAML.replace("type: tiny-encoder", "type: tiny-encodr"), true);
        assertThatThrownBy(() -> assembler.assemble(badBlock, dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown block 'tiny-encodr' in blocks.encoder")
                .hasMessageContaining("[tiny-decoder, tiny-discriminator, tiny-encoder,"
                        + " tiny-generator]");
        RunConfig badLoss = RunConfigLoader.parse(YAML.replace("loss: content", "loss: contnt"),
                true);
        assertThatThrownBy(() -> assembler.assemble(badLoss, dir))
                .hasMessageContaining("stage 'pretrain'.loss names unknown loss 'contnt'")
                .hasMessageContaining("known losses: [content, l1, g, d]");
        RunConfig badSchedule = RunConfigLoader.parse(
                YAML.replace("type: warmup-cosine", "type: warmup"), true);
        assertThatThrownBy(() -> assembler.assemble(badSchedule, dir))
                .hasMessageContaining("unknown schedule 'warmup'")
                .hasMessageContaining("[cosine, fixed, multistep, warmup-cosine]");
        RunConfig badRef = RunConfigLoader.parse(YAML.replace("degradation: x2}}\n  val",
                "degradation: x3}}\n  val"), true);
        assertThatThrownBy(() -> assembler.assemble(badRef, dir))
                .hasMessageContaining("data.train.degradation names unknown degradations entry"
                        + " 'x3'; known: [x2]");
        RunConfig badStage = RunConfigLoader.parse(
                YAML.replace("type: adversarial", "type: gan"), true);
        assertThatThrownBy(() -> assembler.assemble(badStage, dir))
                .hasMessageContaining("unknown stage type 'gan'");
    }

    @Test
    void misspeltArgumentsAndFieldsAreRejected() {
        RunAssembler assembler = new RunAssembler(registries);
        assertThatThrownBy(() -> assembler.assemble(RunConfigLoader.parse(
                YAML.replace("args: {factor: 2}", "args: {factor: 2, sigma: 1}"), true), dir))
                .hasMessageContaining("degradation 'mean-pool' in degradations.x2 does not take"
                        + " argument(s) [sigma]");
        assertThatThrownBy(() -> RunConfigLoader.parse(YAML.replace("validateEvery: 4",
                "validateEvry: 4"), true))
                .isInstanceOf(IOException.class).hasMessageContaining("validateEvry")
                .hasMessageContaining("line 4");
        assertThatThrownBy(() -> assembler.assemble(RunConfigLoader.parse(YAML.replace(
                "args: {factor: 2}", "args: {factor: two}"), true), dir))
                .hasMessageContaining("argument 'factor' must be an integer, got two");
    }

    @Test
    void registryRejectsDuplicatesAndListsNames() {
        Registry<String> r = new Registry<>("colour");
        r.register("red", a -> "r");
        assertThatThrownBy(() -> r.register("red", a -> "r2"))
                .hasMessageContaining("already registered");
        assertThat(r.create("red", Arguments.of(Map.of()))).isEqualTo("r");
        assertThatThrownBy(() -> r.create("blue", Arguments.of(Map.of())))
                .hasMessage("unknown colour 'blue'; known colours: [red]");
    }

    @Test
    void providersOnTheClassPathAreDiscovered() {
        ComponentRegistries found = ComponentRegistries.discover();
        assertThat(found.blocks().getNames()).contains("discovered-generator");
        assertThat(found.optimizers().getNames()).contains("adam", "sgd");
        assertThat(ComponentRegistries.empty().optimizers().getNames()).isEmpty();
    }

    @Test
    void jsonConfigurationIsReadToo() throws Exception {
        String json = """
                {"checkpoints": {"directory": "c"},
                 "stages": [{"name": "s", "network": "g", "loss": "l", "data": "d",
                             "steps": 3, "optimizer": {"type": "adam"}}]}
                """;
        Path file = Files.writeString(dir.resolve("run.json"), json);
        RunConfig c = RunConfigLoader.load(file);
        assertThat(c.stages().get(0).network()).containsExactly("g");
        assertThat(c.checkpoints().directory()).isEqualTo("c");
    }
}
