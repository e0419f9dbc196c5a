package io.github.mixwright.cli;

import static io.github.mixwright.cli.CliTestSupport.list;
import static io.github.mixwright.cli.CliTestSupport.read;
import static io.github.mixwright.cli.CliTestSupport.run;
import static io.github.mixwright.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.cli.CliTestSupport.Result;
import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.loudness.LoudnessMeter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mixwright master}: files on target, the report, several platforms, and one-line errors with nothing written. */
class MasterCommandTest {
    @TempDir
    Path dir;

    /** Five seconds of noise bursts at about -30 LUFS: it needs gain and some limiting. */
    private Path mix() throws IOException {
        AudioBuffer x = CliTestSupport.noise(2, 5 * 48_000, 0.05, 17);
        for (int i = 0; i < x.frames(); i++) {
            float env = (i / 4800) % 4 == 0 ? 4f : 1f;
            x.set(0, i, x.get(0, i) * env);
            x.set(1, i, x.get(1, i) * env);
        }
        return write(dir.resolve("mix.wav"), x, SampleEncoding.PCM24);
    }

    private static double lufs(Path file) throws IOException {
        AudioBuffer a = read(file);
        LoudnessMeter m = new LoudnessMeter(48_000, a.channels());
        m.accept(a);
        assertTrue(m.truePeakDbtp() <= -1, file + " true peak " + m.truePeakDbtp());
        return m.integratedLufs();
    }

    @Test
    void mastersToThePresetAndWritesTheReport() throws IOException {
        Path mix = mix();
        Path pictures = Files.createDirectory(dir.resolve("pictures"));
        Result r = run("master", mix.toString(), dir.resolve("m.wav").toString(), "--preset", "apple-music",
                "--encoding", "pcm16", "--report", dir.resolve("m.json").toString(), "--plots", pictures.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("m-limiter.png", "m-loudness.png", "m-spectrum.png", "m-stereo.png"), list(pictures));
        assertEquals(-16, lufs(dir.resolve("m.wav")), 0.05);
        assertEquals(SampleEncoding.PCM16, CliTestSupport.encodingOf(dir.resolve("m.wav")));
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) MiniJson.parse(Files.readString(dir.resolve("m.json")));
        for (String key : List.of("input", "output", "gainDb", "limiter", "passes", "targetReached", "warnings",
                "platforms")) {
            assertTrue(report.containsKey(key), key);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) report.get("output");
        assertEquals(lufs(dir.resolve("m.wav")), ((Number) out.get("integratedLufs")).doubleValue(), 1e-9);
        assertTrue(r.out().startsWith("apple-music: " + dir.resolve("m.wav")), r.out());
        assertTrue(r.out().contains("spotify plays it 2.0 dB louder"), r.out());
    }

    @Test
    void mastersOneFilePerPlatform() throws IOException {
        Path mix = mix();
        Path masters = Files.createDirectory(dir.resolve("masters"));
        Result r = run("master", mix.toString(), "--platforms", "spotify,apple-music,youtube", "--out-dir",
                masters.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("mix-apple-music.wav", "mix-spotify.wav", "mix-youtube.wav"), list(masters));
        assertEquals(-14, lufs(masters.resolve("mix-spotify.wav")), 0.05);
        assertEquals(-16, lufs(masters.resolve("mix-apple-music.wav")), 0.05);
        assertEquals(-14, lufs(masters.resolve("mix-youtube.wav")), 0.05);
    }

    @Test
    void mastersADirectoryAsOneAlbum() throws IOException {
        Path tracks = Files.createDirectory(dir.resolve("tracks"));
        AudioBuffer a = CliTestSupport.noise(2, 4 * 48_000, 0.02, 1);
        AudioBuffer b = CliTestSupport.noise(2, 3 * 48_000, 0.06, 2);
        write(tracks.resolve("01 intro.wav"), a, SampleEncoding.PCM24);
        write(tracks.resolve("02 song.wav"), b, SampleEncoding.PCM24);
        Path masters = Files.createDirectory(dir.resolve("masters"));
        Result r = run("master", "--album", tracks.toString(), "--out-dir", masters.toString(), "--preset", "tidal",
                "--report", dir.resolve("album.json").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("01 intro.wav", "02 song.wav"), list(masters));
        AudioBuffer x = read(masters.resolve("01 intro.wav"));
        AudioBuffer y = read(masters.resolve("02 song.wav"));
        LoudnessMeter mx = new LoudnessMeter(48_000, 2);
        mx.accept(x);
        LoudnessMeter my = new LoudnessMeter(48_000, 2);
        my.accept(y);
        assertEquals(-14, LoudnessMeter.album(List.of(mx, my)).integratedLufs(), 0.05);
        // noise 0.06 against 0.02: 9.54 dB apart before, and after
        assertEquals(20 * Math.log10(3), my.integratedLufs() - mx.integratedLufs(), 0.1);
        assertTrue(r.out().startsWith("album: 2 tracks, -14.00 LUFS"), r.out());
        assertTrue(Files.readString(dir.resolve("album.json")).contains("\"tracks\""));
    }

    @Test
    void aTargetOutOfReachIsAWarningOrUnderStrictExitCode4() throws IOException {
        Path mix = mix();
        Result loose = run("master", mix.toString(), dir.resolve("loud.wav").toString(), "--target", "-6",
                "--max-limiting", "3");
        assertEquals(0, loose.exitCode(), loose.err());
        assertTrue(loose.err().startsWith("warning: custom: target not reached: "), loose.err());
        Files.delete(dir.resolve("loud.wav"));
        Result strict = run("master", mix.toString(), dir.resolve("loud.wav").toString(), "--target", "-6",
                "--max-limiting", "3", "--strict");
        assertEquals(4, strict.exitCode(), strict.err());
        assertTrue(strict.err().startsWith("error: " + mix + ": custom: target not reached: "), strict.err());
        assertEquals(1, strict.err().lines().count());
        assertEquals(List.of("mix.wav"), list(dir));
    }

    @Test
    void mistakesAreOneLineUsageOrInputErrorsAndWriteNothing() throws IOException {
        Path mix = mix();
        String out = dir.resolve("out.wav").toString();
        String[][] usage = {
                {"master", mix.toString(), out, "--preset", "spotfy"},
                {"master", mix.toString(), out, "--preset", "spotify", "--target", "-10"},
                {"master", mix.toString(), out, "--target", "3"},
                {"master", mix.toString(), out, "--ceiling", "-30"},
                {"master", mix.toString(), out, "--max-limiting", "-1"},
                {"master", mix.toString()},
                {"master", mix.toString(), out, "--platforms", "spotify", "--out-dir", dir.toString()},
                {"master", mix.toString(), "--platforms", "spotify"},
                {"master", mix.toString(), out, "--chain", "compressor ratio=0.5"},
                {"master", mix.toString(), mix.toString()},
                {"master", mix.toString(), out, "--plots", dir.resolve("none").toString()},
        };
        String[] messages = {
                "error: unknown preset 'spotfy'; the presets are spotify, apple-music, youtube, amazon-music, tidal, "
                        + "deezer, soundcloud, ebu-r128, atsc-a85, podcast",
                "error: --preset sets the target and the ceiling: give either --preset or --target/--ceiling",
                "error: --target 3 is out of range [-70, 0]",
                "error: --ceiling -30 is out of range [-20, 0]",
                "error: --max-limiting -1 is out of range [0, 30]",
                "error: missing OUT: give the file to write, or --platforms with --out-dir",
                "error: OUT cannot be given with --platforms: the masters go to --out-dir",
                "error: --platforms needs --out-dir DIR, where the masters go",
                "error: --chain: stage 1 (compressor): ratio 0.5 is out of range [1, 1000]",
                null,
                "error: --plots '" + dir.resolve("none") + "' is not a directory",
        };
        for (int i = 0; i < usage.length; i++) {
            Result r = run(usage[i]);
            assertEquals(2, r.exitCode(), String.join(" ", usage[i]) + ": " + r.err());
            if (messages[i] != null) {
                assertEquals(messages[i], r.err().lines().findFirst().get(), String.join(" ", usage[i]));
            }
        }
        Result missing = run("master", dir.resolve("nope.wav").toString(), out);
        assertEquals(3, missing.exitCode());
        assertEquals("error: " + dir.resolve("nope.wav") + ": no such file\n", missing.err());
        write(dir.resolve("silent.wav"), AudioBuffer.allocate(2, 48_000), SampleEncoding.PCM16);
        Result silent = run("master", dir.resolve("silent.wav").toString(), out);
        assertEquals(3, silent.exitCode());
        assertTrue(silent.err().contains("the input is silent"), silent.err());
        assertEquals(List.of("mix.wav", "silent.wav"), list(dir));
    }
}
