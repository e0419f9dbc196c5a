package io.github.mixwright.mix.plot;

import static io.github.mixwright.mix.plot.PlotText.centred;
import static io.github.mixwright.mix.plot.PlotText.drawTitle;
import static io.github.mixwright.mix.plot.PlotText.ellipsis;
import static io.github.mixwright.mix.plot.PlotText.font;
import static io.github.mixwright.mix.plot.PlotText.TEXT;
import static io.github.mixwright.mix.plot.PlotText.TICK_TEXT;

import io.github.mixwright.core.Checks;
import io.github.mixwright.loudness.LoudnessSeries;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Draws loudness over time: momentary (thin, light) and short-term (thick) loudness of one or more
 * files, one after the other on a shared time axis, each file's integrated loudness as a dashed line
 * and the target as another. A pure function of its inputs, drawn with Java2D off screen (headless), in
 * the style of {@link ResponsePlot}.
 */
public final class LoudnessPlot {
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 800;

    /** The loudness axis never reaches below this for the data (the target may pull it lower). */
    static final double FLOOR_LUFS = -60;
    /** The loudness axis grid, LU. */
    static final double STEP_LU = 6;
    /** The loudness axis spans at least this much. */
    static final double MIN_SPAN_LU = 12;
    /** Time-axis intervals to choose from, seconds. */
    private static final double[] TIME_STEPS = {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
        3600, 7200, 10_800, 21_600, 43_200, 86_400};
    /** Most time intervals on the axis. */
    private static final int MAX_TIME_TICKS = 10;

    static final Color BACKGROUND = ResponsePlot.BACKGROUND;
    private static final Color FRAME = new Color(0x8a8a8a);
    private static final Color GRID_MAJOR = new Color(0xc8c8c8);
    private static final Color GRID = new Color(0xdedede);
    private static final Color SEPARATOR = new Color(0x6a6a6a);
    /** Lighter and greener than short-term, so its line stays apart from short-term's anti-aliased edges. */
    public static final Color MOMENTARY = new Color(0x3fa7b0);
    public static final Color SHORT_TERM = ResponsePlot.MAGNITUDE;
    public static final Color INTEGRATED = ResponsePlot.PHASE;
    public static final Color TARGET = new Color(0x5a5a5a);

    private static final int LEFT = 100;
    private static final int RIGHT = 40;
    private static final int TOP = 112;
    private static final int BOTTOM = 78;

    /** The plotting area of a {@link #WIDTH} by {@link #HEIGHT} plot, in pixels. */
    public static final Rectangle PANEL = new Rectangle(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);

    private static final float MOMENTARY_WIDTH = 1.5f;
    private static final float SHORT_TERM_WIDTH = 2.6f;
    private static final float[] DASH = {10f, 6f};
    private static final float[] TARGET_DASH = {4f, 4f};

    /**
     * One file of the plot.
     *
     * @param name shown above its part of the time axis when there are several
     * @param series its momentary and short-term loudness
     * @param seconds its duration
     * @param integratedLufs its integrated loudness, {@code -Infinity} for silence (then no line)
     */
    public record Track(String name, LoudnessSeries series, double seconds, double integratedLufs) {
    }

    /** The loudness axis: visible range and grid step, LUFS. */
    public record Axis(double min, double max, double step) {
    }

    private LoudnessPlot() {
    }

    /**
     * The plot of {@code tracks} (at least one), one after the other.
     *
     * @param targetLufs the target line
     * @param title the first line, e.g. the file name
     * @param subtitle the second line, e.g. the measured figures
     */
    public static BufferedImage render(List<Track> tracks, double targetLufs, String title, String subtitle) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            PlotText.clear(g, WIDTH, HEIGHT, BACKGROUND);

            double[] starts = new double[tracks.size() + 1];
            for (int i = 0; i < tracks.size(); i++) {
                starts[i + 1] = starts[i] + Math.max(0, tracks.get(i).seconds());
            }
            double total = starts[tracks.size()] > 0 ? starts[tracks.size()] : 1;
            Axis axis = loudnessAxis(tracks, targetLufs);
            double timeStep = timeStep(total);
            DoubleUnaryOperator x = v -> PANEL.x + v / total * PANEL.width;
            DoubleUnaryOperator y = v -> PANEL.getMaxY() - (v - axis.min()) / (axis.max() - axis.min()) * PANEL.height;

            drawTitle(g, WIDTH, title, minus(font(Font.PLAIN, 15), subtitle), 36, 61);
            drawLegend(g, targetLufs);
            drawGrid(g, axis, x, y, total, timeStep);
            Shape clip = g.getClip();
            g.clip(PANEL);
            if (tracks.size() > 1) {
                drawSeparators(g, tracks, starts, x);
            }
            for (int i = 0; i < tracks.size(); i++) {
                LoudnessSeries s = tracks.get(i).series();
                drawLine(g, s, s.momentaryLufs(), starts[i], x, y, MOMENTARY, MOMENTARY_WIDTH);
            }
            for (int i = 0; i < tracks.size(); i++) {
                LoudnessSeries s = tracks.get(i).series();
                drawLine(g, s, s.shortTermLufs(), starts[i], x, y, SHORT_TERM, SHORT_TERM_WIDTH);
            }
            List<Rectangle2D> labels = new ArrayList<>();
            for (int i = 0; i < tracks.size(); i++) {
                drawIntegrated(g, tracks.get(i).integratedLufs(), x.applyAsDouble(starts[i]),
                        x.applyAsDouble(starts[i + 1]), y, labels);
            }
            drawTarget(g, targetLufs, y, labels);
            g.setClip(clip);
            g.setColor(FRAME);
            g.setStroke(new BasicStroke(1f));
            g.draw(new Rectangle2D.Double(PANEL.x + 0.5, PANEL.y + 0.5, PANEL.width - 1, PANEL.height - 1));
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The loudness axis: from 5 LU below the quietest short-term value (but not below
     * {@value #FLOOR_LUFS}) to 3 LU above the loudest momentary value, widened to show the target
     * and the integrated loudness with 3 LU to spare, rounded outwards to the {@value #STEP_LU} LU grid
     * and at least {@value #MIN_SPAN_LU} LU tall. Silence alone gets {@value #FLOOR_LUFS} to 0.
     */
    public static Axis loudnessAxis(List<Track> tracks, double targetLufs) {
        double minS = Double.POSITIVE_INFINITY;
        double maxM = Double.NEGATIVE_INFINITY;
        for (Track t : tracks) {
            for (double v : t.series().shortTermLufs()) {
                if (Double.isFinite(v)) {
                    minS = Math.min(minS, v);
                    maxM = Math.max(maxM, v);
                }
            }
            for (double v : t.series().momentaryLufs()) {
                if (Double.isFinite(v)) {
                    maxM = Math.max(maxM, v);
                }
            }
        }
        double lo;
        double hi;
        if (maxM == Double.NEGATIVE_INFINITY) {
            lo = FLOOR_LUFS;
            hi = 0;
        } else {
            lo = Math.max(FLOOR_LUFS, (minS == Double.POSITIVE_INFINITY ? maxM : minS) - 5);
            hi = maxM + 3;
        }
        List<Double> marks = new ArrayList<>();
        marks.add(targetLufs);
        for (Track t : tracks) {
            if (Double.isFinite(t.integratedLufs())) {
                marks.add(t.integratedLufs());
            }
        }
        for (double v : marks) {
            lo = Math.min(lo, v - 3);
            hi = Math.max(hi, v + 3);
        }
        lo = Math.floor(lo / STEP_LU) * STEP_LU;
        hi = Math.ceil(hi / STEP_LU) * STEP_LU + 0.0; // + 0.0: no "-0" for a top just below 0
        if (hi - lo < MIN_SPAN_LU) {
            lo = hi - MIN_SPAN_LU;
        }
        return new Axis(lo, hi, STEP_LU);
    }

    /** The interval of the time axis for {@code totalSeconds}: the shortest giving at most ten intervals. */
    public static double timeStep(double totalSeconds) {
        for (double s : TIME_STEPS) {
            if (totalSeconds / s <= MAX_TIME_TICKS) {
                return s;
            }
        }
        double day = TIME_STEPS[TIME_STEPS.length - 1];
        return day * Math.ceil(totalSeconds / day / MAX_TIME_TICKS);
    }

    /**
     * {@code seconds} as a clock: {@code 1:30}, {@code 1:02:03} from an hour on, {@code 0:00.5} when the
     * axis interval is below a second.
     */
    public static String clock(double seconds, double step) {
        if (step < 1) {
            long tenths = Math.round(seconds * 10);
            return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** One row under the subtitle: a sample of each line and its name. */
    private static void drawLegend(Graphics2D g, double targetLufs) {
        String[] names = {"Momentary (400 ms)", "Short-term (3 s)", "Integrated",
            minus(font(Font.PLAIN, 14), "Target " + Checks.format(targetLufs) + " LUFS")};
        Color[] colors = {MOMENTARY, SHORT_TERM, INTEGRATED, TARGET};
        Stroke[] strokes = {line(MOMENTARY_WIDTH), line(SHORT_TERM_WIDTH), dashed(2f, DASH), dashed(1.6f, TARGET_DASH)};
        g.setFont(font(Font.PLAIN, 14));
        FontMetrics fm = g.getFontMetrics();
        int sample = 30;
        int gap = 8;
        int between = 28;
        double width = -between;
        for (String n : names) {
            width += sample + gap + fm.stringWidth(n) + between;
        }
        double left = (WIDTH - width) / 2;
        int baseline = 90;
        double lineY = baseline - fm.getAscent() / 2.0 + 2;
        for (int i = 0; i < names.length; i++) {
            g.setColor(colors[i]);
            g.setStroke(strokes[i]);
            g.draw(new Line2D.Double(left, lineY, left + sample, lineY));
            g.setColor(TEXT);
            g.drawString(names[i], (float) (left + sample + gap), baseline);
            left += sample + gap + fm.stringWidth(names[i]) + between;
        }
    }

    private static void drawGrid(Graphics2D g, Axis axis, DoubleUnaryOperator x, DoubleUnaryOperator y, double total,
            double timeStep) {
        Shape clip = g.getClip();
        g.clip(PANEL);
        g.setStroke(new BasicStroke(1f));
        for (double t = timeStep; t < total - 1e-9; t += timeStep) {
            g.setColor(GRID);
            double px = x.applyAsDouble(t);
            g.draw(new Line2D.Double(px, PANEL.y, px, PANEL.getMaxY()));
        }
        Font tickFont = font(Font.PLAIN, 13);
        FontMetrics fm = g.getFontMetrics(tickFont);
        double pixelsPerStep = PANEL.height * axis.step() / (axis.max() - axis.min());
        double labelStep = pixelsPerStep < 1.6 * fm.getHeight() ? 2 * axis.step() : axis.step();
        for (double v = axis.min(); v <= axis.max() + 1e-9; v += axis.step()) {
            g.setColor(isMultiple(v, labelStep) ? GRID_MAJOR : GRID);
            double py = y.applyAsDouble(v);
            g.draw(new Line2D.Double(PANEL.x, py, PANEL.getMaxX(), py));
        }
        g.setClip(clip);

        g.setFont(tickFont);
        g.setColor(TICK_TEXT);
        for (double v = axis.min(); v <= axis.max() + 1e-9; v += axis.step()) {
            if (!isMultiple(v, labelStep)) {
                continue;
            }
            String text = minus(tickFont, Long.toString(Math.round(v)));
            double py = y.applyAsDouble(v);
            g.drawString(text, (float) (PANEL.x - 10 - fm.stringWidth(text)), (float) (py + fm.getAscent() / 2.0 - 2));
        }
        double lastRight = Double.NEGATIVE_INFINITY;
        for (double t = 0; t <= total + 1e-9; t += timeStep) {
            String text = clock(t, timeStep);
            double w = fm.stringWidth(text);
            double left = Math.min(x.applyAsDouble(t) - w / 2, WIDTH - 4 - w);
            if (left < lastRight + 8) {
                continue;
            }
            g.drawString(text, (float) left, (float) (PANEL.getMaxY() + 8 + fm.getAscent()));
            lastRight = left + w;
        }

        g.setFont(font(Font.PLAIN, 16));
        g.setColor(TEXT);
        centred(g, total >= 3600 ? "Time (h:mm:ss)" : "Time (m:ss)", PANEL.getCenterX(), HEIGHT - 22);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        String label = "Loudness (LUFS)";
        FontMetrics lm = g.getFontMetrics();
        g.drawString(label, (float) (-PANEL.getCenterY() - lm.stringWidth(label) / 2.0), (float) (PANEL.x - 58));
        g.setTransform(saved);
    }

    private static boolean isMultiple(double v, double step) {
        double r = Math.abs(v / step - Math.rint(v / step));
        return r < 1e-9;
    }

    /** A line where each file starts, and its name at the top of its part when there is room. */
    private static void drawSeparators(Graphics2D g, List<Track> tracks, double[] starts, DoubleUnaryOperator x) {
        g.setFont(font(Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < tracks.size(); i++) {
            double left = x.applyAsDouble(starts[i]);
            double right = x.applyAsDouble(starts[i + 1]);
            if (i > 0) {
                g.setColor(SEPARATOR);
                g.setStroke(new BasicStroke(1.2f));
                g.draw(new Line2D.Double(left, PANEL.y, left, PANEL.getMaxY()));
            }
            int room = (int) (right - left) - 12;
            if (room >= 24) {
                String name = ellipsis(fm, tracks.get(i).name(), room);
                halo(g, new Rectangle2D.Double(left + 5, PANEL.y + 4, fm.stringWidth(name) + 2, fm.getHeight()));
                g.setColor(TICK_TEXT);
                g.drawString(name, (float) (left + 6), PANEL.y + 4 + fm.getAscent());
            }
        }
    }

    /**
     * Draws {@code values} (one per step of {@code series}) from {@code start} seconds on. Silence
     * ({@code -Infinity}) breaks the line; values below the axis run just past the frame. Points closer
     * than half a pixel are merged into their lowest and highest value, so hours of 100 ms steps draw as
     * fast as minutes and look the same.
     */
    private static void drawLine(Graphics2D g, LoudnessSeries series, double[] values, double start,
            DoubleUnaryOperator x, DoubleUnaryOperator y, Color color, float width) {
        Path2D.Double path = new Path2D.Double();
        boolean drawing = false;
        boolean open = false;
        long bucket = 0;
        double lo = 0;
        double hi = 0;
        double bx = 0;
        for (int k = 0; k <= values.length; k++) {
            boolean end = k == values.length;
            double v = end ? Double.NaN : values[k];
            double px = end ? 0 : x.applyAsDouble(start + series.timeSeconds(k));
            long b = (long) Math.floor(px * 2);
            if (open && (end || !Double.isFinite(v) || b != bucket)) {
                double bottom = clampY(y.applyAsDouble(lo));
                double top = clampY(y.applyAsDouble(hi));
                if (drawing) {
                    path.lineTo(bx, bottom);
                } else {
                    path.moveTo(bx, bottom);
                    drawing = true;
                }
                if (top != bottom) {
                    path.lineTo(bx, top);
                }
                open = false;
            }
            if (end) {
                break;
            }
            if (!Double.isFinite(v)) {
                drawing = false;
            } else if (!open) {
                open = true;
                bucket = b;
                lo = v;
                hi = v;
                bx = px;
            } else {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        g.setColor(color);
        g.setStroke(line(width));
        g.draw(path);
    }

    private static double clampY(double py) {
        return Math.max(PANEL.y - 20.0, Math.min(PANEL.getMaxY() + 20.0, py));
    }

    /** The dashed integrated-loudness line over one file, labelled {@code I −14.2 LUFS} at its right end. */
    private static void drawIntegrated(Graphics2D g, double lufs, double left, double right, DoubleUnaryOperator y,
            List<Rectangle2D> labels) {
        if (!Double.isFinite(lufs)) {
            return;
        }
        double py = y.applyAsDouble(lufs);
        g.setColor(INTEGRATED);
        g.setStroke(dashed(2f, DASH));
        g.draw(new Line2D.Double(left, py, right, py));
        g.setFont(font(Font.BOLD, 14));
        String text = minus(g.getFont(), "I " + oneDecimal(lufs) + " LUFS");
        FontMetrics fm = g.getFontMetrics();
        double w = fm.stringWidth(text);
        if (w > right - left - 12) {
            return;
        }
        Rectangle2D box = labelBox(fm, right - 6 - w, w, py, true);
        labels.add(box);
        drawLabel(g, text, box, fm, INTEGRATED);
    }

    /** The target line across the plot, labelled at its left end, below the line if above it would collide. */
    private static void drawTarget(Graphics2D g, double lufs, DoubleUnaryOperator y, List<Rectangle2D> labels) {
        double py = y.applyAsDouble(lufs);
        g.setColor(TARGET);
        g.setStroke(dashed(1.6f, TARGET_DASH));
        g.draw(new Line2D.Double(PANEL.x, py, PANEL.getMaxX(), py));
        g.setFont(font(Font.BOLD, 14));
        String text = minus(g.getFont(), "Target " + Checks.format(lufs) + " LUFS");
        FontMetrics fm = g.getFontMetrics();
        double w = fm.stringWidth(text);
        Rectangle2D box = labelBox(fm, PANEL.x + 6, w, py, true);
        for (Rectangle2D other : labels) {
            if (box.intersects(other)) {
                box = labelBox(fm, PANEL.x + 6, w, py, false);
                break;
            }
        }
        drawLabel(g, text, box, fm, TARGET);
    }

    /** The box of a label just above (or below) a line at {@code py}, kept inside the panel. */
    private static Rectangle2D labelBox(FontMetrics fm, double left, double w, double py, boolean above) {
        double h = fm.getAscent() + fm.getDescent();
        double top = above ? py - 4 - h : py + 4;
        if (top < PANEL.y + 2) {
            top = py + 4;
        } else if (top + h > PANEL.getMaxY() - 2) {
            top = py - 4 - h;
        }
        return new Rectangle2D.Double(left - 2, top, w + 4, h);
    }

    private static void drawLabel(Graphics2D g, String text, Rectangle2D box, FontMetrics fm, Color color) {
        halo(g, box);
        g.setColor(color);
        g.drawString(text, (float) (box.getX() + 2), (float) (box.getY() + fm.getAscent()));
    }

    /** A translucent white ground, so a label stays readable over the curves. */
    private static void halo(Graphics2D g, Rectangle2D box) {
        g.setColor(new Color(255, 255, 255, 210));
        g.fill(box);
    }

    /** One decimal, "0.0" rather than "-0.0" (the value is finite: drawn lines only). */
    private static String oneDecimal(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.equals("-0.0") ? "0.0" : s;
    }

    private static Stroke line(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    private static Stroke dashed(float width, float[] dash) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
    }

    /** {@code text} with each hyphen before a digit made a true minus sign, when the font has one. */
    private static String minus(Font font, String text) {
        return font.canDisplay('\u2212') ? text.replaceAll("-(?=[0-9])", "\u2212") : text;
    }
}
