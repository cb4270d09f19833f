package dev.facesr.examples.report;

import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Lays out the picture grid of the report: one row per face, one column per kind of image (the
 * low-resolution input enlarged with nearest neighbour, each model's output, the ground truth),
 * with the column titles in a band on top.
 */
public final class QualityGrid {
    private static final int GAP = 2;
    private static final int TITLE = 18;

    private QualityGrid() {}

    /**
     * Draws the grid.
     *
     * @param titles the column titles
     * @param rows the rows; each holds one image per column, all the same size
     * @return the grid image (RGB)
     * @throws IllegalArgumentException when there are no rows or a row has the wrong number of images
     */
    public static BufferedImage draw(List<String> titles, List<List<FloatImage>> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("A picture grid needs at least one row");
        }
        int cols = titles.size();
        int cell = rows.get(0).get(0).height();
        int cellW = rows.get(0).get(0).width();
        int width = cols * cellW + (cols + 1) * GAP;
        int height = TITLE + rows.size() * cell + (rows.size() + 1) * GAP;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(Color.BLACK);
            FontMetrics fm = g.getFontMetrics();
            for (int c = 0; c < cols; c++) {
                String t = titles.get(c);
                while (fm.stringWidth(t) > cellW && t.length() > 3) {
                    t = t.substring(0, t.length() - 2) + "…";
                }
                int x = GAP + c * (cellW + GAP) + (cellW - fm.stringWidth(t)) / 2;
                g.drawString(t, x, TITLE - 5);
            }
            for (int r = 0; r < rows.size(); r++) {
                List<FloatImage> row = rows.get(r);
                if (row.size() != cols) {
                    throw new IllegalArgumentException("Grid row " + r + " has " + row.size() + " images for " + cols
                            + " columns");
                }
                for (int c = 0; c < cols; c++) {
                    FloatImage im = row.get(c);
                    if (im.height() != cell || im.width() != cellW) {
                        throw new IllegalArgumentException("Grid image (" + r + ", " + c + ") is " + im.shapeString()
                                + "; all must be " + cellW + "x" + cell);
                    }
                    g.drawImage(ImageConversions.toBufferedImage(im), GAP + c * (cellW + GAP),
                            TITLE + GAP + r * (cell + GAP), null);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
