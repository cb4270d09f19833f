package dev.facesr.models.zoo;

import ai.djl.nn.Block;
import dev.facesr.core.nn.layer.FlipEnsemble;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a super-resolution model is run at inference: on the face alone, or also on its mirror
 * image with the two results averaged ({@link FlipEnsemble}; twice the compute, a little more
 * PSNR). The weights are the same either way.
 */
public enum TestTimeAugmentation {
    /** Run the network once. */
    NONE,
    /** Also run it on the horizontally flipped face, flip back and average. */
    FLIP;

    /**
     * Wraps a network for this mode.
     *
     * @param network the rebuilt SR network
     * @return the network itself for {@link #NONE}, a {@link FlipEnsemble} for {@link #FLIP}
     */
    public Block wrap(Block network) {
        return this == FLIP ? new FlipEnsemble(network) : network;
    }

    /** @return the lower-case name used on the command line and in cards, e.g. {@code flip} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a mode from its {@link #id()} (case-insensitive).
     *
     * @param id {@code none} or {@code flip}
     * @return the mode
     * @throws IllegalArgumentException naming the known modes
     */
    public static TestTimeAugmentation of(String id) {
        for (TestTimeAugmentation t : values()) {
            if (t.id().equalsIgnoreCase(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown test-time augmentation '" + id + "'; known: "
                + Arrays.stream(values()).map(TestTimeAugmentation::id).toList());
    }
}
