package io.github.mixwright.mix.plot;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * Counts pixels of a colour in part of a picture: how the tests (and an application checking a render)
 * tell that a line was drawn where it belongs, without comparing images byte for byte.
 */
public final class PlotPixels {
    private PlotPixels() {
    }

    /**
     * Pixels within {@code area} that are {@code color} blended over white with at least half its
     * strength: the solid middle of a line and its anti-aliased edges, but not another colour's edges.
     */
    public static int tinted(BufferedImage image, Rectangle area, Color color) {
        int[] target = {color.getRed(), color.getGreen(), color.getBlue()};
        int n = 0;
        for (int y = Math.max(0, area.y); y < Math.min(image.getHeight(), area.y + area.height); y++) {
            for (int x = Math.max(0, area.x); x < Math.min(image.getWidth(), area.x + area.width); x++) {
                Color c = new Color(image.getRGB(x, y));
                int[] p = {c.getRed(), c.getGreen(), c.getBlue()};
                int strongest = 0;
                for (int k = 1; k < 3; k++) {
                    if (255 - target[k] > 255 - target[strongest]) {
                        strongest = k;
                    }
                }
                double alpha = (255.0 - p[strongest]) / (255.0 - target[strongest]);
                if (alpha < 0.5 || alpha > 1.05) {
                    continue;
                }
                boolean match = true;
                for (int k = 0; k < 3; k++) {
                    double expected = alpha * target[k] + (1 - alpha) * 255;
                    match &= Math.abs(p[k] - expected) <= 12;
                }
                if (match) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Pixels within {@code panel} close to {@code color} (anti-aliased edges excluded). */
    public static int pixelsOf(BufferedImage image, Rectangle panel, Color color) {
        int n = 0;
        for (int y = panel.y; y < panel.y + panel.height; y++) {
            for (int x = panel.x; x < panel.x + panel.width; x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) + Math.abs(c.getGreen() - color.getGreen())
                        + Math.abs(c.getBlue() - color.getBlue()) < 40) {
                    n++;
                }
            }
        }
        return n;
    }

}
