package io.github.mixwright.mix.plot;

import io.github.mixwright.core.Complex;
import io.github.mixwright.core.FrequencyResponse;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A frequency response sampled at given frequencies, in the units people read: magnitude in dB, phase
 * in degrees in (-180, 180], group delay in milliseconds. What {@code mixwright response} prints,
 * writes as CSV and plots.
 *
 * @param hz frequencies in Hz, ascending
 * @param magnitudeDb magnitude in dB; {@code -Infinity} at a zero of the response
 * @param phaseDegrees phase in degrees, wrapped to (-180, 180]
 * @param groupDelayMs group delay in milliseconds (NaN where the response has a zero)
 */
public record ResponseCurve(double[] hz, double[] magnitudeDb, double[] phaseDegrees, double[] groupDelayMs) {
    /**
     * The preferred one-third-octave frequencies (ISO 266 R10 series: 1, 1.25, 1.6, 2, 2.5, 3.15, 4, 5,
     * 6.3, 8 times powers of ten): the frequencies acousticians tabulate, so the table reads like a
     * measurement sheet, and 1000 Hz is always a row.
     */
    private static final double[] R10 = {1, 1.25, 1.6, 2, 2.5, 3.15, 4, 5, 6.3, 8};
    /** Rows below which a narrow table range falls back to an even logarithmic grid. */
    private static final int MIN_TABLE_ROWS = 10;

    /** Samples {@code response} at {@code hz}. */
    public static ResponseCurve of(FrequencyResponse response, double[] hz) {
        int n = hz.length;
        double[] db = new double[n];
        double[] phase = new double[n];
        double[] delay = new double[n];
        for (int i = 0; i < n; i++) {
            Complex h = response.response(hz[i]);
            db[i] = h.magnitudeDb();
            phase[i] = h.abs() == 0 ? Double.NaN : wrapDegrees(Math.toDegrees(h.arg()));
            delay[i] = response.groupDelaySeconds(hz[i]) * 1000;
        }
        return new ResponseCurve(hz.clone(), db, phase, delay);
    }

    /** Number of frequencies. */
    public int size() {
        return hz.length;
    }

    /** {@code n >= 2} frequencies from {@code minHz} to {@code maxHz} inclusive, evenly spaced in log frequency. */
    public static double[] logGrid(double minHz, double maxHz, int n) {
        double[] f = new double[n];
        double ratio = Math.log(maxHz / minHz);
        for (int i = 0; i < n; i++) {
            f[i] = minHz * Math.exp(ratio * i / (n - 1));
        }
        f[0] = minHz;
        f[n - 1] = maxHz;
        return f;
    }

    /**
     * The frequencies of the printed table: the preferred third-octave frequencies from {@code minHz} to
     * {@code maxHz}, or, when the range holds fewer than ten of them, ten evenly log-spaced ones.
     */
    public static double[] tableGrid(double minHz, double maxHz) {
        List<Double> f = new ArrayList<>();
        for (int decade = (int) Math.floor(Math.log10(minHz)) - 1; decade <= Math.ceil(Math.log10(maxHz)); decade++) {
            for (double m : R10) {
                // BigDecimal so that 3.15 kHz is 3150 exactly, not 3150.0000000000005
                double hz = new BigDecimal(Double.toString(m)).scaleByPowerOfTen(decade).doubleValue();
                if (hz >= minHz && hz <= maxHz) {
                    f.add(hz);
                }
            }
        }
        if (f.size() < MIN_TABLE_ROWS) {
            return logGrid(minHz, maxHz, MIN_TABLE_ROWS);
        }
        return f.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Degrees wrapped to (-180, 180]. */
    public static double wrapDegrees(double degrees) {
        double d = degrees % 360;
        if (d > 180) {
            d -= 360;
        } else if (d <= -180) {
            d += 360;
        }
        return d == 0 ? 0 : d; // no "-0" in the output
    }

    /** The CSV text: header {@code hz,magnitude_db,phase_degrees,group_delay_ms}, one row per frequency. */
    public String csv() {
        StringBuilder s = new StringBuilder("hz,magnitude_db,phase_degrees,group_delay_ms\n");
        for (int i = 0; i < hz.length; i++) {
            s.append(number(hz[i])).append(',').append(number(magnitudeDb[i])).append(',')
                    .append(number(phaseDegrees[i])).append(',').append(number(groupDelayMs[i])).append('\n');
        }
        return s.toString();
    }

    /**
     * {@code value} to 9 significant digits without exponent or trailing zeros; {@code -Infinity},
     * {@code Infinity}, {@code NaN} otherwise (which Java, Python, NumPy and JavaScript all parse).
     */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(9)).stripTrailingZeros().toPlainString();
    }
}
