package io.github.mixwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reading thread: blocks arrive whole and in order, failures reach the consumer, close stops it. */
class ReadAheadTest {

    /** Delivers frames 0, 1, 2, ... as sample values, in reads of irregular length, then optionally fails. */
    private static final class CountingSource implements AudioSource {
        private final long total;
        private final int channels;
        private final IOException failure;
        private long next;
        private int calls;
        volatile Thread readBy;

        CountingSource(long total, IOException failure) {
            this(total, 2, failure);
        }

        CountingSource(long total, int channels, IOException failure) {
            this.total = total;
            this.channels = channels;
            this.failure = failure;
        }

        @Override
        public double sampleRate() {
            return 48_000;
        }

        @Override
        public int channels() {
            return channels;
        }

        @Override
        public long frames() {
            return total;
        }

        @Override
        public int read(AudioBuffer destination) throws IOException {
            readBy = Thread.currentThread();
            if (next == total && failure != null) {
                throw failure;
            }
            int n = (int) Math.min(total - next, Math.min(destination.frames(), 1 + (calls++ * 37) % 100));
            for (int i = 0; i < n; i++) {
                destination.set(0, i, next + i);
                if (channels > 1) {
                    destination.set(1, i, -(next + i));
                }
            }
            next += n;
            return n;
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void deliversEveryFrameInOrderOnAnotherThread(boolean apart) throws IOException {
        CountingSource source = new CountingSource(100_000, null);
        List<Float> seen = new ArrayList<>();
        try (ReadAhead ahead = new ReadAhead(source, 2, 64, b -> { }, apart)) {
            for (AudioBuffer b = ahead.next(); b != null; b = ahead.next()) {
                for (int i = 0; i < b.frames(); i++) {
                    seen.add(b.get(0, i));
                    assertEquals(-b.get(0, i), b.get(1, i), 0);
                }
            }
            assertNull(ahead.next(), "stays at the end");
        }
        assertEquals(100_000, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i, seen.get(i));
        }
        assertFalse(source.readBy == Thread.currentThread());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void transformsEveryBlockInOrderFillingExtraChannels(boolean apart) throws IOException {
        CountingSource mono = new CountingSource(10_000, 1, null);
        List<Thread> transformedOn = new ArrayList<>();
        long[] expectedNext = {0};
        long frames = 0;
        try (ReadAhead ahead = new ReadAhead(mono, 2, 64, b -> {
            transformedOn.add(Thread.currentThread());
            assertEquals(expectedNext[0], b.get(0, 0), "blocks transformed in order");
            expectedNext[0] += b.frames();
            for (int i = 0; i < b.frames(); i++) {
                b.set(1, i, 2 * b.get(0, i));
            }
        }, apart)) {
            for (AudioBuffer b = ahead.next(); b != null; b = ahead.next()) {
                assertEquals(2, b.channels());
                for (int i = 0; i < b.frames(); i++) {
                    assertEquals(frames + i, b.get(0, i));
                    assertEquals(2 * (frames + i), b.get(1, i));
                }
                frames += b.frames();
            }
        }
        assertEquals(10_000, frames);
        Thread consumer = Thread.currentThread();
        // On the reading thread, or apart on one thread that is neither the reader nor the consumer.
        assertTrue(transformedOn.stream().allMatch(t -> apart ? t == transformedOn.get(0) && t != mono.readBy
                && t != consumer : t == mono.readBy), "transformed on " + transformedOn.get(0));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void passesAFailingTransformsExceptionToTheConsumer(boolean apart) throws IOException {
        IllegalStateException failure = new IllegalStateException("processor broke");
        try (ReadAhead ahead = new ReadAhead(new CountingSource(1000, null), 2, 64, b -> {
            throw failure;
        }, apart)) {
            assertSame(failure, assertThrows(IllegalStateException.class, ahead::next));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void passesTheSourcesFailureToTheConsumerAfterTheGoodBlocks(boolean apart) throws IOException {
        IOException failure = new IOException("disk on fire");
        CountingSource source = new CountingSource(500, failure);
        long frames = 0;
        try (ReadAhead ahead = new ReadAhead(source, 2, 64, b -> { }, apart)) {
            IOException thrown = assertThrows(IOException.class, () -> {
                long n = 0;
                for (AudioBuffer b = ahead.next(); b != null; b = ahead.next()) {
                    n += b.frames();
                }
                throw new AssertionError("no failure after " + n + " frames");
            });
            assertSame(failure, thrown);
            frames = source.next;
        }
        assertEquals(500, frames);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void closeStopsTheThreadsEvenWhenTheConsumerStopsEarly(boolean apart) throws Exception {
        CountingSource source = new CountingSource(Long.MAX_VALUE / 2, null);
        Thread[] transformer = new Thread[1];
        ReadAhead ahead = new ReadAhead(source, 2, 64, b -> transformer[0] = Thread.currentThread(), apart);
        ahead.next();

        ahead.close();

        Thread reader = source.readBy;
        reader.join(5_000);
        assertFalse(reader.isAlive());
        transformer[0].join(5_000);
        assertFalse(transformer[0].isAlive());
    }
}
