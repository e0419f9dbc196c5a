package io.github.mixwright.cli;

import static io.github.mixwright.cli.CliTestSupport.list;
import static io.github.mixwright.cli.CliTestSupport.read;
import static io.github.mixwright.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mixwright.cli.CliTestSupport.Result;
import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.loudness.LoudnessMeter;
import io.github.mixwright.loudness.LoudnessResult;
import io.github.mixwright.mix.BufferSink;
import io.github.mixwright.mix.Bus;
import io.github.mixwright.mix.Mix;
import io.github.mixwright.mix.Render;
import io.github.mixwright.mix.RenderSink;
import io.github.mixwright.mix.Session;
import io.github.mixwright.mix.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo}: the seven stems, the session that mixes them (the one docs/mix.md shows), the mix, the
 * master at Spotify's target, the reports and pictures; each track's treatment doing what it is for;
 * identical on every run.
 */
class DemoCommandTest {
    private static final List<String> STEMS = List.of("drums", "bass", "pads", "lead", "vocal", "guitar", "harmony");
    private static final List<String> FILES = List.of("master-report.json", "master.wav", "mix-report.json",
            "mix.wav", "plots", "session.json", "stems");
    private static final List<String> PICTURES = List.of("master-limiter.png", "master-loudness.png",
            "master-spectrum.png", "master-stereo.png", "mix-loudness.png", "mix-masking.png", "mix-spectra.png");

    @TempDir
    static Path shared;
    private static Path demo;
    private static Result result;

    @TempDir
    Path dir;

    @BeforeAll
    static void runTheDemo() throws Exception {
        demo = shared.resolve("new").resolve("demo");
        result = run("demo", demo.toString());
    }

    @Test
    void writesStemsSessionMixMasterReportsAndPictures() throws Exception {
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        assertEquals(FILES, list(demo));
        assertEquals(PICTURES, list(demo.resolve("plots")));
        List<String> stemFiles = new ArrayList<>();
        for (String s : STEMS) {
            stemFiles.add(s + ".wav");
        }
        assertEquals(stemFiles.stream().sorted().toList(), list(demo.resolve("stems")));
        for (String name : STEMS) {
            Path file = demo.resolve("stems").resolve(name + ".wav");
            try (WavReader reader = WavReader.open(file)) {
                assertEquals(48_000, reader.format().sampleRate());
                assertEquals(name.equals("drums") || name.equals("pads") ? 2 : 1, reader.channels(), name);
                assertEquals(SampleEncoding.PCM24, reader.format().encoding());
                assertEquals(DemoSong.FRAMES, reader.frames());
            }
            double peak = DemoSong.peakDb(read(file));
            assertTrue(peak > -24 && peak < -0.5, name + " peaks at " + peak + " dBFS");
            assertTrue(result.out().contains("stems/" + name + ".wav"), result.out());
        }
        for (String p : PICTURES) {
            assertTrue(result.out().contains("picture: " + demo.resolve("plots").resolve(p)), result.out());
        }
    }

    /** The master meets Spotify's target in the file itself, and the summary prints both loudnesses. */
    @Test
    void mastersToSpotifyAndSaysHowLoudBeforeAndAfter() throws Exception {
        LoudnessResult mix = measure(demo.resolve("mix.wav"));
        LoudnessResult master = measure(demo.resolve("master.wav"));

        assertEquals(-14, master.integratedLufs(), 0.05);
        assertTrue(master.truePeakDbtp() <= -1, "true peak " + master.truePeakDbtp());
        assertTrue(mix.integratedLufs() < -16, "the mix leaves the master work to do: " + mix.integratedLufs());
        String out = result.out();
        assertTrue(out.contains(String.format(java.util.Locale.ROOT, "mix.wav     %6.2f LUFS", mix.integratedLufs())),
                out);
        assertTrue(out.contains(String.format(java.util.Locale.ROOT, "master.wav  %6.2f LUFS",
                master.integratedLufs())), out);
        assertTrue(out.contains("masking: "), out);
        assertTrue(Files.readString(demo.resolve("master-report.json")).contains("\"name\": \"spotify\""));
    }

    /** The session the demo writes is the one docs/mix.md shows, character for character. */
    @Test
    void theSessionIsTheDocumentedExample() throws Exception {
        String written = Files.readString(demo.resolve("session.json"));
        String docs = Files.readString(Path.of("..", "docs", "mix.md"));
        Matcher m = Pattern.compile("<!-- demo session -->\\s*```json\\n(.*?)```", Pattern.DOTALL).matcher(docs);

        assertTrue(m.find(), "docs/mix.md has no block marked <!-- demo session -->");
        assertEquals(m.group(1), written);
    }

    /** Everything the demo is there to show is in its session. */
    @Test
    void theSessionUsesEqCompressionASideChainBusesAutomationAndAPreset() throws Exception {
        JsonNode s = new ObjectMapper().readTree(demo.resolve("session.json").toFile());
        String inserts = s.findValues("inserts").toString();

        for (String stage : List.of("\"eq ", "\"peak ", "\"highpass ", "\"compressor ", "\"gate ", "\"deesser ",
                "\"reverb ", "\"delay ", "\"width ")) {
            assertTrue(inserts.contains(stage), stage + " in " + inserts);
        }
        assertEquals("drums", s.at("/tracks/1/sidechain/key").asText());
        assertTrue(s.at("/tracks/1/inserts/" + s.at("/tracks/1/sidechain/processor").asInt()).asText()
                .startsWith("compressor "));
        assertTrue(s.at("/tracks/2/automation/volumeDb").size() >= 2);
        assertTrue(s.at("/tracks/3/automation/pan").size() >= 2);
        assertEquals("spotify", s.at("/master/target").asText());
        assertEquals(List.of("verb", "echo"), List.of(s.at("/buses/0/name").asText(), s.at("/buses/1/name").asText()));
    }

    /**
     * The guitar's hiss is -53.9 dBFS RMS (uniform noise of amplitude 0.003 and three hum partials,
     * (0.003^2 / 3 + (0.0012^2 + 0.0008^2 + 0.0004^2) / 2) in power); the gate takes it more than 30 dB
     * further down between the chords.
     */
    @Test
    void theGateSilencesTheGuitarsHissBetweenChords() throws Exception {
        Mix mix = Session.load(demo.resolve("session.json")).mix();
        double hiss = 10 * Math.log10(0.003 * 0.003 / 3 + (0.0012 * 0.0012 + 0.0008 * 0.0008 + 0.0004 * 0.0004) / 2);

        DemoCommand.Effect gate = DemoCommand.effect(mix, DemoSong.stems(DemoSong.SEED), "guitar",
                DemoSong.guitarGaps(), DemoSong.guitarGaps());

        assertEquals(hiss, gate.before(), 0.3);
        assertTrue(gate.after() < hiss - 30, "after the gate: " + gate.after());
        assertTrue(result.out().contains(String.format(java.util.Locale.ROOT,
                "hiss between chords, %.0f dBFS before, %.0f dBFS after", gate.before(), gate.after())), result.out());
    }

    /** The de-esser turns the 's' sounds down by more than 6 dB and the vowels by less than 1. */
    @Test
    void theDeEsserTamesTheHarmonysSibilantsAndLeavesItsVowels() throws Exception {
        Mix mix = Session.load(demo.resolve("session.json")).mix();

        DemoCommand.Effect d = DemoCommand.effect(mix, DemoSong.stems(DemoSong.SEED), "harmony",
                DemoSong.sibilants(), DemoSong.harmonyVowels());

        assertTrue(d.before() - d.after() > 6, "'s' down by " + (d.before() - d.after()));
        assertTrue(Math.abs(d.beforeOther() - d.afterOther()) < 1, "vowels by " + (d.beforeOther() - d.afterOther()));
    }

    /**
     * Keyed by the drums, the bass dips under every kick: in the 60 ms after each beat it is more than
     * 8 dB quieter than in the second half of the beat, while the dry bass is as loud in both (its notes
     * are eighths, the same in each half). The drums are muted, so the mix is the bass alone; their
     * clips still key it.
     */
    @Test
    void theDrumsDuckTheBass() throws Exception {
        Mix session = Session.load(demo.resolve("session.json")).mix();
        Track drums = session.tracks().get(0).toBuilder().mute(true).build();
        Track bass = session.tracks().get(1);
        Bus verb = session.buses().get(0);
        List<DemoSong.Span> kicks = new ArrayList<>();
        List<DemoSong.Span> between = new ArrayList<>();
        for (int beat = 1; beat < 32; beat++) {
            kicks.add(new DemoSong.Span(beat * 0.5 + 0.005, beat * 0.5 + 0.06));
            between.add(new DemoSong.Span(beat * 0.5 + 0.3, beat * 0.5 + 0.45));
        }
        AudioBuffer dry = read(demo.resolve("stems").resolve("bass.wav"));

        AudioBuffer keyed = render(Mix.builder(48_000).track(drums).track(bass).bus(verb).build());

        assertEquals(DemoSong.rmsDb(dry, between), DemoSong.rmsDb(dry, kicks), 1);
        double ducked = DemoSong.rmsDb(keyed, between) - DemoSong.rmsDb(keyed, kicks);
        assertTrue(ducked > 8, "ducked by " + ducked + " dB");
    }

    @Test
    void isIdenticalOnEveryRun() throws Exception {
        Path again = dir.resolve("again");

        assertEquals(0, run("demo", again.toString()).exitCode());

        for (String name : List.of("session.json", "mix.wav", "mix-report.json", "master.wav")) {
            assertEquals(-1, Files.mismatch(demo.resolve(name), again.resolve(name)), name);
        }
        // the master's report names its file
        assertEquals(Files.readString(demo.resolve("master-report.json")).replace(demo.toString(), "DIR"),
                Files.readString(again.resolve("master-report.json")).replace(again.toString(), "DIR"));
        for (String name : STEMS) {
            Path stem = Path.of("stems", name + ".wav");
            assertEquals(-1, Files.mismatch(demo.resolve(stem), again.resolve(stem)), name);
        }
    }

    @Test
    void fileInPlaceOfTheDirectoryIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("occupied"), "a file, not a directory");

        Result r = run("demo", file.toString());

        assertEquals(2, r.exitCode());
        assertEquals("error: DIR '" + file + "' is a file, not a directory", r.errLines().get(0));
        assertEquals("a file, not a directory", Files.readString(file));
    }

    @Test
    void directoryThatCannotBeCreatedIsAFailure() throws Exception {
        Path file = Files.writeString(dir.resolve("occupied"), "a file, not a directory");
        Path below = file.resolve("demo");

        Result r = run("demo", below.toString());

        assertEquals(1, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("error: " + below + ": "), r.err());
    }

    private static AudioBuffer render(Mix mix) throws Exception {
        BufferSink sink = RenderSink.buffer();
        try (var source = mix.open()) {
            Render.of(source).run(sink);
        }
        return sink.audio();
    }

    private static LoudnessResult measure(Path file) throws Exception {
        AudioBuffer audio = read(file);
        LoudnessMeter meter = new LoudnessMeter(48_000, audio.channels());
        meter.accept(audio);
        return meter.result();
    }
}
