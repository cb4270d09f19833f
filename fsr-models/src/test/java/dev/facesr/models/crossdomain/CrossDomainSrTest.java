package dev.facesr.models.crossdomain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facesr.core.nn.ParameterCounts;
import dev.facesr.core.nn.role.Decoder;
import dev.facesr.core.nn.role.Discriminator;
import dev.facesr.core.nn.role.Encoder;
import dev.facesr.core.nn.role.Regressor;
import dev.facesr.models.zoo.ModelComplexity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossDomainSrTest {

    static CrossDomainSr tiny() {
        return CrossDomainSr.builder()
                .optEncoder(Encoder.builder().setChannels(4).optMaxChannels(8)
                        .optResidualBlocks(1).build())
                .optRegressor(Regressor.builder().setChannels(8).setStages(2)
                        .optBlocksPerStage(1).build())
                .optDecoder(Decoder.builder().setChannels(4).optMaxChannels(8)
                        .optResidualBlocks(1).build())
                .build();
    }

    @Test
    void forwardKeepsTheHrGridAndExposesEveryStage() {
        try (NDManager m = NDManager.newBaseManager()) {
            CrossDomainSr net = tiny();
            net.initialize(m, DataType.FLOAT32, new Shape(2, 3, 32, 32));
            NDArray x = m.randomUniform(0f, 1f, new Shape(2, 3, 32, 32));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray sr = net.forward(ps, new NDList(x), false).singletonOrThrow();
            assertThat(sr.getShape()).isEqualTo(new Shape(2, 3, 32, 32));
            assertThat(net.getOutputShapes(new Shape[] {new Shape(2, 3, 32, 32)}))
                    .containsExactly(new Shape(2, 3, 32, 32));

            NDList all = net.forwardWithStages(ps, x, false);
            assertThat(all).hasSize(4); // code, 2 stages, sr
            assertThat(all.get(0).getShape()).isEqualTo(new Shape(2, 8, 8, 8));
            assertThat(all.get(2).getShape()).isEqualTo(new Shape(2, 8, 8, 8));
            assertThat(all.get(3).sub(sr).abs().max().getFloat()).isLessThan(1e-6f);

            // the global residual: sr - x is exactly the decoder's output of the last stage
            NDArray decoded = net.getDecoder().forward(ps, new NDList(all.get(2)), false).head();
            assertThat(sr.sub(x).sub(decoded).abs().max().getFloat()).isLessThan(1e-5f);
        }
    }

    @Test
    void argumentsRebuildAnIdenticalModel() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            CrossDomainSr net = tiny();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            // through JSON, as a model card stores them
            ObjectMapper json = new ObjectMapper();
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed =
                    json.readValue(json.writeValueAsString(net.arguments()), Map.class);
            CrossDomainSr again = CrossDomainSr.builder().fromArguments(parsed).build();
            assertThat(again.arguments()).isEqualTo(net.arguments());

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.saveParameters(new DataOutputStream(bytes));
            again.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            NDArray x = m.randomUniform(0f, 1f, new Shape(1, 3, 16, 16));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray a = net.forward(ps, new NDList(x), false).head();
            NDArray b = again.forward(ps, new NDList(x), false).head();
            assertThat(a.sub(b).abs().max().getFloat()).isZero();
        }
    }

    @Test
    void mismatchedPartsAreRejectedWithAHint() {
        assertThatThrownBy(() -> CrossDomainSr.builder()
                        .optRegressor(Regressor.builder().setChannels(32).setStages(1).build())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 channels")
                .hasMessageContaining("regressor");
        assertThatThrownBy(() -> CrossDomainSr.builder()
                        .optDecoder(CrossDomainSr.defaultDecoder().optUpsamplings(3).build())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 upsamplings");
        assertThatThrownBy(() -> CrossDomainSr.builder().fromArguments(Map.of("encoders", 1)))
                .hasMessageContaining("known arguments");
        CrossDomainSr net = tiny();
        assertThatThrownBy(() -> net.getOutputShapes(new Shape[] {new Shape(1, 3, 30, 30)}))
                .hasMessageContaining("divisible by 4");
    }

    /** Measured figures for docs/models.md; fails if the default design changes. */
    @Test
    void defaultDesignCost() {
        try (NDManager m = NDManager.newBaseManager()) {
            CrossDomainSr net = CrossDomainSr.builder().build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 128, 128));
            Discriminator d = CrossDomainSr.discriminatorBuilder().build();
            d.initialize(m, DataType.FLOAT32, new Shape(1, 3, 128, 128));
            long[] params = {
                ParameterCounts.trainable(net.getEncoder()),
                ParameterCounts.trainable(net.getRegressor()),
                ParameterCounts.trainable(net.getDecoder()),
                ParameterCounts.trainable(net),
                ParameterCounts.trainable(d)
            };
            long[] macs = {
                ModelComplexity.multiplyAccumulates(net.getEncoder()),
                ModelComplexity.multiplyAccumulates(net.getRegressor()),
                ModelComplexity.multiplyAccumulates(net.getDecoder()),
                ModelComplexity.multiplyAccumulates(net),
                ModelComplexity.multiplyAccumulates(d)
            };
            String[] names = {"encoder", "regressor", "decoder", "CrossDomainSr", "discriminator"};
            for (int i = 0; i < names.length; i++) {
                System.out.printf("%-14s params %,d  MACs/face at 128x128 %,d%n", names[i],
                        params[i], macs[i]);
            }
            assertThat(params[3]).isEqualTo(params[0] + params[1] + params[2]);
            assertThat(macs[3]).isEqualTo(macs[0] + macs[1] + macs[2]);
            assertThat(params).containsExactly(EXPECTED_PARAMS);
            assertThat(macs).containsExactly(EXPECTED_MACS);
        }
    }

    static final long[] EXPECTED_PARAMS = {171_296, 553_920, 277_427, 1_002_643, 242_625};
    static final long[] EXPECTED_MACS = {
        195_821_568, 566_231_040, 346_816_512, 1_108_869_120, 203_194_368
    };
}
