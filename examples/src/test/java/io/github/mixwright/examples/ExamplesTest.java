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

    /** Three stems of 4 s: a kick every half second, a bass line at 55 and 82 Hz, a vowel-like buzz. */
    private Path[] stems() throws IOException {
        int rate = 48_000;
        int n = 4 * rate;
        AudioBuffer kick = AudioBuffer.allocate(1, n);
        AudioBuffer bass = AudioBuffer.allocate(1, n);
        AudioBuffer vocal = AudioBuffer.allocate(1, n);
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double k = t % 0.5;
            kick.set(0, i, (float) (0.8 * Math.exp(-k * 30) * Math.sin(2 * Math.PI * 60 * k)));
            double f = (int) (t / 1) % 2 == 0 ? 55 : 82;
            bass.set(0, i, (float) (0.4 * Math.sin(2 * Math.PI * f * t)));
            double buzz = 0;
            for (int h = 1; h <= 12; h++) {
                double hz = 220 * h;
                buzz += Math.sin(2 * Math.PI * hz * t) / h * Math.exp(-Math.pow((hz - 700) / 400, 2));
            }
            vocal.set(0, i, (float) (0.3 * buzz + 0.01 * r.nextDouble(-1, 1)));
        }
        Path[] files = {dir.resolve("kick.wav"), dir.resolve("bass.wav"), dir.resolve("vocal.wav")};
        AudioBuffer[] audio = {kick, bass, vocal};
        for (int s = 0; s < 3; s++) {
            try (WavWriter w = WavWriter.create(files[s], WavFormat.of(rate, 1, SampleEncoding.PCM24),
                    WriteOptions.defaults())) {
                w.write(audio[s]);
                w.commit();
            }
        }
        return files;
    }

    @Test
    void mixesThreeStemsAndMastersTheMix() throws IOException {
        Path[] s = stems();
        String out = run(() -> MixThreeStems.main(new String[] {s[0].toString(), s[1].toString(), s[2].toString(),
                dir.resolve("mixed").toString()}));
        assertTrue(out.contains("  kick ") && out.contains("  bass ") && out.contains("  vocal "), out);
        // the kick and the bass share the lowest octaves, and the report says so
        assertTrue(out.contains("masking: kick and bass both dominate") || out.contains("masking: bass and kick both dominate"), out);
        assertTrue(out.contains("-14.00 LUFS"), out);
        assertTrue(Files.exists(dir.resolve("mixed/mix.wav")) && Files.exists(dir.resolve("mixed/master.wav"))
                && Files.exists(dir.resolve("mixed/mix-report.json")));
    }

    @Test
    void rendersASessionFileWithItsMaster() throws IOException {
        stems();
        Files.writeString(dir.resolve("song.json"), "{\"sampleRate\": 48000, \"tracks\": ["
                + "{\"name\": \"kick\", \"clips\": [{\"file\": \"kick.wav\", \"start\": 0}], \"volumeDb\": -3},"
                + "{\"name\": \"bass\", \"clips\": [{\"file\": \"bass.wav\", \"start\": 0}], \"pan\": -0.1,"
                + " \"inserts\": [\"compressor threshold=-24 ratio=3\"], \"sidechain\": {\"processor\": 0, \"key\": \"kick\"}},"
                + "{\"name\": \"vocal\", \"clips\": [{\"file\": \"vocal.wav\", \"start\": 0.5}],"
                + " \"sends\": [{\"bus\": \"verb\", \"levelDb\": -12}]}],"
                + "\"buses\": [{\"name\": \"verb\", \"inserts\": [\"reverb rt60=1.2 mix=1\"]}],"
                + "\"master\": {\"target\": {\"lufs\": -16, \"ceilingDbtp\": -1.5}}}");
        String out = run(() -> RenderSession.main(new String[] {dir.resolve("song.json").toString(),
                dir.resolve("r").toString()}));
        assertTrue(out.startsWith("mix: 3 tracks, 1 buses, "), out);
        assertTrue(out.contains("master: -16.00 LUFS"), out);
        for (String f : new String[] {"mix.wav", "master.wav", "mix-report.json", "mix-spectra.png", "mix-loudness.png",
                "mix-masking.png"}) {
            assertTrue(Files.exists(dir.resolve("r").resolve(f)), f);
        }
    }

    @Test
    void comparesTwoChainsAtOneLoudness() throws IOException {
        Path vocal = stems()[2];
        // chains that differ by gain alone: matched, their difference is rounding only
        String same = run(() -> CompareChains.main(new String[] {vocal.toString(), "gain db=0", "gain db=-6",
                dir.resolve("g").toString()}));
        assertTrue(same.contains("matched by +6.0"), same);
        assertTrue(same.contains("differ by gain alone"), same);
        try (io.github.mixwright.io.WavReader d = io.github.mixwright.io.WavReader.open(dir.resolve("g/difference.wav"))) {
            AudioBuffer x = AudioBuffer.allocate(1, (int) d.frames());
            d.read(x);
            float peak = 0;
            for (int i = 0; i < x.frames(); i++) {
                peak = Math.max(peak, Math.abs(x.get(0, i)));
            }
            assertTrue(peak < 1e-6, "difference peak " + peak);
        }
        // a low-pass at 1 kHz removes most of the buzz's upper harmonics: a difference well above the gate
        String eq = run(() -> CompareChains.main(new String[] {vocal.toString(), "gain db=0", "lowpass freq=1000",
                dir.resolve("l").toString()}));
        assertTrue(eq.contains("LU under A"), eq);
        assertTrue(Files.exists(dir.resolve("l/b-matched.wav")) && Files.exists(dir.resolve("l/a.wav")));
    }
}
