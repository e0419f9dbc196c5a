package io.github.mixwright.bench;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.ParallelProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.Processor;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.effects.Convolver;
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
 * Cost of the effects in ns per stereo frame at 48 kHz, on blocks of 65,536 frames (as
 * {@code mixwright process} passes them) of noise at about -12 dBFS RMS, on the calling thread only
 * (no threads lent, so the figure is the work, not the parallelism):
 * <ul>
 *   <li>{@code convolver}: a 3-second stereo response (decaying noise), latency mode; {@code convolver-zero}
 *       the same with zero latency;</li>
 *   <li>{@code reverb}: rt60 2 s, wet only; {@code reverb-tail}: the same fed silence after a burst, so
 *       the network decays through the denormal range (flushed: it must cost what music costs);</li>
 *   <li>{@code saturator}: tanh at 12 dB, 4x oversampled; {@code delay}, {@code chorus}, {@code flanger},
 *       {@code exciter}: defaults with mix 1.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar EffectsBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EffectsBenchmark {
    private static final int FRAMES = 65_536;
    private static final double RATE = 48_000;

    @Param({"convolver", "convolver-zero", "reverb", "reverb-tail", "saturator", "delay", "chorus", "flanger",
            "exciter"})
    public String effect;

    private AudioBuffer source;
    private AudioBuffer work;
    private Processor stage;

    @Setup(Level.Trial)
    public void setUp() {
        source = AudioBuffer.allocate(2, FRAMES);
        SplittableRandom r = new SplittableRandom(3);
        boolean tail = effect.equals("reverb-tail");
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < FRAMES; i++) {
                source.set(c, i, tail ? 0f : (float) (0.25 * (r.nextDouble() * 2 - 1) + 0.1 * Math.sin(i * 0.05)));
            }
        }
        work = source.copy();
        ProcessSpec spec = new ProcessSpec(RATE, FRAMES, 2);
        if (effect.startsWith("convolver")) {
            AudioBuffer ir = AudioBuffer.allocate(2, 3 * 48_000);
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < ir.frames(); i++) {
                    ir.set(c, i, (float) ((r.nextDouble() * 2 - 1) * 0.03 * Math.exp(-i / 20_000.0)));
                }
            }
            stage = new Convolver().setImpulseResponse(ir, RATE).setMix(1).setZeroLatency(effect.endsWith("zero"));
        } else {
            String chain;
            switch (effect) {
                case "reverb":
                case "reverb-tail":
                    chain = "reverb rt60=2 mix=1";
                    break;
                case "saturator":
                    chain = "saturator type=tanh drive=12 oversample=4 mix=1";
                    break;
                default:
                    chain = effect + " mix=1";
            }
            stage = ChainSpec.parse(chain, ProcessorRegistry.load()).build();
        }
        if (stage instanceof ParallelProcessor) {
            ((ParallelProcessor) stage).setExecutor(null);
        }
        stage.prepare(spec);
        if (tail) {
            // a loud burst, then the tail runs down into the denormal range over the measured calls
            AudioBuffer burst = AudioBuffer.allocate(2, FRAMES);
            for (int i = 0; i < 4800; i++) {
                burst.set(0, i, (float) (r.nextDouble() - 0.5));
                burst.set(1, i, (float) (r.nextDouble() - 0.5));
            }
            stage.process(burst);
        }
    }

    /** 65,536 stereo frames in one block; the time is divided by the frames. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public AudioBuffer process() {
        for (int c = 0; c < 2; c++) {
            System.arraycopy(source.channel(c), 0, work.channel(c), 0, FRAMES);
        }
        stage.process(work);
        return work;
    }
}
