package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavWriter;
import io.github.mixwright.io.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link RenderSink} writing a WAV file through {@link WavWriter}: into a temporary file beside the
 * target, moved onto it by {@link #finish}, deleted by {@link #abort}. One render at a time.
 */
public final class WavSink implements RenderSink {
    private final Path target;
    private final SampleEncoding encoding;
    private final WriteOptions options;
    private final int channelMask;
    private WavWriter writer;
    private long clipped;
    private long frames;

    WavSink(Path target, SampleEncoding encoding, WriteOptions options, int channelMask) {
        this.target = Objects.requireNonNull(target, "target");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.options = Objects.requireNonNull(options, "options");
        this.channelMask = channelMask;
    }

    @Override
    public void open(int channels, double sampleRate) throws IOException {
        if (writer != null) {
            throw new IllegalStateException("the sink for " + target + " is already open");
        }
        long rate = Math.round(sampleRate);
        if (rate != sampleRate || rate > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sampleRate " + sampleRate + " is not a whole number of Hz, as WAV needs");
        }
        writer = WavWriter.create(target, new WavFormat((int) rate, channels, encoding, channelMask), options);
    }

    @Override
    public void write(AudioBuffer block) throws IOException {
        writer.write(block);
    }

    @Override
    public void finish() throws IOException {
        WavWriter w = writer;
        writer = null;
        try (w) {
            w.commit();
            clipped = w.clippedSamples();
            frames = w.framesWritten();
        }
    }

    @Override
    public void abort(Throwable cause) {
        WavWriter w = writer;
        writer = null;
        if (w != null) {
            try {
                w.close();
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** The file this sink writes. */
    public Path target() {
        return target;
    }

    /** Frames in the file, after {@link #finish}. */
    public long frames() {
        return frames;
    }

    /** Integer samples clipped at full scale (see {@link WavWriter#clippedSamples()}), after {@link #finish}. */
    public long clippedSamples() {
        return clipped;
    }
}
