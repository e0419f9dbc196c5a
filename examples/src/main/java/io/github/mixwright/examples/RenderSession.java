package io.github.mixwright.examples;

import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WriteOptions;
import io.github.mixwright.mix.Master;
import io.github.mixwright.mix.MasterResult;
import io.github.mixwright.mix.Mix;
import io.github.mixwright.mix.MixReport;
import io.github.mixwright.mix.MixStream;
import io.github.mixwright.mix.Render;
import io.github.mixwright.mix.RenderSink;
import io.github.mixwright.mix.Session;
import io.github.mixwright.mix.SessionException;
import io.github.mixwright.mix.plot.MixPlots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads a JSON session file and renders it: the mix, its report and pictures, and, when the session
 * names a target, the master. What {@code mixwright mix SESSION OUT --report --plots --master-out} does,
 * from Java.
 *
 * <p>What it shows:
 * <ul>
 *   <li>{@link Session#load}: relative paths resolve against the session's folder, and a wrong value is
 *       reported with its field's path ({@link SessionException});</li>
 *   <li>{@link Session#mix()} is an ordinary {@link Mix}: everything the builder gives works on it;</li>
 *   <li>{@link MixPlots}: the tracks' spectra, their loudness over time and the masking map.</li>
 * </ul>
 *
 * <p>Run it on the demo's session (after {@code ./mixwright demo} and {@code mvn -B verify}):
 * <pre>
 * java -cp cli/target/mixwright-cli-0.1.0-SNAPSHOT-all.jar:examples/target/classes \
 *     io.github.mixwright.examples.RenderSession demo-output/session.json rendered
 * </pre>
 */
public final class RenderSession {
    private RenderSession() {
    }

    /**
     * @param args the session file and the output directory
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RenderSession SESSION.json OUT_DIR");
            System.exit(2);
        }
        Session session;
        try {
            session = Session.load(Path.of(args[0]));
        } catch (SessionException e) {
            System.err.println("error: " + e.getMessage());   // e.g. tracks[2].inserts[0]: ratio 0.5 is out of range
            System.exit(2);
            return;
        }
        Path out = Files.createDirectories(Path.of(args[1]));
        Mix mix = session.mix();

        Render.Result r;
        MixReport report;
        try (MixStream stream = mix.openMeasured()) {
            r = Render.of(stream).run(RenderSink.wav(out.resolve("mix.wav"), SampleEncoding.PCM24, WriteOptions.defaults()));
            report = stream.report();
        }
        Files.writeString(out.resolve("mix-report.json"), report.toJson());
        System.out.printf(Locale.ROOT, "mix: %d tracks, %d buses, %.2f s, %.1f LUFS%n", mix.tracks().size(),
                mix.buses().size(), r.outputFrames() / mix.sampleRate(), report.master().integratedLufs());
        for (Path p : MixPlots.write(report, out)) {
            System.out.println("plot: " + p);
        }
        if (session.target() != null) {
            // a preset's name puts the platform's rules in the report; a bare target has none
            Master master = session.preset() != null ? Master.of(mix).withPreset(session.preset())
                    : Master.of(mix).withTarget(session.target());
            MasterResult m = master.render(out.resolve("master.wav"));
            System.out.printf(Locale.ROOT, "master: %.2f LUFS, %.2f dBTP (target %s)%n",
                    m.output().integratedLufs(), m.output().truePeakDbtp(), session.target());
        }
    }
}
