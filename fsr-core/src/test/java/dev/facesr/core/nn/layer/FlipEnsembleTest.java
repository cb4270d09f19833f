package dev.facesr.core.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.facesr.core.nn.BlockHarness;
import dev.facesr.core.nn.role.Generator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class FlipEnsembleTest {

    private static Generator generator() {
        return BlockHarness.tinyGenerator(8, 1);
    }

    @Test
    void averagesTheNetworkOnTheFaceAndOnItsMirrorImage() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(3, 3, 6, 6);
            Generator net = BlockHarness.init(m, generator(), in);
            FlipEnsemble ensemble = new FlipEnsemble(net);
            NDList x = BlockHarness.inputs(m, in);

            NDArray y = BlockHarness.assertShapesMatchForward(m, ensemble, x).singletonOrThrow();

            NDArray plain = BlockHarness.forward(m, net, x, false).singletonOrThrow();
            NDArray mirrored = BlockHarness.forward(m, net, new NDList(x.singletonOrThrow().flip(3)), false)
                    .singletonOrThrow().flip(3);
            NDArray expected = plain.add(mirrored).mul(0.5f);
            assertThat(y.getShape()).isEqualTo(new Shape(3, 3, 12, 12));
            assertThat(y.sub(expected).abs().max().getFloat()).isLessThan(1e-5f);
            // a random network is not mirror-symmetric, so the ensemble really changes the output
            assertThat(y.sub(plain).abs().max().getFloat()).isGreaterThan(1e-4f);
        }
    }

    @Test
    void loadsTheWrappedNetworksParameterFileUnchanged() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(1, 3, 6, 6);
            m.getEngine().setRandomSeed(3);
            Generator trained = BlockHarness.init(m, generator(), in);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream os = new DataOutputStream(bytes)) {
                trained.saveParameters(os);
            }
            m.getEngine().setRandomSeed(4);
            Block ensemble = new FlipEnsemble(generator());
            ensemble.initialize(m, DataType.FLOAT32, in);
            try (DataInputStream is = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                ensemble.loadParameters(m, is);
                assertThat(is.read()).as("stream fully consumed").isEqualTo(-1);
            }
            NDList x = BlockHarness.inputs(m, in);
            NDArray expected = new FlipEnsemble(trained).forward(
                    new ai.djl.training.ParameterStore(m, false), x, false).singletonOrThrow();
            NDArray actual = BlockHarness.forward(m, ensemble, x, false).singletonOrThrow();
            assertThat(actual.toFloatArray()).containsExactly(expected.toFloatArray());
        }
    }

    @Test
    void refusesANullNetworkAndNonImageInputs() {
        assertThatThrownBy(() -> new FlipEnsemble(null)).isInstanceOf(IllegalArgumentException.class);
        try (NDManager m = NDManager.newBaseManager()) {
            Generator net = BlockHarness.init(m, generator(), new Shape(1, 3, 6, 6));
            NDList flat = new NDList(m.ones(new Shape(3, 6, 6)));
            assertThatThrownBy(() -> BlockHarness.forward(m, new FlipEnsemble(net), flat, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NCHW");
        }
    }
}
