package dev.facesr.examples.report;

import ai.djl.modality.cv.Image;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The bicubic baseline as a report model: MATLAB {@code imresize} bicubic enlargement of the
 * 8-bit low-resolution face, rounded to 8-bit levels (FSRNet's "Bicubic" row). Serves any scale.
 */
public final class BicubicModel implements ReportModel {

    /** The name of the baseline row. */
    public static final String NAME = "bicubic";

    /** {@inheritDoc} */
    @Override
    public String name() {
        return NAME;
    }

    /** {@inheritDoc} Empty: any scale. */
    @Override
    public Set<Double> scales() {
        return Set.of();
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "MATLAB imresize bicubic enlargement of the 8-bit LR face (fsr-metrics MatlabResize), 8-bit output";
    }

    /** {@inheritDoc} */
    @Override
    public List<Image> upscale(List<Image> lr, double scale) {
        if (!(scale > 1) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("The bicubic baseline needs a scale > 1, got " + scale);
        }
        List<Image> out = new ArrayList<>(lr.size());
        for (Image im : lr) {
            out.add(ReportImages.toDjl(ReportImages.enlarge(ReportImages.fromDjl(im), scale)));
        }
        return out;
    }
}
