package io.github.mixwright.mix.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.loudness.LoudnessSeries;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loudness plot as a pure function: size, each line where its values are, axes, time labels, off
 * screen, leaving java.awt.headless alone.
 */
class LoudnessPlotTest {

    /** A track of {@code steps} 100 ms steps with constant momentary and short-term loudness. */
    private static LoudnessPlot.Track flat(String name, int steps, double momentary, double shortTerm, double integrated) {
        double[] m = new double[steps];
        double[] s = new double[steps];
        Arrays.fill(m, momentary);
        Arrays.fill(s, shortTerm);
        return new LoudnessPlot.Track(name, new LoudnessSeries(0.1, m, s), steps / 10.0, integrated);
    }

    /** The pixel row of {@code lufs} on {@code axis}. */
    private static int row(LoudnessPlot.Axis axis, double lufs) {
        Rectangle p = LoudnessPlot.PANEL;
        return (int) Math.round(p.getMaxY() - (lufs - axis.min()) / (axis.max() - axis.min()) * p.height);
    }

    /** A band of the panel 12 pixels tall around {@code lufs}, between the x fractions {@code from} and {@code to}. */
    private static Rectangle band(LoudnessPlot.Axis axis, double lufs, double from, double to) {
        Rectangle p = LoudnessPlot.PANEL;
        return new Rectangle((int) (p.x + from * p.width), row(axis, lufs) - 6, (int) ((to - from) * p.width), 12);
    }

    @Test
    void drawsEachLineAtItsLevelAcrossThePlotWithoutADisplay() {
        List<LoudnessPlot.Track> tracks = List.of(flat("song.wav", 600, -10, -30, -20));
        LoudnessPlot.Axis axis = LoudnessPlot.loudnessAxis(tracks, -23);

        String headless = System.getProperty("java.awt.headless");
        BufferedImage image = LoudnessPlot.render(tracks, -23, "song.wav", "integrated -20.0 LUFS");

        // Drawn off screen, and without touching the global property a GUI application depends on.
        assertEquals(headless, System.getProperty("java.awt.headless"));
        assertEquals(LoudnessPlot.WIDTH, image.getWidth());
        assertEquals(LoudnessPlot.HEIGHT, image.getHeight());
        int width = LoudnessPlot.PANEL.width;
        // the lines run across the whole width (at least one pixel per column), each at its own level
        assertTrue(PlotPixels.tinted(image, band(axis, -10, 0, 1), LoudnessPlot.MOMENTARY) >= width - 6);
        assertTrue(PlotPixels.tinted(image, band(axis, -30, 0, 1), LoudnessPlot.SHORT_TERM) >= width - 6);
        assertEquals(0, PlotPixels.tinted(image, band(axis, -30, 0, 1), LoudnessPlot.MOMENTARY));
        assertEquals(0, PlotPixels.tinted(image, band(axis, -10, 0, 1), LoudnessPlot.SHORT_TERM));
        // dashed: about 10 of every 16 pixels, labels drawn over parts of them
        assertTrue(PlotPixels.tinted(image, band(axis, -20, 0, 1), LoudnessPlot.INTEGRATED) > width / 3);
        assertTrue(PlotPixels.tinted(image, band(axis, -23, 0, 1), LoudnessPlot.TARGET) > width / 3);
        assertTrue(darkPixels(image, new Rectangle(0, 0, LoudnessPlot.WIDTH, LoudnessPlot.PANEL.y)) > 300);
        assertTrue(darkPixels(image, new Rectangle(0, 0, LoudnessPlot.PANEL.x - 2, LoudnessPlot.HEIGHT)) > 200);
        assertTrue(darkPixels(image, new Rectangle(0, (int) LoudnessPlot.PANEL.getMaxY() + 2, LoudnessPlot.WIDTH,
                LoudnessPlot.HEIGHT - (int) LoudnessPlot.PANEL.getMaxY() - 2)) > 200);
    }

    @Test
    void severalTracksFollowEachOtherWithTheirOwnIntegratedLines() {
        List<LoudnessPlot.Track> tracks = List.of(flat("a.wav", 300, -12, -14, -14), flat("b.wav", 300, -28, -30, -30));
        LoudnessPlot.Axis axis = LoudnessPlot.loudnessAxis(tracks, -23);

        BufferedImage image = LoudnessPlot.render(tracks, -23, "a.wav, b.wav", "album");

        assertTrue(PlotPixels.tinted(image, band(axis, -14, 0.02, 0.45), LoudnessPlot.SHORT_TERM) > 300);
        assertEquals(0, PlotPixels.tinted(image, band(axis, -14, 0.55, 0.98), LoudnessPlot.SHORT_TERM));
        assertTrue(PlotPixels.tinted(image, band(axis, -30, 0.55, 0.98), LoudnessPlot.SHORT_TERM) > 300);
        assertEquals(0, PlotPixels.tinted(image, band(axis, -30, 0.02, 0.45), LoudnessPlot.SHORT_TERM));
    }

    @Test
    void silenceBreaksTheLineAndAnEmptyPlotStillDraws() {
        double[] m = new double[200];
        Arrays.fill(m, -20);
        Arrays.fill(m, 50, 150, Double.NEGATIVE_INFINITY);
        List<LoudnessPlot.Track> tracks = List.of(new LoudnessPlot.Track("gap.wav", new LoudnessSeries(0.1, m, m), 20, -20));
        LoudnessPlot.Axis axis = LoudnessPlot.loudnessAxis(tracks, -23);

        BufferedImage image = LoudnessPlot.render(tracks, -23, "gap.wav", "");
        BufferedImage empty = LoudnessPlot.render(List.of(new LoudnessPlot.Track("empty.wav",
                new LoudnessSeries(0.1, new double[0], new double[0]), 0, Double.NEGATIVE_INFINITY)), -23, "empty.wav", "");

        assertTrue(PlotPixels.tinted(image, band(axis, -20, 0.05, 0.2), LoudnessPlot.SHORT_TERM) > 100);
        assertEquals(0, PlotPixels.tinted(image, band(axis, -20, 0.3, 0.7), LoudnessPlot.SHORT_TERM));
        assertEquals(LoudnessPlot.WIDTH, empty.getWidth());
    }

    @Test
    void hoursOfStepsDrawAsABand() {
        int steps = 2 * 3600 * 10;
        double[] m = new double[steps];
        double[] s = new double[steps];
        for (int k = 0; k < steps; k++) {
            m[k] = k % 2 == 0 ? -10 : -20;
            s[k] = -15;
        }
        List<LoudnessPlot.Track> tracks = List.of(new LoudnessPlot.Track("long.wav", new LoudnessSeries(0.1, m, s),
                steps / 10.0, -15));
        LoudnessPlot.Axis axis = LoudnessPlot.loudnessAxis(tracks, -23);

        BufferedImage image = LoudnessPlot.render(tracks, -23, "long.wav", "");

        // the momentary envelope fills -20 to -10 in every column (behind short-term at -15)
        assertTrue(PlotPixels.tinted(image, band(axis, -11, 0.01, 0.99), LoudnessPlot.MOMENTARY) > 5 * LoudnessPlot.PANEL.width);
        assertTrue(PlotPixels.tinted(image, band(axis, -19, 0.01, 0.99), LoudnessPlot.MOMENTARY) > 5 * LoudnessPlot.PANEL.width);
    }

    @Test
    void loudnessAxisSpansTheQuietestShortTermToTheLoudestMomentaryOnA6DbGrid() {
        LoudnessPlot.Axis axis = LoudnessPlot.loudnessAxis(List.of(flat("a", 10, -8, -30, -20)), -23);
        assertEquals(-36, axis.min());
        assertEquals(0, axis.max());
        assertEquals(6, axis.step());

        // short-term far below: floored at -60; the target still shows with room to spare
        assertEquals(-60, LoudnessPlot.loudnessAxis(List.of(flat("a", 10, -8, -90, -20)), -23).min());
        LoudnessPlot.Axis low = LoudnessPlot.loudnessAxis(List.of(flat("a", 10, -8, -30, -20)), -70);
        assertEquals(-78, low.min());
        // silence
        LoudnessPlot.Axis silence = LoudnessPlot.loudnessAxis(List.of(flat("a", 10, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)), -23);
        assertEquals(-60, silence.min());
        assertEquals(0, silence.max());
        // a steady level gets at least 12 LU
        LoudnessPlot.Axis steady = LoudnessPlot.loudnessAxis(List.of(flat("a", 10, -23, -23, -23)), -23);
        assertTrue(steady.max() - steady.min() >= 12, steady.toString());
        assertTrue(steady.min() <= -28 && steady.max() >= -20, steady.toString());
    }

    @Test
    void timeAxisHasAtMostTenRoundIntervalsWrittenAsAClock() {
        assertEquals(0.5, LoudnessPlot.timeStep(3));
        assertEquals(1, LoudnessPlot.timeStep(10));
        assertEquals(10, LoudnessPlot.timeStep(75));
        assertEquals(30, LoudnessPlot.timeStep(240));
        assertEquals(60, LoudnessPlot.timeStep(600));
        assertEquals(600, LoudnessPlot.timeStep(3600));
        assertEquals("1:15", LoudnessPlot.clock(75, 10));
        assertEquals("0:00", LoudnessPlot.clock(0, 10));
        assertEquals("1:02:03", LoudnessPlot.clock(3723, 60));
        assertEquals("0:01.5", LoudnessPlot.clock(1.5, 0.5));
        assertEquals("1:00.0", LoudnessPlot.clock(60, 0.5));
    }

    private static int darkPixels(BufferedImage image, Rectangle area) {
        int n = 0;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getRed() + c.getGreen() + c.getBlue() < 3 * 128) {
                    n++;
                }
            }
        }
        return n;
    }
}
