package dev.facesr.core.nn.layer;

import static dev.facesr.core.nn.BlockHarness.assertSaveLoadIdentical;
import static dev.facesr.core.nn.BlockHarness.assertShapesMatchForward;
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
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.BlockHarness;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.ParameterCounts;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shapes, hand-computed parameter counts, save/load identity and builder checks of the layers. */
class LayerTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Initialises, checks shapes vs forward and save/load identity; returns the block. */
    private Block check(Supplier<Block> factory, Shape... shapes) throws Exception {
        Block block = init(manager, factory.get(), shapes);
        NDList x = inputs(manager, shapes);
        assertShapesMatchForward(manager, block, x);
        assertSaveLoadIdentical(manager, block, factory, x);
        return block;
    }

    @Test
    void convBlockWithBatchNormAndPrelu() throws Exception {
        Supplier<Block> f =
                () -> ConvBlock.builder().setChannels(8).optNorm(NormType.BATCH)
                        .optActivation(ActivationType.PRELU).build();
        Block b = check(f, new Shape(2, 3, 16, 16));
        // conv 8*3*3*3 + 8 = 224; BN gamma+beta 16 (+16 running stats); PReLU alpha 1
        assertThat(ParameterCounts.trainable(b)).isEqualTo(241);
        assertThat(ParameterCounts.all(b)).isEqualTo(257);
        assertThat(b.getOutputShapes(new Shape[] {new Shape(2, 3, 16, 16)}))
                .containsExactly(new Shape(2, 8, 16, 16));
    }

    @Test
    void convBlockStrideTwoWithInstanceNormAndLeakyRelu() throws Exception {
        Supplier<Block> f =
                () -> ConvBlock.builder().setChannels(4).optStride(2).optNorm(NormType.INSTANCE)
                        .optActivation(ActivationType.LEAKY_RELU).build();
        Block b = check(f, new Shape(1, 3, 15, 16));
        assertThat(b.getOutputShapes(new Shape[] {new Shape(1, 3, 15, 16)}))
                .containsExactly(new Shape(1, 4, 8, 8));
        // conv 4*3*9 + 4 = 112; instance norm gamma+beta 8
        assertThat(ParameterCounts.all(b)).isEqualTo(120);
    }

    @Test
    void convBlockOneByOneWithoutBias() throws Exception {
        Block b = check(() -> ConvBlock.builder().setChannels(5).optKernelSize(1).optBias(false)
                .build(), new Shape(1, 3, 4, 4));
        assertThat(ParameterCounts.all(b)).isEqualTo(15);
    }

    @Test
    void instanceNormNormalisesEachPlane() {
        InstanceNorm norm = init(manager, new InstanceNorm(), new Shape(2, 3, 4, 4));
        NDArray x = inputs(manager, new Shape(2, 3, 4, 4)).singletonOrThrow().mul(5).add(2);
        NDArray y = BlockHarness.forward(manager, norm, new NDList(x), false).singletonOrThrow();
        for (float mean : y.reshape(6, 16).mean(new int[] {1}).toFloatArray()) {
            assertThat(mean).isCloseTo(0f, within(1e-5f));
        }
        for (float var : y.square().reshape(6, 16).mean(new int[] {1}).toFloatArray()) {
            assertThat(var).isCloseTo(1f, within(1e-3f));
        }
        assertThat(ParameterCounts.all(norm)).isEqualTo(6);
    }

    @Test
    void preluAlphaStartsAtQuarter() {
        ActivationBlock act = init(manager, new ActivationBlock(ActivationType.PRELU, 0.2f),
                new Shape(1, 4));
        NDArray x = manager.create(new float[] {-4, -1, 0, 2}, new Shape(1, 4));
        assertThat(BlockHarness.forward(manager, act, new NDList(x), false).head().toFloatArray())
                .containsExactly(-1f, -0.25f, 0f, 2f);
    }

    @Test
    void residualBlockWithChannelAttention() throws Exception {
        Supplier<Block> f =
                () -> ResidualBlock.builder().setChannels(4).optChannelAttention(2)
                        .optResidualScale(0.5f).build();
        Block b = check(f, new Shape(1, 4, 8, 8));
        // two 3x3 convs 2*(4*4*9+4) = 296; attention 4->2 (8+2) and 2->4 (8+4) = 22
        assertThat(ParameterCounts.all(b)).isEqualTo(318);
    }

    @Test
    void residualBlockWithBatchNorm() throws Exception {
        Block b = check(() -> ResidualBlock.builder().setChannels(4).optNorm(NormType.BATCH)
                .optActivation(ActivationType.PRELU).build(), new Shape(2, 4, 8, 8));
        // 296 conv + 2 BN * 8 trainable + PReLU 1 = 313; + 2 BN * 8 running stats = 329
        assertThat(ParameterCounts.trainable(b)).isEqualTo(313);
        assertThat(ParameterCounts.all(b)).isEqualTo(329);
    }

    @Test
    void residualBlockRejectsOtherChannelCounts() {
        ResidualBlock b = ResidualBlock.builder().setChannels(4).build();
        assertThatThrownBy(() -> b.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("built for 4 channels but the input has 3");
    }

    @Test
    void residualGroupAndLinearResidualBlock() throws Exception {
        Block g = check(() -> ResidualGroup.of(2, ResidualBlock.builder().setChannels(4)),
                new Shape(1, 4, 8, 8));
        assertThat(ParameterCounts.all(g)).isEqualTo(2 * 296 + 148);
        Block l = check(() -> new LinearResidualBlock(5, ActivationType.RELU, 0.2f, 1f),
                new Shape(3, 5));
        assertThat(ParameterCounts.all(l)).isEqualTo(2 * (25 + 5));
    }

    @Test
    void pixelShuffleMatchesPytorchOrder() {
        // in[c_in, 0, w] = 2 * c_in + w; PyTorch: out[c, i, 2w + j] = in[4c + 2i + j, 0, w]
        NDArray x = manager.arange(16f).reshape(1, 8, 1, 2);
        NDArray y = PixelShuffle.apply(x, 2);
        assertThat(y.getShape()).isEqualTo(new Shape(1, 2, 2, 4));
        assertThat(y.toFloatArray())
                .containsExactly(0, 2, 1, 3, 4, 6, 5, 7, 8, 10, 9, 11, 12, 14, 13, 15);
        assertThatThrownBy(() -> PixelShuffle.apply(manager.zeros(new Shape(1, 6, 2, 2)), 2))
                .hasMessageContaining("multiple of 4");
    }

    @Test
    void upsamplerFactorFourStacksTwoStages() throws Exception {
        Supplier<Block> f = () -> PixelShuffleUpsampler.builder().setFactor(4).setChannels(4)
                .optActivation(ActivationType.PRELU).build();
        Block b = check(f, new Shape(1, 6, 4, 4));
        assertThat(((PixelShuffleUpsampler) b).getStageFactors()).containsExactly(2, 2);
        assertThat(b.getOutputShapes(new Shape[] {new Shape(1, 6, 4, 4)}))
                .containsExactly(new Shape(1, 4, 16, 16));
        // stage 1: 6->16 conv 16*6*9+16 = 880; stage 2: 4->16 conv 592; two PReLU alphas
        assertThat(ParameterCounts.all(b)).isEqualTo(880 + 592 + 2);
    }

    @Test
    void upsamplerOtherFactorsUseOneStage() throws Exception {
        Block three = check(() -> PixelShuffleUpsampler.builder().setFactor(3).setChannels(3)
                .build(), new Shape(1, 4, 4, 4));
        assertThat(((PixelShuffleUpsampler) three).getStageFactors()).containsExactly(3);
        assertThat(ParameterCounts.all(three)).isEqualTo(27 * 4 * 9 + 27);
        Block eight = check(() -> PixelShuffleUpsampler.builder().setFactor(8).setChannels(2)
                .build(), new Shape(1, 2, 2, 2));
        assertThat(((PixelShuffleUpsampler) eight).getStageFactors()).containsExactly(2, 2, 2);
        assertThat(eight.getOutputShapes(new Shape[] {new Shape(1, 2, 2, 2)}))
                .containsExactly(new Shape(1, 2, 16, 16));
        assertThat(ParameterCounts.all(eight)).isEqualTo(3 * (8 * 2 * 9 + 8));
    }

    @Test
    void upsamplerRejectsFactorOne() {
        assertThatThrownBy(() -> PixelShuffleUpsampler.builder().setFactor(1).setChannels(3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setFactor must be an integer >= 2");
    }

    @Test
    void hourglassIsRecursive() throws Exception {
        Supplier<Block> f = () -> HourglassBlock.builder().setChannels(4).setDepth(2).build();
        Block b = check(f, new Shape(1, 4, 8, 8));
        // depth 2 = 3 residual blocks + inner hourglass of depth 1 (4 blocks); 296 each
        assertThat(ParameterCounts.all(b)).isEqualTo(7 * 296);
    }

    @Test
    void hourglassRejectsSizesItCannotHalve() {
        HourglassBlock b = HourglassBlock.builder().setChannels(4).setDepth(3).build();
        assertThatThrownBy(() -> b.getOutputShapes(new Shape[] {new Shape(1, 4, 12, 12)}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("divisible by 8");
    }

    @Test
    void globalPoolingHead() throws Exception {
        Supplier<Block> f =
                () -> GlobalPoolingHead.builder().setOutputs(2).optHidden(List.of(4)).build();
        Block b = check(f, new Shape(3, 8, 5, 5));
        assertThat(b.getOutputShapes(new Shape[] {new Shape(3, 8, 5, 5)}))
                .containsExactly(new Shape(3, 2));
        assertThat(ParameterCounts.all(b)).isEqualTo(8 * 4 + 4 + 4 * 2 + 2);
    }

    @Test
    void buildersSayWhatToChange() {
        assertThatThrownBy(() -> ConvBlock.builder().build())
                .hasMessageContaining("ConvBlock.setChannels must be at least 1");
        assertThatThrownBy(() -> ConvBlock.builder().setChannels(3).optKernelSize(4).build())
                .hasMessageContaining("odd positive kernel size");
        assertThatThrownBy(() -> ResidualBlock.builder().setChannels(3).optResidualScale(0f)
                .build()).hasMessageContaining("optResidualScale must be in (0, 1]");
        assertThatThrownBy(() -> HourglassBlock.builder().setChannels(3).build())
                .hasMessageContaining("HourglassBlock.setDepth must be at least 1");
        assertThatThrownBy(() -> GlobalPoolingHead.builder().setOutputs(1)
                .optHidden(List.of(0)).build()).hasMessageContaining("optHidden");
        assertThatThrownBy(() -> new ChannelAttention(4, 0))
                .hasMessageContaining("reduction must be at least 1");
    }

    @Test
    void loadingAnotherVersionFailsClearly() throws Exception {
        Block b = init(manager, ConvBlock.builder().setChannels(2).build(), new Shape(1, 1, 4, 4));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream os = new java.io.DataOutputStream(bytes)) {
            b.saveParameters(os);
        }
        byte[] data = bytes.toByteArray();
        data[0] = 42;
        Block twin = ConvBlock.builder().setChannels(2).build();
        assertThatThrownBy(() -> twin.loadParameters(manager, new java.io.DataInputStream(
                        new java.io.ByteArrayInputStream(data))))
                .isInstanceOf(ai.djl.MalformedModelException.class)
                .hasMessageContaining("ConvBlock")
                .hasMessageContaining("version 42");
    }
}
