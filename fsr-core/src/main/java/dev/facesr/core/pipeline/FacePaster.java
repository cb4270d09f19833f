package dev.facesr.core.pipeline;

import ai.djl.modality.cv.Image;
import java.util.List;

/**
 * Puts restored face crops back into a (usually enlarged) photo through their inverse
 * transforms. Implementations are stateless or thread-safe and never change their inputs.
 */
public interface FacePaster {

    /**
     * Pastes the crops into a copy of the target, in list order (a later face covers an earlier
     * one where they overlap).
     *
     * @param target the RGB image to paste into (not changed)
     * @param faces the crops and their crop-to-target maps
     * @return a new image the size of the target
     */
    Image paste(Image target, List<PasteRegion> faces);
}
