package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.filters.Oversampler;
import io.github.mixwright.loudness.TruePeakMeter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The limiter's promise, as a property: for noise, full-scale squares, sweeps near Nyquist, isolated
 * impulses and the fs/4 sine sampled at 45 degrees, driven by 0 to +20 dB, at 44.1, 48 and 96 kHz, with
 * random ceiling, lookahead, release, auto release and link, the output's true peak never exceeds the
 * ceiling, read by two judges: the project's BS.1770 meter ({@link TruePeakMeter}, 4x below 96 kHz, 2x at
 * 96 kHz) and a finer reconstruction, the filters module's {@link Oversampler} at 16x (its largest
 * magnitude over the whole upsampled output).
 *
 * <p>Each input is followed by silence longer than the limiter's latency and the oversampler's, so both
 * judges see the whole output, its onset and the ringing after its end included; the stream before it is
 * silence for the limiter, the meter and the oversampler alike, so nothing needs excluding at the edges.
 * The only allowance is {@value #ROUNDING_DB} dB for float rounding (the detector and both judges work in
 * float); the limiter's own margin is 0.03 dB.
 */
class TruePeakLimiterCeilingTest {
    /** Float rounding in the limiter's detector and in both judges. */
    static final double ROUNDING_DB = 0.001;
    private static final double[] RATES = {44_100, 48_000, 96_000};
    private static final String[] KINDS = {"noise", "square", "sweep near Nyquist", "impulses", "fs/4 at 45 degrees"};
    private static double worstMeterDb = Double.NEGATIVE_INFINITY;
    private static double worstFineDb = Double.NEGATIVE_INFINITY;

    /** What to limit. */
    record Signal(int kind, double rate, int channels, double driveDb, long seed) {
        @Override
        public String toString() {
            return KINDS[kind] + " at " + (int) rate + " Hz, " + channels + " ch, drive +"
                    + String.format("%.2f", driveDb) + " dB, seed " + seed;
        }
    }

    /** How to limit it. */
    record Settings(double ceilingDb, double lookaheadMs, double releaseMs, double linkPercent, boolean auto) {
        TruePeakLimiter limiter() {
            TruePeakLimiter l = new TruePeakLimiter();
            l.setCeilingDbtp(ceilingDb).setLookaheadMs(lookaheadMs).setReleaseMs(releaseMs).setLinkPercent(linkPercent)
                    .setAutoRelease(auto);
            return l;
        }
    }

    private static Gen<Signal> signals() {
        return integers().between(0, KINDS.length - 1).zip(integers().between(0, RATES.length - 1),
                integers().between(1, 2), doubles().between(0, 20), longs().all(),
                (kind, rate, channels, drive, seed) -> new Signal(kind, RATES[rate], channels, drive, seed));
    }

    private static Gen<Settings> settings() {
        return doubles().between(-20, 0).zip(doubles().between(1, 20), doubles().between(1, 1000),
                doubles().between(0, 100), booleans().all(), Settings::new);
    }

    /** {@code seconds} of the signal, every channel different, then {@code tail} frames of silence. */
    static AudioBuffer input(Signal s, double seconds, int tail) {
        int n = (int) (seconds * s.rate());
        float[][] x = new float[s.channels()][n + tail];
        double gain = Math.pow(10, s.driveDb() / 20);
        SplittableRandom random = new SplittableRandom(s.seed());
        for (int c = 0; c < s.channels(); c++) {
            double phase = random.nextDouble(2 * Math.PI);
            double period = random.nextDouble(2, 200);
            int nextImpulse = random.nextInt(1, 2000);
            for (int i = 0; i < n; i++) {
                double v;
                switch (s.kind()) {
                    case 0:
                        v = random.nextDouble(-1, 1);
                        break;
                    case 1:
                        v = Math.sin(2 * Math.PI * i / period + phase) >= 0 ? 1 : -1;
                        break;
                    case 2:
                        // A linear sweep from 0.4 fs to Nyquist.
                        v = Math.sin(2 * Math.PI * (0.4 * i + 0.05 * i * (double) i / n) + phase);
                        break;
                    case 3:
                        v = 0;
                        if (i == nextImpulse) {
                            v = random.nextBoolean() ? 1 : -1;
                            nextImpulse += random.nextInt(50, 3000);
                        }
                        break;
                    default:
                        v = Math.sin(Math.PI / 2 * i + Math.PI / 4);
                        break;
                }
                x[c][i] = (float) (v * gain);
            }
        }
        return AudioBuffer.wrap(x);
    }

    /** Runs the limiter over the whole buffer in blocks of {@code block}, in place. */
    static void limit(TruePeakLimiter limiter, AudioBuffer x, double rate, int block) {
        limiter.prepare(new ProcessSpec(rate, block, x.channels()));
        for (int at = 0; at < x.frames(); at += block) {
            limiter.process(x.view(at, Math.min(block, x.frames() - at)));
        }
    }

    /** Largest magnitude of the buffer upsampled 16 times by the filters module's oversampler. */
    static double fineTruePeak(AudioBuffer y, double rate) {
        Oversampler up = new Oversampler(16);
        up.prepare(new ProcessSpec(rate, y.frames(), y.channels()));
        AudioBuffer high = AudioBuffer.allocate(y.channels(), 16 * y.frames());
        up.upsample(y, high);
        double peak = 0;
        for (int c = 0; c < y.channels(); c++) {
            for (float v : high.channel(c)) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        return peak;
    }

    static double meterTruePeak(AudioBuffer y, double rate) {
        TruePeakMeter meter = new TruePeakMeter(rate, y.channels());
        meter.accept(y);
        return meter.truePeak();
    }

    @Test
    void theOutputsTruePeakNeverExceedsTheCeiling() {
        qt().withFixedSeed(5_4321L).withExamples(400).forAll(signals(), settings()).checkAssert((signal, set) -> {
            TruePeakLimiter limiter = set.limiter();
            // Silence after the input: the limiter's latency (at most 20 ms + 74 frames) and the 16x oversampler's.
            AudioBuffer y = input(signal, 0.15, (int) (0.021 * signal.rate()) + 400);
            limit(limiter, y, signal.rate(), 1024);
            double ceiling = Math.pow(10, set.ceilingDb() / 20);
            double meterDb = 20 * Math.log10(meterTruePeak(y, signal.rate()) / ceiling);
            double fineDb = 20 * Math.log10(fineTruePeak(y, signal.rate()) / ceiling);
            worstMeterDb = Math.max(worstMeterDb, meterDb);
            worstFineDb = Math.max(worstFineDb, fineDb);
            String what = signal + "; " + set;
            assertTrue(meterDb <= ROUNDING_DB, () -> "BS.1770 meter reads " + meterDb + " dB over the ceiling: " + what);
            assertTrue(fineDb <= ROUNDING_DB, () -> "16x reconstruction reads " + fineDb + " dB over the ceiling: " + what);
        });
    }

    @AfterAll
    static void report() {
        System.out.printf("limiter output true peak relative to its ceiling, worst of all examples: BS.1770 meter %+.4f dB,"
                + " 16x oversampler %+.4f dB%n", worstMeterDb, worstFineDb);
    }
}
