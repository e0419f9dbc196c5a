package io.github.mixwright.cli;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import io.github.mixwright.io.AtomicFiles;
import io.github.mixwright.io.Dither;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavWriter;
import io.github.mixwright.io.WriteOptions;
import io.github.mixwright.mix.BufferSink;
import io.github.mixwright.mix.Master;
import io.github.mixwright.mix.MasterResult;
import io.github.mixwright.mix.Masking;
import io.github.mixwright.mix.Mix;
import io.github.mixwright.mix.MixReport;
import io.github.mixwright.mix.MixStream;
import io.github.mixwright.mix.Preset;
import io.github.mixwright.mix.Render;
import io.github.mixwright.mix.RenderSink;
import io.github.mixwright.mix.Session;
import io.github.mixwright.mix.Track;
import io.github.mixwright.mix.plot.MasterPlots;
import io.github.mixwright.mix.plot.MixPlots;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mixwright demo [DIR]}: the whole story. Seven synthesised stems, the session file that mixes
 * them, the mix and its report, the master and its report, and their pictures, all rendered by the
 * library's Mix and Master from the session file the demo wrote.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Mixes and masters a short demo song, from raw stems to a Spotify-ready master.",
                "Synthesises seven stems (drums, bass, pads, lead, vocal, a hissy guitar and a sibilant harmony "
                        + "voice) into DIR/stems, writes DIR/session.json (EQ, compression, a side-chain, "
                        + "reverb and delay buses, automation, the spotify preset) and renders it as "
                        + "`mixwright mix` would: DIR/mix.wav with mix-report.json, DIR/master.wav with "
                        + "master-report.json, and the pictures in DIR/plots. The files are the same on every run."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  mixwright demo",
                "  mixwright demo /tmp/demo && mixwright mix /tmp/demo/session.json /tmp/again.wav"})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "demo-output",
            description = "Directory to write to, created if missing. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "DIR '" + dir + "' is a file, not a directory");
        }
        Path stems = dir.resolve("stems");
        Path plots = dir.resolve("plots");
        try {
            Files.createDirectories(stems);
            Files.createDirectories(plots);
        } catch (IOException e) {
            throw CliFailure.output(dir, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "demo: 8 bars in A minor at 120 BPM, %.0f s at %d Hz, into %s%n", DemoSong.SECONDS,
                DemoSong.SAMPLE_RATE, dir);

        List<DemoSong.Stem> song = DemoSong.stems(DemoSong.SEED);
        for (DemoSong.Stem stem : song) {
            writeStem(stems.resolve(stem.name() + ".wav"), stem.audio());
            out.printf(Locale.ROOT, "  stems/%-12s %s%n", stem.name() + ".wav", stem.description());
        }

        // The session file is what gets rendered: the builder's mix is saved, and loaded back.
        Path sessionFile = dir.resolve("session.json");
        try {
            Session.of(DemoSession.mix(stems), Preset.SPOTIFY).save(sessionFile);
        } catch (IOException e) {
            throw CliFailure.output(sessionFile, e);
        }
        Session session;
        try {
            session = Session.load(sessionFile);
        } catch (IOException e) {
            throw CliFailure.input(sessionFile, e);
        }
        Mix mix = session.mix();
        out.printf(Locale.ROOT, "  session.json       %d tracks, %d buses, master target %s (%s)%n", mix.tracks().size(),
                mix.buses().size(), session.preset().id(), session.target());

        MixReport report = renderMix(mix, dir.resolve("mix.wav"));
        writeText(dir.resolve("mix-report.json"), report.toJson());
        List<Path> pictures = new ArrayList<>(write(plots, () -> MixPlots.write(report, plots)));

        Path masterFile = dir.resolve("master.wav");
        MasterResult master;
        try {
            master = Master.of(mix).withPreset(session.preset()).withDitherSeed(DemoSong.SEED).render(masterFile);
        } catch (IOException e) {
            throw CliFailure.output(masterFile, e);
        }
        writeText(dir.resolve("master-report.json"), master.toJson());
        pictures.addAll(write(plots, () -> MasterPlots.write(master, plots)));

        out.printf(Locale.ROOT, "mix:    mix.wav     %6.2f LUFS  peak %5.1f dBFS  (mix-report.json)%n",
                report.master().integratedLufs(), report.master().peakDbfs());
        out.printf(Locale.ROOT, "master: master.wav  %6.2f LUFS  %5.1f dBTP       (master-report.json)%n",
                master.output().integratedLufs(), master.output().truePeakDbtp());
        for (String w : master.warnings()) {
            out.println("warning: " + w);
        }
        Effect gate = effect(mix, song, "guitar", DemoSong.guitarGaps(), DemoSong.guitarGaps());
        out.printf(Locale.ROOT, "gate:   the guitar's hiss between chords, %.0f dBFS before, %.0f dBFS after%n",
                gate.before(), gate.after());
        Effect deEsser = effect(mix, song, "harmony", DemoSong.sibilants(), DemoSong.harmonyVowels());
        out.printf(Locale.ROOT, "de-esser: the harmony's 's' sounds %.1f dB down, its vowels %.1f dB%n",
                deEsser.before() - deEsser.after(), deEsser.beforeOther() - deEsser.afterOther());
        List<Masking> masking = report.masking();
        for (Masking m : masking.subList(0, Math.min(3, masking.size()))) {
            out.println("masking: " + m.text() + "; " + m.suggestion());
        }
        for (Path p : pictures) {
            out.println("picture: " + p);
        }
        out.printf(Locale.ROOT, "edit %s and render it again with: mixwright mix %s %s --master-out %s%n",
                sessionFile, sessionFile, dir.resolve("mix.wav"), masterFile);
        out.flush();
        return ExitCodes.OK;
    }

    /** The levels (dBFS RMS) over two sets of spans of a stem, before and after its track's inserts. */
    record Effect(double before, double after, double beforeOther, double afterOther) {
    }

    /** Runs track {@code name}'s inserts on its stem, as the mix does, and measures them. */
    static Effect effect(Mix mix, List<DemoSong.Stem> song, String name, List<DemoSong.Span> spans,
            List<DemoSong.Span> other) throws CliFailure {
        AudioBuffer dry = song.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().audio();
        Track track = mix.tracks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        BufferSink wet = RenderSink.buffer();
        try (AudioSource source = AudioSource.of(dry, DemoSong.SAMPLE_RATE)) {
            Render.of(source).through(track.inserts().build()).withTail(false).run(wet);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILURE, "demo: " + name + ": " + e.getMessage(), e);
        }
        return new Effect(DemoSong.rmsDb(dry, spans), DemoSong.rmsDb(wet.audio(), spans),
                DemoSong.rmsDb(dry, other), DemoSong.rmsDb(wet.audio(), other));
    }

    private static MixReport renderMix(Mix mix, Path file) throws CliFailure {
        // float: the mix keeps anything over full scale for the master to bring down
        try (MixStream stream = mix.openMeasured()) {
            Render.of(stream).run(RenderSink.wav(file, SampleEncoding.FLOAT32, WriteOptions.defaults()));
            return stream.report();
        } catch (IOException e) {
            throw CliFailure.output(file, e);
        }
    }

    private static void writeStem(Path file, AudioBuffer audio) throws CliFailure {
        // 24-bit needs dither; a fixed seed keeps the files identical from run to run.
        WriteOptions options = WriteOptions.defaults().withDither(Dither.TPDF).withSeed(DemoSong.SEED);
        try (WavWriter writer = WavWriter.create(file,
                WavFormat.of(DemoSong.SAMPLE_RATE, audio.channels(), SampleEncoding.PCM24), options)) {
            writer.write(audio);
            writer.commit();
        } catch (IOException e) {
            throw CliFailure.output(file, e);
        }
    }

    private static void writeText(Path file, String text) throws CliFailure {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFiles.write(file, w -> w.write(bytes));
        } catch (IOException e) {
            throw CliFailure.output(file, e);
        }
    }

    private interface Pictures {
        List<Path> write() throws IOException;
    }

    private static List<Path> write(Path dir, Pictures pictures) throws CliFailure {
        try {
            return pictures.write();
        } catch (IOException e) {
            throw CliFailure.output(dir, e);
        }
    }
}
