package io.github.mixwright.io;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Streams the samples of a FLAC file (RFC 9639) as floats.
 *
 * <p>Decodes every legal stream: 4 to 32 bits per sample, any sample rate, 1 to 8 channels, fixed or
 * variable block size, constant, verbatim, fixed (orders 0 to 4) and LPC (orders 1 to 32) subframes
 * with wasted bits, Rice and Rice2 residuals with escaped partitions, and independent, left-side,
 * right-side and mid-side stereo. An ID3v2 tag before the stream is skipped. Samples map to floats as
 * {@link WavReader} maps PCM, {@code q / 2^(bits-1)}, so a 24-bit FLAC file and a 24-bit WAV file of
 * the same samples read to the same floats (32-bit samples are rounded to the nearest float).
 *
 * <p>Checked as it is read: the metadata blocks' sizes against the file's length, STREAMINFO's
 * fields, every frame header and its CRC-8, every subframe, every frame's CRC-16 and, when the
 * whole stream has been read in order from its start, the MD5 of the decoded samples against
 * STREAMINFO's. Any failure is an {@link AudioFormatException} naming the file and the problem;
 * memory is bounded by STREAMINFO's validated block size and channel count (at most 8 x 65535
 * samples), never by any other header value. Metadata blocks other than STREAMINFO and
 * VORBIS_COMMENT are skipped; the comments are kept ({@link #comments()}, {@link #tags()}). Bytes after
 * the last sample STREAMINFO counts (an ID3v1 tag, say) are ignored.
 *
 * <p>{@link #seek} decodes forward from the nearest earlier frame it has seen (every 65,536 samples
 * or so), or from the start. Not thread-safe.
 */
public final class FlacReader implements AudioSource {
    /** Largest VORBIS_COMMENT block kept in memory; larger ones are skipped. */
    static final int MAX_COMMENT_BYTES = 16 * 1024 * 1024;
    /** Samples between the frames remembered for seeking. */
    private static final long INDEX_SPACING = 65_536;
    private static final int STREAMINFO = 0;
    private static final int VORBIS_COMMENT = 4;
    private static final String[] BLOCK_NAMES = {"STREAMINFO", "PADDING", "APPLICATION", "SEEKTABLE",
        "VORBIS_COMMENT", "CUESHEET", "PICTURE"};

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    private final FlacStreamInfo info;
    private final String vendor;
    private final List<String> comments;
    private final long firstFrame;
    private final long frames;
    private final FlacBitReader in;
    private final FlacFrameDecoder decoder;
    private final float scale;
    private final int md5Bytes;
    private MessageDigest md5;
    private byte[] md5Scratch = new byte[0];
    /** Whether every sample so far was decoded in order from the first, so the MD5 can be checked. */
    private boolean inOrder = true;
    private long[] indexSamples = new long[16];
    private long[] indexOffsets = new long[16];
    private int indexSize;
    /** First sample of the decoded frame. */
    private long frameStart;
    private int frameLength;
    private int frameIndex;
    private boolean ended;
    private boolean closed;

    private FlacReader(Path path, FileChannel channel, Metadata m) throws IOException {
        this.path = path;
        this.channel = channel;
        this.fileSize = m.fileSize;
        this.info = m.info;
        this.vendor = m.vendor;
        this.comments = m.comments;
        this.firstFrame = m.firstFrame;
        long total = info.totalSamples();
        this.frames = total > 0 ? total : firstFrame == fileSize ? 0 : -1;
        this.in = new FlacBitReader(path, channel, fileSize);
        in.reset(firstFrame);
        this.decoder = new FlacFrameDecoder(path, in, info);
        int bits = info.bitsPerSample();
        this.scale = bits == 32 ? 1f / 2147483648f : 1f / (1 << (bits - 1));
        this.md5Bytes = (bits + 7) / 8;
        this.md5 = info.hasMd5() ? newMd5() : null;
        indexSamples[0] = 0;
        indexOffsets[0] = firstFrame;
        indexSize = 1;
    }

    /**
     * Opens {@code file} and parses its metadata.
     *
     * @throws AudioFormatException if the file is not a well-formed FLAC stream
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws IOException if it cannot be read
     */
    public static FlacReader open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            Metadata m;
            try {
                m = new Metadata(file, channel);
            } catch (RuntimeException e) {
                throw new AudioFormatException(file, "malformed metadata (" + e + ")", e);
            }
            return new FlacReader(file, channel, m);
        } catch (IOException | RuntimeException | Error e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The file being read. */
    public Path path() {
        return path;
    }

    /** Sample rate in Hz, from STREAMINFO. */
    @Override
    public double sampleRate() {
        return info.sampleRate();
    }

    @Override
    public int channels() {
        return info.channels();
    }

    /** Bits per sample, 4 to 32. */
    public int bitsPerSample() {
        return info.bitsPerSample();
    }

    /**
     * Frames in the file, from STREAMINFO; 0 for a stream with no frames, -1 if STREAMINFO does not
     * say and there are frames.
     */
    @Override
    public long frames() {
        return frames;
    }

    /** The encoder's name from the VORBIS_COMMENT block, or {@code ""} without one. */
    public String vendor() {
        return vendor;
    }

    /** The VORBIS_COMMENT fields as stored, {@code "NAME=value"}, in order; empty without the block. */
    public List<String> comments() {
        return comments;
    }

    /**
     * The VORBIS_COMMENT fields by name, upper-cased (names are case-insensitive), each with its values
     * in order; fields without {@code '='} are left out.
     */
    public Map<String, List<String>> tags() {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        for (String field : comments) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                tags.computeIfAbsent(field.substring(0, eq).toUpperCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(field.substring(eq + 1));
            }
        }
        tags.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(tags);
    }

    /** The STREAMINFO block. */
    FlacStreamInfo streamInfo() {
        return info;
    }

    /** The frame the next {@link #read} starts at. */
    public long position() {
        return frameStart + frameIndex;
    }

    /**
     * Moves to frame {@code frame}, 0 to {@link #frames()} (any frame from 0 when the length is not
     * known; past the end, reads then return 0). The MD5 is checked only on a read from the start to the
     * end with no seek other than to 0.
     *
     * @throws IllegalArgumentException if {@code frame} is out of range
     * @throws AudioFormatException if a frame on the way is malformed
     */
    public void seek(long frame) throws IOException {
        ensureOpen();
        if (frame < 0 || (frames >= 0 && frame > frames)) {
            throw new IllegalArgumentException("frame " + frame + " is out of range [0, " + frames + "]");
        }
        if (frame >= frameStart && frame < frameStart + frameLength) {
            frameIndex = (int) (frame - frameStart);
            inOrder &= frame == 0;
            return;
        }
        if (frame == 0) {
            restart(0, firstFrame);
            inOrder = true;
            md5 = info.hasMd5() ? newMd5() : null;
            return;
        }
        inOrder = false;
        boolean forward = !ended && frame >= frameStart + frameLength;
        if (!forward || nearestIndexSample(frame) > frameStart + frameLength) {
            int k = nearestIndex(frame);
            restart(indexSamples[k], indexOffsets[k]);
        }
        while (true) {
            if (!nextFrame()) {
                return;
            }
            if (frame < frameStart + frameLength) {
                frameIndex = (int) (frame - frameStart);
                return;
            }
        }
    }

    private void restart(long sample, long offset) {
        in.reset(offset);
        frameStart = sample;
        frameLength = 0;
        frameIndex = 0;
        ended = false;
    }

    private int nearestIndex(long frame) {
        int k = Arrays.binarySearch(indexSamples, 0, indexSize, frame);
        return k >= 0 ? k : -k - 2;
    }

    private long nearestIndexSample(long frame) {
        return indexSamples[nearestIndex(frame)];
    }

    /**
     * Fills {@code destination} from its frame 0.
     *
     * @param destination a buffer of {@link #channels()} channels
     * @return frames read, {@code destination.frames()} except at the end of the file; 0 at the end
     * @throws AudioFormatException if the file is malformed, ends early, or its samples do not match
     *     STREAMINFO's MD5
     * @throws IllegalArgumentException if the channel count differs
     * @throws IllegalStateException if the reader is closed
     */
    @Override
    public int read(AudioBuffer destination) throws IOException {
        ensureOpen();
        int channels = info.channels();
        if (destination.channels() != channels) {
            throw new IllegalArgumentException("destination has " + destination.channels()
                    + " channels, the file " + channels);
        }
        int wanted = destination.frames();
        int done = 0;
        float s = scale;
        while (done < wanted) {
            if (frameIndex == frameLength && !nextFrame()) {
                break;
            }
            int n = Math.min(wanted - done, frameLength - frameIndex);
            for (int c = 0; c < channels; c++) {
                long[] x = decoder.channel(c);
                float[] out = destination.channel(c);
                int o = destination.offset() + done;
                int from = frameIndex;
                for (int i = 0; i < n; i++) {
                    out[o + i] = (int) x[from + i] * s;
                }
            }
            frameIndex += n;
            done += n;
        }
        return done;
    }

    /** Decodes the next frame; false at the end of the stream. */
    private boolean nextFrame() throws IOException {
        if (ended) {
            return false;
        }
        frameStart += frameLength;
        frameLength = 0;
        frameIndex = 0;
        long total = info.totalSamples();
        if ((total > 0 && frameStart >= total) || (total == 0 && in.atEnd())) {
            finish();
            return false;
        }
        if (in.atEnd()) {
            throw new AudioFormatException(path, "file truncated: STREAMINFO counts " + total
                    + " samples, the frames end after " + frameStart);
        }
        long offset = in.bytePosition();
        int n = decoder.decode();
        if (total > 0 && frameStart + n > total) {
            throw new AudioFormatException(path, "the frame at byte " + offset + " ends at sample " + (frameStart + n)
                    + ", past the " + total + " STREAMINFO counts");
        }
        if (frameStart >= indexSamples[indexSize - 1] + INDEX_SPACING) {
            remember(frameStart, offset);
        }
        frameLength = n;
        if (inOrder && md5 != null) {
            digest(n);
        }
        return true;
    }

    private void remember(long sample, long offset) {
        if (indexSize == indexSamples.length) {
            indexSamples = Arrays.copyOf(indexSamples, indexSize * 2);
            indexOffsets = Arrays.copyOf(indexOffsets, indexSize * 2);
        }
        indexSamples[indexSize] = sample;
        indexOffsets[indexSize] = offset;
        indexSize++;
    }

    private void finish() throws IOException {
        ended = true;
        if (inOrder && md5 != null) {
            byte[] got = md5.digest();
            md5 = null;
            if (!MessageDigest.isEqual(got, info.md5())) {
                HexFormat hex = HexFormat.of();
                throw new AudioFormatException(path, "MD5 of the decoded samples " + hex.formatHex(got)
                        + " differs from STREAMINFO's " + hex.formatHex(info.md5()));
            }
        }
    }

    /** Adds the frame's samples to the MD5: interleaved, little-endian, in whole bytes. */
    private void digest(int n) {
        int channels = info.channels();
        int bytes = md5Bytes;
        int need = n * channels * bytes;
        if (md5Scratch.length < need) {
            md5Scratch = new byte[need];
        }
        byte[] b = md5Scratch;
        for (int c = 0; c < channels; c++) {
            long[] x = decoder.channel(c);
            int p = c * bytes;
            int stride = channels * bytes;
            switch (bytes) {
                case 1:
                    for (int i = 0; i < n; i++, p += stride) {
                        b[p] = (byte) x[i];
                    }
                    break;
                case 2:
                    for (int i = 0; i < n; i++, p += stride) {
                        SampleDecoder.SHORT.set(b, p, (short) x[i]);
                    }
                    break;
                case 3:
                    for (int i = 0; i < n; i++, p += stride) {
                        long v = x[i];
                        b[p] = (byte) v;
                        b[p + 1] = (byte) (v >> 8);
                        b[p + 2] = (byte) (v >> 16);
                    }
                    break;
                default:
                    for (int i = 0; i < n; i++, p += stride) {
                        SampleDecoder.INT.set(b, p, (int) x[i]);
                    }
            }
        }
        md5.update(b, 0, need);
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("reader of " + path + " is closed");
        }
    }

    /** Closes the file; further reads throw {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "FlacReader[" + path + ", " + info.sampleRate() + " Hz, " + info.channels() + " channels, "
                + info.bitsPerSample() + " bits, " + frames + " frames]";
    }

    /** The metadata blocks up to the first frame, checked against the file's length. */
    private static final class Metadata {
        final long fileSize;
        FlacStreamInfo info;
        String vendor = "";
        List<String> comments = List.of();
        long firstFrame;
        private final Path file;
        private final FileChannel channel;

        Metadata(Path file, FileChannel channel) throws IOException {
            this.file = file;
            this.channel = channel;
            this.fileSize = channel.size();
            long pos = 0;
            if (fileSize < 4) {
                throw problem("not a FLAC file: only " + fileSize + " bytes long");
            }
            byte[] magic = read(0, 4);
            if (magic[0] == 'I' && magic[1] == 'D' && magic[2] == '3') {
                pos = id3v2Length();
                if (pos > fileSize - 4) {
                    throw problem("file truncated: an ID3v2 tag of " + pos + " bytes and no FLAC stream after it");
                }
                magic = read(pos, 4);
            }
            if (magic[0] != 'f' || magic[1] != 'L' || magic[2] != 'a' || magic[3] != 'C') {
                throw problem("not a FLAC file: starts with " + describe(magic) + ", not 'fLaC'");
            }
            pos += 4;
            boolean comment = false;
            for (int index = 0; ; index++) {
                if (pos > fileSize - 4) {
                    throw problem("file truncated: metadata block " + index + " header at byte " + pos
                            + " is past the end of the file");
                }
                byte[] h = read(pos, 4);
                boolean last = (h[0] & 0x80) != 0;
                int type = h[0] & 0x7F;
                int length = (h[1] & 0xFF) << 16 | (h[2] & 0xFF) << 8 | (h[3] & 0xFF);
                long body = pos + 4;
                String name = type < BLOCK_NAMES.length ? BLOCK_NAMES[type] : "type " + type;
                if (length > fileSize - body) {
                    throw problem("file truncated: metadata block " + index + " (" + name + ") at byte " + pos
                            + " claims " + length + " bytes, the file ends " + (fileSize - body) + " bytes after its header");
                }
                if (type == 127) {
                    throw problem("invalid metadata block type 127 at byte " + pos);
                }
                if (index == 0) {
                    if (type != STREAMINFO) {
                        throw problem("the first metadata block is " + name + ", not STREAMINFO");
                    }
                    if (length != FlacStreamInfo.LENGTH) {
                        throw problem("STREAMINFO block of " + length + " bytes, not 34");
                    }
                    info = streamInfo(FlacStreamInfo.parse(read(body, length)));
                } else if (type == STREAMINFO) {
                    throw problem("a second STREAMINFO block at byte " + pos);
                } else if (type == VORBIS_COMMENT && !comment && length <= MAX_COMMENT_BYTES) {
                    comment = true;
                    vorbisComment(read(body, length), pos);
                }
                pos = body + length;
                if (last) {
                    break;
                }
            }
            firstFrame = pos;
        }

        private FlacStreamInfo streamInfo(FlacStreamInfo s) throws AudioFormatException {
            if (s.maxBlockSize() == 0) {
                throw problem("STREAMINFO maximum block size 0");
            }
            if (s.minBlockSize() > s.maxBlockSize()) {
                throw problem("STREAMINFO minimum block size " + s.minBlockSize() + " exceeds the maximum "
                        + s.maxBlockSize());
            }
            if (s.sampleRate() == 0) {
                throw problem("STREAMINFO sample rate 0 Hz");
            }
            if (s.bitsPerSample() < 4) {
                throw problem("STREAMINFO bits per sample " + s.bitsPerSample() + " is out of range [4, 32]");
            }
            return s;
        }

        private void vorbisComment(byte[] b, long at) throws AudioFormatException {
            ByteBuffer v = ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            String what = "VORBIS_COMMENT block at byte " + at;
            int vendorLength = lengthAt(v, what, "vendor string");
            vendor = utf8(v, vendorLength);
            if (v.remaining() < 4) {
                throw problem(what + " ends before its field count");
            }
            long count = v.getInt() & 0xFFFF_FFFFL;
            if (count > v.remaining() / 4) {
                throw problem(what + " claims " + count + " fields, more than its " + v.remaining() + " bytes can hold");
            }
            List<String> list = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                list.add(utf8(v, lengthAt(v, what, "field " + i)));
            }
            comments = List.copyOf(list);
        }

        private int lengthAt(ByteBuffer v, String what, String field) throws AudioFormatException {
            if (v.remaining() < 4) {
                throw problem(what + " ends before the length of its " + field);
            }
            long n = v.getInt() & 0xFFFF_FFFFL;
            if (n > v.remaining()) {
                throw problem(what + ": " + field + " claims " + n + " bytes, only " + v.remaining() + " remain");
            }
            return (int) n;
        }

        private static String utf8(ByteBuffer v, int n) {
            String s = new String(v.array(), v.position(), n, StandardCharsets.UTF_8);
            v.position(v.position() + n);
            return s;
        }

        /** The length of an ID3v2 tag at the start of the file: header, syncsafe size, optional footer. */
        private long id3v2Length() throws IOException {
            if (fileSize < 10) {
                throw problem("file truncated: an ID3v2 tag header of " + fileSize + " bytes");
            }
            byte[] h = read(0, 10);
            long size = 0;
            for (int i = 6; i < 10; i++) {
                if ((h[i] & 0x80) != 0) {
                    throw problem("malformed ID3v2 tag size");
                }
                size = size << 7 | h[i];
            }
            return 10 + size + ((h[5] & 0x10) != 0 ? 10 : 0);
        }

        private byte[] read(long at, int n) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(n);
            while (b.hasRemaining()) {
                int r = channel.read(b, at + b.position());
                if (r < 0) {
                    throw problem("file truncated: it ends at byte " + (at + b.position()) + ", inside the metadata");
                }
            }
            return b.array();
        }

        private static String describe(byte[] magic) {
            StringBuilder s = new StringBuilder("0x");
            for (byte x : magic) {
                s.append(String.format("%02X", x & 0xFF));
            }
            return s.toString();
        }

        private AudioFormatException problem(String problem) {
            return new AudioFormatException(file, problem);
        }
    }
}
