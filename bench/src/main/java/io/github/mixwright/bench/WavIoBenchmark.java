package io.github.mixwright.bench;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.io.WavWriter;
import io.github.mixwright.io.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * WAV streaming cost per stereo frame: decoding a file of the given encoding into float blocks,
 * and encoding float blocks into a file of that encoding (with TPDF dither for integers, the
 * default). Files are 60 s at 48 kHz, so they sit in the page cache: this is the CPU cost of
 * the codec, not the disk.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar WavIoBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class WavIoBenchmark {
    private static final int FRAMES = 48_000 * 60;
    private static final int BLOCK = 65_536;

    @Param({"pcm16", "pcm24", "float32"})
    public String encoding;

    private Path dir;
    private Path input;
    private Path output;
    private AudioBuffer block;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("mixwright-bench");
        input = dir.resolve("in.wav");
        output = dir.resolve("out.wav");
        block = AudioBuffer.allocate(2, BLOCK);
        SplittableRandom r = new SplittableRandom(3);
        WavFormat format = WavFormat.of(48_000, 2, SampleEncoding.fromId(encoding));
        try (WavWriter w = WavWriter.create(input, format, WriteOptions.defaults())) {
            for (int done = 0; done < FRAMES; done += BLOCK) {
                int n = Math.min(BLOCK, FRAMES - done);
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < n; i++) {
                        block.set(c, i, (float) (r.nextDouble() - 0.5));
                    }
                }
                w.write(block.view(0, n));
            }
            w.commit();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(input);
        Files.deleteIfExists(output);
        Files.deleteIfExists(dir);
    }

    /** Reads the whole file into float blocks. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decode() throws IOException {
        long sum = 0;
        try (WavReader in = WavReader.open(input)) {
            for (int n; (n = in.read(block)) > 0; ) {
                sum += n + Float.floatToRawIntBits(block.get(0, n - 1));
            }
        }
        return sum;
    }

    /** Writes the same number of frames from one float block, committed atomically. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long encode() throws IOException {
        WavFormat format = WavFormat.of(48_000, 2, SampleEncoding.fromId(encoding));
        try (WavWriter w = WavWriter.create(output, format, WriteOptions.defaults())) {
            for (int done = 0; done < FRAMES; done += BLOCK) {
                w.write(block.view(0, Math.min(BLOCK, FRAMES - done)));
            }
            w.commit();
            return w.framesWritten();
        }
    }
}
