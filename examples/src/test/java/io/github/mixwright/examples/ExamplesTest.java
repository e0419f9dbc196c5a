package io.github.mixwright.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavWriter;
import io.github.mixwright.io.WriteOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mastering examples run and do what they say, on generated tracks. */
class ExamplesTest {
    @TempDir
    Path dir;

    private static Path track(Path file, double amplitude, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        AudioBuffer b = AudioBuffer.allocate(2, 48_000 * 3);
        for (int i = 0; i < b.frames(); i++) {
            double bass = Math.sin(2 * Math.PI * 80 * i / 48_000.0);
            b.set(0, i, (float) (amplitude * (0.6 * bass + 0.4 * r.nextDouble(-1, 1))));
            b.set(1, i, (float) (amplitude * (0.6 * bass + 0.4 * r.nextDouble(-1, 1))));
        }
        try (WavWriter w = WavWriter.create(file, WavFormat.of(48_000, 2, SampleEncoding.PCM24), WriteOptions.defaults())) {
            w.write(b);
            w.commit();
        }
        return file;
    }

    private static String run(ThrowingMain main) throws IOException {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private interface ThrowingMain {
        void run() throws IOException;
    }

    @Test
    void mastersForTwoPlatformsAndPrintsTheirPlayback() throws IOException {
        Path mix = track(dir.resolve("mix.wav"), 0.1, 1);
        String out = run(() -> MasterForPlatforms.main(new String[] {mix.toString(), dir.resolve("m").toString()}));
        assertTrue(out.contains("spotify -> ") && out.contains("apple-music -> "), out);
        assertTrue(out.contains("-14.00 LUFS") && out.contains("-16.00 LUFS"), out);
        assertTrue(Files.exists(dir.resolve("m/mix-spotify.wav")) && Files.exists(dir.resolve("m/mix-apple-music.json")));
        assertTrue(Files.exists(dir.resolve("m/mix-spotify-loudness.png")));
    }

    @Test
    void mastersAnAlbumWithOneGain() throws IOException {
        Path tracks = Files.createDirectory(dir.resolve("tracks"));
        track(tracks.resolve("1.wav"), 0.05, 2);
        track(tracks.resolve("2.wav"), 0.1, 3);
        String out = run(() -> MasterAlbum.main(new String[] {tracks.toString(), dir.resolve("a").toString()}));
        assertTrue(out.startsWith("album: -14.0"), out);
        assertEquals(2, Files.list(dir.resolve("a")).count());
    }

    @Test
    void printsTheComplianceTable() throws IOException {
        Path file = track(dir.resolve("x.wav"), 0.1, 4);
        String out = run(() -> ComplianceTable.main(new String[] {file.toString()}));
        assertTrue(out.contains("spotify") && out.contains("official: https://support.spotify.com"), out);
        assertEquals(10, out.lines().filter(l -> l.matches("^[a-z0-9-]+ +-\\d+ +-\\d+ +(yes|no) .*")).count(), out);
    }
}
