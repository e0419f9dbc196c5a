package io.github.mixwright.cli;

import static io.github.mixwright.cli.CliTestSupport.noise;
import static io.github.mixwright.cli.CliTestSupport.read;
import static io.github.mixwright.cli.CliTestSupport.run;
import static io.github.mixwright.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.cli.CliTestSupport.Result;
import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.SampleEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mix}: a session file renders through the library's Mix, its master too, and errors name the field. */
class MixCommandTest {
    @TempDir
    Path dir;

    @Test
    void rendersTheSessionAndItsMaster() throws Exception {
        Files.createDirectories(dir.resolve("stems"));
        AudioBuffer a = noise(1, 48_000, 0.3, 1);
        AudioBuffer b = noise(2, 24_000, 0.3, 2);
        write(dir.resolve("stems/a.wav"), a, SampleEncoding.FLOAT32);
        write(dir.resolve("stems/b.wav"), b, SampleEncoding.FLOAT32);
        Path session = dir.resolve("song.json");
        Files.writeString(session, "{\"sampleRate\": 48000, \"tracks\": ["
                + "{\"name\": \"a\", \"clips\": [{\"file\": \"stems/a.wav\"}], \"volumeDb\": -6, \"pan\": -1},"
                + "{\"name\": \"b\", \"clips\": [{\"file\": \"stems/b.wav\", \"start\": 0.5}], \"volumeDb\": 0}],"
                + " \"master\": {\"target\": {\"lufs\": -20, \"ceilingDbtp\": -1}}}");
        Path out = dir.resolve("mix.wav");
        Path master = dir.resolve("master.wav");

        Path report = dir.resolve("mix.json");
        Result r = run("mix", session.toString(), out.toString(), "--master-out", master.toString(),
                "--report", report.toString(), "--plots", dir.resolve("plots").toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("mix: " + out) && r.out().contains("-20.00 LUFS"), r.out());
        AudioBuffer mix = read(out);
        assertEquals(48_000, mix.frames());
        // a hard left at -6 dB; b (stereo, centred) from frame 24000, at unity
        double g = Math.pow(10, -6 / 20.0);
        assertEquals((float) (g * a.get(0, 100)), mix.get(0, 100), 1e-6);
        assertEquals(0, mix.get(1, 100), 1e-7);
        assertEquals((float) (g * a.get(0, 30_000)) + b.get(0, 6000), mix.get(0, 30_000), 1e-6);
        assertEquals(b.get(1, 6000), mix.get(1, 30_000), 1e-6);
        assertTrue(Files.exists(master));
        assertTrue(Files.exists(dir.resolve("plots/mix-masking.png")) && Files.exists(dir.resolve("plots/mix-spectra.png"))
                && Files.exists(dir.resolve("plots/mix-loudness.png")));
        String json = Files.readString(report);
        assertTrue(json.contains("\"name\" : \"a\"") && json.contains("\"masking\"") && json.contains("\"bandsDb\""), json);
    }

    @Test
    void aBadSessionNamesTheFieldAndWritesNothing() throws Exception {
        Path session = dir.resolve("bad.json");
        Files.writeString(session, "{\"sampleRate\": 48000, \"tracks\": [{\"name\": \"a\", "
                + "\"inserts\": [\"compressor ratio=0.5\"]}]}");
        Path out = dir.resolve("mix.wav");
        Result r = run("mix", session.toString(), out.toString());
        assertEquals(3, r.exitCode());
        assertTrue(r.err().contains("tracks[0].inserts[0]") && r.err().contains("ratio 0.5 is out of range [1, 1000]"),
                r.err());
        assertFalse(Files.exists(out));

        Files.writeString(session, "{\"sampleRate\": 48000, \"tracks\": [{\"name\": \"gtr\", "
                + "\"clips\": [{\"file\": \"gone.wav\"}]}]}");
        Result missing = run("mix", session.toString(), out.toString());
        assertEquals(3, missing.exitCode());
        assertTrue(missing.err().contains("gone.wav") && missing.err().contains("tracks[0].clips[0]"), missing.err());
        assertFalse(Files.exists(out));

        Result noTarget = run("mix", session.toString(), out.toString(), "--master-out", dir.resolve("m.wav").toString());
        assertEquals(2, noTarget.exitCode());
        assertTrue(noTarget.err().contains("no master.target"), noTarget.err());
    }
}
