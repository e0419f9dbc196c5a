package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a {@link Render} puts its output: a file, a buffer, a meter. A render calls {@link #open} once,
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
        return new WavSink(target, encoding, options);
    }

    /** The whole output, kept in memory. */
    static BufferSink buffer() {
        return new BufferSink();
    }
}
