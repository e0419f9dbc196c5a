package io.github.mixwright.cli;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import java.util.Arrays;
import java.util.List;

/**
 * Test-only: delays the signal by {@code frames} and reports that as its latency, as a look-ahead
 * limiter would. A host that compensates latency gets its input back unchanged.
 */
final class LookaheadProcessor extends ParameterizedProcessor<LookaheadProcessor> {
    static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("lookahead",
            "Test-only pure delay that reports its latency",
            List.of(ParameterSpec.number("frames", "", 0, 1_000_000, 0, "delay in frames")), 0,
            LookaheadProcessor::new);

    private float[][] line;
    private int delay;
    private int position;

    LookaheadProcessor() {
        super(DESCRIPTOR);
    }

    @Override
    public int latencyFrames() {
        return (int) parameter("frames").get();
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        delay = latencyFrames();
        line = new float[spec.channels()][Math.max(1, delay)];
        position = 0;
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        parameter("frames").advance(block.frames());
        if (delay == 0) {
            return;
        }
        int p = position;
        for (int c = 0; c < block.channels(); c++) {
            float[] x = block.channel(c);
            float[] d = line[c];
            p = position;
            for (int i = block.offset(); i < block.offset() + block.frames(); i++) {
                float in = x[i];
                x[i] = d[p];
                d[p] = in;
                p = p + 1 == delay ? 0 : p + 1;
            }
        }
        position = p;
    }

    @Override
    protected void resetSignal() {
        for (float[] d : line) {
            Arrays.fill(d, 0f);
        }
        position = 0;
    }
}
