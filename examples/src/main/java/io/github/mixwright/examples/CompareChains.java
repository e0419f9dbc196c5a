package io.github.mixwright.examples;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.io.WavWriter;
import io.github.mixwright.io.WriteOptions;
import io.github.mixwright.loudness.LoudnessMeter;
import io.github.mixwright.mix.BufferSink;
import io.github.mixwright.mix.Render;
import io.github.mixwright.mix.RenderSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A/B: the same input through two insert chains, loudness-matched, and what differs between them.
 *
 * <p>A louder version always sounds better at first, so a fair comparison plays both at one loudness.
 * This renders both chains, measures each (BS.1770 integrated loudness), turns B by the difference so
 * that it measures what A does, and writes A, the matched B and their difference {@code A - B}: what the
 * choice of chain changes, and nothing that a fader would. Two chains that differ only by gain leave a
 * difference of rounding alone, under BS.1770's -70 LUFS gate.
 *
 * <p>Run it, for example, on the demo's vocal (after {@code ./mixwright demo} and {@code mvn -B verify}):
 * <pre>
 * java -cp cli/target/mixwright-cli-0.1.0-SNAPSHOT-all.jar:examples/target/classes \
 *     io.github.mixwright.examples.CompareChains demo-output/stems/vocal.wav \
 *     "compressor threshold=-24 ratio=3" "compressor threshold=-24 ratio=3 | deesser" ab
 * </pre>
 */
public final class CompareChains {
    private CompareChains() {
    }

    /**
     * @param args the input, chain A, chain B (each in the {@code --chain} syntax) and the output directory
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: CompareChains IN.wav \"CHAIN A\" \"CHAIN B\" OUT_DIR");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[3]));
        ProcessorRegistry registry = ProcessorRegistry.load();
        AudioBuffer a = render(in, ChainSpec.parse(args[1], registry));
        AudioBuffer b = render(in, ChainSpec.parse(args[2], registry));
        double rate;
        try (WavReader r = WavReader.open(in)) {
            rate = r.sampleRate();
        }
        if (a.channels() != b.channels()) {
            System.err.println("error: chain A gives " + a.channels() + " channels and chain B " + b.channels()
                    + "; compare chains with the same output");
            System.exit(2);
        }
        double la = lufs(a, rate);
        double lb = lufs(b, rate);
        double matchDb = la - lb;
        float g = (float) Math.pow(10, matchDb / 20);
        int frames = Math.min(a.frames(), b.frames());
        AudioBuffer matched = AudioBuffer.allocate(b.channels(), frames);
        AudioBuffer difference = AudioBuffer.allocate(a.channels(), frames);
        for (int c = 0; c < a.channels(); c++) {
            for (int i = 0; i < frames; i++) {
                float v = g * b.get(c, i);
                matched.set(c, i, v);
                difference.set(c, i, a.get(c, i) - v);
            }
        }
        write(out.resolve("a.wav"), a, rate);
        write(out.resolve("b-matched.wav"), matched, rate);
        write(out.resolve("difference.wav"), difference, rate);
        double ld = lufs(difference, rate);
        System.out.printf(Locale.ROOT, "A: %.2f LUFS (%s)%n", la, args[1]);
        System.out.printf(Locale.ROOT, "B: %.2f LUFS (%s), matched by %+.2f dB%n", lb, args[2], matchDb);
        if (Double.isFinite(ld)) {
            System.out.printf(Locale.ROOT, "difference: %.2f LUFS, %.1f LU under A%n", ld, la - ld);
        } else {
            System.out.println("difference: under -70 LUFS, the gate of BS.1770: the chains differ by gain alone");
        }
    }

    private static AudioBuffer render(Path in, ChainSpec chain) throws IOException {
        BufferSink sink = RenderSink.buffer();
        try (WavReader reader = WavReader.open(in)) {
            Render.of(reader).through(chain.build()).run(sink);
        }
        return sink.audio();
    }

    /** Integrated loudness (BS.1770-4), or negative infinity for silence (everything gated away). */
    private static double lufs(AudioBuffer x, double rate) {
        LoudnessMeter m = LoudnessMeter.builder(rate, x.channels()).build();
        m.accept(x);
        return m.result().integratedLufs();
    }

    private static void write(Path file, AudioBuffer x, double rate) throws IOException {
        try (WavWriter w = WavWriter.create(file, WavFormat.of((int) rate, x.channels(), SampleEncoding.FLOAT32),
                WriteOptions.defaults())) {
            w.write(x);
            w.commit();
        }
    }
}
