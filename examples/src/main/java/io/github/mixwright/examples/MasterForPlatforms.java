package io.github.mixwright.examples;

import io.github.mixwright.mix.Master;
import io.github.mixwright.mix.MasterResult;
import io.github.mixwright.mix.PlatformCheck;
import io.github.mixwright.mix.Preset;
import io.github.mixwright.mix.plot.MasterPlots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Masters one mix for Spotify and Apple Music at once: two files, each exactly on its platform's loudness
 * target and under its true-peak ceiling, from one analysis of the mix.
 *
 * <p>What it shows:
 * <ul>
 *   <li>{@link Master#renderPlatforms}: one master per preset, sharing the analysis and every pass;</li>
 *   <li>the report: what was done ({@code gainDb}, the limiter's work, the passes) and what each
 *       platform's own loudness normalisation will do to the file ({@link PlatformCheck#playback()});</li>
 *   <li>the pictures of each master ({@link MasterPlots}).</li>
 * </ul>
 *
 * <p>Run it on the demo's mix (after {@code ./mixwright demo} and {@code mvn -B verify}):
 * <pre>
 * java -cp cli/target/mixwright-cli-0.1.0-SNAPSHOT-all.jar:examples/target/classes \
 *     io.github.mixwright.examples.MasterForPlatforms demo-output/mix.wav masters
 * </pre>
 */
public final class MasterForPlatforms {
    private MasterForPlatforms() {
    }

    /**
     * @param args the mix, and the directory for the masters (created if missing)
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: MasterForPlatforms MIX.wav OUT_DIR");
            System.exit(2);
        }
        Path mix = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        String name = mix.getFileName().toString().replaceFirst("(?i)\\.wav$", "");

        List<MasterResult> masters = Master.of(mix)
                .renderPlatforms(out, name, List.of(Preset.SPOTIFY, Preset.APPLE_MUSIC));

        for (MasterResult r : masters) {
            System.out.printf(Locale.ROOT, "%s -> %s%n", r.name(), r.file());
            System.out.printf(Locale.ROOT, "  %.2f LUFS, %.2f dBTP; gain %+.1f dB, limiter up to %.1f dB, %d passes%n",
                    r.output().integratedLufs(), r.output().truePeakDbtp(), r.gainDb(), r.limiter().maxReductionDb(),
                    r.passes());
            for (PlatformCheck p : r.platforms()) {
                if (p.name().equals("spotify") || p.name().equals("apple-music") || p.name().equals("youtube")) {
                    System.out.println("  " + p.playback());
                }
            }
            r.warnings().forEach(w -> System.out.println("  warning: " + w));
            Files.writeString(out.resolve(name + "-" + r.name() + ".json"), r.toJson());
            MasterPlots.write(r, out);
        }
    }
}
