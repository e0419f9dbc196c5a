package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.core.LinearProcessor;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterRate;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;

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
 * <p><b>Parameters</b> ({@code lineq} in chain syntax), all fixed at prepare, since a redesign (an FFT
 * of up to 256k points) cannot be smoothed under automation: {@code taps} [4096, 65536] default 8192;
 * the band slots of {@link ParametricEq} ({@code b1type=peak b1freq=3000 b1gain=2 b1q=1.2 ...}); and up
 * to {@value #MAX_POINTS} points {@code p<k>hz} (0 is unused) and {@code p<k>db} [-48, 48]. The
 * target is the bands' magnitude times the points' curve. Changing one after prepare makes the next
 * process throw until prepared again. An EQ made by {@link #fromResponse} or {@link #fromResponses}
 * follows a curve that is not a setting: its {@link #settings()} name only its taps.
 *
 * <p>{@code prepare} designs and allocates; {@code process} and {@code reset} do not allocate. Not
 * thread-safe.
 */
public final class LinearPhaseEq extends ParameterizedProcessor<LinearPhaseEq> implements LinearProcessor {
    /** Most (Hz, dB) points. */
    public static final int MAX_POINTS = 32;
    /** Shortest FIR length accepted. */
    public static final int MIN_LENGTH = 4_096;
    /** Longest FIR length accepted. */
    public static final int MAX_LENGTH = 65_536;
    /** FIR length of the factories without one: 6 Hz resolution at 48 kHz. */
    public static final int DEFAULT_LENGTH = 8_192;
    /** Kaiser window beta: main lobe about ±2.7 fs/N, leakage about 81 dB down. */
    public static final double WINDOW_BETA = 8;

    /** The descriptor: {@code lineq taps=8192 b1type=peak b1freq=3000 ... p1hz=100 p1db=2 ...}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("lineq",
            "Linear-phase equaliser: a FIR with the magnitude of EQ bands and (Hz, dB) points, no phase shift",
            specs(), 0, LinearPhaseEq::new);

    /** Linear target gain at (Hz, sample rate). */
    private interface Target {
        double gain(double hz, double sampleRate);
    }

    /** A curve that is not a setting (fromResponse), or null for the parameters' curve. */
    private final Target custom;
    private final Parameter taps = parameter("taps");
    private final BandSlots slots = new BandSlots(this);
    private final Parameter[] pointHz = new Parameter[MAX_POINTS];
    private final Parameter[] pointDb = new Parameter[MAX_POINTS];

    private ProcessorSettings targetSettings;
    private Target targetOfSettings;
    private double designRate = Double.NaN;
    private int designedLength;
    private double[] designedTaps;
    private PartitionedConvolver convolver;

    /** A flat EQ (every band slot empty, no points) of {@value #DEFAULT_LENGTH} taps. */
    public LinearPhaseEq() {
        this(null, DEFAULT_LENGTH);
    }

    private LinearPhaseEq(Target custom, int requestedLength) {
        super(DESCRIPTOR);
        this.custom = custom;
        for (int k = 0; k < MAX_POINTS; k++) {
            pointHz[k] = parameter("p" + (k + 1) + "hz");
            pointDb[k] = parameter("p" + (k + 1) + "db");
        }
        setTaps(requestedLength);
    }

    private static List<ParameterSpec> specs() {
        List<ParameterSpec> list = new ArrayList<>();
        list.add(ParameterSpec.integer("taps", "", MIN_LENGTH, MAX_LENGTH, DEFAULT_LENGTH,
                "FIR length (an even length loses one tap); resolution about rate/taps Hz").fixedAtPrepare());
        list.addAll(BandSlots.specs(ParameterRate.PREPARE));
        for (int k = 1; k <= MAX_POINTS; k++) {
            list.add(ParameterSpec.number("p" + k + "hz", "Hz", 0, 200_000, 0, "point " + k + " frequency, 0 is unused")
                    .fixedAtPrepare());
            list.add(ParameterSpec.number("p" + k + "db", "dB", -48, 48, 0, "point " + k + " gain").fixedAtPrepare());
        }
        return list;
    }

    /**
     * Sets the requested FIR length, {@value #MIN_LENGTH} to {@value #MAX_LENGTH}; an even length loses
     * one tap. Fixed at prepare.
     */
    public LinearPhaseEq setTaps(int requestedLength) {
        Checks.inRange("length", requestedLength, MIN_LENGTH, MAX_LENGTH);
        taps.set(requestedLength);
        return this;
    }

    /**
     * Sets the band slots to {@code bands} (0 to {@value ParametricEq#MAX_BANDS}), emptying the rest.
     * Fixed at prepare.
     */
    public LinearPhaseEq setBands(List<EqBand> bands) {
        Checks.inRange("bands", bands.size(), 0, BandSlots.SLOTS);
        for (int k = 0; k < BandSlots.SLOTS; k++) {
            slots.store(k, k < bands.size() ? Objects.requireNonNull(bands.get(k), "band") : null);
        }
        return this;
    }

    /**
     * Sets the (Hz, dB) points, interpolated linearly in dB over {@code log10(Hz)} and held flat
     * outside them; fixed at prepare.
     *
     * @param hz strictly increasing, in (0, 200000]; 0 to {@value #MAX_POINTS} points
     * @param db in [-48, 48], one per frequency
     */
    public LinearPhaseEq setPoints(double[] hz, double[] db) {
        Objects.requireNonNull(hz, "hz");
        Objects.requireNonNull(db, "db");
        if (hz.length != db.length || hz.length > MAX_POINTS) {
            throw new IllegalArgumentException("needs up to " + MAX_POINTS + " points and as many dB values as "
                    + "frequencies; got " + hz.length + " frequencies and " + db.length + " dB values");
        }
        for (int i = 0; i < hz.length; i++) {
            Checks.inRange("hz[" + i + "]", hz[i], Double.MIN_VALUE, 200_000);
            Checks.inRange("db[" + i + "]", db[i], -48, 48);
            if (i > 0 && !(hz[i] > hz[i - 1])) {
                throw new IllegalArgumentException("hz[" + i + "] " + Checks.format(hz[i])
                        + " is not above hz[" + (i - 1) + "] " + Checks.format(hz[i - 1]));
            }
        }
        for (int k = 0; k < MAX_POINTS; k++) {
            pointHz[k].set(k < hz.length ? hz[k] : 0);
            pointDb[k].set(k < hz.length ? db[k] : 0);
        }
        return this;
    }

    /** The target of the current parameter values (or the custom curve), kept while they stay. */
    private Target target() {
        if (custom != null) {
            return custom;
        }
        ProcessorSettings now = settings();
        if (!now.equals(targetSettings)) {
            targetOfSettings = settingsTarget();
            targetSettings = now;
        }
        return targetOfSettings;
    }

    private Target settingsTarget() {
        ParametricEq curve = ParametricEq.of(slots.bands());
        List<double[]> points = new ArrayList<>();
        for (int k = 0; k < MAX_POINTS; k++) {
            if (pointHz[k].get() > 0) {
                points.add(new double[] {pointHz[k].get(), pointDb[k].get()});
            }
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] logHz = new double[points.size()];
        double[] dbs = new double[points.size()];
        for (int i = 0; i < logHz.length; i++) {
            logHz[i] = Math.log10(points.get(i)[0]);
            dbs[i] = points.get(i)[1];
        }
        FrequencyResponse[] atRate = new FrequencyResponse[1];
        return (f, rate) -> {
            if (atRate[0] == null || atRate[0].sampleRate() != rate) {
                atRate[0] = curve.frequencyResponse(rate);
            }
            return atRate[0].response(f).abs() * (logHz.length == 0 ? 1 : Math.pow(10, interpolate(logHz, dbs, f) / 20));
        };
    }

    private int requestedLength() {
        int requested = (int) taps.get();
        return requested % 2 == 0 ? requested - 1 : requested;
    }

    /**
     * An EQ following (Hz, dB) points, interpolated linearly in dB over {@code log10(Hz)}.
     *
     * @param hz strictly increasing, in (0, 200000]; 1 to {@value #MAX_POINTS} points
     * @param db in [-48, 48], one per frequency
     * @param length FIR length, {@value #MIN_LENGTH} to {@value #MAX_LENGTH} (even values lose one tap)
     */
    public static LinearPhaseEq fromPoints(double[] hz, double[] db, int length) {
        if (hz != null && hz.length == 0) {
            throw new IllegalArgumentException("needs one or more points; got none");
        }
        return new LinearPhaseEq().setTaps(length).setPoints(hz, db);
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
        ParametricEq.of(List.copyOf(bands));
        return new LinearPhaseEq().setTaps(length).setBands(bands);
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
        return 20 * Math.log10(target().gain(hz, sampleRate));
    }

    /** The FIR length {@code N} actually used: odd, the requested length or one less. */
    public int length() {
        return requestedLength();
    }

    /** Frames per convolution partition {@code B}: a power of two, 512 to 4,096, about N / 8. */
    public int partitionFrames() {
        // About N / 8, 512 to 4,096: 8 to 16 partitions keeps the multiply-add loop and the FFTs
        // balanced while the added latency stays an eighth of the FIR's own.
        return Math.max(512, Math.min(4096, Integer.highestOneBit(length()) / 4));
    }

    /**
     * The FIR designed for {@code sampleRate} (a copy; symmetric, {@link #length()} taps).
     * Designing costs an FFT of at least 4N points; the design at the prepared rate is kept.
     */
    public double[] taps(double sampleRate) {
        return design(sampleRate).clone();
    }

    private double[] design(double sampleRate) {
        if (sampleRate == designRate && designedLength == length() && spec() != null && !changedSincePrepare()) {
            return designedTaps;
        }
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException(Checks.outOfRange("sampleRate", sampleRate, 0, Double.POSITIVE_INFINITY));
        }
        Target t = target();
        return FirDesign.design(f -> t.gain(f, sampleRate), sampleRate, length(), WINDOW_BETA);
    }

    private boolean changedSincePrepare() {
        for (Parameter p : parameters()) {
            if (p.changedSincePrepare()) {
                return true;
            }
        }
        return false;
    }

    /** The band slots (and points) are polled, never rendered per sample. */
    @Override
    protected boolean rendersPerSample(Parameter p) {
        return false;
    }

    @Override
    protected void prepareSignal(ProcessSpec newSpec) {
        designRate = Double.NaN;
        double[] designed = design(newSpec.sampleRate());
        designedTaps = designed;
        designRate = newSpec.sampleRate();
        designedLength = length();
        convolver = new PartitionedConvolver(designedTaps, partitionFrames(), newSpec.channels());
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        for (int c = 0; c < block.channels(); c++) {
            convolver.process(c, block.channel(c), block.offset(), block.frames());
        }
    }

    @Override
    protected void resetSignal() {
        convolver.reset();
    }

    /** {@code N - 1 + B} frames: the whole FIR after the latency's one partition. Known before prepare. */
    @Override
    public int tailFrames() {
        return length() - 1 + partitionFrames();
    }

    /** {@code (N - 1) / 2 + B} frames: the FIR's group delay plus one partition. Known before prepare. */
    @Override
    public int latencyFrames() {
        return (length() - 1) / 2 + partitionFrames();
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
