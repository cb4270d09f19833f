package dev.facesr.core.nn;

import static dev.facesr.core.nn.BlockHarness.assertSaveLoadIdentical;
import static dev.facesr.core.nn.BlockHarness.assertShapesMatchForward;
import static dev.facesr.core.nn.BlockHarness.forward;
import static dev.facesr.core.nn.BlockHarness.init;
import static dev.facesr.core.nn.BlockHarness.inputs;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import dev.facesr.core.nn.layer.ConvBlock;
import dev.facesr.core.nn.layer.HourglassBlock;
import dev.facesr.core.nn.layer.ResidualBlock;
import dev.facesr.core.nn.role.Decoder;
import dev.facesr.core.nn.role.Encoder;
import dev.facesr.core.nn.role.Generator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The seed architectures as short compositions of the blocks (tiny widths). */
class SeedCompositionTest {

    @Test
    void fsrnetPiecesCompose() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape hr = new Shape(1, 3, 16, 16);
            // coarse SR network on the LR image already resized to the HR grid
            Generator coarse = init(m, Generator.builder().setRefine().optChannels(4)
                    .optResidualBlocks(1).optHeadKernel(3).optTailKernel(3).build(), hr);
            // prior estimation: stride-2 conv, residual block, hourglass, 1x1 conv to 5 maps
            SequentialBlock prior = new SequentialBlock()
                    .add(ConvBlock.builder().setChannels(4).optKernelSize(7).optStride(2)
                            .optActivation(ActivationType.RELU).build())
                    .add(ResidualBlock.builder().setChannels(4).build())
                    .add(HourglassBlock.builder().setChannels(4).setDepth(2).build())
                    .add(ConvBlock.builder().setChannels(5).optKernelSize(1).build());
            init(m, prior, hr);
            // fine SR encoder (one halving) and decoder on [features, priors]
            Encoder fineEncoder = init(m, Encoder.builder().setChannels(4).optDownsamplings(1)
                    .optResidualBlocks(1).build(), hr);
            Decoder fineDecoder = init(m, Decoder.builder().setChannels(4).optUpsamplings(1)
                    .optResidualBlocks(1).build(), new Shape(1, 8 + 5, 8, 8));

            NDArray lrUp = Resize.resize(inputs(m, new Shape(1, 3, 4, 4)).head(), 16, 16,
                    ResizeMode.BILINEAR);
            NDArray coarseSr = forward(m, coarse, new NDList(lrUp), false).head();
            NDArray priors = forward(m, prior, new NDList(coarseSr), false).head();
            NDArray features = forward(m, fineEncoder, new NDList(coarseSr), false).head();
            NDArray fine = forward(m, fineDecoder,
                    new NDList(NDArrays.concat(new NDList(features, priors), 1)), false).head();
            assertThat(priors.getShape()).isEqualTo(new Shape(1, 5, 8, 8));
            assertThat(features.getShape()).isEqualTo(new Shape(1, 8, 8, 8));
            assertThat(fine.getShape()).isEqualTo(hr);
        }
    }

    @Test
    void highToLowDegradationGeneratorIsAnEncoderWithImageChannels() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            // HR face plus one noise channel -> LR face at 1/4 size
            Supplier<Block> f = () -> Encoder.builder().setChannels(4).optDownsamplings(2)
                    .optResidualBlocks(1).optCodeChannels(3).build();
            Shape in = new Shape(1, 4, 16, 16);
            Block g = init(m, f.get(), in);
            NDList x = inputs(m, in);
            NDList lr = assertShapesMatchForward(m, g, x);
            assertThat(lr.head().getShape()).isEqualTo(new Shape(1, 3, 4, 4));
            assertSaveLoadIdentical(m, g, f, x);
        }
    }

    @Test
    void espcnStyleSequentialComposition() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(1, 3, 8, 8);
            Block espcn = init(m, BlockParameterTableTest.espcn(), in);
            NDList x = inputs(m, in);
            NDList out = assertShapesMatchForward(m, espcn, x);
            assertThat(out.head().getShape()).isEqualTo(new Shape(1, 3, 24, 24));
            assertSaveLoadIdentical(m, espcn, BlockParameterTableTest::espcn, x);
        }
    }
}
