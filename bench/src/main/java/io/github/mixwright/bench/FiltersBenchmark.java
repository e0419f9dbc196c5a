package io.github.mixwright.bench;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.Denormals;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.Processor;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.filters.Biquad;
import io.github.mixwright.filters.BiquadCoefficients;
import io.github.mixwright.filters.EqBand;
import io.github.mixwright.filters.FilterType;
import io.github.mixwright.filters.LinearChains;
import io.github.mixwright.filters.LinearPhaseEq;
import io.github.mixwright.filters.ParametricEq;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the filters in ns per sample per channel, on stereo 4096-frame blocks at 48 kHz with steady
 * parameters: one {@link Biquad} (peak), a 10-band {@link ParametricEq}, an 8,192-tap
 * {@link LinearPhaseEq}. Each includes a copy of the input (as in {@link CoreProcessorsBenchmark}), so
 * levels stay music-like.
 *
 * <p>Two baselines run the biquad recurrence inline on one channel of doubles, no copy:
 * <ul>
 *   <li>{@code recurrenceLatencyBound}: the feedback term added last, {@code y = (b0 x + b1 x1 + b2 x2
 *       - a2 y2) - a1 y1}, so the loop-carried chain is one multiply and one subtraction per sample.
 *       Only the first-order feedback is on the critical path; nothing can run one channel of a
 *       direct-form recurrence faster without reformulating it (this is the floor the issue asks for).</li>
 *   <li>{@code recurrenceKernelOrder}: the expression in the order the filters' kernel writes it,
 *       {@code b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2}, plus its per-sample denormal flush: a multiply, two
 *       subtractions and a compare-and-select on the chain.</li>
 * </ul>
 * A biquad below the first baseline's figure would be impossible; the gap to it shows what the
 * expression order and the flush cost, and channels run one after another cannot overlap.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar FiltersBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FiltersBenchmark {
    private static final int FRAMES = 4096;
    private static final int CHANNELS = 2;
    private static final double RATE = 48_000;
    /** The chain of bench/compare-eq.sh: what {@code mixwright process} runs there. */
    static final String EQ_CHAIN = "highpass freq=80 q=0.707 | peak freq=1000 gain=3 q=1"
            + " | lowshelf freq=100 gain=3 q=0.4981 | highshelf freq=8000 gain=-2 q=0.4992";

    private AudioBuffer source;
    private AudioBuffer block;
    private Processor biquad;
    private Processor parametricEq;
    private Processor linearPhaseEq;
    private Processor eqChain;
    private Processor eqChainFused;
    private Processor butterworth8;
    private double[] cascade;
    private double[] stereoL;
    private double[] stereoR;

    private double[] mono;
    private double[] monoOut;
    private double b0;
    private double b1;
    private double b2;
    private double a1;
    private double a2;

    @Setup
    public void setUp() {
        block = AudioBuffer.allocate(CHANNELS, FRAMES);
        SplittableRandom r = new SplittableRandom(1);
        for (int c = 0; c < CHANNELS; c++) {
            for (int i = 0; i < FRAMES; i++) {
                block.set(c, i, (float) (0.5 * (r.nextDouble() * 2 - 1)));
            }
        }
        source = block.copy();
        ProcessSpec spec = new ProcessSpec(RATE, FRAMES, CHANNELS);

        biquad = Biquad.of(FilterType.PEAKING, 1000, 1, 3);
        biquad.prepare(spec);

        ParametricEq eq = ParametricEq.of(
                EqBand.of(FilterType.HIGH_PASS, 30, 0.707, 0),
                EqBand.of(FilterType.LOW_SHELF, 100, 0.707, 2),
                EqBand.of(FilterType.PEAKING, 200, 1.2, -1.5),
                EqBand.of(FilterType.PEAKING, 400, 1.0, 1),
                EqBand.of(FilterType.PEAKING, 800, 2.0, -2),
                EqBand.of(FilterType.PEAKING, 1600, 1.0, 1.5),
                EqBand.of(FilterType.PEAKING, 3200, 1.4, 2),
                EqBand.of(FilterType.PEAKING, 6400, 1.0, -1),
                EqBand.of(FilterType.HIGH_SHELF, 10_000, 0.707, 1.5),
                EqBand.of(FilterType.LOW_PASS, 19_000, 0.707, 0));
        eq.prepare(spec);
        parametricEq = eq;

        linearPhaseEq = LinearPhaseEq.fromPoints(
                new double[] {20, 100, 250, 1000, 3000, 8000, 16_000},
                new double[] {-6, 2, 0, -1.5, 2, 1, -3}, 8192);
        linearPhaseEq.prepare(spec);

        eqChain = ChainSpec.parse(EQ_CHAIN, ProcessorRegistry.load()).build();
        eqChain.prepare(spec);
        eqChainFused = LinearChains.fuseCookbookStages(ChainSpec.parse(EQ_CHAIN, ProcessorRegistry.load()).build(),
                spec.sampleRate());
        eqChainFused.prepare(spec);
        butterworth8 = ChainSpec.parse("butterworth type=lowpass freq=2000 order=8", ProcessorRegistry.load()).build();
        butterworth8.prepare(spec);
        EqBand[] sections = {
                EqBand.of(FilterType.HIGH_PASS, 80, 0.707, 0),
                EqBand.of(FilterType.PEAKING, 1000, 1, 3),
                EqBand.of(FilterType.LOW_SHELF, 100, 0.4981, 3),
                EqBand.of(FilterType.HIGH_SHELF, 8000, 0.4992, -2)};
        cascade = new double[5 * sections.length];
        for (int k = 0; k < sections.length; k++) {
            BiquadCoefficients bq = sections[k].coefficients(RATE);
            System.arraycopy(new double[] {bq.b0(), bq.b1(), bq.b2(), bq.a1(), bq.a2()}, 0, cascade, 5 * k, 5);
        }
        stereoL = new double[FRAMES];
        stereoR = new double[FRAMES];

        // The peak's own coefficients, for the inline baselines.
        BiquadCoefficients c = EqBand.of(FilterType.PEAKING, 1000, 1, 3).coefficients(RATE);
        b0 = c.b0();
        b1 = c.b1();
        b2 = c.b2();
        a1 = c.a1();
        a2 = c.a2();
        mono = new double[FRAMES];
        monoOut = new double[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            mono[i] = source.get(0, i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES * CHANNELS)
    public AudioBuffer biquadPeak() {
        return run(biquad);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES * CHANNELS)
    public AudioBuffer parametricEq10Bands() {
        return run(parametricEq);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES * CHANNELS)
    public AudioBuffer linearPhaseEq8192Taps() {
        return run(linearPhaseEq);
    }

    /** The four-stage EQ of bench/compare-eq.sh, built from its chain text as {@code process} builds it. */
    @Benchmark
    @OperationsPerInvocation(FRAMES * CHANNELS)
    public AudioBuffer eqChain4Stages() {
        return run(eqChain);
    }

    /**
     * The same four stages fused into one cascade, as {@code mixwright process} runs them
     * ({@link LinearChains#fuseCookbookStages}): what bench/compare-eq.sh times.
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES * CHANNELS)
    public AudioBuffer eqChain4StagesAsProcessRunsThem() {
        return run(eqChainFused);
    }

    /** An 8th-order Butterworth low-pass: one processor running a cascade of four sections. */
    @Benchmark
    @OperationsPerInvocation(FRAMES * CHANNELS)
    public AudioBuffer butterworth8Sections4() {
        return run(butterworth8);
    }

    /**
     * The same four sections with both channels in one loop, each sample passing through all four
     * sections before the next (feedback term last, state in locals): eight independent recurrences in
     * flight, so the loop is bound by multiply-add throughput rather than latency. What a fused
     * stereo cascade could reach; no denormal flush.
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES * CHANNELS)
    public double[] eqChain4StagesFusedStereo() {
        double[] c = cascade;
        double[] in = mono;
        double[] outL = stereoL;
        double[] outR = stereoR;
        // state per section k and channel: input history x1, x2; output history y1, y2 (in locals, so
        // no store-to-load forwarding lands on the recurrences)
        double l0x1 = 0, l0x2 = 0, l0y1 = 0, l0y2 = 0, r0x1 = 0, r0x2 = 0, r0y1 = 0, r0y2 = 0;
        double l1y1 = 0, l1y2 = 0, r1y1 = 0, r1y2 = 0;
        double l2y1 = 0, l2y2 = 0, r2y1 = 0, r2y2 = 0;
        double l3y1 = 0, l3y2 = 0, r3y1 = 0, r3y2 = 0;
        for (int i = 0; i < FRAMES; i++) {
            double l = in[i];
            double r = in[FRAMES - 1 - i];
            // A section's input history is the previous section's output history.
            double l0 = (c[0] * l + c[1] * l0x1 + c[2] * l0x2 - c[4] * l0y2) - c[3] * l0y1;
            double r0 = (c[0] * r + c[1] * r0x1 + c[2] * r0x2 - c[4] * r0y2) - c[3] * r0y1;
            double l1 = (c[5] * l0 + c[6] * l0y1 + c[7] * l0y2 - c[9] * l1y2) - c[8] * l1y1;
            double r1 = (c[5] * r0 + c[6] * r0y1 + c[7] * r0y2 - c[9] * r1y2) - c[8] * r1y1;
            double l2 = (c[10] * l1 + c[11] * l1y1 + c[12] * l1y2 - c[14] * l2y2) - c[13] * l2y1;
            double r2 = (c[10] * r1 + c[11] * r1y1 + c[12] * r1y2 - c[14] * r2y2) - c[13] * r2y1;
            double l3 = (c[15] * l2 + c[16] * l2y1 + c[17] * l2y2 - c[19] * l3y2) - c[18] * l3y1;
            double r3 = (c[15] * r2 + c[16] * r2y1 + c[17] * r2y2 - c[19] * r3y2) - c[18] * r3y1;
            l0x2 = l0x1;
            l0x1 = l;
            r0x2 = r0x1;
            r0x1 = r;
            l0y2 = l0y1;
            l0y1 = l0;
            r0y2 = r0y1;
            r0y1 = r0;
            l1y2 = l1y1;
            l1y1 = l1;
            r1y2 = r1y1;
            r1y1 = r1;
            l2y2 = l2y1;
            l2y1 = l2;
            r2y2 = r2y1;
            r2y1 = r2;
            l3y2 = l3y1;
            l3y1 = l3;
            r3y2 = r3y1;
            r3y1 = r3;
            outL[i] = l3;
            outR[i] = r3;
        }
        return outL;
    }

    /** One channel, feedback term last: the loop-carried latency of one multiply plus one add. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public double[] recurrenceLatencyBound() {
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        double[] in = mono;
        double[] out = monoOut;
        for (int i = 0; i < FRAMES; i++) {
            double x = in[i];
            double y = (b0 * x + b1 * x1 + b2 * x2 - a2 * y2) - a1 * y1;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            out[i] = y;
        }
        return out;
    }

    /** One channel, the kernel's expression order and denormal flush. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public double[] recurrenceKernelOrder() {
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        double[] in = mono;
        double[] out = monoOut;
        for (int i = 0; i < FRAMES; i++) {
            double x = in[i];
            double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            y = Math.abs(y) < Denormals.FLUSH ? 0 : y;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            out[i] = y;
        }
        return out;
    }

    private AudioBuffer run(Processor p) {
        block.copyFrom(source);
        p.process(block);
        return block;
    }
}
