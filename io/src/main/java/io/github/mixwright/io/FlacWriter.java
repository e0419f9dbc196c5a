package io.github.mixwright.io;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams float samples into a new FLAC file (RFC 9639), atomically.
 *
 * <p>Like {@link WavWriter}: samples go to a temporary file beside the target, {@link #commit()}
 * completes STREAMINFO (total samples, smallest and largest frame, the MD5 of the samples) and moves
 * the file onto the target in one rename; {@link #close()} without a commit, or a failure, leaves the
 * target as it was. Samples are quantised exactly as {@link WavWriter} quantises them for
 * {@link SampleEncoding#PCM16} or {@link SampleEncoding#PCM24} with the same {@link WriteOptions}
 * (dither and seed; {@code forceRf64} does not apply), so a FLAC file and a WAV file written from the
 * same floats hold the same codes, and {@link #clippedSamples()} counts the same clips.
 *
 * <p>Compression levels 0 to 8 follow libFLAC's (block size 1152 or 4096, fixed predictors at 0 to 2,
 * linear prediction from 3, stereo decorrelation chosen per frame, wider searches as the level rises;
 * see {@link #DEFAULT_LEVEL}). The stream has a fixed block size and a VORBIS_COMMENT block with the
 * vendor string {@value #VENDOR} and no fields. With {@link WriteOptions#writeBehind()} (the default) up
 * to four blocks, one per core, are encoded at once, the first on the caller's thread and the others on
 * daemon threads, and the file is written on another; the bytes are the same as without, when
 * everything runs on the caller's thread. Memory use is a few blocks of samples per channel and a few
 * buffers, whatever the length. Not thread-safe.
 */
public final class FlacWriter implements AutoCloseable {
    /** The compression level of {@link #create(Path, int, int, int, WriteOptions)}, as libFLAC's. */
    public static final int DEFAULT_LEVEL = 5;
    /** Highest sample rate a FLAC frame header can state, Hz. */
    public static final int MAX_SAMPLE_RATE = 655_350;
    /** The vendor string of the VORBIS_COMMENT block. */
    public static final String VENDOR = "Mixwright";
    /** Bytes written at a time. */
    static final int BUFFER_BYTES = 256 * 1024;
    private static final int STREAMINFO_OFFSET = 8;
    private static final long MAX_TOTAL = (1L << 36) - 1;
    /** Most blocks encoded at once. */
    private static final int MAX_LANES = 4;
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Daemon threads that encode frames beside the writing thread; idle ones end after a minute. */
    private static final ExecutorService ENCODERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread t = new Thread(task, "mixwright-flac-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private final Path target;
    private final int sampleRate;
    private final int channels;
    private final int bits;
    private final int level;
    private final AtomicTarget file;
    private final FileChannel channel;
    private final SampleEncoder quantiser;
    /** One encoder per block of a batch; frames of one batch are encoded at once on several cores. */
    private final FlacEncoder[] encoders;
    private final int blockSize;
    /** The blocks of the batch being filled: {@code blocks[lane][channel][sample]}. */
    private final int[][][] blocks;
    private final int[] lengths;
    private final Future<?>[] pending;
    /** Blocks of the batch complete so far. */
    private int filled;
    private final int[] scratch;
    private final WriteBehind out;
    private final MessageDigest md5 = FlacReader.newMd5();
    private final byte[] md5Bytes;
    private int fill;
    private long frameNumber;
    private long frames;
    private int minFrame = Integer.MAX_VALUE;
    private int maxFrame;
    private boolean failed;
    private boolean committed;
    private boolean closed;

    private FlacWriter(Path target, int sampleRate, int channels, int bits, int level, WriteOptions options,
            AtomicTarget file) throws IOException {
        this.target = target;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.bits = bits;
        this.level = level;
        this.file = file;
        this.channel = file.channel();
        this.quantiser = new SampleEncoder(bits == 16 ? SampleEncoding.PCM16 : SampleEncoding.PCM24, channels,
                options.dither(), options.ditherSeed());
        int lanes = options.writeBehind() ? Math.max(1, Math.min(MAX_LANES, Runtime.getRuntime().availableProcessors())) : 1;
        this.encoders = new FlacEncoder[lanes];
        this.blocks = new int[lanes][channels][];
        for (int k = 0; k < lanes; k++) {
            encoders[k] = new FlacEncoder(channels, bits, sampleRate, level);
        }
        this.blockSize = FlacEncoder.blockSize(level);
        for (int k = 0; k < lanes; k++) {
            for (int c = 0; c < channels; c++) {
                blocks[k][c] = new int[blockSize];
            }
        }
        this.lengths = new int[lanes];
        this.pending = new Future<?>[lanes];
        this.scratch = new int[blockSize];
        this.md5Bytes = new byte[blockSize * channels * (bits / 8)];
        this.out = new WriteBehind(channel, BUFFER_BYTES, options.writeBehind());
        writeFully(ByteBuffer.wrap(header()));
    }

    /**
     * Starts writing {@code target} at the {@link #DEFAULT_LEVEL}; nothing appears there until
     * {@link #commit()}.
     *
     * @see #create(Path, int, int, int, int, WriteOptions)
     */
    public static FlacWriter create(Path target, int sampleRate, int channels, int bitsPerSample, WriteOptions options)
            throws IOException {
        return create(target, sampleRate, channels, bitsPerSample, DEFAULT_LEVEL, options);
    }

    /**
     * Starts writing {@code target}; nothing appears there until {@link #commit()}.
     *
     * @param target the file to create or replace; its directory must exist
     * @param sampleRate 1 to {@value #MAX_SAMPLE_RATE} Hz
     * @param channels 1 to 8
     * @param bitsPerSample 16 or 24
     * @param compressionLevel 0 (fastest) to 8 (smallest)
     * @param options dither and seed, and whether to write on a background thread
     * @throws IllegalArgumentException if a value is out of range, naming it
     * @throws IOException if the temporary file cannot be created
     */
    public static FlacWriter create(Path target, int sampleRate, int channels, int bitsPerSample,
            int compressionLevel, WriteOptions options) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        Checks.inRange("sampleRate", sampleRate, 1, MAX_SAMPLE_RATE);
        Checks.inRange("channels", channels, 1, 8);
        if (bitsPerSample != 16 && bitsPerSample != 24) {
            throw new IllegalArgumentException("bitsPerSample " + bitsPerSample + " is not 16 or 24");
        }
        Checks.inRange("compressionLevel", compressionLevel, 0, FlacEncoder.MAX_LEVEL);
        AtomicTarget file = AtomicTarget.create(target);
        try {
            return new FlacWriter(target, sampleRate, channels, bitsPerSample, compressionLevel, options, file);
        } catch (IOException | RuntimeException | Error e) {
            file.abort(e);
            throw e;
        }
    }

    /** The file that {@link #commit()} creates or replaces. */
    public Path target() {
        return target;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    public int bitsPerSample() {
        return bits;
    }

    /** The compression level, 0 to 8. */
    public int compressionLevel() {
        return level;
    }

    /**
     * Appends the frames of {@code block}.
     *
     * @throws IllegalArgumentException if its channel count is not the writer's
     * @throws IllegalStateException after {@link #commit()} or {@link #close()}, or after a failed write
     */
    public void write(AudioBuffer samples) throws IOException {
        ensureWritable();
        if (samples.channels() != channels) {
            throw new IllegalArgumentException("block has " + samples.channels() + " channels, the file " + channels);
        }
        try {
            int start = 0;
            int total = samples.frames();
            while (start < total) {
                int n = Math.min(blockSize - fill, total - start);
                int[][] block = blocks[filled];
                for (int c = 0; c < channels; c++) {
                    quantiser.quantiseChannel(samples.channel(c), samples.offset() + start, n, c, scratch);
                    System.arraycopy(scratch, 0, block[c], fill, n);
                }
                fill += n;
                start += n;
                frames += n;
                if (fill == blockSize) {
                    endBlock();
                }
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
     * Samples clipped so far: beyond full scale after dither (a 1.0 sample is one LSB over the largest
     * code and counts) and NaN samples, which are written as 0.
     */
    public long clippedSamples() {
        return quantiser.clipped();
    }

    /** Completes the block being filled; encodes the batch once every lane has one. */
    private void endBlock() throws IOException {
        digest(blocks[filled], fill);
        lengths[filled++] = fill;
        fill = 0;
        if (filled == blocks.length) {
            encodeBatch();
        }
    }

    /**
     * Encodes the complete blocks, all but the first on {@link #ENCODERS} threads while this one encodes
     * the first, and appends the frames in order: the bytes are those of encoding one after another.
     */
    private void encodeBatch() throws IOException {
        for (int k = 1; k < filled; k++) {
            FlacEncoder e = encoders[k];
            int[][] block = blocks[k];
            int n = lengths[k];
            long number = frameNumber + k;
            pending[k] = ENCODERS.submit(() -> e.encode(block, n, number));
        }
        try {
            encoders[0].encode(blocks[0], lengths[0], frameNumber);
        } finally {
            for (int k = 1; k < filled; k++) {
                Future<?> f = pending[k];
                pending[k] = null;
                IoThreads.await(f);
            }
        }
        for (int k = 0; k < filled; k++) {
            append(encoders[k].bytes(), encoders[k].length());
        }
        frameNumber += filled;
        filled = 0;
    }

    private void append(byte[] bytes, int length) throws IOException {
        minFrame = Math.min(minFrame, length);
        maxFrame = Math.max(maxFrame, length);
        int at = 0;
        while (at < length) {
            int k = Math.min(out.free(), length - at);
            if (k == 0) {
                out.flush();
                continue;
            }
            System.arraycopy(bytes, at, out.block(), out.used(), k);
            out.advance(k);
            at += k;
        }
    }

    private void digest(int[][] block, int n) {
        int bytes = bits / 8;
        int stride = channels * bytes;
        byte[] b = md5Bytes;
        for (int c = 0; c < channels; c++) {
            int[] x = block[c];
            int p = c * bytes;
            if (bytes == 2) {
                for (int i = 0; i < n; i++, p += stride) {
                    SampleDecoder.SHORT.set(b, p, (short) x[i]);
                }
            } else {
                for (int i = 0; i < n; i++, p += stride) {
                    int v = x[i];
                    b[p] = (byte) v;
                    b[p + 1] = (byte) (v >> 8);
                    b[p + 2] = (byte) (v >> 16);
                }
            }
        }
        md5.update(b, 0, n * stride);
    }

    /**
     * Encodes the last block, completes STREAMINFO and moves the file onto the target.
     *
     * @throws IllegalStateException if already committed or closed, or after a failed write
     * @throws IOException if the file cannot be completed or moved; the target is then untouched
     */
    public void commit() throws IOException {
        ensureWritable();
        failed = true;
        if (fill > 0) {
            endBlock();
        }
        if (filled > 0) {
            encodeBatch();
        }
        out.drain();
        FlacStreamInfo info = new FlacStreamInfo(blockSize, blockSize, frameNumber == 0 ? 0 : minFrame, maxFrame,
                sampleRate, channels, bits, frames <= MAX_TOTAL ? frames : 0, md5.digest());
        ByteBuffer head = ByteBuffer.wrap(info.bytes());
        while (head.hasRemaining()) {
            channel.write(head, STREAMINFO_OFFSET + head.position());
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

    /** "fLaC", a STREAMINFO to be completed at commit, and the VORBIS_COMMENT block, the last. */
    private byte[] header() {
        byte[] vendor = VENDOR.getBytes(StandardCharsets.UTF_8);
        int commentLength = 4 + vendor.length + 4;
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + FlacStreamInfo.LENGTH + 4 + commentLength);
        b.put(new byte[] {'f', 'L', 'a', 'C'});
        b.putInt(FlacStreamInfo.LENGTH);
        b.put(new FlacStreamInfo(blockSize, blockSize, 0, 0, sampleRate, channels, bits, 0, new byte[16]).bytes());
        b.putInt(0x84 << 24 | commentLength);
        b.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(vendor.length);
        b.put(vendor);
        b.putInt(0);
        return b.array();
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
