package dev.facesr.models.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.ParameterCounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentityNetTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private NDArray forward(ai.djl.nn.Block block, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow();
    }

    @Test
    void parameterCountFollowsTheLayerFormula() {
        IdentityNet net = IdentityNet.builder().setInputSize(16).setChannels(4)
                .optDownsamplings(2).optMaxChannels(8).optResidualBlocks(1)
                .optEmbeddingSize(10).optNorm(NormType.NONE).build();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        long head = 3 * 4 * 9 + 4;
        long down1 = 4 * 8 * 9 + 8;
        long down2 = 8 * 8 * 9 + 8; // capped at 8 channels
        long res = 2 * (9 * 8 * 8 + 8);
        long flatten = 8 * 4 * 4 * 10 + 10; // 16 -> 8 -> 4 pixels
        assertThat(ParameterCounts.trainable(net)).isEqualTo(head + down1 + down2 + res + flatten);
        assertThat(net.multiplyAccumulates()).isEqualTo(
                3L * 4 * 9 * 256 + 4L * 8 * 9 * 64 + 8L * 8 * 9 * 16 + 2L * 8 * 8 * 9 * 16
                        + 8L * 16 * 10);
    }

    @Test
    void presetsHaveTheDocumentedSizes() {
        IdentityNet teacher = IdentityNet.teacher().build();
        teacher.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 128, 128));
        IdentityNet student = IdentityNet.student().build();
        student.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        // numbers quoted in docs/recognition.md
        assertThat(ParameterCounts.trainable(teacher)).isEqualTo(1_885_792L);
        assertThat(ParameterCounts.trainable(student)).isEqualTo(1_733_696L);
        assertThat(teacher.multiplyAccumulates()).isEqualTo(111_935_488L);
        assertThat(student.multiplyAccumulates()).isEqualTo(49_119_232L);
    }

    @Test
    void embeddingsHaveUnitNormAndTheRightShape() {
        IdentityNet net = IdentityNet.builder().setInputSize(16).optInputUpscale(2)
                .setChannels(4).optDownsamplings(3).optEmbeddingSize(12).build();
        net.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 16, 16));
        NDArray x = manager.randomUniform(0, 1, new Shape(3, 3, 16, 16));
        NDArray e = forward(net, x);
        assertThat(e.getShape()).isEqualTo(new Shape(3, 12));
        float[] norms = e.square().sum(new int[] {1}).sqrt().toFloatArray();
        for (float n : norms) {
            assertThat(n).isCloseTo(1f, within(1e-5f));
        }
        assertThat(net.getOutputShapes(new Shape[] {new Shape(5, 3, 16, 16)})[0])
                .isEqualTo(new Shape(5, 12));
    }

    @Test
    void averagePoolingVariantWorks() {
        IdentityNet net = IdentityNet.builder().setInputSize(32).setChannels(4)
                .optPooling(IdentityNet.Pooling.AVERAGE).optEmbeddingSize(6).build();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        assertThat(forward(net, manager.randomUniform(0, 1, new Shape(2, 3, 32, 32))).getShape())
                .isEqualTo(new Shape(2, 6));
        assertThat(net.arguments()).containsEntry("pooling", "average");
    }

    @Test
    void argumentsRebuildAnIdenticalNetwork() throws Exception {
        IdentityNet net = IdentityNet.student().setChannels(8).optMaxChannels(16)
                .optEmbeddingSize(16).build();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        Map<String, Object> args = net.arguments();
        IdentityNet copy = IdentityNet.builder().fromArguments(args).build();
        assertThat(copy.arguments()).isEqualTo(args);
        copy.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        net.saveParameters(new DataOutputStream(bytes));
        copy.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        NDArray x = manager.randomUniform(0, 1, new Shape(2, 3, 16, 16));
        assertThat(forward(copy, x).sub(forward(net, x)).abs().max().getFloat()).isLessThan(1e-6f);
    }

    @Test
    void badSettingsAndInputsAreRejectedClearly() {
        assertThatThrownBy(() -> IdentityNet.builder().setChannels(4).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setInputSize");
        assertThatThrownBy(() -> IdentityNet.builder().setInputSize(16).setChannels(4)
                        .optDownsamplings(5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("downsamplings");
        assertThatThrownBy(() -> IdentityNet.builder().fromArguments(Map.of("depth", 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth");
        IdentityNet net = IdentityNet.builder().setInputSize(16).setChannels(4).build();
        assertThatThrownBy(() -> net.getOutputShapes(new Shape[] {new Shape(1, 3, 32, 32)}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(N, 3, 16, 16)");
    }

    @Test
    void cosineClassifierGivesCosinesToUnitProxies() {
        CosineClassifier c = CosineClassifier.builder().setClasses(3).optEmbeddingSize(4).build();
        c.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
        assertThat(ParameterCounts.trainable(c)).isEqualTo(12);
        NDArray proxies = c.getParameters().get("proxies").getArray();
        NDArray x = manager.randomNormal(new Shape(5, 4));
        NDArray cos = forward(c, x.mul(7f));
        assertThat(cos.getShape()).isEqualTo(new Shape(5, 3));
        NDArray expected = IdentityNet.l2Normalize(x).matMul(IdentityNet.l2Normalize(proxies).transpose());
        assertThat(cos.sub(expected).abs().max().getFloat()).isLessThan(1e-5f);
        assertThat(CosineClassifier.builder().fromArguments(c.arguments()).build().arguments())
                .isEqualTo(c.arguments());
        assertThatThrownBy(() -> CosineClassifier.builder().setClasses(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    }
}
