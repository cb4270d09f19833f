package dev.facesr.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockArgumentsTest {

    @Test
    void rejectsUnknownKeysListingKnownOnes() {
        assertThatThrownBy(() -> BlockArguments.of("Gen", Map.of("chanels", 4), Set.of("channels", "scale")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'chanels'")
                .hasMessageContaining("[channels, scale]");
    }

    @Test
    void readsJsonStyleNumbersAndRejectsWrongKinds() {
        BlockArguments a =
                BlockArguments.of(
                        "Gen",
                        Map.of("a", 4.0, "b", 3L, "c", List.of(1, 2.0), "d", 1.5),
                        Set.of("a", "b", "c", "d"));
        assertThat(a.getInt("a")).isEqualTo(4);
        assertThat(a.getInt("b")).isEqualTo(3);
        assertThat(a.getIntList("c")).containsExactly(1, 2);
        assertThatThrownBy(() -> a.getInt("d")).hasMessageContaining("'d' must be a whole number");
        assertThatThrownBy(() -> a.getBoolean("a")).hasMessageContaining("true or false");
    }

    @Test
    void parsesEnumsCaseInsensitivelyAndListsChoices() {
        assertThat(ActivationType.fromArgument("Leaky_ReLU")).isEqualTo(ActivationType.LEAKY_RELU);
        assertThat(NormType.fromArgument("instance")).isEqualTo(NormType.INSTANCE);
        assertThatThrownBy(() -> ResizeMode.fromArgument("bicubic"))
                .hasMessageContaining("nearest, bilinear");
    }
}
