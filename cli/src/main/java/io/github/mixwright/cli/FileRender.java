package io.github.mixwright.cli;

import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WriteOptions;
import io.github.mixwright.mix.Render;
import io.github.mixwright.mix.RenderFailure;
import io.github.mixwright.mix.RenderSink;
import io.github.mixwright.mix.WavSink;
import java.nio.file.Path;

/**
 * The commands' file-to-file render: the library's {@link Render}, reading ahead and writing behind on
 * the command's I/O threads ({@link WorkerPool#io()}), with its failures told as the command tells them.
 * Used by {@code convert} and {@code process}.
 */
final class FileRender {
    private FileRender() {
    }

    /**
     * Renders {@code render} (whose source reads {@code in}) into {@code out} in {@code format}, written
     * atomically: a failure leaves nothing at {@code out}.
     *
     * @return integer samples clipped at full scale
     * @throws CliFailure exit code 3 if the input fails, 1 if the output fails
     */
    static long run(Render render, Path in, Path out, WavFormat format, WriteOptions options) throws CliFailure {
        // The render's writing stage is the write-behind thread: the writer's own would add hand-offs.
        WavSink sink = RenderSink.wav(out, format.encoding(), options.withWriteBehind(false), format.channelMask());
        try {
            render.withThreads(WorkerPool.io()).run(sink);
        } catch (RenderFailure f) {
            throw f.side() == RenderFailure.Side.INPUT ? CliFailure.input(in, f.getCause())
                    : CliFailure.output(out, f.getCause());
        }
        return sink.clippedSamples();
    }
}
