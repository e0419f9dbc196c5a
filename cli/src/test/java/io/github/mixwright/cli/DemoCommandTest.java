package io.github.mixwright.cli;

import static io.github.mixwright.cli.CliTestSupport.list;
import static io.github.mixwright.cli.CliTestSupport.read;
import static io.github.mixwright.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.cli.CliTestSupport.Result;
import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo}: the promised files, with music in them, never clipping, identical on every run. */
class DemoCommandTest {
    private static final List<String> FILES = List.of("bass.wav", "hats.wav", "kick.wav", "lead.wav", "mix.wav",
            "pad.wav");

    @TempDir
    Path dir;

    @Test
    void writesEveryStemAndTheMixAs48kHz24BitStereoWithSound() throws Exception {
        Path out = dir.resolve("new").resolve("demo");

        Result r = run("demo", out.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        assertEquals(FILES, list(out));
        for (String name : FILES) {
            Path file = out.resolve(name);
            try (WavReader reader = WavReader.open(file)) {
                assertEquals(48_000, reader.format().sampleRate());
                assertEquals(2, reader.channels());
                assertEquals(SampleEncoding.PCM24, reader.format().encoding());
                assertEquals(DemoSong.FRAMES, reader.frames());
            }
            double peak = DemoSong.peakDb(read(file));
            assertTrue(peak > -30 && peak < -0.5, name + " peaks at " + peak + " dBFS");
            assertTrue(r.out().contains("wrote " + name), r.out());
        }
    }

    @Test
    void tracksAreProcessedAsDescribed() {
        DemoSong.Song song = DemoSong.render(ProcessorRegistry.load(), DemoSong.SEED);
        AudioBuffer hats = stem(song, "hats");
        AudioBuffer pad = stem(song, "pad");
        AudioBuffer kick = stem(song, "kick");

        assertTrue(rms(hats, 1, 0, DemoSong.FRAMES) > 1.5 * rms(hats, 0, 0, DemoSong.FRAMES), "hats panned right");
        assertTrue(rms(pad, 0, 0, 24_000) < 0.05 * rms(pad, 0, 4 * 48_000, 24_000), "pad fades in");
        assertTrue(rms(side(pad), 0, 0, DemoSong.FRAMES) > 0.3 * rms(pad, 0, 0, DemoSong.FRAMES), "pad is wide");
        // Flipped back, the kick's body and click start in the same direction: the first beat's
        // first millisecond rises instead of being cancelled.
        assertTrue(kick.get(0, 48) > 0, "kick layers in phase");
        AudioBuffer mix = song.mix();
        int tail = DemoSong.FRAMES - 4800;
        assertTrue(rms(mix, 0, tail, 4800) < 0.01 * rms(mix, 0, 0, DemoSong.FRAMES), "mix fades out");
    }

    @Test
    void isIdenticalOnEveryRun() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");

        assertEquals(0, run("demo", a.toString()).exitCode());
        assertEquals(0, run("demo", b.toString()).exitCode());

        for (String name : FILES) {
            assertEquals(-1, Files.mismatch(a.resolve(name), b.resolve(name)), name);
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

    private static AudioBuffer stem(DemoSong.Song song, String name) {
        return song.stems().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().audio();
    }

    private static AudioBuffer side(AudioBuffer stereo) {
        AudioBuffer s = AudioBuffer.allocate(1, stereo.frames());
        for (int i = 0; i < stereo.frames(); i++) {
            s.set(0, i, (stereo.get(0, i) - stereo.get(1, i)) / 2);
        }
        return s;
    }

    private static double rms(AudioBuffer b, int channel, int start, int frames) {
        double sum = 0;
        for (int i = start; i < start + frames; i++) {
            sum += (double) b.get(channel, i) * b.get(channel, i);
        }
        return Math.sqrt(sum / frames);
    }
}
