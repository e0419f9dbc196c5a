package io.github.mixwright.mix;

import static io.github.mixwright.mix.MasterTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.loudness.LoudnessMeter;
import io.github.mixwright.mix.TestMusic.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Album mastering: one gain, the album's loudness on target, every track under the ceiling; measured on the files. */
class MasterAlbumTest {
    private static final int RATE = 48_000;

    @TempDir
    Path dir;

    private static AudioBuffer scaled(AudioBuffer b, double db) {
        float g = (float) Math.pow(10, db / 20);
        for (int c = 0; c < b.channels(); c++) {
            for (int i = 0; i < b.frames(); i++) {
                b.set(c, i, b.get(c, i) * g);
            }
        }
        return b;
    }

    private static List<MasterSource> sources(List<AudioBuffer> tracks) {
        List<MasterSource> list = new ArrayList<>();
        for (AudioBuffer t : tracks) {
            list.add(() -> new MasterTest.Buffered(t, RATE));
        }
        return list;
    }

    private List<Path> outs(int n) {
        List<Path> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(dir.resolve("track" + (i + 1) + ".wav"));
        }
        return list;
    }

    private static List<LoudnessMeter> measured(List<Path> files) throws IOException {
        List<LoudnessMeter> meters = new ArrayList<>();
        for (Path f : files) {
            meters.add(MasterTest.measure(read(f), RATE));
        }
        return meters;
    }

    @Test
    void withoutLimitingTheTracksKeepTheirLoudnessDifferences() throws IOException {
        // a quiet ballad, an ordinary song, a dense one: 9 dB apart, peaks far enough under full scale
        List<AudioBuffer> tracks = List.of(scaled(TestMusic.make(Kind.TYPICAL, 2, RATE, 6, 1), -24),
                scaled(TestMusic.make(Kind.TYPICAL, 2, RATE, 5, 2), -18),
                scaled(TestMusic.make(Kind.ALREADY_LOUD, 2, RATE, 7, 3), -20));
        List<Path> files = outs(3);
        AlbumResult r = Master.album(sources(tracks)).withChain(MasterChain.defaults().withoutCompressor())
                .withPreset(Preset.SPOTIFY).renderAlbum(files);
        assertTrue(r.targetReached(), r.warnings().toString());
        assertEquals(0, r.tracks().stream().mapToDouble(t -> t.limiter().maxReductionDb()).max().getAsDouble(), 0.0,
                "this album needs no limiting");
        List<LoudnessMeter> out = measured(files);
        assertEquals(-14, LoudnessMeter.album(out).integratedLufs(), Master.TOLERANCE_LU, "album loudness of the files");
        List<LoudnessMeter> in = new ArrayList<>();
        for (AudioBuffer t : tracks) {
            in.add(MasterTest.measure(t, RATE));
        }
        for (int i = 1; i < 3; i++) {
            double before = in.get(i).integratedLufs() - in.get(0).integratedLufs();
            double after = out.get(i).integratedLufs() - out.get(0).integratedLufs();
            assertEquals(before, after, 0.05, "difference between track 1 and track " + (i + 1));
            assertTrue(out.get(i).truePeakDbtp() <= -1);
        }
        assertEquals(r.gainDb(), r.tracks().get(1).gainDb(), 0.0);
    }

    @Test
    void theAlbumMeetsTheTargetAndEveryTrackTheCeilingWhenOneNeedsLimiting() throws IOException {
        List<AudioBuffer> tracks = List.of(scaled(TestMusic.make(Kind.TYPICAL, 2, RATE, 6, 4), -12),
                TestMusic.make(Kind.CLIPPED, 2, RATE, 5, 5),
                scaled(TestMusic.make(Kind.VERY_DYNAMIC, 2, RATE, 8, 6), -6));
        List<Path> files = outs(3);
        AlbumResult r = Master.album(sources(tracks)).withPreset(Preset.APPLE_MUSIC).renderAlbum(files);
        assertTrue(r.targetReached(), r.warnings().toString());
        assertTrue(r.passes() <= 3);
        List<LoudnessMeter> out = measured(files);
        assertEquals(-16, LoudnessMeter.album(out).integratedLufs(), Master.TOLERANCE_LU);
        assertEquals(r.output().integratedLufs(), LoudnessMeter.album(out).integratedLufs(), 1e-9);
        for (Path f : files) {
            AudioBuffer a = read(f);
            assertTrue(MasterTest.measure(a, RATE).truePeakDbtp() <= -1, f.toString());
            assertTrue(Reconstruction.truePeakDbtp(a, -2) <= -1, f.toString());
        }
        String json = r.toJson();
        assertTrue(json.contains("\"album\"") && json.contains("\"tracks\""));
    }

    @Test
    void aStrictAlbumOutOfReachOrAFailingTrackWritesNothing() throws IOException {
        List<AudioBuffer> tracks = List.of(scaled(TestMusic.make(Kind.VERY_DYNAMIC, 2, RATE, 6, 7), -30),
                scaled(TestMusic.make(Kind.TYPICAL, 2, RATE, 5, 8), -30));
        MasterException e = assertThrows(MasterException.class, () -> Master.album(sources(tracks))
                .withTarget(new MasterTarget(-8, -1)).withMaxLimitingDb(2).withStrict(true).renderAlbum(outs(2)));
        assertTrue(e.getMessage().startsWith("album: target not reached: "), e.getMessage());
        assertEquals(List.of(), files());

        List<MasterSource> failing = new ArrayList<>(sources(tracks));
        int[] opens = {0};
        failing.set(1, () -> ++opens[0] == 1 ? new MasterTest.Buffered(tracks.get(1), RATE)
                : new MasterTest.Buffered(tracks.get(1), RATE, 50_000));
        RenderFailure f = assertThrows(RenderFailure.class, () -> Master.album(failing).renderAlbum(outs(2)));
        assertEquals(RenderFailure.Side.INPUT, f.side());
        assertEquals(List.of(), files(), "track 1 was rendered, but nothing stays when track 2 fails");

        assertEquals("files has 1 entries for 2 tracks: give one per track",
                assertThrows(IllegalArgumentException.class,
                        () -> Master.album(sources(tracks)).renderAlbum(outs(1))).getMessage());
        assertFalse(assertThrows(IllegalStateException.class,
                () -> Master.album(sources(tracks)).render(dir.resolve("x.wav"))).getMessage().isEmpty());
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }
}
