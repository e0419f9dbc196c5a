package io.github.mixwright.bench;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorRegistry;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the dynamics processors in ns per stereo frame at 48 kHz, on blocks of 4096 and 65,536 frames of noise at
 * about -12 dBFS RMS (so the compressor at -24 dB works all the time), settings as in
 * {@code bench/compare-dynamics.sh}:
 * <ul>
 *   <li>{@code compressor}: threshold -24, ratio 4, attack 10, release 100, knee 2.83;</li>
 *   <li>{@code compressor-rms}: the same with the RMS detector (10 ms);</li>
 *   <li>{@code gate}, {@code deesser}: defaults;</li>
 *   <li>{@code multiband}: three bands at 120 Hz and 2 kHz, thresholds -24.</li>
 * </ul>
 * The input block is refreshed from a pristine copy before each call (included in the time: about
 * 0.2 ns per frame), so every call compresses the same signal.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar DynamicsBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DynamicsBenchmark {
    private static final int FRAMES = 65_536;
    private static final double RATE = 48_000;

    @Param({"compressor", "compressor-rms", "gate", "deesser", "multiband"})
    public String processor;

    /** Frames per block: 4096, or 65,536 as {@code mixwright process} passes them. */
    @Param({"4096", "65536"})
    public int block;

    private AudioBuffer source;
    private AudioBuffer work;
    private Chain stage;

    @Setup(Level.Trial)
    public void setUp() {
        source = AudioBuffer.allocate(2, FRAMES);
        SplittableRandom r = new SplittableRandom(3);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < FRAMES; i++) {
                source.set(c, i, (float) (0.25 * (r.nextDouble() * 2 - 1) + 0.1 * Math.sin(i * 0.05)));
            }
        }
        work = source.copy();
        String spec;
        switch (processor) {
            case "compressor":
                spec = "compressor threshold=-24 ratio=4 attack=10 release=100 knee=2.83";
                break;
            case "compressor-rms":
                spec = "compressor threshold=-24 ratio=4 attack=10 release=100 knee=2.83 detector=rms window=10";
                break;
            case "multiband":
                spec = "multiband bands=3 xover1=120 xover2=2000 threshold1=-24 threshold2=-24 threshold3=-24";
                break;
            default:
                spec = processor;
        }
        stage = ChainSpec.parse(spec, ProcessorRegistry.load()).build();
        stage.prepare(new ProcessSpec(RATE, block, 2));
    }

    /** 65,536 stereo frames processed in blocks of {@link #block}; the time is divided by the frames. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public AudioBuffer process() {
        for (int c = 0; c < 2; c++) {
            System.arraycopy(source.channel(c), 0, work.channel(c), 0, FRAMES);
        }
        for (int from = 0; from < FRAMES; from += block) {
            stage.process(work.view(from, block));
        }
        return work;
    }
}
