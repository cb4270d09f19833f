package dev.facesr.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class EncodedTargetLossTest {

    @Test
    void comparesThePredictionsWithTheEncodedTargetAndSendsNoGradientIntoIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // a parameter-free "encoder": 2 x the mean over channels
            LambdaBlock encoder = new LambdaBlock(
                    x -> new NDList(x.head().mean(new int[] {1}, true).mul(2f)), "encoder");
            StageRegressionLoss inner = StageRegressionLoss.builder().optWeight(0.5f).build();
            EncodedTargetLoss loss = new EncodedTargetLoss(encoder, inner);
            assertThat(loss.getName()).isEqualTo(inner.getName());

            NDArray hr = manager.randomUniform(0f, 1f, new Shape(2, 3, 4, 4));
            NDArray code = hr.mean(new int[] {1}, true).mul(2f);
            NDArray s1 = manager.randomUniform(0f, 1f, new Shape(2, 1, 4, 4));
            NDArray s2 = manager.randomUniform(0f, 1f, new Shape(2, 1, 4, 4));
            float expected = inner.evaluate(new NDList(code), new NDList(s1, s2)).getFloat();
            hr.setRequiresGradient(true);
            s1.setRequiresGradient(true);
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                NDArray value = loss.evaluate(new NDList(hr), new NDList(s1, s2));
                assertThat(value.getFloat()).isCloseTo(expected, org.assertj.core.data.Offset
                        .offset(1e-6f));
                gc.backward(value);
            }
            assertThat(hr.getGradient().abs().sum().getFloat()).isZero();
            assertThat(s1.getGradient().abs().sum().getFloat()).isPositive();
        }
    }
}
