package io.github.mixwright.examples;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.loudness.LoudnessMeter;
import io.github.mixwright.loudness.LoudnessResult;
import io.github.mixwright.mix.PlatformCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints the compliance table of an existing file: for every platform and broadcast preset, whether the
 * file meets it (within 1 LU of its loudness, at or under its true-peak ceiling) and what the platform's
 * own loudness normalisation will do to it, with where that rule comes from.
 *
 * <pre>
 * java -cp cli/target/mixwright-cli-0.1.0-SNAPSHOT-all.jar:examples/target/classes \
 *     io.github.mixwright.examples.ComplianceTable master.wav
 * </pre>
 */
public final class ComplianceTable {
    private ComplianceTable() {
    }

    /** @param args one WAV file */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ComplianceTable FILE.wav");
            System.exit(2);
        }
        LoudnessResult r;
        try (WavReader in = WavReader.open(Path.of(args[0]))) {
            LoudnessMeter meter = new LoudnessMeter(in.sampleRate(), in.channels());
            AudioBuffer block = AudioBuffer.allocate(in.channels(), 16_384);
            for (int n; (n = in.read(block)) > 0; ) {
                meter.accept(block.view(0, n));
            }
            r = meter.result();
        }
        System.out.printf(Locale.ROOT, "%s: %.1f LUFS, %.1f dBTP%n%n", args[0], r.integratedLufs(), r.truePeakDbtp());
        System.out.printf(Locale.ROOT, "%-14s %7s %7s %-10s %-36s%n", "preset", "LUFS", "dBTP", "meets it", "playback");
        for (PlatformCheck c : PlatformCheck.all(r)) {
            System.out.printf(Locale.ROOT, "%-14s %7.0f %7.0f %-10s %-36s%n", c.name(), c.targetLufs(), c.ceilingDbtp(),
                    c.compliant() ? "yes" : "no", c.playback());
        }
        System.out.println();
        System.out.println("where the playback rules come from:");
        for (PlatformCheck c : PlatformCheck.all(r)) {
            System.out.println("  " + c.name() + ": " + c.basis());
        }
    }
}
