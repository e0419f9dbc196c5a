package io.github.mixwright.io;

import io.github.mixwright.core.AudioBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Streams float samples into a new WAV file, atomically.
 *
 * <p>Samples go to a temporary file beside the target (same directory, named
 * {@code .<name>.<random>.tmp}); {@link #commit()} completes the header and moves the temporary file
 * onto the target in one atomic rename (falling back to a replacing move where the file system
 * cannot rename atomically). Until then the target is untouched: {@link #close()} without a commit,
 * an exception or a crash of the writing code leave whatever was there before. The temporary file is
 * not synced to disk before the rename, as sox and ffmpeg do not sync either: the guarantee is about
 * a failing writer, not a failing machine.
 *
 * <p>Format (Microsoft RIFF/WAVE): 8/16-bit mono or stereo without a channel mask get a plain PCM
 * {@code fmt} chunk; everything else is WAVE_FORMAT_EXTENSIBLE with the PCM or IEEE float
 * subformat, as Microsoft recommends for more than 16 bits, more than 2 channels or a speaker
 * mask. Float files carry a {@code fact} chunk. A 28-byte {@code JUNK} chunk after {@code WAVE}
 * reserves room for an RF64 {@code ds64} chunk (EBU Tech 3306): when the file outgrows RIFF's
 * 32-bit sizes, or {@link WriteOptions#forceRf64()} asks for it, commit rewrites the header as RF64.
 *
 * <p>Integer samples: {@code q = clamp(round(x * 2^(bits-1) + d), -2^(bits-1), 2^(bits-1) - 1)},
 * with {@code d} the dither of {@link WriteOptions} in LSB (0 without), halves rounding up, and
 * 8-bit stored as {@code q + 128}. {@link #clippedSamples()} counts the samples that hit the clamp,
 * and NaN samples, which are written as 0. Floats are written as they are, never dithered (64-bit
 * floats widen exactly).
 *
 * <p>Memory use is two fixed buffers of about {@value #BUFFER_BYTES} bytes: one is written to the
 * file on a daemon thread while the next is encoded. The file's bytes are the same as with plain
 * writes, and the same input, options and seed always give the same file, whatever the block sizes
 * passed to {@link #write}.
 *
 * <p>Not thread-safe.
 */
public final class WavWriter implements AutoCloseable {
    /** Largest RIFF size field: a file larger than this plus 8 bytes has to be RF64. */
    static final long RIFF_SIZE_LIMIT = 0xFFFF_FFFFL;
    /** Bytes encoded and written at a time. */
    static final int BUFFER_BYTES = 256 * 1024;

    private final Path target;
    private final WavFormat format;
    private final WriteOptions options;
    private final long riffSizeLimit;
    private final AtomicTarget file;
    private final FileChannel channel;
    private final SampleEncoder encoder;
    private final int headerBytes;
    private final int blockAlign;
    private final WriteBehind out;
    private long frames;
    private boolean failed;
    private boolean committed;
    private boolean closed;

    private WavWriter(Path target, WavFormat format, WriteOptions options, long riffSizeLimit, AtomicTarget file)
            throws IOException {
        this.target = target;
        this.format = format;
        this.options = options;
        this.riffSizeLimit = riffSizeLimit;
        this.file = file;
        this.channel = file.channel();
        this.encoder = new SampleEncoder(format.encoding(), format.channels(), options.dither(), options.ditherSeed());
        this.headerBytes = WavHeaderBuilder.length(format);
        this.blockAlign = format.blockAlign();
        this.out = new WriteBehind(channel, Math.max(1, BUFFER_BYTES / blockAlign) * blockAlign,
                options.writeBehind());
        writeFully(ByteBuffer.wrap(WavHeaderBuilder.build(format, false, headerBytes, 0, 0)));
    }

    /**
     * Starts writing {@code target}; nothing appears there until {@link #commit()}.
     *
     * @param target the file to create or replace; its directory must exist
     * @param format the file's format
     * @param options dither and container choices
     * @throws IOException if the temporary file cannot be created (the directory is missing or
     *     read-only, the target is a directory, ...)
     */
    public static WavWriter create(Path target, WavFormat format, WriteOptions options) throws IOException {
        return create(target, format, options, RIFF_SIZE_LIMIT);
    }

    /** {@link #create(Path, WavFormat, WriteOptions)} with a lower RIFF size limit, for tests. */
    static WavWriter create(Path target, WavFormat format, WriteOptions options, long riffSizeLimit)
            throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(options, "options");
        AtomicTarget file = AtomicTarget.create(target);
        try {
            return new WavWriter(target, format, options, riffSizeLimit, file);
        } catch (IOException | RuntimeException | Error e) {
            file.abort(e);
            throw e;
        }
    }

    /** The format being written. */
    public WavFormat format() {
        return format;
    }

    /** The file that {@link #commit()} creates or replaces. */
    public Path target() {
        return target;
    }

    /**
     * Appends the frames of {@code block}.
     *
     * @throws IllegalArgumentException if its channel count is not the format's
     * @throws IllegalStateException after {@link #commit()} or {@link #close()}, or after a failed write
     */
    public void write(AudioBuffer block) throws IOException {
        ensureWritable();
        if (block.channels() != format.channels()) {
            throw new IllegalArgumentException("block has " + block.channels() + " channels, the file "
                    + format.channels());
        }
        try {
            int start = 0;
            while (start < block.frames()) {
                int n = Math.min(out.free() / blockAlign, block.frames() - start);
                if (n == 0) {
                    out.flush();
                    continue;
                }
                encoder.encode(block, start, n, out.block(), out.used());
                out.advance(n * blockAlign);
                frames += n;
                start += n;
            }
        } catch (IOException | RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    /** Frames written so far. */
    public long framesWritten() {
        return frames;
    }

    /**
     * Integer samples clipped so far: those beyond full scale after dither (a 1.0 sample is one LSB
     * over the largest code and counts) and NaN samples. Always 0 for float encodings.
     */
    public long clippedSamples() {
        return encoder.clipped();
    }

    /**
     * Completes the file and moves it onto the target: RF64 if {@link WriteOptions#forceRf64()} or
     * if the file is larger than 4 GiB, otherwise RIFF.
     *
     * @throws IllegalStateException if already committed or closed, or after a failed write
     * @throws IOException if the file cannot be completed or moved; the target is then untouched
     */
    public void commit() throws IOException {
        ensureWritable();
        // Until the move succeeds the file is half-finished; a second commit must not build on it.
        failed = true;
        out.drain();
        long dataBytes = frames * blockAlign;
        if ((dataBytes & 1) != 0) {
            writeFully(ByteBuffer.wrap(new byte[1]));
        }
        long fileBytes = headerBytes + dataBytes + (dataBytes & 1);
        boolean rf64 = options.forceRf64() || fileBytes - 8 > riffSizeLimit;
        ByteBuffer head = ByteBuffer.wrap(WavHeaderBuilder.build(format, rf64, fileBytes, dataBytes, frames));
        while (head.hasRemaining()) {
            channel.write(head, head.position());
        }
        file.commit();
        committed = true;
        failed = false;
    }

    /**
     * Without a commit, deletes the temporary file and leaves the target untouched; after one, does
     * nothing. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            out.abandon();
            file.abort(null);
        }
    }

    private void ensureWritable() {
        if (closed || committed) {
            throw new IllegalStateException("writer of " + target + " is " + (committed ? "committed" : "closed"));
        }
        if (failed) {
            throw new IllegalStateException("an earlier write to " + target + " failed; close the writer");
        }
    }

    private void writeFully(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }
}
