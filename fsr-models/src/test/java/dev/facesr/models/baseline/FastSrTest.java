package dev.facesr.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.facesr.core.nn.ParameterCounts;
import dev.facesr.core.nn.Resize;
import dev.facesr.core.nn.ResizeMode;
import dev.facesr.models.zoo.ModelComplexity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FastSrTest {

    @Test
    void upscalesBy8And4ToTheHrGrid() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            for (int[] c : new int[][] {{8, 16}, {4, 32}}) {
                FastSr net = FastSr.builder().setScale(c[0]).build();
                Shape in = new Shape(2, 3, c[1], c[1]);
                net.initialize(m, DataType.FLOAT32, in);
                NDArray x = m.randomUniform(0f, 1f, in);
                NDArray y = net.forward(ps, new NDList(x), false).singletonOrThrow();
                assertThat(y.getShape()).isEqualTo(new Shape(2, 3, 128, 128));
                assertThat(net.getOutputShapes(new Shape[] {in})).containsExactly(y.getShape());
            }
        }
    }

    @Test
    void withoutItsBodyTheGlobalResidualIsBilinearUpsampling() {
        try (NDManager m = NDManager.newBaseManager()) {
            FastSr net = FastSr.builder().setScale(4).optResidualBlocks(0).build();
            Shape in = new Shape(1, 3, 8, 8);
            net.initialize(m, DataType.FLOAT32, in);
            // zero every parameter: the network part outputs 0, only the residual remains
            net.getParameters().values().forEach(p -> p.getArray().muli(0f));
            NDArray x = m.randomUniform(0f, 1f, in);
            NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), false).head();
            NDArray expected = Resize.resize(x, 32, 32, ResizeMode.BILINEAR);
            assertThat(y.sub(expected).abs().max().getFloat()).isLessThan(1e-6f);
        }
    }

    @Test
    void argumentsRoundTripAndParametersLoad() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            FastSr net = FastSr.builder().setScale(8).optChannels(8).optResidualBlocks(2).build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 4, 4));
            Map<String, Object> parsed = new HashMap<>(net.arguments());
            parsed.put("scale", 8.0); // JSON may give doubles
            FastSr again = FastSr.builder().fromArguments(parsed).build();
            assertThat(again.arguments()).isEqualTo(net.arguments());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.saveParameters(new DataOutputStream(bytes));
            again.loadParameters(m,
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            NDArray x = m.randomUniform(0f, 1f, new Shape(1, 3, 4, 4));
            ParameterStore ps = new ParameterStore(m, false);
            assertThat(net.forward(ps, new NDList(x), false).head()
                    .sub(again.forward(ps, new NDList(x), false).head())
                    .abs().max().getFloat()).isZero();
        }
    }

    @Test
    void badSettingsSayWhatToChange() {
        assertThatThrownBy(() -> FastSr.builder().build()).hasMessageContaining("setScale");
        assertThatThrownBy(() -> FastSr.builder().setScale(4).optChannels(0).build())
                .hasMessageContaining("optChannels");
        FastSr net = FastSr.builder().setScale(4).build();
        assertThatThrownBy(() -> net.getOutputShapes(new Shape[] {new Shape(1, 1, 8, 8)}))
                .hasMessageContaining("RGB");
    }

    /** Measured figures for docs/models.md; fails if the default design changes. */
    @Test
    void defaultDesignCost() {
        try (NDManager m = NDManager.newBaseManager()) {
            FastSr x8 = FastSr.builder().setScale(8).build();
            x8.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            FastSr x4 = FastSr.builder().setScale(4).build();
            x4.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            long[] figures = {
                ParameterCounts.trainable(x8), ModelComplexity.multiplyAccumulates(x8),
                ParameterCounts.trainable(x4), ModelComplexity.multiplyAccumulates(x4)
            };
            System.out.printf("fast x8 params %,d MACs %,d; fast x4 params %,d MACs %,d%n",
                    figures[0], figures[1], figures[2], figures[3]);
            assertThat(figures).containsExactly(139_616, 35_610_624, 98_000, 99_975_168);
        }
    }
}
