package io.github.mixwright.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.Processor;
import io.github.mixwright.core.StereoWidth;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.io.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The render against closed forms written here: alignment, tails, channels, progress, failure and cancellation. */
@Timeout(120)
class RenderTest {
    @TempDir
    Path dir;

    private static ExecutorService single;
    private static ExecutorService busy;
    private static ExecutorService pool;
    private static final CountDownLatch RELEASE_BUSY = new CountDownLatch(1);

    @BeforeAll
    static void startPools() {
        single = Executors.newSingleThreadExecutor();
        pool = Executors.newFixedThreadPool(2);
        // a one-thread pool whose thread is taken for the whole class: its tasks never start
        busy = Executors.newSingleThreadExecutor();
        busy.execute(() -> {
            try {
                RELEASE_BUSY.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @AfterAll
    static void stopPools() {
        RELEASE_BUSY.countDown();
        single.shutdownNow();
        busy.shutdownNow();
        pool.shutdownNow();
    }

    /**
     * The threads a render may be lent: none, a direct executor, one thread, a thread that never comes
     * free, two threads, and an executor that refuses every task.
     */
    private static Executor threads(int mode) {
        switch (mode) {
            case 0: return null;
            case 1: return Runnable::run;
            case 2: return single;
            case 3: return busy;
            case 4: return pool;
            default: return task -> {
                throw new RejectedExecutionException("full");
            };
        }
    }

    private static final int THREAD_MODES = 6;

    /** A source over a buffer, delivering at most {@code chunk} frames per read; fails after {@code failAt} frames if set. */
    private static final class BufferSource implements AudioSource {
        private final AudioSource audio;
        private final int chunk;
        private final long failAt;
        private long at;
        volatile int reads;

        BufferSource(AudioBuffer audio, int chunk, long failAt) {
            this.audio = AudioSource.of(audio, 48_000);
            this.chunk = chunk;
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
            return audio.frames();
        }

        @Override
        public int read(AudioBuffer destination) throws IOException {
            reads++;
            if (failAt >= 0 && at >= failAt) {
                throw new IOException("the disk went away");
            }
            int n = audio.read(destination.view(0, Math.min(chunk, destination.frames())));
            at += n;
            return n;
        }
    }

    /** {@code y[n] = x[n - latency] + echo x[n - latency - distance]}: latency and a tail written out. */
    private static final class DelayedEcho implements Processor {
        private final int latency;
        private final int distance;
        private final float echo;
        private float[][] history;
        private long frame;

        DelayedEcho(int latency, int distance, float echo) {
            this.latency = latency;
            this.distance = distance;
            this.echo = echo;
        }

        @Override
        public void prepare(ProcessSpec spec) {
            history = new float[spec.channels()][1 << 20];
            frame = 0;
        }

        @Override
        public void process(AudioBuffer block) {
            for (int i = 0; i < block.frames(); i++) {
                for (int c = 0; c < block.channels(); c++) {
                    float[] h = history[c];
                    h[(int) (frame % h.length)] = block.get(c, i);
                    float y = at(h, frame - latency) + echo * at(h, frame - latency - distance);
                    block.set(c, i, y);
                }
                frame++;
            }
        }

        private static float at(float[] h, long n) {
            return n < 0 ? 0 : h[(int) (n % h.length)];
        }

        @Override
        public void reset() {
            frame = 0;
        }

        @Override
        public int latencyFrames() {
            return latency;
        }

        @Override
        public int tailFrames() {
            return latency + distance;
        }
    }

    private static AudioBuffer noise(int channels, int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        AudioBuffer b = AudioBuffer.allocate(channels, frames);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                b.set(c, i, (float) r.nextDouble(-0.5, 0.5));
            }
        }
        return b;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(java.util.stream.Collectors.toList());
        }
    }

    @Test
    void theOutputLinesUpWithTheSourceAndCarriesTheTail() {
        qt().withFixedSeed(71L).withExamples(60)
                .forAll(integers().between(1, 20_000), integers().between(0, 3000), integers().between(1, 4000),
                        longs().all())
                .checkAssert((frames, latency, distance, seed) -> check(frames, latency, distance, seed));
    }

    private static void check(int frames, int latency, int distance, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        AudioBuffer x = noise(2, frames, seed);
        boolean tail = r.nextBoolean();
        BufferSink sink = RenderSink.buffer();
        Render.Result result;
        try {
            result = Render.of(new BufferSource(x, r.nextInt(1, 9000), -1))
                    .through(Chain.of(new DelayedEcho(latency, distance, 0.5f)))
                    .withBlockFrames(r.nextInt(1, 5000)).withTail(tail).withThreads(threads(r.nextInt(THREAD_MODES)))
                    .run(sink);
        } catch (RenderFailure e) {
            throw new AssertionError(e);
        }
        AudioBuffer y = sink.audio();
        int expected = frames + (tail ? distance : 0);
        assertEquals(expected, y.frames());
        assertEquals((long) expected, result.outputFrames());
        assertEquals((long) frames, result.sourceFrames());
        for (int c = 0; c < 2; c++) {
            for (int n = 0; n < expected; n++) {
                // Aligned: the echo of the source itself, no latency left.
                float direct = n < frames ? x.get(c, n) : 0f;
                float echoed = n - distance >= 0 && n - distance < frames ? x.get(c, n - distance) : 0f;
                assertEquals(direct + 0.5f * echoed, y.get(c, n), 0f, "frame " + n);
            }
        }
    }

    @Test
    void withoutAChainTheOutputIsTheSourceAndProgressReachesTheEnd() throws Exception {
        AudioBuffer x = noise(3, 100_000, 5);
        List<RenderProgress> seen = new ArrayList<>();
        BufferSink sink = RenderSink.buffer();
        Render.of(new BufferSource(x, 7777, -1)).onProgress(seen::add).run(sink);
        assertTrue(x.sameSamples(sink.audio()));
        assertFalse(seen.isEmpty());
        RenderProgress last = seen.get(seen.size() - 1);
        assertEquals(100_000, last.frames());
        assertEquals(100_000, last.totalFrames());
        assertEquals(1.0, last.fraction());
        assertEquals(0, last.remainingNanos());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).frames() > seen.get(i - 1).frames());
        }
    }

    @Test
    void aMonoSourceMeetingAStereoStageComesOutStereo() throws Exception {
        AudioBuffer x = noise(1, 5000, 6);
        Render render = Render.of(new BufferSource(x, 1000, -1)).through(Chain.of(new StereoWidth()));
        assertEquals(2, render.outputChannels());
        BufferSink sink = RenderSink.buffer();
        render.run(sink);
        AudioBuffer y = sink.audio();
        assertEquals(2, y.channels());
        for (int n = 0; n < 5000; n++) {
            assertEquals(x.get(0, n), y.get(0, n), 1e-6f);
            assertEquals(x.get(0, n), y.get(1, n), 1e-6f);
        }
    }

    @Test
    void aWavSinkWritesTheOutputAndNothingElse() throws Exception {
        AudioBuffer x = noise(2, 30_000, 7);
        Path target = dir.resolve("out.wav");
        WavSink wav = RenderSink.wav(target, SampleEncoding.FLOAT32, WriteOptions.defaults());
        Render.of(new BufferSource(x, 4096, -1)).through(Chain.of(new DelayedEcho(100, 50, 0.25f))).run(wav);
        assertEquals(List.of(target), files());
        assertEquals(30_050, wav.frames());
        try (WavReader r = WavReader.open(target)) {
            AudioBuffer y = AudioBuffer.allocate(2, 30_050);
            int n = 0;
            for (int k; (k = r.read(y.view(n, 30_050 - n))) > 0; ) {
                n += k;
            }
            assertEquals(30_050, n);
            assertEquals(x.get(1, 0), y.get(1, 0), 0f);
            assertEquals(x.get(1, 29_999) + 0.25f * x.get(1, 29_949), y.get(1, 29_999), 0f);
        }
    }

    @Test
    void everyWayOfLendingThreadsGivesTheSameOutputAndLeavesTheSourceAlone() throws Exception {
        AudioBuffer x = noise(2, 300_000, 12);
        AudioBuffer reference = null;
        for (int mode = 0; mode < THREAD_MODES; mode++) {
            for (int repeat = 0; repeat < 3; repeat++) {
                BufferSource source = new BufferSource(x, 5000, -1);
                BufferSink sink = RenderSink.buffer();
                Render.Result result = Render.of(source).through(Chain.of(new DelayedEcho(300, 700, 0.5f)))
                        .withBlockFrames(4096).withThreads(threads(mode)).run(sink);
                assertEquals(300_700, result.outputFrames());
                int readsAtReturn = source.reads;
                Thread.sleep(5);
                assertEquals(readsAtReturn, source.reads, "the source was read after the render returned");
                if (reference == null) {
                    reference = sink.audio();
                } else {
                    assertTrue(reference.sameSamples(sink.audio()), "threads mode " + mode);
                }
            }
        }
    }

    @Test
    void aCancelledRenderLeavesNothingWhateverTheThreads() throws Exception {
        for (int mode = 0; mode < THREAD_MODES; mode++) {
            cancelled(threads(mode));
        }
    }

    @Test
    void aFailureIsToldApartAndLeavesNothingWhateverTheThreads() throws Exception {
        for (int mode = 0; mode < THREAD_MODES; mode++) {
            failing(threads(mode));
        }
    }

    private void cancelled(Executor threads) throws Exception {
        AudioBuffer x = noise(2, 200_000, 8);
        Path target = dir.resolve("cancelled.wav");
        int[] blocks = {0};
        CancellationException e = assertThrows(CancellationException.class,
                () -> Render.of(new BufferSource(x, 8192, -1)).withBlockFrames(8192)
                        .onProgress(p -> blocks[0]++).cancelledWhen(() -> blocks[0] >= 5).withThreads(threads)
                        .run(RenderSink.wav(target, SampleEncoding.PCM24, WriteOptions.defaults())));
        assertEquals("render cancelled", e.getMessage());
        assertEquals(5, blocks[0]);
        assertEquals(List.of(), files());
    }

    private void failing(Executor threads) throws Exception {
        AudioBuffer x = noise(2, 100_000, 9);
        Path target = dir.resolve("failed.wav");
        RenderFailure input = assertThrows(RenderFailure.class,
                () -> Render.of(new BufferSource(x, 8192, 40_000)).withThreads(threads)
                        .run(RenderSink.wav(target, SampleEncoding.PCM16, WriteOptions.defaults())));
        assertEquals(RenderFailure.Side.INPUT, input.side());
        assertEquals("the disk went away", input.getMessage());
        assertEquals(List.of(), files());

        RenderSink broken = new RenderSink() {
            int written;

            @Override
            public void open(int channels, double sampleRate) {
            }

            @Override
            public void write(AudioBuffer block) throws IOException {
                if (++written == 3) {
                    throw new IOException("no space left");
                }
            }

            @Override
            public void finish() {
            }

            @Override
            public void abort(Throwable cause) {
            }
        };
        RenderFailure output = assertThrows(RenderFailure.class,
                () -> Render.of(new BufferSource(x, 8192, -1)).withBlockFrames(8192).withThreads(threads)
                        .run(RenderSink.wav(target, SampleEncoding.PCM16, WriteOptions.defaults()), broken));
        assertEquals(RenderFailure.Side.OUTPUT, output.side());
        assertEquals(List.of(), files());
    }

    @Test
    void badSettingsNameTheirProblem() {
        Render r = Render.of(new BufferSource(noise(1, 10, 1), 10, -1));
        assertEquals("frames 0 is out of range [1, 65536]",
                assertThrows(IllegalArgumentException.class, () -> r.withBlockFrames(0)).getMessage());
        AudioBuffer six = noise(6, 10, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Render.of(new BufferSource(six, 10, -1)).through(Chain.of(new StereoWidth())));
        assertEquals("stage 1 (width) needs 2 channels; the signal has 6 there", e.getMessage());
    }
}
