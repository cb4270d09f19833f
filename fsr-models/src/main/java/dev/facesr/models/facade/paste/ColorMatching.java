package dev.facesr.models.facade.paste;

/**
 * How the paster matches the restored face's colours to the background it replaces, measured in
 * the feathered mask (weighted by it) per RGB channel.
 */
public enum ColorMatching {
    /** No matching: the restored pixels are used as they are. */
    NONE,
    /** Shift each channel so its mean equals the background's (removes a colour cast). */
    MEAN,
    /**
     * Shift and scale each channel so its mean and standard deviation equal the background's (the
     * scale is clamped to [0.5, 2]); also removes a contrast change, but slightly flattens detail
     * the model added.
     */
    MEAN_STD
}
