package io.github.mixwright.cli;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Processor;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.io.WavWriter;
import io.github.mixwright.io.WriteOptions;
import io.github.mixwright.mix.LatencyCompensator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Streams a file through an optional processor into a new file, block by block: reading and decoding
 * on one thread, processing on a second ({@link ReadAhead}), encoding and writing on the calling one.
 * Used by {@code convert} (no processor) and {@code process}.
 *
 * <p>The output is written to a temporary file and moved into place only when complete
 * ({@link WavWriter#commit()}), so a failure never leaves a half-written output behind.
 */
final class Transcoder {
    /**
     * Frames per block: large, because per-block costs (queue hand-off, system calls) then vanish
     * against per-sample work; 64 Ki stereo frames are 512 KiB of floats per buffer.
     */
    static final int BLOCK_FRAMES = 65_536;
    /** Caps a buffer at 2^20 samples (4 MiB) when there are many channels. */
    private static final int MAX_BLOCK_SAMPLES = 1 << 20;

    /** What a run wrote. */
    record Result(long frames, long clippedSamples) {
    }

    private final WavReader reader;
    private final Path in;
    private final Processor processor;
    private final int blockFrames;

    /**
     * @param processor prepared for {@link #blockFrames(int)} frames and the output channel count, or
     *     null to copy samples unchanged
     */
    Transcoder(WavReader reader, Path in, Processor processor) {
        this.reader = reader;
        this.in = in;
        this.processor = processor;
        this.blockFrames = blockFrames(reader.channels());
    }

    /** The block size used for {@code channels} input channels. */
    static int blockFrames(int channels) {
        return Math.min(BLOCK_FRAMES, Integer.highestOneBit(MAX_BLOCK_SAMPLES / Math.max(2, channels)));
    }

    /**
     * Writes {@code out} in {@code format}. A mono input is copied to both channels when the format is
     * stereo. If the processor has latency, that many leading output frames are dropped and its tail is
     * flushed with silence, so the output has as many frames as the input and is aligned with it.
     *
     * @throws CliFailure exit code 3 if the input fails, 1 if the output fails
     */
    Result run(Path out, WavFormat format, WriteOptions options) throws CliFailure {
        int outChannels = format.channels();
        boolean upmix = reader.channels() == 1 && outChannels == 2;
        if (!upmix && outChannels != reader.channels()) {
            throw new IllegalArgumentException("channels " + outChannels + " is out of range ["
                    + reader.channels() + ", " + reader.channels() + "] (the input's)");
        }
        int latency = processor == null ? 0 : processor.latencyFrames();
        Consumer<AudioBuffer> transform = block -> {
            if (upmix) {
                System.arraycopy(block.channel(0), block.offset(), block.channel(1), block.offset(), block.frames());
            }
            if (processor != null) {
                processor.process(block);
            }
        };
        try (WavWriter writer = create(out, format, options)) {
            Sink sink = new Sink(writer, out, latency);
            // A processor runs on a thread of its own, between reading and writing (ReadAhead).
            try (ReadAhead ahead = new ReadAhead(reader, outChannels, blockFrames, transform, processor != null)) {
                for (AudioBuffer block = next(ahead); block != null; block = next(ahead)) {
                    sink.framesIn += block.frames();
                    sink.accept(block);
                }
            }
            if (latency > 0) {
                flushTail(sink, outChannels);
            }
            try {
                writer.commit();
            } catch (IOException e) {
                throw CliFailure.output(out, e);
            }
            return new Result(writer.framesWritten(), writer.clippedSamples());
        } catch (IOException e) {
            // from closing the writer, which only deletes a temporary file after a failure
            throw CliFailure.output(out, e);
        }
    }

    /** Feeds silence until the processor's delayed output has caught up with the input. */
    private void flushTail(Sink sink, int channels) throws CliFailure {
        AudioBuffer zeros = AudioBuffer.allocate(channels, blockFrames);
        for (int n; (n = sink.aligner.silenceToFeed(sink.framesIn, blockFrames)) > 0; ) {
            AudioBuffer block = zeros.view(0, n);
            block.clear();
            processor.process(block);
            sink.accept(block);
        }
    }

    private AudioBuffer next(ReadAhead ahead) throws CliFailure {
        try {
            return ahead.next();
        } catch (IOException e) {
            throw CliFailure.input(in, e);
        }
    }

    private static WavWriter create(Path out, WavFormat format, WriteOptions options) throws CliFailure {
        try {
            // This thread encodes and writes while ReadAhead's reads and decodes: a write-behind
            // thread on top only adds hand-offs (docs/benchmarks.md).
            return WavWriter.create(out, format, options.withWriteBehind(false));
        } catch (IOException e) {
            throw CliFailure.output(out, e);
        }
    }

    /** Writes processed blocks, dropping the processor's latency ({@link LatencyCompensator}). */
    private static final class Sink {
        private final WavWriter writer;
        private final Path out;
        final LatencyCompensator aligner;
        long framesIn;

        Sink(WavWriter writer, Path out, int latency) {
            this.writer = writer;
            this.out = out;
            this.aligner = new LatencyCompensator(latency);
        }

        void accept(AudioBuffer block) throws CliFailure {
            AudioBuffer keep = aligner.keep(block);
            if (keep == null) {
                return;
            }
            try {
                writer.write(keep);
            } catch (IOException e) {
                throw CliFailure.output(out, e);
            }
        }
    }
}
