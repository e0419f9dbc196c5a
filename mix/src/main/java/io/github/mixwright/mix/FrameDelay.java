package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;

/** Delays every channel of a stream by a whole number of frames, in place (0: passes it through). */
final class FrameDelay {
    private final float[][] ring;
    private final int frames;
    private int pos;

    FrameDelay(int channels, int frames) {
        this.frames = frames;
        this.ring = new float[channels][Math.max(1, frames)];
    }

    void process(AudioBuffer block) {
        if (frames == 0) {
            return;
        }
        int n = block.frames();
        int start = pos;
        for (int c = 0; c < block.channels(); c++) {
            float[] x = block.channel(c);
            float[] r = ring[c];
            int p = start;
            int off = block.offset();
            for (int i = 0; i < n; i++) {
                float v = r[p];
                r[p] = x[off + i];
                x[off + i] = v;
                p = p + 1 == frames ? 0 : p + 1;
            }
            pos = p;
        }
    }
}
