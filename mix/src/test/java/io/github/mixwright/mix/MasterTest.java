package io.github.mixwright.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.loudness.LoudnessMeter;
import io.github.mixwright.mix.TestMusic.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The master meets its targets, measured on the file it wrote: loudness by the project's meter (which agrees
 * with libebur128), true peak by the project's meter and by an 8x reconstruction written in the test.
 */
class MasterTest {
    @TempDir
    Path dir;

    static AudioBuffer read(Path file) throws IOException {
        try (WavReader r = WavReader.open(file)) {
            AudioBuffer all = AudioBuffer.allocate(r.channels(), (int) r.frames());
            int n = 0;
            for (int k; n < all.frames() && (k = r.read(all.view(n, all.frames() - n))) > 0; ) {
                n += k;
            }
            assertEquals(all.frames(), n);
            return all;
        }
    }

    static LoudnessMeter measure(AudioBuffer audio, double rate) {
        LoudnessMeter m = new LoudnessMeter(rate, audio.channels());
        m.accept(audio);
        return m;
    }

    /** Every preset, every kind of mix, mono, stereo and 5.1, at 44.1, 48 and 96 kHz. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Preset.SPOTIFY, Kind.TYPICAL, 2, 44_100),
                Arguments.of(Preset.APPLE_MUSIC, Kind.QUIET, 2, 48_000),
                Arguments.of(Preset.YOUTUBE, Kind.VERY_DYNAMIC, 2, 48_000),
                Arguments.of(Preset.AMAZON_MUSIC, Kind.CLIPPED, 2, 44_100),
                Arguments.of(Preset.TIDAL, Kind.ALREADY_LOUD, 2, 96_000),
                Arguments.of(Preset.DEEZER, Kind.TYPICAL, 1, 48_000),
                Arguments.of(Preset.SOUNDCLOUD, Kind.CLIPPED, 6, 48_000),
                Arguments.of(Preset.EBU_R128, Kind.VERY_DYNAMIC, 6, 44_100),
                Arguments.of(Preset.ATSC_A85, Kind.QUIET, 1, 96_000),
                Arguments.of(Preset.PODCAST, Kind.ALREADY_LOUD, 1, 44_100),
                Arguments.of(Preset.SPOTIFY, Kind.QUIET, 2, 96_000),
                Arguments.of(Preset.SPOTIFY, Kind.VERY_DYNAMIC, 1, 44_100),
                Arguments.of(Preset.APPLE_MUSIC, Kind.CLIPPED, 2, 48_000));
    }

    @ParameterizedTest(name = "{0} from a {1} mix, {2} channels at {3} Hz")
    @MethodSource("cases")
    void theWrittenFileMeetsThePresetsLoudnessAndCeiling(Preset preset, Kind kind, int channels, int rate)
            throws IOException {
        AudioBuffer mix = TestMusic.make(kind, channels, rate, 8, 7 * rate + channels);
        Path out = dir.resolve(preset.id() + ".wav");
        MasterResult r = Master.of(mix, rate).withPreset(preset).render(out);
        MasterTarget t = preset.target();
        assertTrue(r.targetReached(), r.warnings().toString());
        assertTrue(r.passes() >= 2 && r.passes() <= 3, "passes " + r.passes());

        AudioBuffer written = read(out);
        assertEquals(mix.frames(), written.frames(), "the master keeps the mix's length");
        LoudnessMeter m = measure(written, rate);
        assertEquals(t.integratedLufs(), m.integratedLufs(), Master.TOLERANCE_LU, "integrated loudness of the file");
        assertTrue(m.truePeakDbtp() <= t.ceilingDbtp(), "project meter: " + m.truePeakDbtp());
        double independent = Reconstruction.truePeakDbtp(written, t.ceilingDbtp() - 1);
        assertTrue(independent <= t.ceilingDbtp(), "8x reconstruction: " + independent);
        // the report tells what is in the file
        assertEquals(m.integratedLufs(), r.output().integratedLufs(), 1e-9);
        assertEquals(m.truePeakDbtp(), r.output().truePeakDbtp(), 1e-9);
        assertEquals(measure(mix, rate).integratedLufs(), r.input().integratedLufs(), 1e-9);
    }

    @Test
    void withHeadroomTheMasterIsTheMixTimesTheGainRoundedWithTheWritersDither() throws IOException {
        AudioBuffer mix = TestMusic.make(Kind.TYPICAL, 2, 48_000, 6, 31);
        MasterResult r = Master.of(mix, 48_000).withChain(MasterChain.defaults().withoutCompressor())
                .withPreset(Preset.EBU_R128).renderToMemory();
        assertEquals(0, r.limiter().maxReductionDb(), 0.0);
        // closed form: x * 10^(gain/20) in float, then TPDF-rounded to 24 bits with the writer's seed
        AudioBuffer expected = mix.copy();
        float g = (float) Math.pow(10, r.gainDb() / 20);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < expected.frames(); i++) {
                expected.set(c, i, mix.get(c, i) * g);
            }
        }
        new io.github.mixwright.io.Quantizer(SampleEncoding.PCM24, 2, io.github.mixwright.io.Dither.TPDF,
                io.github.mixwright.io.WriteOptions.DEFAULT_SEED).quantize(expected);
        assertTrue(expected.sameSamples(r.audio()), "gain and dither, nothing else");
        assertEquals(-23, measure(r.audio(), 48_000).integratedLufs(), 0.01);
    }

    @Test
    void aMixLouderThanTheTargetIsTurnedDownNotLimited() throws IOException {
        AudioBuffer mix = TestMusic.make(Kind.ALREADY_LOUD, 2, 48_000, 8, 3);
        MasterResult r = Master.of(mix, 48_000).withPreset(Preset.EBU_R128).renderToMemory();
        assertTrue(r.gainDb() < -10, "gain " + r.gainDb());
        assertEquals(0, r.limiter().maxReductionDb(), 0.0);
        assertEquals(2, r.passes(), "no limiting: the written pass is exact");
        assertEquals(-23, measure(r.audio(), 48_000).integratedLufs(), 0.01);
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("the mix is louder than the target")));
    }

    @Test
    void aTargetOutOfReachStopsAtTheLimitingCapAndSaysSo() throws IOException {
        AudioBuffer mix = TestMusic.make(Kind.VERY_DYNAMIC, 2, 48_000, 8, 5);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < mix.frames(); i++) {
                mix.set(c, i, mix.get(c, i) * 0.05f);
            }
        }
        Master m = Master.of(mix, 48_000).withTarget(new MasterTarget(-9, -1)).withMaxLimitingDb(4);
        MasterResult r = m.renderToMemory();
        assertFalse(r.targetReached());
        // the cap is on the peak as the meter reads it; the limiter's detector may read a little higher
        assertTrue(r.limiter().maxReductionDb() <= 4.1, "limited " + r.limiter().maxReductionDb() + " dB");
        assertTrue(r.limiter().maxReductionDb() >= 3.5, "the loudest master within the cap: " + r.limiter().maxReductionDb());
        double lufs = measure(r.audio(), 48_000).integratedLufs();
        assertTrue(lufs < -9.5, "short of the target: " + lufs);
        String w = r.warnings().get(0);
        assertTrue(w.matches("target not reached: -\\d+\\.\\d LUFS; reaching -9 would need \\d+\\.\\d dB of limiting "
                + "\\(allowed: 4 dB\\)"), w);
        assertTrue(Reconstruction.truePeakDbtp(r.audio(), -2) <= -1);

        // far past what limiting can give: said so, not as a number of dB
        String beyond = Master.of(mix, 48_000).withTarget(new MasterTarget(-1, -1)).renderToMemory().warnings().get(0);
        assertTrue(beyond.endsWith("-1 LUFS is beyond any amount of limiting at a -1 dBTP ceiling (allowed: 6 dB)"), beyond);

        Path out = dir.resolve("strict.wav");
        MasterException e = assertThrows(MasterException.class, () -> m.withStrict(true).render(out));
        assertEquals(MasterException.Reason.TARGET_NOT_REACHED, e.reason());
        assertTrue(e.getMessage().startsWith("custom: target not reached: "), e.getMessage());
        assertEquals(List.of(), files());
    }

    @Test
    void severalPlatformsShareOneAnalysisAndOnePassEach() throws IOException {
        AudioBuffer mix = TestMusic.make(Kind.TYPICAL, 2, 44_100, 8, 9);
        AtomicInteger opens = new AtomicInteger();
        Master m = Master.of(() -> {
            opens.incrementAndGet();
            return new Buffered(mix, 44_100);
        });
        List<MasterResult> rs = m.renderPlatforms(dir, "song", List.of(Preset.SPOTIFY, Preset.APPLE_MUSIC, Preset.YOUTUBE));
        assertEquals(List.of("song-apple-music.wav", "song-spotify.wav", "song-youtube.wav"),
                files().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        int passes = rs.stream().mapToInt(MasterResult::passes).max().getAsInt();
        assertEquals(passes, opens.get(), "one analysis and one render per pass, whatever the number of targets");
        // a source of known length: its chain output is kept from the analysis, the input is read once, and
        // the masters are the same, sample for sample
        int[] known = {0};
        List<Master.Output> inMemory = List.of(new Master.Output("a", Preset.SPOTIFY.target(), null),
                new Master.Output("b", Preset.APPLE_MUSIC.target(), null));
        List<MasterResult> cached = Master.of(() -> {
            known[0]++;
            return AudioSource.of(mix, 44_100);
        }).render(inMemory);
        List<MasterResult> streamed = Master.of(() -> new Buffered(mix, 44_100)).render(inMemory);
        assertEquals(1, known[0]);
        for (int i = 0; i < 2; i++) {
            assertTrue(cached.get(i).audio().sameSamples(streamed.get(i).audio()), inMemory.get(i).name());
        }
        // one target alone limits inside the render's chain, several in their branches: the same samples
        MasterResult alone = Master.of(() -> new Buffered(mix, 44_100)).withPreset(Preset.SPOTIFY).renderToMemory();
        assertTrue(alone.audio().sameSamples(streamed.get(0).audio()), "one target, streamed");
        MasterResult aloneCached = Master.of(mix, 44_100).withPreset(Preset.SPOTIFY).renderToMemory();
        assertTrue(aloneCached.audio().sameSamples(streamed.get(0).audio()), "one target, from the kept chain output");
        for (MasterResult r : rs) {
            Preset p = Preset.of(r.name());
            LoudnessMeter meter = measure(read(r.file()), 44_100);
            assertEquals(p.target().integratedLufs(), meter.integratedLufs(), Master.TOLERANCE_LU, r.name());
            assertTrue(meter.truePeakDbtp() <= p.target().ceilingDbtp());
        }
    }

    @Test
    void theOutputIsBitIdenticalAcrossRunsAndThreadCounts() throws IOException {
        AudioBuffer mix = TestMusic.make(Kind.CLIPPED, 2, 48_000, 6, 11);
        ExecutorService io = Executors.newFixedThreadPool(2);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            byte[] reference = null;
            for (int run = 0; run < 4; run++) {
                Master m = Master.of(mix, 48_000).withEncoding(SampleEncoding.PCM16);
                if (run % 2 == 1) {
                    m = m.withThreads(io).withWorkers(workers);
                }
                Path out = dir.resolve("run" + run + ".wav");
                m.render(out);
                byte[] bytes = Files.readAllBytes(out);
                if (reference == null) {
                    reference = bytes;
                } else {
                    assertArrayEquals(reference, bytes, "run " + run);
                }
            }
        } finally {
            io.shutdownNow();
            workers.shutdownNow();
        }
    }

    @Test
    void cancellationAndFailureLeaveNothingAtTheTarget() throws IOException {
        AudioBuffer mix = TestMusic.make(Kind.TYPICAL, 2, 48_000, 8, 13);
        Path out = dir.resolve("master.wav");
        AtomicInteger blocks = new AtomicInteger();
        assertThrows(CancellationException.class, () -> Master.of(mix, 48_000).withThreads(Runnable::run)
                .onProgress((pass, p) -> blocks.incrementAndGet())
                .cancelledWhen(() -> blocks.get() > 8).render(out));
        assertEquals(List.of(), files());

        AtomicInteger opens = new AtomicInteger();
        RenderFailure f = assertThrows(RenderFailure.class, () -> Master.of(() -> {
            // the written pass's source fails half-way
            return opens.incrementAndGet() == 1 ? new Buffered(mix, 48_000) : new Buffered(mix, 48_000, 100_000);
        }).render(out));
        assertEquals(RenderFailure.Side.INPUT, f.side());
        assertEquals(List.of(), files());

        // a correction pass that fails takes the files the written pass kept with it, temporary ones included
        AudioBuffer dynamic = TestMusic.make(Kind.VERY_DYNAMIC, 1, 44_100, 8, 7 * 44_100 + 1);
        AtomicInteger third = new AtomicInteger();
        List<Master.Output> two = List.of(Master.Output.of(Preset.SPOTIFY, dir.resolve("spotify.wav")),
                Master.Output.of(Preset.EBU_R128, dir.resolve("ebu.wav")));
        assertEquals(3, Master.of(() -> new Buffered(dynamic, 44_100)).render(two).get(0).passes(),
                "this mix needs a correction for spotify");
        Files.delete(dir.resolve("spotify.wav"));
        Files.delete(dir.resolve("ebu.wav"));
        assertThrows(RenderFailure.class, () -> Master.of(() -> third.incrementAndGet() < 3
                ? new Buffered(dynamic, 44_100) : new Buffered(dynamic, 44_100, 50_000)).render(two));
        assertEquals(List.of(), files());
    }

    @Test
    void aSilentInputIsRefusedAndBadSettingsAreNamed() throws IOException {
        AudioBuffer silence = AudioBuffer.allocate(2, 48_000);
        MasterException e = assertThrows(MasterException.class,
                () -> Master.of(silence, 48_000).render(dir.resolve("x.wav")));
        assertEquals(MasterException.Reason.SILENT_INPUT, e.reason());
        assertEquals("the input is silent (no 400 ms block above -70 LUFS): there is no loudness to bring to a target",
                e.getMessage());
        assertEquals(List.of(), files());
        Master m = Master.of(silence, 48_000);
        assertEquals("maxLimitingDb 31 is out of range [0, 30]",
                assertThrows(IllegalArgumentException.class, () -> m.withMaxLimitingDb(31)).getMessage());
        Path same = dir.resolve("same.wav");
        assertEquals("two outputs are written to " + same + ": give each its own file",
                assertThrows(IllegalArgumentException.class, () -> m.render(List.of(
                        Master.Output.of(Preset.SPOTIFY, same), Master.Output.of(Preset.TIDAL, same)))).getMessage());
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    /**
     * A source over a buffer that fails after {@code failAt} frames if set. Its length is not told
     * ({@code frames()} is -1), as a stream's is not: the master then cannot keep the chain's output in memory,
     * and reads the input on every pass.
     */
    static final class Buffered implements AudioSource {
        private final AudioSource audio;
        private final long failAt;
        private long at;

        Buffered(AudioBuffer audio, double rate) {
            this(audio, rate, -1);
        }

        Buffered(AudioBuffer audio, double rate, long failAt) {
            this.audio = AudioSource.of(audio, rate);
            this.failAt = failAt;
        }

        @Override
        public double sampleRate() {
            return audio.sampleRate();
        }

        @Override
        public int channels() {
            return audio.channels();
        }

        @Override
        public long frames() {
            return -1;
        }

        @Override
        public int read(AudioBuffer d) throws IOException {
            if (failAt >= 0 && at >= failAt) {
                throw new IOException("the disk went away");
            }
            int n = audio.read(d);
            at += n;
            return n;
        }
    }
}
