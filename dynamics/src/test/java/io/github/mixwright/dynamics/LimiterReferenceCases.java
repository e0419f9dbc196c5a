package io.github.mixwright.dynamics;

import io.github.mixwright.core.AudioBuffer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Fixed limiter cases whose inputs were measured with libebur128 (see
 * {@code src/test/resources/reference/README-limiter-ebur128.md}): each an input of
 * {@link TruePeakLimiterCeilingTest#input} and fixed limiter settings, and a CRC-32 of the input's float
 * bits, so a test can tell that the committed measurement is of the input it builds. The inputs depend
 * only on this test code, never on the limiter, so the measurement stays valid however the limiter
 * changes.
 *
 * <p>{@link #main} writes each input ({@code input-N.f32}) and, for a one-off check of the present
 * limiter, its output ({@code output-N.f32}) as raw interleaved little-endian float32, and
 * {@code cases.csv}, into a folder, for {@code measure_limiter_cases.py}.
 */
final class LimiterReferenceCases {
    private LimiterReferenceCases() {
    }

    /** A case: what to limit and how. */
    record Case(TruePeakLimiterCeilingTest.Signal signal, TruePeakLimiterCeilingTest.Settings settings) {
    }

    /** The cases: every kind of signal at 44.1, 48 and 96 kHz, hard driven, with varied settings. */
    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        double[] rates = {44_100, 48_000, 96_000};
        double[][] settings = {{-1, 5, 100, 100, 0}, {-0.1, 1, 20, 0, 0}, {-3, 10, 300, 50, 1}, {-6, 2, 5, 100, 1}};
        int k = 0;
        for (int kind = 0; kind < 5; kind++) {
            for (int r = 0; r < rates.length; r++) {
                double[] s = settings[k % settings.length];
                double drive = 6 + 14 * ((k * 7) % 10) / 9.0;
                cases.add(new Case(new TruePeakLimiterCeilingTest.Signal(kind, rates[r], 1 + k % 2, drive, 1000 + k),
                        new TruePeakLimiterCeilingTest.Settings(s[0], s[1], s[2], s[3], s[4] == 1)));
                k++;
            }
        }
        return cases;
    }

    /** The input of {@code c}: 0.25 s of signal, then silence for the limiter's latency and the judges' reach. */
    static AudioBuffer input(Case c) {
        double rate = c.signal().rate();
        return TruePeakLimiterCeilingTest.input(c.signal(), 0.25, (int) (0.021 * rate) + 400);
    }

    /** The present limiter's output for {@code c}. */
    static AudioBuffer output(Case c) {
        AudioBuffer y = input(c);
        TruePeakLimiterCeilingTest.limit(c.settings().limiter(), y, c.signal().rate(), 1024);
        return y;
    }

    /** CRC-32 of a buffer's float bits, frame by frame, channels interleaved, little-endian. */
    static long crc(AudioBuffer y) {
        CRC32 crc = new CRC32();
        crc.update(interleaved(y));
        return crc.getValue();
    }

    private static ByteBuffer interleaved(AudioBuffer y) {
        ByteBuffer b = ByteBuffer.allocate(4 * y.frames() * y.channels()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < y.frames(); i++) {
            for (int ch = 0; ch < y.channels(); ch++) {
                b.putFloat(y.get(ch, i));
            }
        }
        return b.flip();
    }

    /** Writes every case's input and output and {@code cases.csv} into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        List<Case> cases = cases();
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(dir.resolve("cases.csv")))) {
            csv.println("case,rate,channels,ceiling_dbtp,input_crc32");
            for (int n = 0; n < cases.size(); n++) {
                AudioBuffer x = input(cases.get(n));
                Files.write(dir.resolve("input-" + n + ".f32"), interleaved(x).array());
                Files.write(dir.resolve("output-" + n + ".f32"), interleaved(output(cases.get(n))).array());
                csv.println(n + "," + (int) cases.get(n).signal().rate() + "," + x.channels() + ","
                        + cases.get(n).settings().ceilingDb() + "," + crc(x));
            }
        }
    }
}
