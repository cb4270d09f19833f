package dev.facesr.models.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.layer.InstanceNorm;
import org.junit.jupiter.api.Test;

/**
 * Training steps must not leave arrays in the manager that holds the parameters (it lives as
 * long as the model): a 7,508-class {@link CosineClassifier} used to leave its normalised proxy
 * matrix there on every step, about 4 MB of native memory per step.
 */
class ParameterManagerLeakTest {

    private static int arraysAfterSteps(Block block, Shape input, int steps) {
        try (NDManager params = NDManager.newBaseManager()) {
            block.initialize(params, DataType.FLOAT32, input);
            int before = params.getManagedArrays().size();
            for (int i = 0; i < steps; i++) {
                try (NDManager call = params.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = call.randomUniform(0f, 1f, input);
                    NDArray y = block.forward(new ParameterStore(call, false), new NDList(x), true).head();
                    gc.backward(y.mean());
                }
            }
            return params.getManagedArrays().size() - before;
        }
    }

    @Test
    void cosineClassifierLeavesNothingInTheParameterManager() {
        CosineClassifier classifier = CosineClassifier.builder().setClasses(50).optEmbeddingSize(8).build();
        assertThat(arraysAfterSteps(classifier, new Shape(4, 8), 10)).isZero();
    }

    @Test
    void identityNetWithInstanceNormLeavesNothingInTheParameterManager() {
        IdentityNet net = IdentityNet.builder().setInputSize(16).setChannels(4).optDownsamplings(2)
                .optMaxChannels(8).optResidualBlocks(1).optEmbeddingSize(8).optNorm(NormType.INSTANCE).build();
        assertThat(arraysAfterSteps(net, new Shape(2, 3, 16, 16), 10)).isZero();
        assertThat(arraysAfterSteps(new InstanceNorm(), new Shape(2, 4, 8, 8), 10)).isZero();
    }
}
