package dev.facesr.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.dataset.Record;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One training pair made on the fly: an HR face and its LR versions, with what is known about
 * it. All arrays live on the same manager.
 *
 * @param hr the HR face, float32 (3, H, W) in [0, 1]
 * @param lr the degraded faces, one per scale, in the order the degradations were given
 * @param identity the identity class index, or -1 when unknown
 * @param landmarks the landmarks in HR pixels, float32 (P, 2), or null when unknown
 * @param file the source image file
 */
public record FacePair(NDArray hr, List<NDArray> lr, int identity, NDArray landmarks, Path file) {

    /**
     * Validates and copies the LR list.
     *
     * @param hr the HR face
     * @param lr the LR faces
     * @param identity the identity, or -1
     * @param landmarks the landmarks, or null
     * @param file the source file
     */
    public FacePair {
        Objects.requireNonNull(hr, "hr");
        lr = List.copyOf(lr);
        if (lr.isEmpty()) {
            throw new IllegalArgumentException("A face pair needs at least one LR image");
        }
    }

    /**
     * Converts to a DJL record: data {@code [lr_0, ..., lr_{k-1}]}, labels {@code [hr,
     * identity?, landmarks?]} (identity as an int64 scalar).
     *
     * @param withIdentity whether to add the identity label
     * @param withLandmarks whether to add the landmarks label
     * @return the record
     * @throws IllegalStateException if a requested label is unknown for this pair
     */
    public Record toRecord(boolean withIdentity, boolean withLandmarks) {
        NDList data = new NDList(lr.toArray(new NDArray[0]));
        NDList labels = new NDList(hr);
        if (withIdentity) {
            if (identity < 0) {
                throw new IllegalStateException("Pair from " + file + " has no identity");
            }
            labels.add(hr.getManager().create((long) identity));
        }
        if (withLandmarks) {
            if (landmarks == null) {
                throw new IllegalStateException("Pair from " + file + " has no landmarks");
            }
            labels.add(landmarks);
        }
        return new Record(data, labels);
    }
}
