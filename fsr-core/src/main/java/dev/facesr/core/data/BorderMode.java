package dev.facesr.core.data;

/** What a crop sees outside the source image. */
public enum BorderMode {
    /** Mirror without repeating the edge pixel (dcb|abcd|cba), OpenCV's BORDER_REFLECT_101. */
    REFLECT,
    /** Repeat the edge pixel (aaa|abcd|ddd). */
    REPLICATE,
    /** Black (0). */
    ZERO
}
