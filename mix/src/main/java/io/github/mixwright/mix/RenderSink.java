package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WriteOptions;
import java.io.IOException;
import io.github.mixwright.loudness.LoudnessMeter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link Render} puts its output: a file, a buffer, a meter. A sink may also transform and
 * pass on (the Master's limiter branches are sinks). A render calls {@link #open} once,
 * then {@link #write} with every block in order, then {@link #finish} when all went well, or
 * {@link #abort} after {@link #open} when anything failed or the render was cancelled (a file sink then
 * leaves nothing at its target). Blocks are valid only during the call.
 */
public interface RenderSink {
    /**
     * Called before the first block.
     *
     * @param channels channels of every block
     * @param sampleRate Hz
     * @throws IOException if the sink cannot take this output (a file that cannot be created)
     */
    void open(int channels, double sampleRate) throws IOException;

    /** Takes the next block of the output. */
    void write(AudioBuffer block) throws IOException;

    /** The output is complete: a file sink commits its file. */
    void finish() throws IOException;

    /**
     * The render failed or was cancelled: discard what was written (a file sink deletes its temporary
     * file). Never throws; a failure of its own is added to {@code cause}.
     */
    void abort(Throwable cause);

    /**
     * A WAV file written atomically (see {@link io.github.mixwright.io.WavWriter}): nothing appears at
     * {@code target} unless the render completes.
     */
    static WavSink wav(Path target, SampleEncoding encoding, WriteOptions options) {
        return new WavSink(target, encoding, options, 0);
    }

    /**
     * As {@link #wav(Path, SampleEncoding, WriteOptions)}, with a WAV speaker mask (0 for none; written
     * in an EXTENSIBLE header when it is not the usual layout of the channel count, see
     * {@link io.github.mixwright.io.WavFormat}).
     */
    static WavSink wav(Path target, SampleEncoding encoding, WriteOptions options, int channelMask) {
        return new WavSink(target, encoding, options, channelMask);
    }

    /** Feeds every block to {@code meter}, whose figures are complete after the render. */
    static RenderSink meter(LoudnessMeter meter) {
        Objects.requireNonNull(meter, "meter");
        return new RenderSink() {
            @Override
            public void open(int channels, double sampleRate) {
                if (channels != meter.channels() || sampleRate != meter.sampleRate()) {
                    throw new IllegalArgumentException("the meter measures " + meter.channels() + " channels at "
                            + meter.sampleRate() + " Hz but the render gives " + channels + " at " + sampleRate + " Hz");
                }
            }

            @Override
            public void write(AudioBuffer block) {
                meter.accept(block);
            }

            @Override
            public void finish() {
            }

            @Override
            public void abort(Throwable cause) {
            }
        };
    }

    /** The whole output, kept in memory. */
    static BufferSink buffer() {
        return new BufferSink();
    }
}
