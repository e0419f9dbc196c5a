package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import java.util.Arrays;

/** A {@link RenderSink} keeping the whole output in memory, for short renders and tests. */
public final class BufferSink implements RenderSink {
    private float[][] data = new float[0][];
    private int frames;
    private double sampleRate;
    private boolean finished;

    BufferSink() {
    }

    @Override
    public void open(int channels, double sampleRate) {
        this.data = new float[channels][1024];
        this.frames = 0;
        this.sampleRate = sampleRate;
        this.finished = false;
    }

    @Override
    public void write(AudioBuffer block) {
        int n = block.frames();
        if ((long) frames + n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a buffer sink holds at most " + (Integer.MAX_VALUE - 8) + " frames");
        }
        if (frames + n > data[0].length) {
            int size = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(frames + n, 2L * data[0].length));
            for (int c = 0; c < data.length; c++) {
                data[c] = Arrays.copyOf(data[c], size);
            }
        }
        for (int c = 0; c < data.length; c++) {
            System.arraycopy(block.channel(c), block.offset(), data[c], frames, n);
        }
        frames += n;
    }

    @Override
    public void finish() {
        finished = true;
    }

    @Override
    public void abort(Throwable cause) {
        data = new float[0][];
        frames = 0;
        finished = false;
    }

    /**
     * The output.
     *
     * @throws IllegalStateException before a render has finished into this sink
     */
    public AudioBuffer audio() {
        if (!finished) {
            throw new IllegalStateException("no finished render in this sink");
        }
        float[][] copy = new float[data.length][];
        for (int c = 0; c < data.length; c++) {
            copy[c] = Arrays.copyOf(data[c], frames);
        }
        return AudioBuffer.wrap(copy);
    }

    /** The output's sample rate, Hz. */
    public double sampleRate() {
        return sampleRate;
    }
}
