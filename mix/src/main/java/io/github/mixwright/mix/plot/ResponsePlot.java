package io.github.mixwright.mix.plot;

import static io.github.mixwright.mix.plot.PlotText.centred;
import static io.github.mixwright.mix.plot.PlotText.drawTitle;
import static io.github.mixwright.mix.plot.PlotText.ellipsis;
import static io.github.mixwright.mix.plot.PlotText.font;
import static io.github.mixwright.mix.plot.PlotText.TEXT;
import static io.github.mixwright.mix.plot.PlotText.TICK_TEXT;

import io.github.mixwright.core.Checks;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Draws a {@link ResponseCurve} as a Bode plot: magnitude in dB above, phase in degrees below, on a
 * shared logarithmic frequency axis. A pure function of its inputs, drawn with Java2D off screen
 * (headless: no display is needed).
 *
 * <p>Made for teaching material, so it follows the conventions of printed data sheets: decade grid
 * lines with 2 and 5 sub-grid lines labelled 20, 50, 100, 200, 500, 1k ..., fainter lines at the
 * other integer multiples; a dB grid every 3 or 6 dB chosen from the range; phase from -180 to 180
 * degrees with a line every 45; axes named with units.
 */
public final class ResponsePlot {
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 800;

    /** The magnitude axis spans at least this many dB, so a flat response does not look dramatic. */
    static final double MIN_SPAN_DB = 12;
    /** The magnitude axis shows at most this many dB below the peak; deeper values leave the panel. */
    static final double MAX_DEPTH_DB = 96;
    /** Blank margin inside each panel, as a fraction of the data range, so no curve runs on the frame. */
    private static final double MARGIN = 0.04;

    static final Color BACKGROUND = Color.WHITE;
    private static final Color FRAME = new Color(0x8a8a8a);
    private static final Color GRID_MAJOR = new Color(0xc8c8c8);
    private static final Color GRID = new Color(0xdedede);
    private static final Color GRID_MINOR = new Color(0xf0f0f0);
    private static final Color ZERO_LINE = new Color(0x9a9a9a);
    public static final Color MAGNITUDE = new Color(0x1f5fbf);
    public static final Color PHASE = new Color(0xd4570f);

    private static final int LEFT = 100;
    private static final int RIGHT = 40;
    private static final int TOP = 92;
    private static final int GAP = 58;
    private static final int BOTTOM = 78;
    /** Below this ratio of highest to lowest frequency, the axis gets evenly spaced round labels. */
    static final double NARROW = 3;
    /** Share of the plotting height given to the magnitude panel. */
    private static final double MAGNITUDE_SHARE = 0.58;

    /** The two panels of a {@link #WIDTH} by {@link #HEIGHT} plot, in pixels. */
    public static final Rectangle MAGNITUDE_PANEL;
    public static final Rectangle PHASE_PANEL;

    static {
        int plotHeight = HEIGHT - TOP - BOTTOM - GAP;
        int magnitudeHeight = (int) Math.round(plotHeight * MAGNITUDE_SHARE);
        MAGNITUDE_PANEL = new Rectangle(LEFT, TOP, WIDTH - LEFT - RIGHT, magnitudeHeight);
        PHASE_PANEL = new Rectangle(LEFT, TOP + magnitudeHeight + GAP, WIDTH - LEFT - RIGHT,
                plotHeight - magnitudeHeight);
    }

    /** A value axis: the visible range and the grid step. */
    public record Axis(double min, double max, double step) {
    }

    private ResponsePlot() {
    }

    /**
     * The plot of {@code curve} (at least two frequencies, ascending, all above 0 Hz).
     *
     * @param title the first line, e.g. the chain
     * @param subtitle the second line, e.g. the sample rate
     */
    public static BufferedImage render(ResponseCurve curve, String title, String subtitle) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            PlotText.clear(g, WIDTH, HEIGHT, BACKGROUND);

            double[] hz = curve.hz();
            double minHz = hz[0];
            double maxHz = hz[hz.length - 1];
            Axis magnitude = magnitudeAxis(curve.magnitudeDb());
            Axis phase = new Axis(-180 - 360 * MARGIN, 180 + 360 * MARGIN, 45);

            drawTitle(g, WIDTH, title, subtitle, 38, 64);
            drawPanel(g, MAGNITUDE_PANEL, minHz, maxHz, magnitude, "Magnitude (dB)", true);
            drawPanel(g, PHASE_PANEL, minHz, maxHz, phase, "Phase (\u00b0)", false);
            drawCurve(g, MAGNITUDE_PANEL, hz, curve.magnitudeDb(), minHz, maxHz, magnitude, MAGNITUDE, false);
            drawCurve(g, PHASE_PANEL, hz, curve.phaseDegrees(), minHz, maxHz, phase, PHASE, true);
            drawFrequencyLabels(g, MAGNITUDE_PANEL, minHz, maxHz);
            drawFrequencyLabels(g, PHASE_PANEL, minHz, maxHz);

            g.setFont(font(Font.PLAIN, 16));
            g.setColor(TEXT);
            centred(g, "Frequency (Hz)", PHASE_PANEL.getCenterX(), HEIGHT - 22);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The magnitude axis for {@code db}: the data plus a small margin, at least {@link #MIN_SPAN_DB}
     * wide (centred on the nearest multiple of 3 dB, so a flat -6 dB shows as -12 to 0), at most
     * {@link #MAX_DEPTH_DB} below the peak; grid every 3 dB up to a 24 dB span, every 6 dB beyond.
     */
    public static Axis magnitudeAxis(double[] db) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : db) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 0;
        }
        lo = Math.max(lo, hi - MAX_DEPTH_DB);
        if (hi - lo < MIN_SPAN_DB) {
            double centre = 3 * Math.rint((hi + lo) / 2 / 3);
            lo = Math.min(lo, centre - MIN_SPAN_DB / 2);
            hi = Math.max(hi, centre + MIN_SPAN_DB / 2);
        }
        double span = hi - lo;
        double step = span <= 24 ? 3 : 6;
        return new Axis(lo - span * MARGIN, hi + span * MARGIN, step);
    }

    private static void drawPanel(Graphics2D g, Rectangle p, double minHz, double maxHz, Axis axis,
            String label, boolean magnitude) {
        DoubleUnaryOperator x = xScale(p, minHz, maxHz);
        DoubleUnaryOperator y = yScale(p, axis);
        Shape clip = g.getClip();
        g.clip(p);
        g.setStroke(new BasicStroke(1f));
        for (int decade = (int) Math.floor(Math.log10(minHz)); decade <= Math.ceil(Math.log10(maxHz)); decade++) {
            for (int m = 1; m <= 9; m++) {
                double f = m * Math.pow(10, decade);
                if (f < minHz || f > maxHz) {
                    continue;
                }
                g.setColor(m == 1 ? GRID_MAJOR : m == 2 || m == 5 ? GRID : GRID_MINOR);
                double px = x.applyAsDouble(f);
                g.draw(new Line2D.Double(px, p.y, px, p.getMaxY()));
            }
        }
        for (double f : linearTicks(minHz, maxHz)) {
            g.setColor(GRID);
            double px = x.applyAsDouble(f);
            g.draw(new Line2D.Double(px, p.y, px, p.getMaxY()));
        }
        // Horizontal lines: every step; with the 6 dB grid over a deep range, labels every other line.
        FontMetrics fm = g.getFontMetrics(font(Font.PLAIN, 13));
        double pixelsPerStep = p.height * axis.step() / (axis.max() - axis.min());
        int labelEvery = pixelsPerStep < 1.6 * fm.getHeight() ? 2 : 1;
        double first = Math.ceil(axis.min() / axis.step()) * axis.step();
        for (double v = first; v <= axis.max() + 1e-9; v += axis.step()) {
            boolean major = magnitude ? Math.abs(v % (axis.step() * labelEvery)) < 1e-9 : Math.abs(v % 90) < 1e-9;
            g.setColor(Math.abs(v) < 1e-9 ? ZERO_LINE : major ? GRID_MAJOR : GRID);
            double py = y.applyAsDouble(v);
            g.draw(new Line2D.Double(p.x, py, p.getMaxX(), py));
        }
        g.setClip(clip);
        g.setColor(FRAME);
        g.draw(new Rectangle.Double(p.x + 0.5, p.y + 0.5, p.width - 1, p.height - 1));

        g.setFont(font(Font.PLAIN, 13));
        g.setColor(TICK_TEXT);
        for (double v = first; v <= axis.max() + 1e-9; v += axis.step()) {
            boolean labelled = magnitude ? Math.abs(v % (axis.step() * labelEvery)) < 1e-9 : Math.abs(v % 90) < 1e-9;
            if (!labelled) {
                continue;
            }
            String text = signed(g.getFont(), v, magnitude);
            double py = y.applyAsDouble(v);
            g.drawString(text, (float) (p.x - 10 - fm.stringWidth(text)), (float) (py + fm.getAscent() / 2.0 - 2));
        }

        g.setFont(font(Font.PLAIN, 16));
        g.setColor(TEXT);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        FontMetrics lm = g.getFontMetrics();
        g.drawString(label, (float) (-p.getCenterY() - lm.stringWidth(label) / 2.0), (float) (p.x - 58));
        g.setTransform(saved);
    }

    private static void drawFrequencyLabels(Graphics2D g, Rectangle p, double minHz, double maxHz) {
        DoubleUnaryOperator x = xScale(p, minHz, maxHz);
        g.setFont(font(Font.PLAIN, 13));
        g.setColor(TICK_TEXT);
        FontMetrics fm = g.getFontMetrics();
        double lastRight = Double.NEGATIVE_INFINITY;
        for (double f : labelledFrequencies(minHz, maxHz)) {
            String text = hzLabel(f);
            double w = fm.stringWidth(text);
            double left = x.applyAsDouble(f) - w / 2;
            if (left < lastRight + 8) {
                continue;
            }
            g.drawString(text, (float) left, (float) (p.getMaxY() + 8 + fm.getAscent()));
            lastRight = left + w;
        }
    }

    /**
     * The labelled frequencies: 1, 2 and 5 times powers of ten; for a range narrower than a factor of
     * {@value #NARROW}, which may hold one or none of those, evenly spaced round values instead.
     */
    public static double[] labelledFrequencies(double minHz, double maxHz) {
        double[] linear = linearTicks(minHz, maxHz);
        if (linear.length > 0) {
            return linear;
        }
        List<Double> out = new ArrayList<>();
        for (int decade = (int) Math.floor(Math.log10(minHz)); decade <= Math.ceil(Math.log10(maxHz)); decade++) {
            for (int m : new int[] {1, 2, 5}) {
                double f = m * Math.pow(10, decade);
                if (f >= minHz * (1 - 1e-9) && f <= maxHz * (1 + 1e-9)) {
                    out.add(f);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** For a range narrower than {@value #NARROW}: about five round values (steps of 1, 2 or 5 times a power of ten); else none. */
    private static double[] linearTicks(double minHz, double maxHz) {
        if (maxHz / minHz >= NARROW) {
            return new double[0];
        }
        double raw = (maxHz - minHz) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / magnitude < 1.5 ? magnitude : raw / magnitude < 3.5 ? 2 * magnitude
                : raw / magnitude < 7.5 ? 5 * magnitude : 10 * magnitude;
        List<Double> out = new ArrayList<>();
        for (double f = Math.ceil(minHz / step) * step; f <= maxHz * (1 + 1e-12); f += step) {
            out.add(Math.round(f / step) * step);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Draws {@code values} against {@code hz}, clipped to the panel. NaN breaks the line; with
     * {@code wrapping}, so does a jump of more than 180 (phase wrapping from +180 to -180, drawn as two
     * ends rather than a vertical stroke through the panel).
     */
    private static void drawCurve(Graphics2D g, Rectangle p, double[] hz, double[] values, double minHz,
            double maxHz, Axis axis, Color color, boolean wrapping) {
        DoubleUnaryOperator x = xScale(p, minHz, maxHz);
        DoubleUnaryOperator y = yScale(p, axis);
        Path2D.Double path = new Path2D.Double();
        boolean drawing = false;
        double previous = Double.NaN;
        for (int i = 0; i < hz.length; i++) {
            double v = values[i];
            if (Double.isNaN(v) || wrapping && drawing && Math.abs(v - previous) > 180) {
                drawing = false;
                if (Double.isNaN(v)) {
                    continue;
                }
            }
            // Off-scale values (a zero of the response is -infinity dB) are drawn just past the frame.
            double py = Math.max(p.y - 20.0, Math.min(p.getMaxY() + 20.0, y.applyAsDouble(v)));
            double px = x.applyAsDouble(hz[i]);
            if (drawing) {
                path.lineTo(px, py);
            } else {
                path.moveTo(px, py);
                drawing = true;
            }
            previous = v;
        }
        Shape clip = g.getClip();
        g.clip(p);
        g.setColor(color);
        g.setStroke(new BasicStroke(2.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
        g.setClip(clip);
    }

    private static DoubleUnaryOperator xScale(Rectangle p, double minHz, double maxHz) {
        double lo = Math.log(minHz);
        double scale = p.width / (Math.log(maxHz) - lo);
        return f -> p.x + (Math.log(f) - lo) * scale;
    }

    private static DoubleUnaryOperator yScale(Rectangle p, Axis axis) {
        double scale = p.height / (axis.max() - axis.min());
        return v -> p.getMaxY() - (v - axis.min()) * scale;
    }

    /** 20, 500, 1k, 2.5k, 1.05k, 20k: the way frequencies are written on audio gear. */
    public static String hzLabel(double hz) {
        if (hz >= 1000) {
            return Checks.format(Math.round(hz) / 1000.0) + "k";
        }
        return Checks.format(hz >= 1 ? Math.round(hz) : hz);
    }

    /** {@code +6} (or {@code 6} without {@code plus}), {@code 0}, {@code −12} with a true minus sign when the font has one. */
    private static String signed(Font font, double v, boolean plus) {
        long r = Math.round(v);
        if (r > 0) {
            if (!plus) {
                return Long.toString(r);
            }
            return "+" + r;
        }
        if (r < 0) {
            return (font.canDisplay('\u2212') ? "\u2212" : "-") + -r;
        }
        return "0";
    }
}
