package dev.facesr.core.degrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OneOfDegradationTest {

    private static Degradation enlargedAfterShrink(double factor) {
        return Degradations.sequence(BicubicResize.shrinkBy(factor),
                BicubicResize.toSize(32, 32).withoutQuantization());
    }

    @Test
    void eachImageGetsOneOfTheChoicesAndBothChoicesOccur() {
        Degradation x2 = enlargedAfterShrink(2);
        Degradation x4 = enlargedAfterShrink(4);
        OneOfDegradation oneOf = Degradations.oneOf(x2, x4);
        FloatImage face = DegradationTest.pattern(3, 32, 32);
        FloatImage byX2 = ((ImageDegradation) x2).apply(face, new SplittableRandom(1));
        FloatImage byX4 = ((ImageDegradation) x4).apply(face, new SplittableRandom(1));
        assertThat(byX2.data()).isNotEqualTo(byX4.data());
        SplittableRandom random = new SplittableRandom(7);
        int twos = 0;
        int fours = 0;
        for (int i = 0; i < 200; i++) {
            float[] out = oneOf.apply(face, random).data();
            if (Arrays.equals(out, byX2.data())) {
                twos++;
            } else if (Arrays.equals(out, byX4.data())) {
                fours++;
            }
        }
        assertThat(twos + fours).as("every output is exactly one of the choices").isEqualTo(200);
        assertThat(twos).as("uniform choice").isBetween(70, 130);
    }

    @Test
    void sameSeedSameChoicesOnABatch() {
        OneOfDegradation oneOf = Degradations.oneOf(enlargedAfterShrink(2), enlargedAfterShrink(4));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.randomUniform(0f, 1f, new Shape(6, 3, 32, 32));
            NDArray a = oneOf.apply(batch, new SplittableRandom(3));
            NDArray b = oneOf.apply(batch, new SplittableRandom(3));
            assertThat(a.getShape()).isEqualTo(new Shape(6, 3, 32, 32));
            assertThat(a.toFloatArray()).isEqualTo(b.toFloatArray());
        }
    }

    @Test
    void choicesWithDifferentShapesAreRejected() {
        OneOfDegradation oneOf = Degradations.oneOf(BicubicResize.shrinkBy(2), BicubicResize.shrinkBy(4));
        assertThatThrownBy(() -> oneOf.outputShape(new Shape(3, 32, 32)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("choice 1")
                .hasMessageContaining("same resize");
        assertThatThrownBy(Degradations::oneOf).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Degradations.oneOf(BicubicResize.shrinkBy(2), null))
                .hasMessageContaining("choice 1 is null");
    }
}
