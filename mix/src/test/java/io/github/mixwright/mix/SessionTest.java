package io.github.mixwright.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Automation;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavWriter;
import io.github.mixwright.io.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
    /** The minimal session, as written there. */
    static final String EXAMPLE = "{\n"
            + "  \"sampleRate\": 48000,\n"
            + "  \"tracks\": [\n"
            + "    {\"name\": \"kick\", \"clips\": [{\"file\": \"kick.wav\", \"start\": 0.0}], \"volumeDb\": -3, \"pan\": 0,\n"
            + "     \"inserts\": [\"highpass freq=30\", \"compressor threshold=-18 ratio=4\"]},\n"
            + "    {\"name\": \"bass\", \"clips\": [{\"file\": \"bass.wav\", \"start\": 0.0, \"fadeIn\": 0.01, \"fadeOut\": 2.0}],\n"
            + "     \"volumeDb\": -6, \"pan\": -0.1, \"inserts\": [\"compressor threshold=-24 ratio=3\"],\n"
            + "     \"sidechain\": {\"processor\": 0, \"key\": \"kick\"}},\n"
            + "    {\"name\": \"vocal\", \"clips\": [{\"file\": \"vocal.wav\", \"start\": 4.0}], \"pan\": 0.2,\n"
            + "     \"automation\": {\"volumeDb\": [[0, -60], [4, 0, \"s-curve\"], [30, 0], [32, -60, \"linear\"]]},\n"
            + "     \"sends\": [{\"bus\": \"verb\", \"levelDb\": -12, \"pre\": false}]}\n"
            + "  ],\n"
            + "  \"buses\": [{\"name\": \"verb\", \"inserts\": [\"reverb rt60=1.8 mix=1\"]}],\n"
            + "  \"master\": {\"inserts\": [\"compressor threshold=-12 ratio=2\"], \"target\": \"spotify\"}\n"
            + "}\n";

    @Test
    void theMinimalFormSaysWhatTheBuilderSays(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("song.json");
        Files.writeString(file, EXAMPLE);
        Session s = Session.load(file);
        Mix m = s.mix();
        assertEquals(48_000, m.sampleRate());
        assertEquals(Preset.SPOTIFY.target(), s.target());
        assertEquals(Preset.SPOTIFY, s.preset());
        Mix expected = Mix.builder(48_000)
                .track(Track.builder("kick").clip(Clip.of(dir.resolve("kick.wav"), 0)).volumeDb(-3)
                        .inserts("highpass freq=30 | compressor threshold=-18 ratio=4").build())
                .track(Track.builder("bass").clip(Clip.of(dir.resolve("bass.wav"), 0).fadeIn(0.01).fadeOut(2))
                        .volumeDb(-6).pan(-0.1).inserts("compressor threshold=-24 ratio=3").sideChain(0, "kick").build())
                .track(Track.builder("vocal").clip(Clip.of(dir.resolve("vocal.wav"), 4)).pan(0.2)
                        .volumeAutomation(Automation.builder(0, -60).sCurveTo(4, 0).linearTo(30, 0).linearTo(32, -60).build())
                        .send(Send.of("verb", -12)).build())
                .bus(Bus.of("verb", "reverb rt60=1.8 mix=1"))
                .master("compressor threshold=-12 ratio=2")
                .build();
        assertEquals(expected, m);
        assertEquals(Session.of(expected, Preset.SPOTIFY), s);
    }

    @Test
    void loadSaveLoadGivesAnEqualSession() {
        qt().withFixedSeed(77L).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            Path dir = Path.of("/sessions/song").toAbsolutePath();
            Session s = generate(new SplittableRandom(seed), dir);
            try {
                Session again = Session.parse(s.toJson(dir), dir);
                assertEquals(s, again, s.toJson(dir));
                assertEquals(s.toJson(dir), again.toJson(dir));
                Session absolute = Session.parse(s.toJson(null), null);
                assertEquals(s, absolute);
            } catch (SessionException e) {
                throw new AssertionError(e.getMessage() + "\n" + s.toJson(dir), e);
            }
        });
    }

    /** A random session: every field, some left at their defaults. */
    static Session generate(SplittableRandom g, Path dir) {
        String[] chains = {"", "highpass freq=80", "compressor threshold=-20 ratio=3 | peak freq=2000 gain=-3 q=2",
                "gate threshold=-50", "deesser", "saturator type=tape drive=6 | delay time=120 feedback=0.3 mix=0.2",
                "convolver ir=\"irs/Big Hall.wav\" mix=0.4"};
        Automation.Shape[] shapes = Automation.Shape.values();
        FadeShape[] fades = FadeShape.values();
        Mix.Builder m = Mix.builder(g.nextBoolean() ? 48_000 : 44_100);
        if (g.nextInt(4) == 0) {
            m.panLaw(io.github.mixwright.core.PanLaw.values()[g.nextInt(4)]);
        }
        if (g.nextInt(4) == 0) {
            m.lengthSeconds(1 + g.nextInt(300) / 3.0);
        }
        int buses = g.nextInt(3);
        for (int j = 0; j < buses; j++) {
            Bus b = Bus.of("bus" + j).withVolumeDb(-g.nextInt(12)).withPan(g.nextInt(5) / 4.0 - 0.5)
                    .withMute(g.nextInt(5) == 0);
            String chain = chains[g.nextInt(chains.length)];
            if (!chain.isEmpty()) {
                b = b.withInserts(io.github.mixwright.core.ChainSpec.parse(chain,
                        io.github.mixwright.core.ProcessorRegistry.load()).stages().isEmpty() ? b.inserts()
                        : resolved(chain, dir));
            }
            if (j > 0 && g.nextBoolean()) {
                b = b.withInserts(resolved("compressor threshold=-30", dir)).withSideChain(new SideChain(0, "bus0"));
            }
            m.bus(b);
        }
        int tracks = 1 + g.nextInt(5);
        for (int i = 0; i < tracks; i++) {
            Track.Builder t = Track.builder(i == 0 ? "kick drum" : "t" + i).volumeDb(g.nextInt(25) - 18)
                    .pan(g.nextInt(9) / 4.0 - 1).mute(g.nextInt(6) == 0).solo(g.nextInt(6) == 0).invert(g.nextInt(6) == 0);
            int clips = g.nextInt(4);
            for (int c = 0; c < clips; c++) {
                Clip clip = Clip.of(dir.resolve(g.nextBoolean() ? "stems/t" + i + ".wav" : "t" + i + "-" + c + ".wav"), g.nextInt(400) / 8.0);
                if (g.nextBoolean()) {
                    clip = clip.from(g.nextInt(100) / 16.0);
                }
                if (g.nextBoolean()) {
                    clip = clip.length(0.5 + g.nextInt(100) / 4.0);
                }
                if (g.nextBoolean()) {
                    clip = clip.gainDb(g.nextInt(13) - 6.5);
                }
                if (g.nextBoolean()) {
                    clip = clip.fadeIn(new Fade(g.nextInt(40) / 8.0, fades[g.nextInt(fades.length)]));
                }
                if (g.nextBoolean()) {
                    clip = clip.fadeOut(new Fade(g.nextInt(40) / 8.0, fades[g.nextInt(fades.length)]));
                }
                t.clip(clip);
            }
            String chain = chains[g.nextInt(chains.length)];
            if (!chain.isEmpty()) {
                t.inserts(resolved(chain, dir));
            }
            if (i > 0 && g.nextInt(3) == 0) {
                t.inserts(resolved("compressor threshold=-24 ratio=4 | highpass freq=40", dir)).sideChain(0, "kick drum");
            }
            if (g.nextBoolean()) {
                Automation.Builder a = Automation.builder(0, -60);
                double at = 0;
                for (int k = 0; k < 1 + g.nextInt(4); k++) {
                    at += 0.25 + g.nextInt(16);
                    a.to(shapes[g.nextInt(shapes.length)] == Automation.Shape.EXPONENTIAL ? Automation.Shape.LINEAR
                            : shapes[g.nextInt(shapes.length)], at, -g.nextInt(40));
                }
                t.volumeAutomation(a.build());
            }
            if (g.nextInt(3) == 0) {
                t.panAutomation(Automation.builder(0, -1).sCurveTo(8, 1).build());
            }
            for (int j = 0; j < buses; j++) {
                if (g.nextBoolean()) {
                    Send s = new Send("bus" + j, -g.nextInt(30), g.nextBoolean(), null);
                    t.send(g.nextInt(4) == 0 ? s.automated(Automation.builder(0, -20).linearTo(10, -6).build()) : s);
                }
            }
            m.track(t.build());
        }
        Mix mix = m.build();
        int target = g.nextInt(3);
        return target == 0 ? Session.of(mix) : target == 1 ? Session.of(mix, Preset.APPLE_MUSIC)
                : Session.of(mix, new MasterTarget(-11.5, -0.5));
    }

    private static io.github.mixwright.core.ChainSpec resolved(String chain, Path dir) {
        var stages = io.github.mixwright.core.ChainSpec.parse(chain, io.github.mixwright.core.ProcessorRegistry.load())
                .stages().stream().map(s -> s.resolvePaths(dir)).toList();
        return io.github.mixwright.core.ChainSpec.of(stages);
    }

    @Test
    void errorsNameTheFieldByItsPath(@TempDir Path dir) throws IOException {
        String bad = EXAMPLE.replace("\"compressor threshold=-24 ratio=3\"", "\"compressor threshold=-24 ratio=0.5\"");
        Path file = dir.resolve("bad.json");
        Files.writeString(file, bad);
        SessionException e = assertThrows(SessionException.class, () -> Session.load(file));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("tracks[1].inserts[0]: ")
                && e.getMessage().contains("ratio 0.5 is out of range [1, 1000]"), e.getMessage());

        assertMessage("{\"sampleRate\": 48000, \"tracks\": [{\"name\": \"a\", \"clips\": [{\"file\": 3}]}]}",
                "tracks[0].clips[0].file: 3 is not a string");
        assertMessage("{\"sampleRate\": 48000, \"tracks\": [{\"name\": \"a\", \"pann\": 0}]}",
                "tracks[0].pann: unknown field");
        assertMessage("{\"sampleRate\": 48000, \"tracks\": [{\"name\": \"a\", \"pan\": 2}]}",
                "tracks[0].pan: track 'a': pan 2.0 is out of range [-1, 1]");
        assertMessage("{\"sampleRate\": 48000, \"tracks\": [{\"name\": \"a\", \"automation\": {\"volumeDb\": [[0, 1], [2, 3, \"wobbly\"]]}}]}",
                "tracks[0].automation.volumeDb[1]: shape 'wobbly'");
        assertMessage("{\"sampleRate\": 48000, \"tracks\": [{\"name\": \"a\", \"clips\": [{\"file\": \"x.wav\", \"fadeIn\": -1}]}]}",
                "tracks[0].clips[0].fadeIn: fade length -1.0 s is out of range");
        assertMessage("{\"sampleRate\": 48000, \"tracks\": [], \"master\": {\"target\": \"sptify\"}}",
                "master.target: unknown preset 'sptify'");
        assertMessage("{\"sampleRate\": 48000, \"tracks\": [{\"name\": \"a\", \"sends\": [{\"bus\": \"verb\"}]}]}",
                "sends to 'verb', which is not a bus");
        assertMessage("{\"sampleRate\": 48000, \"tracks\": [}", "not valid JSON");
        assertMessage("{\"tracks\": []}", "sampleRate: missing");
    }

    private static void assertMessage(String json, String part) {
        SessionException e = assertThrows(SessionException.class, () -> Session.parse(json, null));
        assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' does not say '" + part + "'");
    }

    @Test
    void relativePathsResolveAgainstTheSessionAndAMissingFileIsNamed(@TempDir Path dir) throws IOException {
        Path stems = Files.createDirectories(dir.resolve("stems"));
        AudioBuffer tone = AudioBuffer.allocate(1, 4800);
        for (int i = 0; i < 4800; i++) {
            tone.set(0, i, (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 48_000.0)));
        }
        try (WavWriter w = WavWriter.create(stems.resolve("tone.wav"), WavFormat.of(48_000, 1, SampleEncoding.FLOAT32),
                WriteOptions.defaults())) {
            w.write(tone);
            w.commit();
        }
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"sampleRate\": 48000, \"tracks\": [{\"name\": \"t\", \"clips\": [{\"file\": \"stems/tone.wav\"}]}]}");
        Session s = Session.load(file);
        assertNull(s.target());
        assertNull(s.preset());
        assertEquals(stems.resolve("tone.wav").toAbsolutePath(), s.mix().tracks().get(0).clips().get(0).source().path());
        AudioBuffer out = MixTest.render(s.mix());
        assertEquals(4800, out.frames());
        assertEquals(tone.get(0, 100) * Math.cos(Math.PI / 4), out.get(0, 100), 1e-6);
        s.save(dir.resolve("again.json"));
        assertTrue(Files.readString(dir.resolve("again.json")).contains("\"file\": \"stems/tone.wav\""));
        assertEquals(s, Session.load(dir.resolve("again.json")));

        Files.writeString(file, "{\"sampleRate\": 48000, \"tracks\": [{\"name\": \"gtr\", \"clips\": [{\"file\": \"stems/gone.wav\"}]}]}");
        IOException e = assertThrows(IOException.class, () -> Session.load(file).mix().open());
        assertTrue(e.getMessage().contains("gone.wav") && e.getMessage().contains("tracks[0].clips[0]"), e.getMessage());
    }
}
