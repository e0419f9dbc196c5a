package io.github.mixwright.mix.plot;

import static io.github.mixwright.mix.plot.PlotText.centred;
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
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * One panel of lines over time or over frequency (log axis), in the style of {@link LoudnessPlot} and
 * {@link ResponsePlot}: a light grid, labelled axes, a legend, dashed reference lines. Immutable; the
 * master's pictures are made of these ({@link #render} stacks panels under one title). Drawn with Java2D off
 * screen.
 */
public final class LinePlot {
    /** What the horizontal axis holds. */
    public enum Axis {
        /** Seconds, labelled as a clock. */
        TIME,
        /** Hz, on a log scale. */
        FREQUENCY
    }

    /**
     * One line.
     *
     * @param name in the legend
     * @param x positions (seconds or Hz), increasing
     * @param y values; a non-finite one breaks the line
     * @param color its colour
     * @param width its width, px
     * @param fill whether the area between the line and the panel's {@code fillTo} level is shaded
     */
    public record Series(String name, double[] x, double[] y, Color color, float width, boolean fill) {
        public Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("x has " + x.length + " values and y " + y.length);
            }
        }
    }

    /** A dashed horizontal line at {@code y}, labelled. */
    public record Reference(String label, double y, Color color) {
    }

    /** Blue of the after-state (the master), as the response plot's magnitude. */
    public static final Color AFTER = ResponsePlot.MAGNITUDE;
    /** Grey of the before-state (the mix). */
    public static final Color BEFORE = new Color(0x9a9a9a);
    /** Orange of a second quantity, as the response plot's phase. */
    public static final Color SECOND = ResponsePlot.PHASE;
    /** Dark grey of targets and limits. */
    public static final Color LIMIT = new Color(0x5a5a5a);

    private static final Color FRAME = new Color(0x8a8a8a);
    private static final Color GRID = new Color(0xdedede);
    private static final Color GRID_MAJOR = new Color(0xc8c8c8);
    private static final int LEFT = 100;
    private static final int RIGHT = 40;
    private static final int TOP = 44;
    /** Height of a legend row, when the legend wraps. */
    private static final int LEGEND_ROW = 22;
    private static final int BOTTOM = 58;

    private final Axis axis;
    private final double xMin;
    private final double xMax;
    private final String yLabel;
    private final double yMin;
    private final double yMax;
    private final double yStep;
    private final double fillTo;
    private final List<Series> series;
    private final List<Reference> references;

    private LinePlot(Axis axis, double xMin, double xMax, String yLabel, double yMin, double yMax, double yStep,
            double fillTo, List<Series> series, List<Reference> references) {
        this.axis = axis;
        this.xMin = xMin;
        this.xMax = xMax;
        this.yLabel = yLabel;
        this.yMin = yMin;
        this.yMax = yMax;
        this.yStep = yStep;
        this.fillTo = fillTo;
        this.series = List.copyOf(series);
        this.references = List.copyOf(references);
    }

    /**
     * An empty panel.
     *
     * @param xMin left end (seconds, or Hz above 0)
     * @param yLabel the vertical axis's title, with its unit
     * @param yStep grid interval; {@code yMin} and {@code yMax} are rounded out to it
     */
    public static LinePlot of(Axis axis, double xMin, double xMax, String yLabel, double yMin, double yMax,
            double yStep) {
        if (!(xMax > xMin) || axis == Axis.FREQUENCY && !(xMin > 0)) {
            throw new IllegalArgumentException("x range [" + xMin + ", " + xMax + "] is empty"
                    + (axis == Axis.FREQUENCY ? " or reaches 0 Hz" : ""));
        }
        Checks.inRange("yStep", yStep, 1e-9, 1e9);
        double lo = Math.floor(yMin / yStep + 1e-9) * yStep;
        double hi = Math.ceil(yMax / yStep - 1e-9) * yStep;
        if (hi <= lo) {
            hi = lo + yStep;
        }
        return new LinePlot(axis, xMin, xMax, yLabel, lo, hi, yStep, lo, List.of(), List.of());
    }

    /** With {@code s} drawn over the lines before it. */
    public LinePlot with(Series s) {
        List<Series> list = new ArrayList<>(series);
        list.add(Objects.requireNonNull(s, "series"));
        return new LinePlot(axis, xMin, xMax, yLabel, yMin, yMax, yStep, fillTo, list, references);
    }

    /** With a reference line. */
    public LinePlot with(Reference r) {
        List<Reference> list = new ArrayList<>(references);
        list.add(Objects.requireNonNull(r, "reference"));
        return new LinePlot(axis, xMin, xMax, yLabel, yMin, yMax, yStep, fillTo, series, list);
    }

    /** Filled series shade down (or up) to {@code y} (by default the bottom of the panel). */
    public LinePlot fillTo(double y) {
        return new LinePlot(axis, xMin, xMax, yLabel, yMin, yMax, yStep, y, series, references);
    }

    /** The panels one under the other, {@code width} px wide, under a title and a subtitle. */
    public static BufferedImage render(int width, int panelHeight, String title, String subtitle, LinePlot... panels) {
        int head = 80;
        BufferedImage image = new BufferedImage(width, head + panels.length * panelHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            PlotText.clear(g, image.getWidth(), image.getHeight(), ResponsePlot.BACKGROUND);
            PlotText.drawTitle(g, width, title, subtitle, 36, 61);
            for (int i = 0; i < panels.length; i++) {
                panels[i].draw(g, new Rectangle(0, head + i * panelHeight, width, panelHeight));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Draws this panel inside {@code area}. */
    public void draw(Graphics2D g, Rectangle area) {
        int width = area.width - LEFT - RIGHT;
        // A legend too long for one row wraps, and the plot moves down to make room.
        int extra = (legendRows(g, width) - 1) * LEGEND_ROW;
        Rectangle p = new Rectangle(area.x + LEFT, area.y + TOP + extra, width, area.height - TOP - BOTTOM - extra);
        DoubleUnaryOperator x = axis == Axis.TIME
                ? v -> p.x + (v - xMin) / (xMax - xMin) * p.width
                : v -> p.x + Math.log(v / xMin) / Math.log(xMax / xMin) * p.width;
        DoubleUnaryOperator y = v -> p.getMaxY() - (v - yMin) / (yMax - yMin) * p.height;
        drawGrid(g, p, x, y);
        Shape clip = g.getClip();
        g.clip(p);
        for (Series s : series) {
            drawSeries(g, s, x, y, p);
        }
        for (Reference r : references) {
            g.setColor(r.color());
            g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 5f}, 0f));
            double py = y.applyAsDouble(r.y());
            g.draw(new Line2D.Double(p.x, py, p.getMaxX(), py));
            g.setFont(font(Font.PLAIN, 13));
            FontMetrics fm = g.getFontMetrics();
            float lx = (float) (p.getMaxX() - fm.stringWidth(r.label()) - 6);
            float ly = (float) (py - 5 < p.y + fm.getAscent() ? py + fm.getAscent() + 3 : py - 5);
            g.setColor(new Color(255, 255, 255, 210));
            g.fillRect((int) lx - 3, (int) (ly - fm.getAscent()), fm.stringWidth(r.label()) + 6, fm.getHeight());
            g.setColor(r.color());
            g.drawString(r.label(), lx, ly);
        }
        g.setClip(clip);
        g.setColor(FRAME);
        g.setStroke(new BasicStroke(1f));
        g.draw(p);
        drawLegend(g, p, extra);
    }

    private void drawGrid(Graphics2D g, Rectangle p, DoubleUnaryOperator x, DoubleUnaryOperator y) {
        g.setFont(font(Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (double v = yMin; v <= yMax + yStep * 1e-6; v += yStep) {
            double py = y.applyAsDouble(v);
            g.setColor(GRID_MAJOR);
            g.draw(new Line2D.Double(p.x, py, p.getMaxX(), py));
            g.setColor(TICK_TEXT);
            String label = Checks.format(Math.abs(v) < yStep * 1e-6 ? 0 : v).replace('-', '\u2212');
            g.drawString(label, p.x - 8 - fm.stringWidth(label), (float) (py + fm.getAscent() / 2.0 - 1));
        }
        double[] ticks;
        String[] labels;
        if (axis == Axis.TIME) {
            double step = LoudnessPlot.timeStep(xMax - xMin);
            List<Double> t = new ArrayList<>();
            for (double v = Math.ceil(xMin / step) * step; v <= xMax + 1e-9; v += step) {
                t.add(v);
            }
            ticks = t.stream().mapToDouble(Double::doubleValue).toArray();
            labels = new String[ticks.length];
            for (int i = 0; i < ticks.length; i++) {
                labels[i] = LoudnessPlot.clock(ticks[i], step);
            }
        } else {
            ticks = ResponsePlot.labelledFrequencies(xMin, xMax);
            labels = new String[ticks.length];
            for (int i = 0; i < ticks.length; i++) {
                labels[i] = ResponsePlot.hzLabel(ticks[i]);
            }
            // unlabelled lines at every 1..9 times a power of ten
            g.setColor(GRID);
            for (int d = (int) Math.floor(Math.log10(xMin)); d <= Math.ceil(Math.log10(xMax)); d++) {
                for (int m = 1; m <= 9; m++) {
                    double f = m * Math.pow(10, d);
                    if (f > xMin && f < xMax) {
                        double px = x.applyAsDouble(f);
                        g.draw(new Line2D.Double(px, p.y, px, p.getMaxY()));
                    }
                }
            }
        }
        for (int i = 0; i < ticks.length; i++) {
            double px = x.applyAsDouble(ticks[i]);
            g.setColor(GRID_MAJOR);
            g.draw(new Line2D.Double(px, p.y, px, p.getMaxY()));
            g.setColor(TICK_TEXT);
            centred(g, labels[i], px, p.getMaxY() + 20);
        }
        g.setColor(TEXT);
        g.setFont(font(Font.PLAIN, 14));
        centred(g, axis == Axis.TIME ? "Time (m:ss)" : "Frequency (Hz)", p.getCenterX(), p.getMaxY() + 44);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        centred(g, yLabel, -p.getCenterY(), p.x - 62);
        g.setTransform(saved);
    }

    private void drawSeries(Graphics2D g, Series s, DoubleUnaryOperator x, DoubleUnaryOperator y, Rectangle p) {
        Path2D.Double line = new Path2D.Double();
        boolean open = false;
        double lastX = 0;
        double base = Math.max(p.y, Math.min(p.getMaxY(), y.applyAsDouble(fillTo)));
        List<Path2D.Double> fills = new ArrayList<>();
        Path2D.Double fill = null;
        for (int i = 0; i < s.x().length; i++) {
            double v = s.y()[i];
            if (!Double.isFinite(v)) {
                if (fill != null) {
                    fill.lineTo(lastX, base);
                    fill.closePath();
                    fills.add(fill);
                    fill = null;
                }
                open = false;
                continue;
            }
            double px = x.applyAsDouble(s.x()[i]);
            double py = Math.max(p.y - 2, Math.min(p.getMaxY() + 2, y.applyAsDouble(v)));
            if (!open) {
                line.moveTo(px, py);
                open = true;
                if (s.fill()) {
                    fill = new Path2D.Double();
                    fill.moveTo(px, base);
                    fill.lineTo(px, py);
                }
            } else {
                line.lineTo(px, py);
                if (fill != null) {
                    fill.lineTo(px, py);
                }
            }
            lastX = px;
        }
        if (fill != null) {
            fill.lineTo(lastX, base);
            fill.closePath();
            fills.add(fill);
        }
        Color c = s.color();
        g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
        for (Path2D.Double f : fills) {
            g.fill(f);
        }
        g.setColor(c);
        g.setStroke(new BasicStroke(s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(line);
    }

    private int legendRows(Graphics2D g, int width) {
        g.setFont(font(Font.PLAIN, 14));
        FontMetrics fm = g.getFontMetrics();
        int rows = 1;
        double at = 0;
        for (Series s : series) {
            double w = 34 + fm.stringWidth(s.name());
            if (at > 0 && at + w > width) {
                rows++;
                at = 0;
            }
            at += w + 28;
        }
        return rows;
    }

    private void drawLegend(Graphics2D g, Rectangle p, int extra) {
        g.setFont(font(Font.PLAIN, 14));
        FontMetrics fm = g.getFontMetrics();
        double at = p.x;
        double baseline = p.y - extra - 14;
        for (Series s : series) {
            double w = 34 + fm.stringWidth(s.name());
            if (at > p.x && at + w > p.getMaxX()) {
                at = p.x;
                baseline += LEGEND_ROW;
            }
            g.setColor(s.color());
            g.setStroke(new BasicStroke(Math.max(2f, s.width()), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(at, baseline - 5, at + 26, baseline - 5));
            g.setColor(TEXT);
            g.drawString(s.name(), (float) (at + 34), (float) baseline);
            at += w + 28;
        }
    }
}
