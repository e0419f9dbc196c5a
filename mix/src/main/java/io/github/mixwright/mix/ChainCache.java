package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The chain's output of a master's analysis pass, kept in memory so that the written pass (and a
 * correction) start from it instead of decoding and compressing the input again. Only when it fits the
 * budget the master gives it; otherwise a master streams every pass. Stored in chunks of 64 Ki frames,
 * so it needs no single large array. A {@link RenderSink}; {@link #source()} replays it.
 */
final class ChainCache implements RenderSink {
    private static final int CHUNK = 1 << 16;

    private final List<float[][]> chunks = new ArrayList<>();
    private int channels;
    private double rate;
    private long frames;

    @Override
    public void open(int channels, double sampleRate) {
        this.channels = channels;
        this.rate = sampleRate;
    }

    @Override
    public void write(AudioBuffer block) {
        int n = block.frames();
        int done = 0;
        while (done < n) {
            int at = (int) (frames % CHUNK);
            if (at == 0) {
                chunks.add(new float[channels][CHUNK]);
            }
            float[][] chunk = chunks.get(chunks.size() - 1);
            int len = Math.min(n - done, CHUNK - at);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(block.channel(c), block.offset() + done, chunk[c], at, len);
            }
            done += len;
            frames += len;
        }
    }

    @Override
    public void finish() {
    }

    @Override
    public void abort(Throwable cause) {
        chunks.clear();
    }

    /** A new source reading the kept output from its start. */
    AudioSource source() {
        return new AudioSource() {
            private long at;

            @Override
            public double sampleRate() {
                return rate;
            }

            @Override
            public int channels() {
                return channels;
            }

            @Override
            public long frames() {
                return frames;
            }

            @Override
            public int read(AudioBuffer d) {
                int n = (int) Math.min(d.frames(), frames - at);
                int done = 0;
                while (done < n) {
                    float[][] chunk = chunks.get((int) (at / CHUNK));
                    int from = (int) (at % CHUNK);
                    int len = Math.min(n - done, CHUNK - from);
                    for (int c = 0; c < channels; c++) {
                        System.arraycopy(chunk[c], from, d.channel(c), d.offset() + done, len);
                    }
                    done += len;
                    at += len;
                }
                return n;
            }
        };
    }

    /** Bytes a cache of {@code frames} frames of {@code channels} channels takes. */
    static long bytesFor(long frames, int channels) {
        return (frames + CHUNK) * channels * 4L;
    }
}
