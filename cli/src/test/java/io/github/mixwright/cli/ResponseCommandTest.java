package io.github.mixwright.cli;

import io.github.mixwright.mix.plot.PlotPixels;
import io.github.mixwright.mix.plot.ResponseCurve;
import io.github.mixwright.mix.plot.ResponsePlot;
import static io.github.mixwright.cli.CliTestSupport.list;
import static io.github.mixwright.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.cli.CliTestSupport.Result;
import io.github.mixwright.core.Complex;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code response}: table and CSV values against closed forms (a gain; the RBJ cookbook formulas
 * evaluated here, independently of the filters module), the PNG, and the usage errors.
 */
class ResponseCommandTest {
    private static final double FS = 48_000;

    @TempDir
    Path dir;

    @Test
    void gainIsFlatAtItsLevelWithZeroPhaseAndDelay() throws Exception {
        Path csv = dir.resolve("gain.csv");

        Result r = run("response", "--chain", "gain db=-6", "--csv", csv.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("gain db=-6 at 48 kHz", lines.get(0));
        assertEquals(List.of("Hz", "magnitude", "dB", "phase", "deg", "group", "delay", "ms"),
                List.of(lines.get(1).trim().split("\\s+")));
        // third-octave rows 10 Hz .. 20 kHz (25 kHz is above half the rate)
        assertEquals(34, lines.size() - 2);
        for (String row : lines.subList(2, lines.size())) {
            String[] cells = row.trim().split("\\s+");
            assertEquals(List.of("-6.00", "0.0", "0.000"), List.of(cells).subList(1, 4), row);
        }
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("1000 ")), r.out());

        List<double[]> rows = readCsv(csv);
        assertEquals(512, rows.size());
        assertEquals(10, rows.get(0)[0], 1e-9);
        assertEquals(24_000, rows.get(511)[0], 1e-9);
        for (double[] row : rows) {
            assertEquals(-6, row[1], 1e-9);
            assertEquals(0, row[2], 0);
            assertEquals(0, row[3], 0);
        }
    }

    @Test
    void halfAmplitudeGainReadsMinus6Point02Db() {
        Result r = run("response", "--chain", "gain db=-6.0206");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().skip(2).allMatch(l -> l.contains(" -6.02 ")), r.out());
    }

    @Test
    void highpassFollowsTheCookbookFormulaAndIsMinus3DbAtItsCutoff() throws Exception {
        Path csv = dir.resolve("hp.csv");

        Result r = run("response", "--chain", "highpass freq=1000 q=0.7071", "--csv", csv.toString(),
                "--points", "300");

        assertEquals(0, r.exitCode(), r.err());
        String row1k = r.out().lines().filter(l -> l.trim().startsWith("1000 ")).findFirst().orElseThrow();
        assertEquals("-3.01", row1k.trim().split("\\s+")[1], row1k);
        assertEquals("90.0", row1k.trim().split("\\s+")[2], row1k);
        List<double[]> rows = readCsv(csv);
        assertEquals(300, rows.size());
        assertMatches(rows, hz -> highPass(hz, 1000, 0.7071));
    }

    @Test
    void threeStageChainIsTheProductOfItsStages() throws Exception {
        Path csv = dir.resolve("chain.csv");

        Result r = run("response", "--chain",
                "highpass freq=80 q=0.707 | peak freq=1000 gain=3 q=1 | highshelf freq=8000 gain=-2 q=0.707",
                "--csv", csv.toString(), "--min-hz", "20", "--max-hz", "20000");

        assertEquals(0, r.exitCode(), r.err());
        List<double[]> rows = readCsv(csv);
        assertEquals(20, rows.get(0)[0], 1e-9);
        assertEquals(20_000, rows.get(rows.size() - 1)[0], 1e-6);
        assertMatches(rows, hz -> highPass(hz, 80, 0.707).times(peak(hz, 1000, 1, 3))
                .times(highShelf(hz, 8000, 0.707, -2)));
    }

    @Test
    void pngIsA1200By800PlotWithBothCurvesAndNoTemporaryFileLeft() throws Exception {
        Path png = dir.resolve("plot.png");

        Result r = run("response", "--chain", "highpass freq=1000 q=0.7071", "--png", png.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("plot.png"), list(dir));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(ResponsePlot.WIDTH, image.getWidth());
        assertEquals(ResponsePlot.HEIGHT, image.getHeight());
        assertTrue(PlotPixels.pixelsOf(image, ResponsePlot.MAGNITUDE_PANEL, ResponsePlot.MAGNITUDE) > 1000);
        assertTrue(PlotPixels.pixelsOf(image, ResponsePlot.PHASE_PANEL, ResponsePlot.PHASE) > 1000);
    }

    @Test
    void aStageWithoutFrequencyResponseIsAUsageErrorNamingIt() {
        Path png = dir.resolve("plot.png");

        Result r = run("response", "--chain", "gain db=-3 | pan position=0.5", "--png", png.toString());

        assertEquals(2, r.exitCode());
        assertEquals("error: stage 2 (pan) has no frequency response: it is not a linear filter", r.errLines().get(0));
        assertEquals("", r.out());
        assertFalse(Files.exists(png));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7999", "768001", "0", "-48000"})
    void rateOutsideTheRangeIsAUsageErrorNamingTheRange(String rate) {
        Result r = run("response", "--chain", "gain db=-6", "--rate", rate);

        assertEquals(2, r.exitCode());
        assertEquals("error: --rate " + rate + " is out of range [8000, 768000] (Hz)", r.errLines().get(0));
    }

    @Test
    void otherRatesAndRangesAreHonoured() {
        Result r = run("response", "--chain", "gain db=0", "--rate", "44100");

        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("gain db=0 at 44.1 kHz", lines.get(0));
        assertTrue(lines.get(lines.size() - 1).trim().startsWith("20000 "), r.out());

        Result narrow = run("response", "--chain", "gain db=0", "--min-hz", "900", "--max-hz", "1100");
        assertEquals(0, narrow.exitCode(), narrow.err());
        assertEquals(12, narrow.out().lines().count(), narrow.out());
    }

    @Test
    void badFrequencyRangesAndOutputsAreUsageErrors() {
        assertUsage("error: --max-hz 30000 is out of range (10, 24000] (Hz; above --min-hz, at most half the rate)",
                "--max-hz", "30000");
        assertUsage("error: --max-hz 5 is out of range (10, 24000] (Hz; above --min-hz, at most half the rate)",
                "--max-hz", "5");
        assertUsage("error: --min-hz 0 is out of range (0, 24000) (Hz; below half the rate)", "--min-hz", "0");
        assertUsage("error: --points 1 is out of range [2, 1000000]", "--points", "1");
        assertUsage("error: --png directory '" + dir.resolve("missing") + "' does not exist",
                "--png", dir.resolve("missing/plot.png").toString());
        assertUsage("error: --png and --csv name the same file '" + dir.resolve("x") + "'",
                "--png", dir.resolve("x").toString(), "--csv", dir.resolve("x").toString());
        Result unknown = run("response", "--chain", "lowpas freq=100");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.errLines().get(0).startsWith("error: stage 1: unknown processor 'lowpas'"), unknown.err());
    }

    private void assertUsage(String message, String... options) {
        List<String> args = new ArrayList<>(List.of("response", "--chain", "gain db=-6"));
        args.addAll(List.of(options));
        Result r = run(args.toArray(new String[0]));
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(message, r.errLines().get(0));
    }

    /** Magnitude, phase and group delay of every CSV row against {@code h}. */
    private static void assertMatches(List<double[]> rows, DoubleFunction<Complex> h) {
        for (double[] row : rows) {
            double hz = row[0];
            Complex expected = h.apply(hz);
            assertEquals(expected.magnitudeDb(), row[1], 1e-6, "magnitude at " + hz);
            double phaseError = ResponseCurve.wrapDegrees(row[2] - Math.toDegrees(expected.arg()));
            assertEquals(0, phaseError, 1e-5, "phase at " + hz);
            assertEquals(groupDelayMs(h, hz), row[3], 1e-5 * Math.max(1, Math.abs(row[3])), "group delay at " + hz);
        }
    }

    /** {@code -d(phase)/d(omega)} by a central difference of the unwrapped phase, in ms. */
    private static double groupDelayMs(DoubleFunction<Complex> h, double hz) {
        double d = hz * 1e-5;
        double dPhase = h.apply(hz + d).divide(h.apply(hz - d)).arg();
        return -dPhase / (2 * Math.PI * 2 * d) * 1000;
    }

    // RBJ Audio EQ Cookbook (R. Bristow-Johnson), written out again here rather than calling filters.

    private static Complex highPass(double hz, double f0, double q) {
        double w0 = 2 * Math.PI * f0 / FS;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        return biquad(hz, (1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    private static Complex peak(double hz, double f0, double q, double gainDb) {
        double a = Math.pow(10, gainDb / 40);
        double w0 = 2 * Math.PI * f0 / FS;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        return biquad(hz, 1 + alpha * a, -2 * cos, 1 - alpha * a, 1 + alpha / a, -2 * cos, 1 - alpha / a);
    }

    private static Complex highShelf(double hz, double f0, double q, double gainDb) {
        double a = Math.pow(10, gainDb / 40);
        double w0 = 2 * Math.PI * f0 / FS;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        double s = 2 * Math.sqrt(a) * alpha;
        return biquad(hz, a * ((a + 1) + (a - 1) * cos + s), -2 * a * ((a - 1) + (a + 1) * cos),
                a * ((a + 1) + (a - 1) * cos - s), (a + 1) - (a - 1) * cos + s, 2 * ((a - 1) - (a + 1) * cos),
                (a + 1) - (a - 1) * cos - s);
    }

    /** {@code (b0 + b1 z^-1 + b2 z^-2) / (a0 + a1 z^-1 + a2 z^-2)} at {@code z = e^(i w)}. */
    private static Complex biquad(double hz, double b0, double b1, double b2, double a0, double a1, double a2) {
        double w = 2 * Math.PI * hz / FS;
        Complex z1 = Complex.expj(-w);
        Complex z2 = Complex.expj(-2 * w);
        Complex num = Complex.real(b0).plus(z1.times(b1)).plus(z2.times(b2));
        Complex den = Complex.real(a0).plus(z1.times(a1)).plus(z2.times(a2));
        return num.divide(den);
    }

    private static List<double[]> readCsv(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertEquals("hz,magnitude_db,phase_degrees,group_delay_ms", lines.get(0));
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertEquals(4, cells.length, line);
            double[] row = new double[4];
            for (int i = 0; i < 4; i++) {
                row[i] = Double.parseDouble(cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
