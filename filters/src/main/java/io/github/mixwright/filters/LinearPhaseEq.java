package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.core.LinearProcessor;
import io.github.mixwright.core.ProcessSpec;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;

/**
 * A linear-phase equaliser: a symmetric FIR designed to follow a target magnitude curve, applied by
 * uniformly partitioned FFT convolution. Every frequency is delayed alike, so the EQ changes tone
 * without phase distortion, at the cost of latency and pre-ringing.
 *
 * <p><b>Target.</b> Either arbitrary (Hz, dB) points, interpolated linearly in dB against
 * {@code log10(Hz)} and held flat below the first and above the last point; or the magnitude of any
 * {@link FrequencyResponse}, phase ignored; or the magnitude of a {@link ParametricEq}'s bands.
 *
 * <p><b>Design</b> (at {@link #prepare}'s sample rate {@code fs}): frequency sampling of the target
 * on a grid of at least 4N points, inverse FFT, centring, Kaiser window with
 * {@code beta = }{@value #WINDOW_BETA}. Type I: the FIR length {@code N} is odd (an even requested
 * length {@code L} gives {@code N = L - 1}, so 8,192 gives 8,191 taps and fills 8 partitions of 1,024),
 * the taps are symmetric bit for bit, and the group delay is exactly {@code (N - 1) / 2} samples at
 * every frequency. The realised response is the target smoothed over about {@code ±2.7 fs / N}; it
 * follows the target within 0.1 dB wherever the target is smooth at that resolution: within 0.2 dB
 * of a straight line (dB against Hz) across {@code ±3 fs / N} (tested). Corners and peaks narrower
 * than that are rounded off.
 *
 * <p><b>Trade-off.</b> Resolution is about {@code fs / N} Hz (8,192 taps at 48 kHz: 6 Hz; 65,536: 0.7 Hz),
 * so a low shelf at 30 Hz needs long filters; but the impulse response reaches {@code (N - 1) / 2}
 * samples before its centre, and a sharp boost can be heard ringing that long before a transient
 * (8,192 taps: 85 ms at 48 kHz). Use the shortest length that resolves the lowest feature.
 *
 * <p><b>Latency</b> {@link #latencyFrames()} = {@code (N - 1) / 2 + B}: the FIR's group delay plus
 * one convolution partition of {@code B} frames ({@link #partitionFrames()}), which is what makes the
 * output block-size invariant. {@link #frequencyResponse} is the processor's exact transfer function,
 * the FIR's DTFT summed from its taps times that whole delay. Example: 8,192 requested taps give
 * 4,095 + 1,024 = 5,119 frames (107 ms at 48 kHz). Asking for the response at a rate other than the
 * prepared one designs a new FIR for that rate (costly, not cached).
 *
 * <p><b>Cost</b> per frame and channel: two real FFTs of {@code 2B} points per {@code B} frames plus
 * {@code ceil(N / B)} complex multiply-adds (8 for 8,191 taps); about 23 ns for 8,191 taps and 34 ns
 * for 65,535 on the development machine (JMH numbers live in the bench module).
 *
 * <p>Not registered as a chain processor: a curve of points is not a set of scalar parameters, and a
 * redesign (an FFT of up to 256k points) cannot be smoothed per sample under automation.
 *
 * <p>{@code prepare} designs and allocates; {@code process} and {@code reset} do not allocate. Not
 * thread-safe.
 */
public final class LinearPhaseEq implements LinearProcessor {
    /** Shortest FIR length accepted. */
    public static final int MIN_LENGTH = 4_096;
    /** Longest FIR length accepted. */
    public static final int MAX_LENGTH = 65_536;
    /** FIR length of the factories without one: 6 Hz resolution at 48 kHz. */
    public static final int DEFAULT_LENGTH = 8_192;
    /** Kaiser window beta: main lobe about ±2.7 fs/N, leakage about 81 dB down. */
    public static final double WINDOW_BETA = 8;

    /** Linear target gain at (Hz, sample rate). */
    private interface Target {
        double gain(double hz, double sampleRate);
    }

    private final Target target;
    private final int length;
    private final int partition;

    private double designRate = Double.NaN;
    private double[] taps;
    private ProcessSpec spec;
    private PartitionedConvolver convolver;

    private LinearPhaseEq(Target target, int requestedLength) {
        Checks.inRange("length", requestedLength, MIN_LENGTH, MAX_LENGTH);
        this.target = target;
        this.length = requestedLength % 2 == 0 ? requestedLength - 1 : requestedLength;
        // About N / 8, 512 to 4,096: 8 to 16 partitions keeps the multiply-add loop and the FFTs
        // balanced while the added latency stays an eighth of the FIR's own.
        this.partition = Math.max(512, Math.min(4096, Integer.highestOneBit(length) / 4));
    }

    /**
     * An EQ following (Hz, dB) points, interpolated linearly in dB over {@code log10(Hz)}.
     *
     * @param hz strictly increasing, greater than 0, finite; at least one point
     * @param db finite, one per frequency
     * @param length FIR length, {@value #MIN_LENGTH} to {@value #MAX_LENGTH} (even values lose one tap)
     */
    public static LinearPhaseEq fromPoints(double[] hz, double[] db, int length) {
        Objects.requireNonNull(hz, "hz");
        Objects.requireNonNull(db, "db");
        if (hz.length == 0 || hz.length != db.length) {
            throw new IllegalArgumentException("needs one or more points and as many dB values as frequencies; got "
                    + hz.length + " frequencies and " + db.length + " dB values");
        }
        double[] logHz = new double[hz.length];
        double[] dbs = db.clone();
        for (int i = 0; i < hz.length; i++) {
            Checks.inRange("hz[" + i + "]", hz[i], Double.MIN_VALUE, Double.MAX_VALUE);
            Checks.finite("db[" + i + "]", dbs[i]);
            logHz[i] = Math.log10(hz[i]);
            if (i > 0 && !(hz[i] > hz[i - 1])) {
                throw new IllegalArgumentException("hz[" + i + "] " + Checks.format(hz[i])
                        + " is not above hz[" + (i - 1) + "] " + Checks.format(hz[i - 1]));
            }
        }
        DoubleUnaryOperator curve = f -> interpolate(logHz, dbs, f);
        return new LinearPhaseEq((f, rate) -> Math.pow(10, curve.applyAsDouble(f) / 20), length);
    }

    /** {@link #fromPoints(double[], double[], int)} with {@value #DEFAULT_LENGTH} taps. */
    public static LinearPhaseEq fromPoints(double[] hz, double[] db) {
        return fromPoints(hz, db, DEFAULT_LENGTH);
    }

    /**
     * An EQ following the magnitude of {@code target}; it must be prepared at
     * {@code target.sampleRate()} ({@code prepare} and {@code frequencyResponse} at another rate throw
     * IllegalArgumentException).
     *
     * @param length FIR length, {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
     */
    public static LinearPhaseEq fromResponse(FrequencyResponse target, int length) {
        Objects.requireNonNull(target, "target");
        return new LinearPhaseEq((f, rate) -> {
            if (rate != target.sampleRate()) {
                throw new IllegalArgumentException("sampleRate " + Checks.format(rate)
                        + " differs from the target response's " + Checks.format(target.sampleRate()));
            }
            return target.response(f).abs();
        }, length);
    }

    /**
     * An EQ following the magnitude of {@code targetAtRate.apply(sampleRate)}: a target that can be
     * described at any rate, such as {@code rate -> parametricEq.frequencyResponse(rate)}.
     *
     * @param length FIR length, {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
     */
    public static LinearPhaseEq fromResponses(DoubleFunction<? extends FrequencyResponse> targetAtRate, int length) {
        Objects.requireNonNull(targetAtRate, "targetAtRate");
        return new LinearPhaseEq(new Target() {
            private double rate = Double.NaN;
            private FrequencyResponse response;

            @Override
            public double gain(double hz, double sampleRate) {
                if (sampleRate != rate) {
                    response = Objects.requireNonNull(targetAtRate.apply(sampleRate), "target response");
                    rate = sampleRate;
                }
                return response.response(hz).abs();
            }
        }, length);
    }

    /**
     * An EQ following the magnitude of a {@link ParametricEq} with {@code bands} (enabled bands
     * only), designed at whatever rate this EQ is prepared for: the minimum-phase parametric curve
     * made linear-phase.
     *
     * @param bands 0 to {@value ParametricEq#MAX_BANDS} bands, validated as ParametricEq does
     * @param length FIR length, {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
     */
    public static LinearPhaseEq fromBands(List<EqBand> bands, int length) {
        ParametricEq curve = ParametricEq.of(List.copyOf(bands));
        return fromResponses(curve::frequencyResponse, length);
    }

    private static double interpolate(double[] logHz, double[] db, double hz) {
        int n = logHz.length;
        if (hz <= 0) {
            return db[0];
        }
        double x = Math.log10(hz);
        if (x <= logHz[0]) {
            return db[0];
        }
        if (x >= logHz[n - 1]) {
            return db[n - 1];
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (logHz[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double t = (x - logHz[lo]) / (logHz[hi] - logHz[lo]);
        return db[lo] + t * (db[hi] - db[lo]);
    }

    /** Target magnitude in dB at {@code hz} for sample rate {@code sampleRate}. */
    public double targetDb(double hz, double sampleRate) {
        return 20 * Math.log10(target.gain(hz, sampleRate));
    }

    /** The FIR length {@code N} actually used: odd, the requested length or one less. */
    public int length() {
        return length;
    }

    /** Frames per convolution partition {@code B}: a power of two, 512 to 4,096, about N / 8. */
    public int partitionFrames() {
        return partition;
    }

    /**
     * The FIR designed for {@code sampleRate} (a copy; symmetric, {@link #length()} taps).
     * Designing costs an FFT of at least 4N points; the design at the prepared rate is kept.
     */
    public double[] taps(double sampleRate) {
        return design(sampleRate).clone();
    }

    private double[] design(double sampleRate) {
        if (sampleRate == designRate) {
            return taps;
        }
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException(Checks.outOfRange("sampleRate", sampleRate, 0, Double.POSITIVE_INFINITY));
        }
        return FirDesign.design(f -> target.gain(f, sampleRate), sampleRate, length, WINDOW_BETA);
    }

    @Override
    public void prepare(ProcessSpec newSpec) {
        Objects.requireNonNull(newSpec, "spec");
        double[] designed = design(newSpec.sampleRate());
        taps = designed;
        designRate = newSpec.sampleRate();
        convolver = new PartitionedConvolver(taps, partition, newSpec.channels());
        spec = newSpec;
    }

    @Override
    public void process(AudioBuffer block) {
        if (spec == null) {
            throw new IllegalStateException("LinearPhaseEq: process called before prepare");
        }
        if (block.frames() > spec.maxBlockFrames()) {
            throw new IllegalArgumentException("LinearPhaseEq: block of " + block.frames()
                    + " frames is out of range [0, " + spec.maxBlockFrames() + "] (the prepared maxBlockFrames)");
        }
        if (block.channels() != spec.channels()) {
            throw new IllegalArgumentException("LinearPhaseEq: block has " + block.channels()
                    + " channels, prepared for " + spec.channels());
        }
        for (int c = 0; c < block.channels(); c++) {
            convolver.process(c, block.channel(c), block.offset(), block.frames());
        }
    }

    @Override
    public void reset() {
        if (convolver != null) {
            convolver.reset();
        }
    }

    /** {@code (N - 1) / 2 + B} frames: the FIR's group delay plus one partition. Known before prepare. */
    @Override
    public int latencyFrames() {
        return (length - 1) / 2 + partition;
    }

    /**
     * The exact response of this processor at {@code sampleRate}: the DTFT of the FIR designed for that
     * rate (amplitude summed from the taps) with a constant group delay of
     * {@link #latencyFrames()} / sampleRate seconds.
     */
    @Override
    public FrequencyResponse frequencyResponse(double sampleRate) {
        return new FirResponse(design(sampleRate), sampleRate, latencyFrames());
    }
}
