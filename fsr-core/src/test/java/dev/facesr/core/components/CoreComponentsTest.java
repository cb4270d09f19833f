package dev.facesr.core.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import dev.facesr.core.degrade.BicubicResize;
import dev.facesr.core.degrade.Degradation;
import dev.facesr.core.loss.AdversarialLoss;
import dev.facesr.core.loss.ComponentLoss;
import dev.facesr.core.loss.FaceLoss;
import dev.facesr.core.loss.PixelLoss;
import dev.facesr.core.train.ValidationMetric;
import dev.facesr.core.train.config.Arguments;
import dev.facesr.core.train.config.ComponentRegistries;
import dev.facesr.core.train.config.RunConfigLoader;
import dev.facesr.metrics.ChannelMode;
import dev.facesr.metrics.Psnr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The names of {@link CoreComponentProvider}: found, complete, and built as documented. */
class CoreComponentsTest {

    static final ComponentRegistries REGISTRIES = ComponentRegistries.discover();
    static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void discoverFindsEveryDocumentedName() {
        assertThat(REGISTRIES.blocks().getNames()).contains("encoder", "decoder", "regressor",
                "generator", "discriminator", "last-output");
        assertThat(REGISTRIES.losses().getNames()).contains("l1", "l2", "charbonnier",
                "perceptual", "gan-generator", "gan-discriminator", "symmetry", "tv",
                "identity", "heatmap", "stage-regression", "cross-entropy", "distillation",
                "feature-distillation", "weighted-sum");
        assertThat(REGISTRIES.degradations().getNames()).contains("bicubic", "area",
                "gaussian-blur", "motion-blur", "gaussian-noise", "poisson-noise", "jpeg",
                "color-jitter", "identity", "sequence", "random");
        assertThat(REGISTRIES.datasets().getNames()).contains("celeba", "celeba-pairs",
                "image-folder", "folder-pairs", "landmarks68", "landmarks68-pairs", "mtfl",
                "mtfl-pairs");
        assertThat(REGISTRIES.metrics().getNames()).contains("psnr", "ssim", "loss");
    }

    @Test
    void misspeltArgumentsFailWithWhatTheFactoryRead() {
        assertThatThrownBy(() -> REGISTRIES.degradations().create("gaussian-blur",
                new Arguments("degradations.blur", map("sigma", 1.0, "sigmaa", 2.0), null,
                        null)))
                .hasMessageContaining("does not take argument(s) [sigmaa]")
                .hasMessageContaining("sigma");
        assertThatThrownBy(() -> REGISTRIES.blocks().create("encoder",
                new Arguments("blocks.enc", map("chanels", 8), null, null)))
                .hasMessageContaining("'chanels'").hasMessageContaining("channels");
        assertThatThrownBy(() -> REGISTRIES.losses().create("gan-generator",
                new Arguments("losses.g", map("gan", "wasserstein"), Map.of("weight", 1f),
                        null)))
                .hasMessageContaining("wasserstein").hasMessageContaining("least-squares");
        assertThatThrownBy(() -> REGISTRIES.losses().create("l3",
                new Arguments("losses.x", null, Map.of("weight", 1f), null)))
                .hasMessageContaining("unknown loss 'l3'").hasMessageContaining("charbonnier");
    }

    @Test
    void lossesTakeTheSuppliedWeightAndWeightedSumsSelectTheirInputs() {
        Loss l2 = REGISTRIES.losses().create("l2",
                new Arguments("losses.a", null, Map.of("weight", 0.25f), null));
        assertThat(((FaceLoss) l2).getWeight()).isEqualTo(0.25f);
        Loss adv = REGISTRIES.losses().create("gan-discriminator",
                new Arguments("losses.d", map("gan", "least-squares"), Map.of("weight", 2f),
                        null));
        assertThat(((AdversarialLoss) adv).getType())
                .isEqualTo(AdversarialLoss.GanType.LEAST_SQUARES);

        Loss content = PixelLoss.l1().optWeight(0.5f).build();
        Loss gAdv = AdversarialLoss.generator(AdversarialLoss.GanType.LEAST_SQUARES)
                .optWeight(0.1f).build();
        Map<String, Object> supplied = new LinkedHashMap<>();
        supplied.put("weight", 1f);
        supplied.put("terms", List.of(content, gAdv));
        supplied.put("termNames", List.of("pixel", "adversarial"));
        java.util.ArrayList<Integer> inputs = new java.util.ArrayList<>();
        inputs.add(0);
        inputs.add(1);
        supplied.put("termInputs", inputs);
        Loss sum = REGISTRIES.losses().create("weighted-sum",
                new Arguments("losses.g", null, supplied, null));
        NDArray hr = manager.ones(new Shape(2, 3, 4, 4));
        NDArray sr = manager.zeros(new Shape(2, 3, 4, 4));
        NDArray dReal = manager.ones(new Shape(2, 1));
        NDArray dFake = manager.zeros(new Shape(2, 1));
        Map<String, NDArray> parts = ((ComponentLoss) sum).evaluateComponents(
                new NDList(hr, dReal), new NDList(sr, dFake));
        assertThat(parts.keySet()).containsExactly("pixel", "adversarial");
        assertThat(parts.get("pixel").getFloat()).isEqualTo(0.5f);        // 0.5 * |1 - 0|
        assertThat(parts.get("adversarial").getFloat()).isEqualTo(0.1f);  // 0.1 * (0 - 1)^2
    }

    @Test
    void bicubicAndRandomDegradationsAreBuiltAsConfiguredAndReproducible() {
        Map<String, Object> built = new LinkedHashMap<>();
        Arguments.Resolver resolver = new Arguments.Resolver() {
            @Override
            public Object resolve(String section, String name) {
                return built.get(name);
            }
        };
        Degradation x4 = (Degradation) REGISTRIES.degradations().create("bicubic",
                new Arguments("degradations.x4", map("scale", 4, "quantize", false), null,
                        resolver));
        built.put("x4", x4);
        NDArray hr = manager.randomUniform(0f, 1f, new Shape(3, 16, 16));
        assertThat(x4.apply(hr, 1L).toFloatArray()).containsExactly(
                BicubicResize.shrinkBy(4).withoutQuantization().apply(hr, 1L).toFloatArray());

        Degradation random = (Degradation) REGISTRIES.degradations().create("random",
                new Arguments("degradations.blind", map("downscale", "x4",
                        "noiseProbability", 1.0, "noiseSigma", List.of(0.05, 0.1),
                        "grayNoiseProbability", 0.0, "jpegProbability", 0.0,
                        "jpegQuality", List.of(60, 90)), null, resolver));
        float[] a = random.apply(hr, 5L).toFloatArray();
        assertThat(random.apply(hr, 5L).toFloatArray()).containsExactly(a);
        assertThat(random.apply(hr, 6L).toFloatArray()).isNotEqualTo(a);
        assertThat(random.outputShape(hr.getShape())).isEqualTo(new Shape(3, 4, 4));

        assertThatThrownBy(() -> REGISTRIES.degradations().create("random",
                new Arguments("degradations.bad", map("downscale", "x4", "blurSigma",
                        List.of(1, 2)), null, resolver)))
                .hasMessageContaining("blurProbability");
    }

    @Test
    void psnrMetricMeasuresTheQuantizedPredictionAgainstTheLabel() {
        ValidationMetric metric = REGISTRIES.metrics().create("psnr", new Arguments(
                "metrics", map("channels", "rgb", "crop", 1), Map.of("name", "psnr-rgb"),
                null));
        NDArray hr = manager.randomUniform(0f, 1f, new Shape(2, 3, 8, 8)).mul(255).round()
                .div(255);
        NDArray sr = hr.add(0.02f);
        double expected = java.util.Arrays.stream(Psnr.builder().optChannels(ChannelMode.RGB)
                .optCrop(1).build().compute(sr.clip(0f, 1f).mul(255).round().div(255), hr))
                .average().orElseThrow();
        assertThat(metric.getName()).isEqualTo("psnr-rgb");
        assertThat(metric.evaluate(new NDList(hr), new NDList(sr))).isEqualTo(expected);
        assertThat(expected).isBetween(30.0, 40.0);
    }

    @Test
    void datasetsVariableDefaultsToTheSharedFolder() throws Exception {
        String text = RunConfigLoader.substitute("root: ${fsr.datasets}/celeba");
        assertThat(text).isEqualTo("root: " + RunConfigLoader.datasetsDirectory() + "/celeba");
        assertThatThrownBy(() -> RunConfigLoader.substitute("a: 1\nroot: ${no.such.var}"))
                .hasMessageContaining("${no.such.var}").hasMessageContaining("line 2");
    }
}
