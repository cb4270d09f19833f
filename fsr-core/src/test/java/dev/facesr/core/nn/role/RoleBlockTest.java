package dev.facesr.core.nn.role;

import static dev.facesr.core.nn.BlockHarness.assertSaveLoadIdentical;
import static dev.facesr.core.nn.BlockHarness.assertShapesMatchForward;
import static dev.facesr.core.nn.BlockHarness.forward;
import static dev.facesr.core.nn.BlockHarness.init;
import static dev.facesr.core.nn.BlockHarness.inputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.ParameterCounts;
import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.core.nn.ResizeMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shapes, save/load identity, arguments round trips and behaviour of the role blocks. */
class RoleBlockTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDList check(Supplier<Block> factory, Shape... shapes) throws Exception {
        Block block = init(manager, factory.get(), shapes);
        NDList x = inputs(manager, shapes);
        NDList out = assertShapesMatchForward(manager, block, x);
        assertSaveLoadIdentical(manager, block, factory, x);
        return out;
    }

    /** Arguments survive JSON and rebuild a block with the same arguments and parameters. */
    private void assertArgumentsRoundTrip(
            RebuildableBlock block, Function<Map<String, Object>, RebuildableBlock> rebuild,
            Shape... shapes) throws Exception {
        String json = JSON.writeValueAsString(block.arguments());
        Map<String, Object> parsed = JSON.readValue(json, new TypeReference<>() {});
        RebuildableBlock twin = rebuild.apply(parsed);
        assertThat(twin.arguments()).isEqualTo(block.arguments());
        init(manager, block, shapes);
        init(manager, twin, shapes);
        assertThat(ParameterCounts.all(twin)).isEqualTo(ParameterCounts.all(block));
    }

    // ---------------------------------------------------------------- Encoder / Decoder

    private static Encoder.Builder tinyEncoder() {
        return Encoder.builder().setChannels(4).optDownsamplings(2).optResidualBlocks(1);
    }

    private static Decoder.Builder tinyDecoder() {
        return Decoder.builder().setChannels(4).optUpsamplings(2).optResidualBlocks(1);
    }

    @Test
    void encoderMakesFeatureMapOrVectorCodes() throws Exception {
        NDList map = check(() -> tinyEncoder().build(), new Shape(2, 3, 16, 16));
        assertThat(map.head().getShape()).isEqualTo(new Shape(2, 16, 4, 4));
        NDList code = check(() -> tinyEncoder().optCodeChannels(6).optNorm(NormType.INSTANCE)
                .build(), new Shape(1, 3, 16, 16));
        assertThat(code.head().getShape()).isEqualTo(new Shape(1, 6, 4, 4));
        NDList vector = check(() -> tinyEncoder().optVectorSize(10).build(),
                new Shape(2, 3, 16, 16));
        assertThat(vector.head().getShape()).isEqualTo(new Shape(2, 10));
        assertArgumentsRoundTrip(tinyEncoder().optVectorSize(10).build(),
                m -> Encoder.builder().fromArguments(m).build(), new Shape(1, 3, 16, 16));
    }

    @Test
    void encoderParameterCount() {
        Encoder e = init(manager, Encoder.builder().setChannels(2).optDownsamplings(1)
                .optResidualBlocks(0).optMaxChannels(2).build(), new Shape(1, 3, 8, 8));
        // head 3->2: 2*3*9+2 = 56; down 2->2: 2*2*9+2 = 38
        assertThat(ParameterCounts.all(e)).isEqualTo(56 + 38);
    }

    @Test
    void decoderMirrorsEncoder() throws Exception {
        NDList img = check(() -> tinyDecoder().optOutputActivation(ActivationType.SIGMOID)
                .build(), new Shape(2, 16, 4, 4));
        assertThat(img.head().getShape()).isEqualTo(new Shape(2, 3, 16, 16));
        assertThat(img.head().min().getFloat()).isGreaterThanOrEqualTo(0f);
        assertThat(img.head().max().getFloat()).isLessThanOrEqualTo(1f);
        NDList fromVector = check(() -> tinyDecoder().optVectorGrid(4, 4).build(),
                new Shape(2, 10));
        assertThat(fromVector.head().getShape()).isEqualTo(new Shape(2, 3, 16, 16));
        assertArgumentsRoundTrip(tinyDecoder().optVectorGrid(4, 4).build(),
                m -> Decoder.builder().fromArguments(m).build(), new Shape(1, 10));
    }

    @Test
    void crossDomainPiecesCompose() {
        // LR face resized to the HR grid and HR face share one encoder; regressor maps codes.
        Encoder encoder = init(manager, tinyEncoder().build(), new Shape(1, 3, 16, 16));
        Regressor regressor = init(manager, Regressor.builder().setChannels(16).setStages(3)
                .optBlocksPerStage(1).build(), new Shape(1, 16, 4, 4));
        Decoder decoder = init(manager, tinyDecoder().build(), new Shape(1, 16, 4, 4));
        NDArray lr = inputs(manager, new Shape(1, 3, 4, 4)).head();
        NDArray lrUp = dev.facesr.core.nn.Resize.resize(lr, 16, 16, ResizeMode.BILINEAR);
        NDList lrCode = forward(manager, encoder, new NDList(lrUp), false);
        NDList stages = forward(manager, regressor, lrCode, false);
        NDList sr = forward(manager, decoder, new NDList(stages.get(stages.size() - 1)), false);
        assertThat(sr.head().getShape()).isEqualTo(new Shape(1, 3, 16, 16));
    }

    // ---------------------------------------------------------------- Regressor

    @Test
    void regressorReturnsEveryStage() throws Exception {
        Supplier<Block> f = () -> Regressor.builder().setChannels(4).setStages(3)
                .optBlocksPerStage(1).optChannelAttention(2).build();
        NDList out = check(f, new Shape(1, 4, 4, 4));
        assertThat(out).hasSize(3);
        for (int k = 0; k < 3; k++) {
            assertThat(out.get(k).getShape()).isEqualTo(new Shape(1, 4, 4, 4));
        }
        assertThat(out.get(0).toFloatArray()).isNotEqualTo(out.get(1).toFloatArray());
        assertThat(out.get(1).toFloatArray()).isNotEqualTo(out.get(2).toFloatArray());
        assertThat(((Regressor) f.get()).getStageCount()).isEqualTo(3);
    }

    @Test
    void regressorWorksOnVectorCodes() throws Exception {
        Supplier<Block> f = () -> Regressor.builder().setChannels(6).setStages(2)
                .optCode(Regressor.CodeKind.VECTOR).build();
        NDList out = check(f, new Shape(3, 6));
        assertThat(out).hasSize(2);
        Block r = init(manager, f.get(), new Shape(3, 6));
        // 2 stages * 2 blocks * 2 * (36 + 6)
        assertThat(ParameterCounts.all(r)).isEqualTo(2 * 2 * 2 * 42);
        assertArgumentsRoundTrip((RebuildableBlock) f.get(),
                m -> Regressor.builder().fromArguments(m).build(), new Shape(1, 6));
        assertThatThrownBy(() -> r.getOutputShapes(new Shape[] {new Shape(3, 6, 2, 2)}))
                .hasMessageContaining("expects one code of shape (N, 6)");
    }

    // ---------------------------------------------------------------- Generator

    private static Generator.Builder tinyGenerator() {
        return Generator.builder().optChannels(4).optResidualBlocks(1).optHeadKernel(3)
                .optTailKernel(3).optNorm(NormType.NONE).optActivation(ActivationType.RELU)
                .optUpsampleActivation(ActivationType.NONE);
    }

    @Test
    void generatorUpscalesByTwoFourAndEight() throws Exception {
        for (int scale : new int[] {2, 4, 8}) {
            NDList out = check(() -> tinyGenerator().setScale(scale).build(),
                    new Shape(1, 3, 4, 4));
            assertThat(out.head().getShape()).isEqualTo(new Shape(1, 3, 4 * scale, 4 * scale));
        }
        NDList three = check(() -> tinyGenerator().setScale(3).optNorm(NormType.BATCH)
                .optActivation(ActivationType.PRELU).build(), new Shape(2, 3, 4, 4));
        assertThat(three.head().getShape()).isEqualTo(new Shape(2, 3, 12, 12));
    }

    @Test
    void generatorParameterCount() {
        Generator g = init(manager, tinyGenerator().setScale(2).build(), new Shape(1, 3, 4, 4));
        // head 3->4: 112; body: block 2*(4*4*9+4) = 296 + fuse 148; upsampler 4->16: 592;
        // tail 4->3: 3*4*9+3 = 111
        assertThat(ParameterCounts.all(g)).isEqualTo(112 + 296 + 148 + 592 + 111);
    }

    @Test
    void generatorRefineModeAddsItsInput() throws Exception {
        Supplier<Block> refine = () -> tinyGenerator().setRefine().build();
        NDList out = check(refine, new Shape(1, 3, 16, 16));
        assertThat(out.head().getShape()).isEqualTo(new Shape(1, 3, 16, 16));
        // same parameters without the global residual: outputs differ by exactly the input
        Generator withSkip = init(manager, tinyGenerator().setRefine().build(),
                new Shape(1, 3, 16, 16));
        Generator noSkip = tinyGenerator().setRefine().optGlobalResidual(false).build();
        copyParameters(withSkip, noSkip);
        NDArray x = inputs(manager, new Shape(1, 3, 16, 16)).head();
        NDArray a = forward(manager, withSkip, new NDList(x), false).head();
        NDArray b = forward(manager, noSkip, new NDList(x), false).head();
        assertThat(a.sub(b).toFloatArray()).containsExactly(x.toFloatArray(), within(1e-5f));
        assertThat(withSkip.arguments()).containsEntry("mode", "refine")
                .containsEntry("globalResidual", true);
    }

    @Test
    void generatorUpscaleGlobalResidualUsesResizedInput() throws Exception {
        NDList out = check(() -> tinyGenerator().setScale(4).optGlobalResidual(true).build(),
                new Shape(1, 3, 4, 4));
        assertThat(out.head().getShape()).isEqualTo(new Shape(1, 3, 16, 16));
        Generator g = tinyGenerator().setScale(2).optGlobalResidual(true).build();
        assertThatThrownBy(() -> g.getOutputShapes(new Shape[] {new Shape(1, 1, 4, 4)}))
                .hasMessageContaining("needs 3 channels");
    }

    @Test
    void generatorArgumentsRebuildIt() throws Exception {
        assertArgumentsRoundTrip(tinyGenerator().setScale(4).optChannelAttention(2).build(),
                m -> Generator.builder().fromArguments(m).build(), new Shape(1, 3, 4, 4));
        assertArgumentsRoundTrip(tinyGenerator().setRefine().build(),
                m -> Generator.builder().fromArguments(m).build(), new Shape(1, 3, 8, 8));
        assertThatThrownBy(() -> Generator.builder().fromArguments(Map.of("mode", "upscale",
                        "scale", 2, "blocks", 3)))
                .hasMessageContaining("Unknown Generator argument 'blocks'")
                .hasMessageContaining("residualBlocks");
        assertThatThrownBy(() -> Generator.builder().fromArguments(Map.of("mode", "upscale")))
                .hasMessageContaining("needs the argument 'scale'");
    }

    @Test
    void generatorBuilderSaysWhatToChange() {
        assertThatThrownBy(() -> Generator.builder().build())
                .hasMessageContaining("setScale(n)").hasMessageContaining("setRefine()");
        assertThatThrownBy(() -> Generator.builder().setScale(1).build())
                .hasMessageContaining("setScale must be an integer >= 2");
        assertThatThrownBy(() -> Generator.builder().setScale(2).optHeadKernel(4).build())
                .hasMessageContaining("optHeadKernel");
        assertThatThrownBy(() -> Encoder.builder().setChannels(8).optMaxChannels(4).build())
                .hasMessageContaining("optMaxChannels (4) must be at least setChannels (8)");
        assertThatThrownBy(() -> Decoder.builder().setChannels(4).optVectorGrid(4, 0).build())
                .hasMessageContaining("optVectorGrid");
        assertThatThrownBy(() -> Regressor.builder().setChannels(4).build())
                .hasMessageContaining("Regressor.setStages must be at least 1");
    }

    @Test
    void generatorGradientsReachTheFirstConvolution() {
        Generator g = init(manager, tinyGenerator().setScale(2).build(), new Shape(1, 3, 4, 4));
        NDList x = inputs(manager, new Shape(1, 3, 4, 4));
        NDArray target = manager.ones(new Shape(1, 3, 8, 8));
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray sr = g.forward(new ParameterStore(manager, false), x, true).head();
            collector.backward(sr.sub(target).abs().mean());
        }
        Parameter first = g.getParameters().get(0).getValue();
        assertThat(g.getParameters().get(0).getKey()).matches(".*head_.*conv_weight");
        assertThat(first.getArray().getGradient().abs().sum().getFloat()).isGreaterThan(0f);
    }

    // ---------------------------------------------------------------- Discriminator

    private static Discriminator.Builder tinyDiscriminator() {
        return Discriminator.builder().optChannels(4).optDownsamplings(2);
    }

    @Test
    void patchAndGlobalDiscriminators() throws Exception {
        NDList patch = check(() -> tinyDiscriminator().build(), new Shape(2, 3, 16, 16));
        assertThat(patch.head().getShape()).isEqualTo(new Shape(2, 1, 4, 4));
        NDList global = check(() -> tinyDiscriminator().optKind(Discriminator.Kind.GLOBAL)
                .optHidden(List.of(8)).optNorm(NormType.INSTANCE).build(),
                new Shape(2, 3, 16, 16));
        assertThat(global.head().getShape()).isEqualTo(new Shape(2, 1));
        assertArgumentsRoundTrip(tinyDiscriminator().optKind(Discriminator.Kind.GLOBAL)
                        .optHidden(List.of(8)).build(),
                m -> Discriminator.builder().fromArguments(m).build(), new Shape(1, 3, 16, 16));
        assertThatThrownBy(() -> tinyDiscriminator().optHidden(List.of(8)).build())
                .hasMessageContaining("only applies to the global kind");
    }

    @Test
    void conditionedDiscriminatorSeesTheLrImage() throws Exception {
        Supplier<Block> f = () -> tinyDiscriminator().optNorm(NormType.NONE)
                .optCondition(ResizeMode.NEAREST).build();
        NDList out = check(f, new Shape(1, 3, 16, 16), new Shape(1, 3, 4, 4));
        assertThat(out.head().getShape()).isEqualTo(new Shape(1, 1, 4, 4));
        Discriminator d = (Discriminator) init(manager, f.get(), new Shape(1, 3, 16, 16),
                new Shape(1, 3, 4, 4));
        // head 6->4: 4*6*9+4 = 220; down 4->8: 296; down 8->16: 1168; score 16->1: 145
        assertThat(ParameterCounts.all(d)).isEqualTo(220 + 296 + 1168 + 145);
        NDArray hr = inputs(manager, new Shape(1, 3, 16, 16)).head();
        NDArray lrA = manager.zeros(new Shape(1, 3, 4, 4));
        NDArray lrB = manager.ones(new Shape(1, 3, 4, 4));
        float[] a = forward(manager, d, new NDList(hr, lrA), false).head().toFloatArray();
        float[] b = forward(manager, d, new NDList(hr, lrB), false).head().toFloatArray();
        assertThat(a).isNotEqualTo(b);
        assertThatThrownBy(() -> d.getOutputShapes(new Shape[] {new Shape(1, 3, 16, 16)}))
                .hasMessageContaining("NDList(hrOrSr, lr)");
        assertArgumentsRoundTrip((RebuildableBlock) f.get(),
                m -> Discriminator.builder().fromArguments(m).build(),
                new Shape(1, 3, 16, 16), new Shape(1, 3, 8, 8));
        assertThat(d.arguments()).containsEntry("condition", "nearest");
    }

    private void copyParameters(Block from, Block to) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream os = new DataOutputStream(bytes)) {
            from.saveParameters(os);
        }
        to.initialize(manager, DataType.FLOAT32, from.getInputShapes());
        try (DataInputStream is =
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            to.loadParameters(manager, is);
        }
    }
}
