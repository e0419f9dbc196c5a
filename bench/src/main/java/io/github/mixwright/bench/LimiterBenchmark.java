package io.github.mixwright.bench;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.dynamics.TruePeakLimiter;
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
 * Cost of the true-peak {@link TruePeakLimiter} in ns per stereo frame at 48 kHz, on 4096-frame blocks of
 * pink-ish noise (white noise through Paul Kellet's three-pole approximation of a -3 dB/octave slope) at
 * -12 dBFS RMS, peaks near 0 dBFS, driven by {@code drive} dB:
 * <ul>
 *   <li>{@code 12}: 0 dBFS RMS with peaks near +12 dBFS against the default -1 dBTP ceiling, a very
 *       loud master: the limiter works all the time, up to 13 dB of gain reduction;</li>
 *   <li>{@code -12}: peaks near -12 dBFS, never above the ceiling, so the gain stays exactly 1 and only
 *       the detector and the delay line run.</li>
 * </ul>
 * Default settings otherwise: lookahead 5 ms, release 100 ms, link 100 %. The stream cycles through 16
 * different blocks; each is refreshed from a pristine copy before the call (included in the time: about
 * 0.2 ns per frame).
 *
 * <p>{@code threads}: 0 runs on the benchmark thread (the default); 2 lends the limiter an executor of
 * two threads ({@code setExecutor}), which detects the second channel of each block in parallel with
 * the first. {@code pool}: {@code fixed} is {@code Executors.newFixedThreadPool}, {@code handoff} a
 * bench executor that allocates nothing per task ({@link HandOffExecutor}), so that
 * {@code -prof gc} shows what the limiter itself allocates (0 B/op once prepared).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar LimiterBenchmark}; the allocation figure:
 * {@code java -jar bench/target/benchmarks.jar LimiterBenchmark -p threads=0,2 -p pool=fixed,handoff -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LimiterBenchmark {
    private static final int FRAMES = 4096;
    private static final int BLOCKS = 16;
    private static final double RATE = 48_000;

    @Param({"12", "-12"})
    public double drive;

    /** 0: no executor; otherwise an executor of this many threads. */
    @Param({"0"})
    public int threads;

    /** The executor's kind when {@code threads > 0}: {@code fixed} or {@code handoff}. */
    @Param({"fixed"})
    public String pool;

    private ExecutorService fixedPool;

    private AudioBuffer[] sources;
    private AudioBuffer work;
    private TruePeakLimiter limiter;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        AudioBuffer source = AudioBuffer.allocate(2, FRAMES * BLOCKS);
        SplittableRandom r = new SplittableRandom(7);
        double gain = 0.145 * Math.pow(10, drive / 20);
        for (int c = 0; c < 2; c++) {
            double b0 = 0;
            double b1 = 0;
            double b2 = 0;
            for (int i = 0; i < source.frames(); i++) {
                double white = r.nextDouble(-1, 1);
                b0 = 0.99765 * b0 + white * 0.0990460;
                b1 = 0.96300 * b1 + white * 0.2965164;
                b2 = 0.57000 * b2 + white * 1.0526913;
                source.set(c, i, (float) (gain * (b0 + b1 + b2 + white * 0.1848)));
            }
        }
        sources = new AudioBuffer[BLOCKS];
        for (int k = 0; k < BLOCKS; k++) {
            sources[k] = source.view(k * FRAMES, FRAMES);
        }
        work = AudioBuffer.allocate(2, FRAMES);
        limiter = new TruePeakLimiter();
        limiter.prepare(new ProcessSpec(RATE, FRAMES, 2));
        if (threads > 0) {
            if (pool.equals("handoff")) {
                limiter.setExecutor(new HandOffExecutor(threads, "limiter-bench"));
            } else {
                fixedPool = Executors.newFixedThreadPool(threads, task -> {
                    Thread t = new Thread(task, "limiter-bench");
                    t.setDaemon(true);
                    return t;
                });
                limiter.setExecutor(fixedPool);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (fixedPool != null) {
            fixedPool.shutdownNow();
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public AudioBuffer limiter() {
        work.copyFrom(sources[next]);
        next = next + 1 == BLOCKS ? 0 : next + 1;
        limiter.process(work);
        return work;
    }
}
