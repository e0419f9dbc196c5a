package io.github.mixwright.mix.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.FrequencyResponse;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The plot as a pure function: size, both curves inside their panels, axis ranges, labels, off screen,
 * leaving java.awt.headless alone.
 */
class ResponsePlotTest {

    @Test
    void drawsBothCurvesInsideTheirPanelsWithoutADisplay() {
        ResponseCurve curve = ResponseCurve.of(FrequencyResponse.flat(48_000, 0.5),
                ResponseCurve.logGrid(10, 24_000, 2400));

        String headless = System.getProperty("java.awt.headless");
        BufferedImage image = ResponsePlot.render(curve, "gain db=-6.0206", "48 kHz");

        // Drawn off screen, and without touching the global property a GUI application depends on.
        assertEquals(headless, System.getProperty("java.awt.headless"));
        assertEquals(ResponsePlot.WIDTH, image.getWidth());
        assertEquals(ResponsePlot.HEIGHT, image.getHeight());
        // a flat line across the whole panel width (at least one solid pixel per column)
        int magnitude = PlotPixels.pixelsOf(image, ResponsePlot.MAGNITUDE_PANEL, ResponsePlot.MAGNITUDE);
        int phase = PlotPixels.pixelsOf(image, ResponsePlot.PHASE_PANEL, ResponsePlot.PHASE);
        assertTrue(magnitude >= ResponsePlot.MAGNITUDE_PANEL.width - 4, "magnitude pixels " + magnitude);
        assertTrue(phase >= ResponsePlot.PHASE_PANEL.width - 4, "phase pixels " + phase);
        assertEquals(0, PlotPixels.pixelsOf(image, ResponsePlot.PHASE_PANEL, ResponsePlot.MAGNITUDE));
        assertEquals(0, PlotPixels.pixelsOf(image, ResponsePlot.MAGNITUDE_PANEL, ResponsePlot.PHASE));
        // titles, tick labels and axis names: dark text outside the panels
        assertTrue(darkPixels(image, new Rectangle(0, 0, ResponsePlot.WIDTH, ResponsePlot.MAGNITUDE_PANEL.y)) > 200);
        assertTrue(darkPixels(image, new Rectangle(0, 0, ResponsePlot.MAGNITUDE_PANEL.x - 2, ResponsePlot.HEIGHT)) > 400);
    }

    @Test
    void magnitudeAxisIsAtLeast12DbWideAndCentredOnAFlatResponse() {
        double[] flat = new double[100];
        Arrays.fill(flat, -6.0206);

        ResponsePlot.Axis axis = ResponsePlot.magnitudeAxis(flat);

        assertEquals(3, axis.step());
        assertTrue(axis.min() < -12 && axis.min() > -13, "min " + axis.min());
        assertTrue(axis.max() > 0 && axis.max() < 1, "max " + axis.max());
    }

    @Test
    void deepResponsesGetA6DbGridAndStop96DbBelowThePeak() {
        double[] deep = {Double.NEGATIVE_INFINITY, -200, -40, 0.5, 0};

        ResponsePlot.Axis axis = ResponsePlot.magnitudeAxis(deep);

        assertEquals(6, axis.step());
        assertTrue(axis.min() < -95.5 && axis.min() > -101, "min " + axis.min());
        assertTrue(axis.max() > 0.5 && axis.max() < 5, "max " + axis.max());
        assertEquals(3, ResponsePlot.magnitudeAxis(new double[] {-10, 10}).step());
        assertEquals(6, ResponsePlot.magnitudeAxis(new double[] {-30, 3}).step());
    }

    @Test
    void silenceStillGetsAnAxis() {
        ResponsePlot.Axis axis = ResponsePlot.magnitudeAxis(new double[] {Double.NEGATIVE_INFINITY});

        assertTrue(axis.min() < -6 && axis.max() > 6, axis.toString());
    }

    @Test
    void frequencyLabelsAreWrittenTheAudioWay() {
        assertEquals("20", ResponsePlot.hzLabel(20));
        assertEquals("500", ResponsePlot.hzLabel(500));
        assertEquals("1k", ResponsePlot.hzLabel(1000));
        assertEquals("2k", ResponsePlot.hzLabel(2000));
        assertEquals("20k", ResponsePlot.hzLabel(20_000));
        assertEquals("0.5", ResponsePlot.hzLabel(0.5));
        assertEquals("1.05k", ResponsePlot.hzLabel(1050));
    }

    @Test
    void frequencyAxisIsLabelled125PerDecadeOrEvenlyWhenNarrow() {
        assertArrayEquals(new double[] {10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000},
                ResponsePlot.labelledFrequencies(10, 24_000), 1e-9);
        assertArrayEquals(new double[] {900, 950, 1000, 1050, 1100}, ResponsePlot.labelledFrequencies(900, 1100), 1e-9);
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
