package io.github.mixwright.mix.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;

/** What the command's plots share: canvas set-up, font, centring, cutting to a width, the title block. */
final class PlotText {
    /** Title and body text. */
    static final Color TEXT = new Color(0x222222);
    /** Subtitles and tick labels. */
    static final Color TICK_TEXT = new Color(0x444444);
    /** Side margin of the title block, px. */
    private static final int TITLE_MARGIN = 40;

    private PlotText() {
    }

    /**
     * Sets antialiased, fractional-metric, pure-stroke quality rendering and fills the
     * {@code width} x {@code height} canvas with {@code background}.
     */
    static void clear(Graphics2D g, int width, int height, Color background) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(background);
        g.fillRect(0, 0, width, height);
    }

    /** The logical SansSerif font: present on every JRE, mapped to whatever sans-serif the system has. */
    static Font font(int style, int size) {
        return new Font(Font.SANS_SERIF, style, size);
    }

    /** {@code text} cut with an ellipsis to fit {@code width} px. */
    static String ellipsis(FontMetrics fm, String text, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && fm.stringWidth(cut + "\u2026") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "\u2026";
    }

    /** Draws {@code text} centred on {@code cx}. */
    static void centred(Graphics2D g, String text, double cx, double baseline) {
        g.drawString(text, (float) (cx - g.getFontMetrics().stringWidth(text) / 2.0), (float) baseline);
    }

    /**
     * A bold title (22 px, shrunk to 14 px before it is cut) and a plain 15 px subtitle, centred across
     * an image {@code width} px wide on the given baselines.
     */
    static void drawTitle(Graphics2D g, int width, String title, String subtitle, int titleBaseline,
            int subtitleBaseline) {
        g.setColor(TEXT);
        int available = width - 2 * TITLE_MARGIN;
        Font font = font(Font.BOLD, 22);
        while (g.getFontMetrics(font).stringWidth(title) > available && font.getSize() > 14) {
            font = font(Font.BOLD, font.getSize() - 1);
        }
        g.setFont(font);
        centred(g, ellipsis(g.getFontMetrics(), title, available), width / 2.0, titleBaseline);
        g.setFont(font(Font.PLAIN, 15));
        g.setColor(TICK_TEXT);
        centred(g, ellipsis(g.getFontMetrics(), subtitle, available), width / 2.0, subtitleBaseline);
    }
}
