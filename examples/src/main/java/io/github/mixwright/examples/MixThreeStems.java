package io.github.mixwright.examples;

import io.github.mixwright.core.Automation;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.io.WriteOptions;
import io.github.mixwright.mix.Bus;
import io.github.mixwright.mix.Clip;
import io.github.mixwright.mix.Masking;
import io.github.mixwright.mix.Master;
import io.github.mixwright.mix.MasterResult;
import io.github.mixwright.mix.Mix;
import io.github.mixwright.mix.MixReport;
import io.github.mixwright.mix.MixStream;
import io.github.mixwright.mix.Preset;
import io.github.mixwright.mix.Render;
import io.github.mixwright.mix.RenderSink;
import io.github.mixwright.mix.Send;
import io.github.mixwright.mix.StripReport;
import io.github.mixwright.mix.Track;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Mixes a kick, a bass and a vocal in Java, then masters the mix for Spotify.
 *
 * <p>What it shows:
 * <ul>
 *   <li>the {@link Mix} builder: clips on a timeline, inserts in the chain syntax, volume and pan, an
 *       automated fade-in, a send to a reverb bus, and the kick keying the bass's compressor (ducking);</li>
 *   <li>{@link Mix#openMeasured()}: the mix rendered to a file through {@link Render}, measured on the way,
 *       and its {@link MixReport}: every track's level and loudness, and where two tracks mask each other;</li>
 *   <li>{@code Master.of(mix)}: the same mix mastered to a platform's target, with no file in between.</li>
 * </ul>
 *
 * <p>Run it on the demo's stems (after {@code ./mixwright demo} and {@code mvn -B verify}):
 * <pre>
 * java -cp cli/target/mixwright-cli-0.1.0-SNAPSHOT-all.jar:examples/target/classes \
 *     io.github.mixwright.examples.MixThreeStems demo-output/stems/drums.wav demo-output/stems/bass.wav \
 *     demo-output/stems/vocal.wav mixed
 * </pre>
 */
public final class MixThreeStems {
    private MixThreeStems() {
    }

    /**
     * @param args the kick (or drums), bass and vocal stems, at one sample rate, and the output directory
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: MixThreeStems KICK.wav BASS.wav VOCAL.wav OUT_DIR");
            System.exit(2);
        }
        Path out = Files.createDirectories(Path.of(args[3]));
        double rate;
        try (WavReader r = WavReader.open(Path.of(args[0]))) {
            rate = r.sampleRate();
        }
        Mix mix = Mix.builder(rate)
                .track(Track.builder("kick").clip(Clip.of(Path.of(args[0]), 0)).volumeDb(-3)
                        .inserts("highpass freq=30 | compressor threshold=-18 ratio=4").build())
                // insert 0, the compressor, listens to the kick: the bass ducks under every hit
                .track(Track.builder("bass").clip(Clip.of(Path.of(args[1]), 0).fadeOut(0.5)).volumeDb(-6).pan(-0.1)
                        .inserts("compressor threshold=-30 ratio=4 attack=2 release=120").sideChain(0, "kick").build())
                // the vocal rises from silence over its first second, and sends to the reverb after its fader
                .track(Track.builder("vocal").clip(Clip.of(Path.of(args[2]), 0)).pan(0.2)
                        .inserts("highpass freq=120 | peak freq=3000 gain=2 q=1")
                        .volumeAutomation(Automation.builder(0, -60).sCurveTo(1, 0).build())
                        .send(Send.of("verb", -12)).build())
                .bus(Bus.of("verb", "reverb rt60=1.8 predelay=20 mix=1"))
                .master("compressor threshold=-12 ratio=2")
                .build();

        Path mixFile = out.resolve("mix.wav");
        MixReport report;
        // the stream is the caller's to close, like a file: closing it stops the mix's threads
        try (MixStream stream = mix.openMeasured()) {
            Render.of(stream).run(RenderSink.wav(mixFile, SampleEncoding.FLOAT32, WriteOptions.defaults()));
            report = stream.report();
        }
        System.out.printf(Locale.ROOT, "mix: %s, %.2f s%n", mixFile, report.seconds());
        for (StripReport t : report.tracks()) {
            System.out.printf(Locale.ROOT, "  %-6s peak %6.1f dBFS, %6.1f LUFS%n", t.name(), t.peakDbfs(),
                    t.integratedLufs());
        }
        System.out.printf(Locale.ROOT, "  %-6s peak %6.1f dBFS, %6.1f LUFS%n", "mix", report.master().peakDbfs(),
                report.master().integratedLufs());
        for (Masking m : report.masking().subList(0, Math.min(3, report.masking().size()))) {
            System.out.println("  masking: " + m.text() + "; " + m.suggestion());
        }
        Files.writeString(out.resolve("mix-report.json"), report.toJson());

        MasterResult master = Master.of(mix).withPreset(Preset.SPOTIFY).render(out.resolve("master.wav"));
        System.out.printf(Locale.ROOT, "master: %s, %.2f LUFS, %.2f dBTP%n", master.file(),
                master.output().integratedLufs(), master.output().truePeakDbtp());
    }
}
