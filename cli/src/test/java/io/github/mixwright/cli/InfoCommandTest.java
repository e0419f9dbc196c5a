package io.github.mixwright.cli;

import static io.github.mixwright.cli.CliTestSupport.noise;
import static io.github.mixwright.cli.CliTestSupport.run;
import static io.github.mixwright.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.cli.CliTestSupport.Result;
import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.Dither;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code info}: the facts of files written by {@code WavWriter}, as JSON and as text, and bad inputs. */
class InfoCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SampleEncoding.class)
    void jsonHasExactlyTheDocumentedKeysAndTheFileFacts(SampleEncoding encoding) throws Exception {
        Path file = write(dir.resolve("a.wav"), noise(3, 22_050, 0.5, 1),
                WavFormat.of(44_100, 3, encoding), WriteOptions.defaults().withDither(Dither.NONE));

        Result r = run("info", file.toString(), "--json");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        Map<String, Object> json = MiniJson.object(r.out());
        assertEquals(List.of("sampleRate", "channels", "frames", "durationSeconds", "encoding", "container"),
                List.copyOf(json.keySet()));
        assertEquals(44_100L, json.get("sampleRate"));
        assertEquals(3L, json.get("channels"));
        assertEquals(22_050L, json.get("frames"));
        assertEquals(0.5, json.get("durationSeconds"));
        assertEquals(encoding.id(), json.get("encoding"));
        assertEquals("wav", json.get("container"));
    }

    @Test
    void reportsRf64Container() throws Exception {
        Path file = write(dir.resolve("big.wav"), noise(2, 1000, 0.5, 2), WavFormat.of(48_000, 2, SampleEncoding.PCM24),
                WriteOptions.defaults().withForceRf64(true));

        Map<String, Object> json = MiniJson.object(run("info", "--json", file.toString()).out());

        assertEquals("rf64", json.get("container"));
        assertEquals(1000L, json.get("frames"));
    }

    @Test
    void humanFormShowsTheSameFacts() throws Exception {
        Path file = write(dir.resolve("song.wav"), AudioBuffer.allocate(2, 48_000 * 75 + 24), SampleEncoding.PCM24);

        Result r = run("info", file.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(String.join("\n",
                file.toString(),
                "  container    wav",
                "  encoding     pcm24 (24-bit integer)",
                "  sample rate  48000 Hz",
                "  channels     2",
                "  frames       3600024",
                "  duration     75.001 s (1:15.001)",
                ""), r.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void durationShowsHoursWhenThereAreAny() {
        assertEquals("3723.500 s (1:02:03.500)", InfoCommand.duration(3723.5));
        assertEquals("0.000 s (0:00.000)", InfoCommand.duration(0));
    }

    @Test
    void missingFileIsExitCode3WithOneLine() {
        Path missing = dir.resolve("missing.wav");

        Result r = run("info", missing.toString());

        assertEquals(3, r.exitCode());
        assertEquals("", r.out());
        assertEquals(List.of("error: " + missing + ": no such file"), r.errLines());
    }

    @Test
    void invalidFileIsExitCode3NamingTheFileAndProblem() throws Exception {
        Path bad = Files.writeString(dir.resolve("notes.wav"), "these are not audio samples, just text\n");

        Result r = run("info", bad.toString());

        assertEquals(3, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("error: " + bad + ": "), r.err());
        assertTrue(r.errLines().get(0).length() > ("error: " + bad + ": ").length(), r.err());
    }

    @Test
    void directoryIsExitCode3() {
        Result r = run("info", dir.toString());

        assertEquals(3, r.exitCode());
        assertEquals(List.of("error: " + dir + ": is a directory"), r.errLines());
    }

    @Test
    void debugAddsTheStackTrace() {
        Path missing = dir.resolve("missing.wav");

        Result r = run("--debug", "info", missing.toString());
        Result sub = run("info", "--debug", missing.toString());

        assertEquals(3, r.exitCode());
        assertTrue(r.err().contains("NoSuchFileException"), r.err());
        assertTrue(r.err().contains("\tat "), r.err());
        assertTrue(r.err().contains("error: " + missing + ": no such file"), r.err());
        assertEquals(3, sub.exitCode());
        assertTrue(sub.err().contains("\tat "), sub.err());
    }

    @Test
    void missingFileParameterIsAUsageError() {
        Result r = run("info");

        assertEquals(2, r.exitCode());
        assertEquals("error: Missing required parameter: 'FILE'", r.errLines().get(0));
    }
}
