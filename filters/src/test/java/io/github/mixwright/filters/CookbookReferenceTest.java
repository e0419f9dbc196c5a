package io.github.mixwright.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Every cookbook and first-order design at 44.1, 48 and 96 kHz matches coefficients computed
 * independently (mpmath at 50 digits from the cookbook's formulas as printed, cross-checked with
 * scipy's bilinear transform of the analog prototypes): see
 * {@code src/test/resources/reference/make_cookbook.py} and {@code README-cookbook.md} there.
 *
 * <p>Tolerance: 1e-12 relative to the largest coefficient of the section. Relative to each
 * coefficient on its own would be meaningless for coefficients that are differences of nearly
 * equal terms (b1 of a shelf near its zero crossing), whose absolute error is what reaches the
 * output.
 */
class CookbookReferenceTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void matchesReference() throws IOException {
        List<String[]> rows = read();
        assertEquals(804, rows.size(), "rows in cookbook.csv");
        double worst = 0;
        String worstRow = "";
        for (String[] r : rows) {
            double fs = Double.parseDouble(r[1]);
            double hz = Double.parseDouble(r[2]);
            double q = r[3].isEmpty() ? 1 : Double.parseDouble(r[3]);
            double slope = r[4].isEmpty() ? Double.NaN : Double.parseDouble(r[4]);
            double gain = r[5].isEmpty() ? 0 : Double.parseDouble(r[5]);
            BiquadCoefficients c = design(r[0], fs, hz, q, slope, gain);
            double[] got = {c.b0(), c.b1(), c.b2(), c.a1(), c.a2()};
            double scale = 0;
            double[] ref = new double[5];
            for (int k = 0; k < 5; k++) {
                ref[k] = Double.parseDouble(r[6 + k]);
                scale = Math.max(scale, Math.abs(ref[k]));
            }
            for (int k = 0; k < 5; k++) {
                double err = Math.abs(got[k] - ref[k]) / scale;
                if (err > worst) {
                    worst = err;
                    worstRow = String.join(",", r) + " coefficient " + k + " got " + got[k];
                }
            }
            assertEquals(fs, c.sampleRate());
        }
        String w = worstRow;
        double e = worst;
        assertTrue(worst <= TOLERANCE, () -> "worst relative error " + e + " at " + w);
    }

    private static BiquadCoefficients design(String name, double fs, double hz, double q, double slope, double gain) {
        switch (name) {
            case "LOW_PASS": return BiquadCoefficients.lowPass(fs, hz, q);
            case "HIGH_PASS": return BiquadCoefficients.highPass(fs, hz, q);
            case "BAND_PASS": return BiquadCoefficients.bandPass(fs, hz, q);
            case "NOTCH": return BiquadCoefficients.notch(fs, hz, q);
            case "ALL_PASS": return BiquadCoefficients.allPass(fs, hz, q);
            case "PEAKING": return BiquadCoefficients.peaking(fs, hz, q, gain);
            case "LOW_SHELF": return BiquadCoefficients.lowShelf(fs, hz, q, gain);
            case "HIGH_SHELF": return BiquadCoefficients.highShelf(fs, hz, q, gain);
            case "LOW_SHELF_SLOPE": return BiquadCoefficients.lowShelfSlope(fs, hz, slope, gain);
            case "HIGH_SHELF_SLOPE": return BiquadCoefficients.highShelfSlope(fs, hz, slope, gain);
            case "FIRST_ORDER_LOW_PASS": return BiquadCoefficients.firstOrderLowPass(fs, hz);
            case "FIRST_ORDER_HIGH_PASS": return BiquadCoefficients.firstOrderHighPass(fs, hz);
            case "FIRST_ORDER_LOW_SHELF": return BiquadCoefficients.firstOrderLowShelf(fs, hz, gain);
            case "FIRST_ORDER_HIGH_SHELF": return BiquadCoefficients.firstOrderHighShelf(fs, hz, gain);
            default: throw new AssertionError(name);
        }
    }

    /** The same designs through {@link FilterType}, which must agree bit for bit with the factories. */
    @Test
    void filterTypeAgreesWithFactories() throws IOException {
        for (String[] r : read()) {
            if (r[0].endsWith("SLOPE")) {
                continue;
            }
            double fs = Double.parseDouble(r[1]);
            double hz = Double.parseDouble(r[2]);
            double q = r[3].isEmpty() ? 1 : Double.parseDouble(r[3]);
            double gain = r[5].isEmpty() ? 0 : Double.parseDouble(r[5]);
            assertEquals(design(r[0], fs, hz, q, Double.NaN, gain), FilterType.valueOf(r[0]).coefficients(fs, hz, q, gain));
        }
    }

    static List<String[]> read() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(CookbookReferenceTest.class.getResourceAsStream("/reference/cookbook.csv"));
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
        }
        return rows;
    }
}
