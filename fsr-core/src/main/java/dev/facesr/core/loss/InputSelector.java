package dev.facesr.core.loss;

import ai.djl.ndarray.NDList;
import java.util.Arrays;

/**
 * Chooses which entries of the labels (or predictions) a component of a {@link WeightedSumLoss}
 * receives.
 *
 * <p>Any function {@code NDList -> NDList} works; the factories cover the usual cases: {@link
 * #index(int...)} (e.g. index 0 for the image, index 1 for the discriminator logits of the G
 * step), {@link #range(int, int)} and {@link #all()}.
 */
@FunctionalInterface
public interface InputSelector {

    /**
     * Selects entries.
     *
     * @param all the full labels or predictions
     * @return the entries the component receives
     * @throws IllegalArgumentException if an entry is missing
     */
    NDList select(NDList all);

    /**
     * Passes the whole list.
     *
     * @return the selector
     */
    static InputSelector all() {
        return list -> list;
    }

    /**
     * Picks the entries at the given indices, in that order.
     *
     * @param indices 0-based indices, at least one
     * @return the selector
     * @throws IllegalArgumentException if no index is given or one is negative
     */
    static InputSelector index(int... indices) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException("InputSelector.index needs at least one index");
        }
        int[] chosen = indices.clone();
        for (int i : chosen) {
            if (i < 0) {
                throw new IllegalArgumentException(
                        "InputSelector.index: indices must be >= 0 but got "
                                + Arrays.toString(chosen));
            }
        }
        return list -> {
            NDList out = new NDList(chosen.length);
            for (int i : chosen) {
                if (list == null || i >= list.size()) {
                    throw new IllegalArgumentException(
                            "entry "
                                    + i
                                    + " was selected but the list has "
                                    + (list == null ? 0 : list.size())
                                    + " entries");
                }
                out.add(list.get(i));
            }
            return out;
        };
    }

    /**
     * Picks the entries {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from the first index
     * @param to one past the last index, {@code > from}
     * @return the selector
     * @throws IllegalArgumentException if the range is empty or negative
     */
    static InputSelector range(int from, int to) {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException(
                    "InputSelector.range needs 0 <= from < to but got from="
                            + from
                            + ", to="
                            + to);
        }
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return index(indices);
    }
}
