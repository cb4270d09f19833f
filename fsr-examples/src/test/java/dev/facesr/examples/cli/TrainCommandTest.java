package dev.facesr.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facesr.core.train.checkpoint.CheckpointStore;
import dev.facesr.core.train.config.ComponentRegistries;
import dev.facesr.core.train.config.RunAssembler;
import dev.facesr.core.train.config.RunConfig;
import dev.facesr.core.train.config.RunConfigLoader;
import dev.facesr.metrics.SyntheticImages;
import dev.facesr.metrics.image.ImageConversions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fsr train} and the recipes under {@code recipes/}. */
class TrainCommandTest {

    static final Path RECIPES = Path.of("..", "recipes");
    static final ComponentRegistries REGISTRIES = ComponentRegistries.discover();

    @TempDir Path tmp;
    private String previousFaces;

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @BeforeEach
    void writeSyntheticFaces() throws Exception {
        Path faces = Files.createDirectories(tmp.resolve("faces"));
        for (int k = 0; k < 8; k++) {
            ImageIO.write(ImageConversions.toBufferedImage(SyntheticImages.reference(48, 40, k)),
                    "png", faces.resolve("face" + k + ".png").toFile());
        }
        previousFaces = System.getProperty("fsr.tiny.faces");
        System.setProperty("fsr.tiny.faces", faces.toString());
    }

    @AfterEach
    void restoreProperty() {
        if (previousFaces == null) {
            System.clearProperty("fsr.tiny.faces");
        } else {
            System.setProperty("fsr.tiny.faces", previousFaces);
        }
    }

    @Test
    void tinySyntheticRecipeTrainsResumesAndStartsAfresh() throws Exception {
        Path recipe = Files.createDirectories(tmp.resolve("recipes")).resolve("tiny.yaml");
        Files.copy(RECIPES.resolve("tiny-synthetic.yaml"), recipe);
        CliRun first = run("train", "--config", recipe.toString(), "--steps-override", "6");
        assertThat(first.code).as(first.err).isEqualTo(ExitCodes.OK);
        assertThat(first.out).contains("training finished at step 6").contains("val/psnr");

        Path ckpt = tmp.resolve("runs/tiny-synthetic/ckpt/ckpt-000000000006.fsrckpt");
        assertThat(ckpt).exists();
        assertThat(CheckpointStore.isValid(ckpt)).isTrue();
        List<String> figures = Files.readAllLines(tmp.resolve("runs/tiny-synthetic/figures.csv"));
        assertThat(figures.get(0)).isEqualTo("step,stage_index,stage,name,value,time");
        assertThat(figures).anyMatch(l -> l.startsWith("2,0,tiny-sr,loss/pixel,"))
                .anyMatch(l -> l.startsWith("6,0,tiny-sr,val/psnr,"))
                .anyMatch(l -> l.startsWith("6,0,tiny-sr,val/l1,"));

        // the run is complete: running again resumes from its last checkpoint and stops
        CliRun again = run("train", "--config", recipe.toString(), "--steps-override", "6");
        assertThat(again.code).as(again.err).isEqualTo(ExitCodes.OK);
        assertThat(again.out).contains("resumed from step 6").contains("0 steps in this run");

        CliRun fresh = run("train", "--config", recipe.toString(), "--steps-override", "2",
                "--fresh");
        assertThat(fresh.code).as(fresh.err).isEqualTo(ExitCodes.OK);
        assertThat(fresh.out).contains("training finished at step 2:");
        assertThat(fresh.err).contains("moved 1 checkpoint(s)");
    }

    @Test
    void anUnknownLossNameGivesTheKnownNamesWithoutAStackTrace() throws Exception {
        String text = Files.readString(RECIPES.resolve("tiny-synthetic.yaml"))
                .replace("{type: l1, name: pixel}", "{type: l3, name: pixel}");
        Path config = Files.writeString(tmp.resolve("bad.yaml"), text);
        CliRun r = run("train", "--config", config.toString());
        assertThat(r.code).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err).contains("bad.yaml").contains("unknown loss 'l3'")
                .contains("losses.content.terms[0]").contains("charbonnier", "l1", "l2")
                .doesNotContain("\tat ");
    }

    @Test
    void aMalformedFileOrAMissingOneIsAUsageError() throws Exception {
        Path config = Files.writeString(tmp.resolve("broken.yaml"), "seed: 1\nstages: [\n");
        CliRun r = run("train", "--config", config.toString());
        assertThat(r.code).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err).contains("broken.yaml").contains("line");
        CliRun missing = run("train", "--config", tmp.resolve("nope.yaml").toString());
        assertThat(missing.code).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err).contains("no configuration file");
        assertThat(run("train").code).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void everyRecipeParsesAndNamesOnlyRegisteredComponents() throws Exception {
        List<Path> recipes;
        try (Stream<Path> files = Files.list(RECIPES)) {
            recipes = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(recipes).extracting(p -> p.getFileName().toString()).contains(
                "tiny-synthetic.yaml", "srresnet-x8-celeba.yaml", "cross-domain-celeba.yaml");
        for (Path recipe : recipes) {
            RunConfig c = RunConfigLoader.load(recipe);
            List<String> unknown = new ArrayList<>();
            check(unknown, REGISTRIES.degradations().getNames(), c.degradations());
            check(unknown, REGISTRIES.datasets().getNames(), c.data());
            c.blocks().values().forEach(b -> require(unknown, REGISTRIES.blocks().getNames(),
                    b.type()));
            c.losses().values().forEach(l -> checkLoss(unknown, l));
            for (RunConfig.StageSpec s : c.stages()) {
                for (RunConfig.OptimizerSpec o : Stream.of(s.optimizer(), s.generatorOptimizer(),
                        s.discriminatorOptimizer()).filter(o -> o != null).toList()) {
                    require(unknown, REGISTRIES.optimizers().getNames(), o.type());
                    if (o.schedule() != null) {
                        require(unknown, REGISTRIES.schedules().getNames(), o.schedule().type());
                    }
                }
                if (s.validation() != null) {
                    s.validation().metrics().forEach(m -> require(unknown,
                            REGISTRIES.metrics().getNames(), m.type()));
                }
            }
            assertThat(unknown).as(recipe.toString()).isEmpty();
        }
    }

    @Test
    void celebaRecipesAssembleWhenTheDatasetsArePresent() throws Exception {
        Path datasets = RunConfigLoader.datasetsDirectory();
        Assumptions.assumeTrue(Files.isDirectory(datasets.resolve("celeba")),
                "shared datasets not found at " + datasets + " (set -Dfsr.datasets)");
        for (String name : List.of("srresnet-x8-celeba.yaml", "cross-domain-celeba.yaml")) {
            RunConfig c = RunConfigLoader.load(RECIPES.resolve(name));
            // assemble against a temporary base so nothing is written into the repository
            var assembled = new RunAssembler(REGISTRIES).assemble(c, tmp.resolve("recipes"));
            assertThat(assembled.blocks()).as(name).isNotEmpty();
            assertThat(assembled.data()).as(name).containsKeys("train", "val");
        }
    }

    private static void check(List<String> unknown, Set<String> known,
            Map<String, RunConfig.ComponentSpec> section) {
        if (section != null) {
            section.values().forEach(s -> require(unknown, known, s.type()));
        }
    }

    private static void checkLoss(List<String> unknown, RunConfig.LossSpec spec) {
        require(unknown, REGISTRIES.losses().getNames(), spec.type());
        if (spec.terms() != null) {
            spec.terms().forEach(t -> checkLoss(unknown, t));
        }
    }

    private static void require(List<String> unknown, Set<String> known, String name) {
        if (!known.contains(name)) {
            unknown.add(name);
        }
    }
}
