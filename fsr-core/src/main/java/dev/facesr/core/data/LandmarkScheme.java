package dev.facesr.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named landmark set: its point count and the index map a horizontal flip applies (point
 * {@code i} of the flipped face is point {@code mirror[i]} of the original, mirrored).
 */
public final class LandmarkScheme {

    /**
     * The 68-point 300-W / Multi-PIE set: jaw 0-16, eyebrows 17-21 / 22-26, nose 27-35, eyes
     * 36-41 / 42-47, outer lips 48-59, inner lips 60-67 ("left" meaning image-left).
     */
    public static final LandmarkScheme POINTS_68 = new LandmarkScheme("68-point", mirror68());

    /**
     * The 5-point MTFL set: image-left eye, image-right eye, nose tip, image-left mouth corner,
     * image-right mouth corner.
     */
    public static final LandmarkScheme POINTS_5 =
            new LandmarkScheme("5-point", new int[] {1, 0, 2, 4, 3});

    private final String name;
    private final int[] mirror;

    /**
     * Defines a scheme.
     *
     * @param name a short name for messages
     * @param mirror the flip index map: a permutation of {@code 0..P-1} that is its own inverse
     */
    public LandmarkScheme(String name, int[] mirror) {
        this.name = Objects.requireNonNull(name, "name");
        this.mirror = mirror.clone();
        boolean[] seen = new boolean[mirror.length];
        for (int i = 0; i < mirror.length; i++) {
            int j = mirror[i];
            if (j < 0 || j >= mirror.length || seen[j] || mirror[j] != i) {
                throw new IllegalArgumentException(
                        "The mirror map of " + name + " must be a permutation that is its own"
                                + " inverse; it is not at index " + i + ": " + Arrays.toString(mirror));
            }
            seen[j] = true;
        }
    }

    private static int[] mirror68() {
        int[] m = new int[68];
        for (int i = 0; i < 68; i++) {
            m[i] = i;
        }
        pairs(m, 0, 16, 17); // jaw: 0<->16 ... 7<->9, 8 centre
        pairs(m, 17, 26, 5); // eyebrows: 17<->26 ... 21<->22
        pairs(m, 31, 35, 2); // lower nose: 31<->35, 32<->34, 33 centre
        int[][] eyes = {{36, 45}, {37, 44}, {38, 43}, {39, 42}, {40, 47}, {41, 46}};
        int[][] lips = {{48, 54}, {49, 53}, {50, 52}, {55, 59}, {56, 58}, {60, 64}, {61, 63},
            {65, 67}};
        for (int[][] set : new int[][][] {eyes, lips}) {
            for (int[] p : set) {
                m[p[0]] = p[1];
                m[p[1]] = p[0];
            }
        }
        return m;
    }

    private static void pairs(int[] m, int first, int last, int count) {
        for (int k = 0; k < count; k++) {
            int a = first + k;
            int b = last - k;
            m[a] = b;
            m[b] = a;
        }
    }

    /** @return the scheme's name */
    public String name() {
        return name;
    }

    /** @return the number of points */
    public int points() {
        return mirror.length;
    }

    /** @return a copy of the flip index map */
    public int[] mirrorIndex() {
        return mirror.clone();
    }

    int mirrorOf(int i) {
        return mirror[i];
    }

    @Override
    public String toString() {
        return name;
    }
}
