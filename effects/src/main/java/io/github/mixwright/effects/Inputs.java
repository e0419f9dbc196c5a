package io.github.mixwright.effects;

import io.github.mixwright.core.AudioBuffer;

/** What every effect does to its input before anything else. */
final class Inputs {
    private Inputs() {
    }

    /**
     * Replaces every non-finite sample (NaN, infinity) of {@code block} with 0 in place. Such a sample
     * carries no audio; let into a feedback path or a filter's state it would silence the effect for
     * good, so the effects read it as silence and their output stays finite.
     */
    static void clean(AudioBuffer block) {
        int n = block.frames();
        int off = block.offset();
        for (int c = 0; c < block.channels(); c++) {
            float[] x = block.channel(c);
            for (int i = off; i < off + n; i++) {
                if (!Float.isFinite(x[i])) {
                    x[i] = 0f;
                }
            }
        }
    }
}
