package io.github.mixwright.bench;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Automation;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.Gain;
import io.github.mixwright.core.Panner;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.Processor;
import io.github.mixwright.core.StereoWidth;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Cost of the core processors per stereo frame, on 4096-frame blocks at 48 kHz: steady parameters
 * (the common case) and a gain under sample-accurate automation. The {@code copy} case is the
 * baseline: the input copy every case includes.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CoreProcessorsBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CoreProcessorsBenchmark {
    private static final int FRAMES = 4096;

    @Param({"copy", "gain", "gainAutomated", "pan", "width", "chain"})
    public String processor;

    private AudioBuffer source;
    private AudioBuffer block;
    private Processor p;

    @Setup
    public void setUp() {
        block = AudioBuffer.allocate(2, FRAMES);
        SplittableRandom r = new SplittableRandom(1);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < FRAMES; i++) {
                block.set(c, i, (float) (r.nextDouble() * 2 - 1));
            }
        }
        source = block.copy();
        switch (processor) {
            case "gain":
                p = Gain.ofDb(-3);
                break;
            case "gainAutomated":
                Gain g = new Gain();
                // A ramp far longer than any run, so every measured block is mid-segment.
                g.automate("db", Automation.builder(0, -60).linearTo(1e9, 0).build());
                p = g;
                break;
            case "pan":
                p = new Panner().setPosition(-0.3);
                break;
            case "width":
                p = new StereoWidth().setAmount(1.2);
                break;
            case "copy":
                p = Chain.of();
                break;
            default:
                p = Chain.of(Gain.ofDb(-3), new Panner().setPosition(-0.3), new StereoWidth().setAmount(1.2));
        }
        p.prepare(new ProcessSpec(48_000, FRAMES, 2));
    }

    /**
     * Average time per stereo frame, including a copy of the input (so repeated gain never decays
     * into denormals and every run sees music-like levels).
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public AudioBuffer process() {
        block.copyFrom(source);
        p.process(block);
        return block;
    }
}
