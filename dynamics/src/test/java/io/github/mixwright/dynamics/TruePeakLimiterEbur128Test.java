package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The limiter's ceiling on 15 fixed, hard-driven cases ({@link LimiterReferenceCases}), judged inside
 * the test by two reconstructions that libebur128 vouches for.
 *
 * <p>libebur128 1.2.6 (Debian) measured the fixed <i>inputs</i> ({@code reference/limiter-ebur128.csv};
 * how, in {@code README-limiter-ebur128.md}). The inputs depend only on test code, so the measurement
 * stays valid however the limiter is optimised; a CRC-32 of each input's samples ties it to the
 * measurement. Two judges then read inputs and outputs alike:
 * <ul>
 *   <li>the project's BS.1770 meter ({@code loudness.TruePeakMeter}, 4x below 96 kHz, 2x at 96 kHz);</li>
 *   <li>{@link #sinc16TruePeak}, written here: a direct 16x polyphase reconstruction by a
 *       Kaiser-windowed sinc of {@value #SINC_HALF_TAPS} zero crossings each side, to the
 *       specification every reconstruction in the project meets (flat to 0.45 fs, 100 dB down from
 *       0.55 fs) but sharing no code with the limiter, the meter or the filters module.</li>
 * </ul>
 * <b>The margin.</b> On the inputs (noise, squares, sweeps to Nyquist, impulses, the fs/4 sine at 45
 * degrees) neither judge reads lower than libebur128 by more than {@value #EBUR128_ABOVE_JUDGES_DB} dB
 * (the worst reading, 0.012 dB, is the 16x judge on the fs/4 sine; on content near Nyquist libebur128's
 * interpolator reads up to 1.6 dB below the meter and 2.3 dB below the 16x judge). So the outputs,
 * signals of the same kinds, must read at least that margin under the ceiling by both judges (less
 * {@value #ROUNDING_DB} dB of float rounding), and libebur128 then reads them under the ceiling too. The limiter aims
 * {@value TruePeakLimiter#MARGIN_DB} dB under; the judges read its outputs at worst 0.024 dB under.
 * Nothing here depends on the output's exact samples: any change to the limiter that keeps these
 * readings passes.
 */
class TruePeakLimiterEbur128Test {
    /** Float rounding in the limiter and in the judges. */
    static final double ROUNDING_DB = TruePeakLimiterCeilingTest.ROUNDING_DB;
    /** Zero crossings of the 16x judge's sinc on each side of a position. */
    static final int SINC_HALF_TAPS = 32;
    /**
     * Kaiser window parameter of the 16x judge, Kaiser's formula {@code 0.1102 (A - 8.7)} for
     * {@code A = 100} dB; with {@value #SINC_HALF_TAPS} crossings a side ({@code (A - 8) / (2.285 dw)} =
     * 64 taps for a transition {@code dw} from 0.45 to 0.55 fs) the transition spans 0.45 to 0.55 fs.
     */
    static final double SINC_BETA = 0.1102 * (100 - 8.7);
    /** How much higher than either judge libebur128 may read an input, dB; the outputs' margin. */
    static final double EBUR128_ABOVE_JUDGES_DB = 0.015;

    record Row(int index, double ceilingDb, long inputCrc, double ebur128TruePeakDb, double ebur128SamplePeakDb) {
        @Override
        public String toString() {
            return "case " + index + ", ceiling " + ceilingDb + " dBTP";
        }
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                TruePeakLimiterEbur128Test.class.getResourceAsStream("/reference/limiter-ebur128.csv")),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("#") || line.startsWith("case")) {
                    continue;
                }
                String[] f = line.split(",");
                rows.add(new Row(Integer.parseInt(f[0]), Double.parseDouble(f[3]), Long.parseLong(f[4]),
                        Double.parseDouble(f[5]), Double.parseDouble(f[6])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows.stream();
    }

    @Test
    void everyCaseHasItsReading() {
        assertEquals(LimiterReferenceCases.cases().size(), rows().count());
    }

    /**
     * The inputs are those libebur128 measured, each well over its ceiling (the limiter has work), and
     * libebur128 reads none of them more than {@value #EBUR128_ABOVE_JUDGES_DB} dB higher than either
     * judge; on isolated impulses, whose peaks are their samples for any symmetric interpolator, all
     * three agree within that.
     */
    @ParameterizedTest
    @MethodSource("rows")
    void theJudgesReadTheInputsAsLibebur128Does(Row row) {
        LimiterReferenceCases.Case c = LimiterReferenceCases.cases().get(row.index());
        assertEquals(row.ceilingDb(), c.settings().ceilingDb(), 0);
        AudioBuffer x = LimiterReferenceCases.input(c);
        assertEquals(row.inputCrc(), LimiterReferenceCases.crc(x), "the reference input changed since libebur128"
                + " measured it: measure it again (reference/README-limiter-ebur128.md)");
        assertEquals(row.ebur128SamplePeakDb(), db(samplePeak(x)), 1e-9, "libebur128's sample peak");
        assertTrue(row.ebur128TruePeakDb() > row.ceilingDb() + 3, "the input is over the ceiling");
        double rate = c.signal().rate();
        double meterDb = db(TruePeakLimiterCeilingTest.meterTruePeak(x, rate));
        double sincDb = db(sinc16TruePeak(x));
        double ebur128 = row.ebur128TruePeakDb();
        assertTrue(ebur128 - meterDb <= EBUR128_ABOVE_JUDGES_DB, "libebur128 " + ebur128 + ", the meter " + meterDb);
        assertTrue(ebur128 - sincDb <= EBUR128_ABOVE_JUDGES_DB, "libebur128 " + ebur128 + ", 16x " + sincDb);
        if (c.signal().kind() == 3) {
            assertEquals(ebur128, meterDb, EBUR128_ABOVE_JUDGES_DB, "the meter");
            assertEquals(ebur128, sincDb, EBUR128_ABOVE_JUDGES_DB, "the 16x reconstruction");
        }
    }

    /**
     * The limiter's output, judged by both: at least {@value #EBUR128_ABOVE_JUDGES_DB} dB under the
     * ceiling (less float rounding).
     */
    @ParameterizedTest
    @MethodSource("rows")
    void theOutputStaysUnderTheCeilingByBothJudges(Row row) {
        LimiterReferenceCases.Case c = LimiterReferenceCases.cases().get(row.index());
        AudioBuffer y = LimiterReferenceCases.output(c);
        double rate = c.signal().rate();
        double meterDb = db(TruePeakLimiterCeilingTest.meterTruePeak(y, rate)) - row.ceilingDb();
        double sincDb = db(sinc16TruePeak(y)) - row.ceilingDb();
        double limit = -EBUR128_ABOVE_JUDGES_DB + ROUNDING_DB;
        assertTrue(meterDb <= limit, "the meter reads " + meterDb + " dB relative to the ceiling");
        assertTrue(sincDb <= limit, "the 16x reconstruction reads " + sincDb + " dB relative to the ceiling");
    }

    private static double db(double linear) {
        return 20 * Math.log10(linear);
    }

    private static double samplePeak(AudioBuffer x) {
        double peak = 0;
        for (int c = 0; c < x.channels(); c++) {
            for (int i = 0; i < x.frames(); i++) {
                peak = Math.max(peak, Math.abs(x.get(c, i)));
            }
        }
        return peak;
    }

    /**
     * Largest magnitude of the band-limited reconstruction of {@code x} at every sixteenth of a sample,
     * the stream preceded and followed by silence: {@code y(n + j/16) = sum_k x[k] h(n + j/16 - k)} with
     * {@code h(u) = sinc(u) w(u / H)}, {@code w} the Kaiser window of {@link #SINC_BETA} over
     * {@code |u| < H = }{@value #SINC_HALF_TAPS}, each phase normalised to unit gain at DC. In double
     * precision.
     */
    static double sinc16TruePeak(AudioBuffer x) {
        int factor = 16;
        int h = SINC_HALF_TAPS;
        // taps[j][m]: weight of x[n - h + 1 + m] for the position n + j / 16.
        double[][] taps = new double[factor][2 * h];
        for (int j = 0; j < factor; j++) {
            double sum = 0;
            for (int m = 0; m < 2 * h; m++) {
                double u = (double) j / factor + h - 1 - m;
                double sinc = u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
                taps[j][m] = Math.abs(u) < h ? sinc * kaiser(u / h, SINC_BETA) : 0;
                sum += taps[j][m];
            }
            for (int m = 0; m < 2 * h; m++) {
                taps[j][m] /= sum;
            }
        }
        double peak = 0;
        int frames = x.frames();
        for (int c = 0; c < x.channels(); c++) {
            double[] padded = new double[frames + 4 * h];
            for (int i = 0; i < frames; i++) {
                padded[2 * h + i] = x.get(c, i);
            }
            // Positions from h samples before the first sample to h after the last: all the ringing.
            for (int n = -h; n < frames + h - 1; n++) {
                int first = n - h + 1 + 2 * h;
                for (int j = 0; j < factor; j++) {
                    double[] t = taps[j];
                    double v = 0;
                    for (int m = 0; m < 2 * h; m++) {
                        v += t[m] * padded[first + m];
                    }
                    peak = Math.max(peak, Math.abs(v));
                }
            }
        }
        return peak;
    }

    /** Kaiser window at {@code r} in [-1, 1]: {@code I0(beta sqrt(1 - r^2)) / I0(beta)}. */
    private static double kaiser(double r, double beta) {
        return besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(beta);
    }

    /** The modified Bessel function of order 0, by its power series (converges fast for the betas here). */
    private static double besselI0(double z) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (z / (2 * k)) * (z / (2 * k));
            sum += term;
        }
        return sum;
    }
}
