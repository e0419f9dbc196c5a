package io.github.mixwright.bench;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.loudness.LoudnessMeter;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of {@link LoudnessMeter#accept} in ns per stereo frame, on blocks of stereo 48 kHz pink-ish
 * noise (about -20 dBFS RMS): K-weighting, the 100 ms step sums and, with {@code truePeak}, the 4x
 * oversampled true peak (BS.1770-4 Annex 2), which is most of the meter's work.
 *
 * <p>{@code threads = 1} measures both channels on the benchmark thread; {@code threads = 2} gives the
 * meter an executor of two threads ({@code LoudnessMeter.Builder.executor}), which measures the second
 * channel of each block in parallel with the first, as {@code mixwright loudness} does on a two-core
 * machine. {@code frames} is the block size: 4096 (a typical processing block) or 65,536 (the blocks
 * {@code mixwright loudness} reads); with an executor, each block costs a hand-off to another thread,
 * which small blocks may not repay. Every invocation feeds 65,536 frames, in blocks of {@code frames}.
 * The meter is reset before every iteration so its per-step history stays small.
 *
 * <p>{@code pool}: the executor's kind when {@code threads = 2}: {@code fixed}
 * ({@code Executors.newFixedThreadPool}, the default) or {@code handoff}, a bench executor that
 * allocates nothing per task ({@link HandOffExecutor}), so that {@code -prof gc} shows what the meter
 * itself allocates: nothing per block, only its history of two doubles per 100 ms step, whose arrays
 * double when full.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar LoudnessBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LoudnessBenchmark {
    /** Frames fed per invocation. */
    private static final int PER_INVOCATION = 65_536;
    private static final int CHANNELS = 2;
    private static final double RATE = 48_000;
    /** Frames of distinct signal fed in turn (2.7 s), so the meter does not see one block over and over. */
    private static final int SIGNAL_FRAMES = 2 * PER_INVOCATION;

    @Param({"true", "false"})
    public boolean truePeak;

    /** 1: no executor; 2: an executor of two threads. */
    @Param({"1", "2"})
    public int threads;

    /** The executor's kind when {@code threads > 1}: {@code fixed} or {@code handoff}. */
    @Param({"fixed"})
    public String pool;

    /** Frames per block. */
    @Param({"4096", "65536"})
    public int frames;

    private AudioBuffer[] blocks;
    private ExecutorService fixedPool;
    private LoudnessMeter meter;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        blocks = new AudioBuffer[SIGNAL_FRAMES / frames];
        SplittableRandom r = new SplittableRandom(1);
        // Pink-ish noise: white noise through three leaky integrators with spread corners (about 20 Hz,
        // 300 Hz and 4 kHz), summed: roughly -3 dB per octave over most of the band; one per channel.
        double[][] poles = new double[CHANNELS][3];
        for (int b = 0; b < blocks.length; b++) {
            AudioBuffer block = AudioBuffer.allocate(CHANNELS, frames);
            for (int c = 0; c < CHANNELS; c++) {
                double[] p = poles[c];
                for (int i = 0; i < frames; i++) {
                    double white = r.nextDouble() * 2 - 1;
                    p[0] = 0.99765 * p[0] + 0.0990460 * white;
                    p[1] = 0.96300 * p[1] + 0.2965164 * white;
                    p[2] = 0.57000 * p[2] + 1.0526913 * white;
                    double pink = p[0] + p[1] + p[2] + 0.1848 * white;
                    block.set(c, i, (float) (0.06 * pink));
                }
            }
            blocks[b] = block;
        }
        LoudnessMeter.Builder builder = LoudnessMeter.builder(RATE, CHANNELS).truePeak(truePeak);
        if (threads > 1 && pool.equals("handoff")) {
            builder.executor(new HandOffExecutor(threads, "loudness-bench"));
        } else if (threads > 1) {
            fixedPool = Executors.newFixedThreadPool(threads, task -> {
                Thread t = new Thread(task, "loudness-bench");
                t.setDaemon(true);
                return t;
            });
            builder.executor(fixedPool);
        }
        meter = builder.build();
    }

    @Setup(Level.Iteration)
    public void resetMeter() {
        meter.reset();
        next = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (fixedPool != null) {
            fixedPool.shutdownNow();
        }
    }

    /** 65,536 stereo frames measured in blocks of {@code frames}; the time is divided by the frames. */
    @Benchmark
    @OperationsPerInvocation(PER_INVOCATION)
    public LoudnessMeter accept() {
        for (int k = PER_INVOCATION / frames; k > 0; k--) {
            meter.accept(blocks[next]);
            next = (next + 1) % blocks.length;
        }
        return meter;
    }
}
