package io.github.mixwright.io;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Streams the samples of a WAV file as floats.
 *
 * <p>Reads Microsoft RIFF/WAVE with PCM (format tag 1: 8-bit unsigned, 9- to 32-bit signed in 1 to
 * 4 bytes), IEEE float (tag 3: 32 and 64 bit) or WAVE_FORMAT_EXTENSIBLE (tag 0xFFFE with the PCM or
 * IEEE float subformat GUID; the channel mask is kept), in RIFF, RF64 (EBU Tech 3306) or BW64
 * (ITU-R BS.2088) containers, 1 to 64 channels at 1,000 to 768,000 Hz. Integers map to
 * {@code q / 2^(bits-1)} (so full scale is [-1, 1)); 32-bit integers and 64-bit floats are rounded
 * to the nearest float. Chunks other than {@code ds64}, {@code fmt} and {@code data} are skipped
 * (honouring the pad byte after an odd-sized chunk).
 *
 * <p>{@link #open} checks the whole header against the file's length, so a malformed or truncated
 * file fails there with an {@link AudioFormatException} naming the file and the problem, never with
 * an unchecked exception or an allocation sized from the header. Memory use is two fixed buffers of
 * about {@value #BUFFER_BYTES} bytes whatever the file size; reads are positional
 * {@link FileChannel} reads, and the next block is read on a daemon thread while the current one is
 * decoded (the samples delivered are the same as with plain reads).
 *
 * <p>Not thread-safe.
 */
public final class WavReader implements AudioSource {
    /** Bytes read from the file at a time. */
    static final int BUFFER_BYTES = 256 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final WavHeader header;
    private final int blockAlign;
    private final BlockPrefetcher blocks;
    private long blockStart;
    private int bufferedFrames;
    private int bufferIndex;
    private boolean closed;

    private WavReader(Path path, FileChannel channel, WavHeader header, boolean readAhead) {
        this.path = path;
        this.channel = channel;
        this.header = header;
        this.blockAlign = header.format().blockAlign();
        this.blocks = new BlockPrefetcher(path, channel, header.dataOffset(), header.dataBytes(),
                Math.max(1, BUFFER_BYTES / blockAlign) * blockAlign, readAhead);
    }

    /**
     * Opens {@code file} and parses its header.
     *
     * @throws AudioFormatException if the file is not a well-formed WAV file of a supported kind
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws IOException if it cannot be read
     */
    public static WavReader open(Path file) throws IOException {
        return open(file, true);
    }

    /**
     * Opens {@code file} and parses its header, reading ahead on a background thread or not. Read-ahead
     * (what {@link #open(Path)} does) fetches the next buffer while the caller decodes this one. Turn it
     * off when the caller already reads on a thread of its own beside another that consumes the
     * samples, as a transcoder does: on two cores a third thread only adds hand-offs. The samples are
     * the same either way.
     *
     * @throws AudioFormatException if the file is not a well-formed WAV file of a supported kind
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws IOException if it cannot be read
     */
    public static WavReader open(Path file, boolean readAhead) throws IOException {
        Objects.requireNonNull(file, "file");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new WavReader(file, channel, WavHeaderParser.parse(file, channel), readAhead);
        } catch (IOException | RuntimeException | Error e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The file's sample format. */
    public WavFormat format() {
        return header.format();
    }

    /** Whether the file is RIFF or RF64/BW64. */
    public Container container() {
        return header.container();
    }

    /** The file being read. */
    public Path path() {
        return path;
    }

    /** Sample rate in Hz. */
    @Override
    public double sampleRate() {
        return header.format().sampleRate();
    }

    @Override
    public int channels() {
        return header.format().channels();
    }

    /** Frames in the file, from its header. */
    @Override
    public long frames() {
        return header.frames();
    }

    /** The frame the next {@link #read} starts at, 0 to {@link #frames()}. */
    public long position() {
        return blockStart + bufferIndex;
    }

    /**
     * Moves to frame {@code frame}, 0 to {@link #frames()}.
     *
     * @throws IllegalArgumentException if {@code frame} is out of range
     */
    public void seek(long frame) throws IOException {
        ensureOpen();
        if (frame < 0 || frame > frames()) {
            throw new IllegalArgumentException("frame " + frame + " is out of range [0, " + frames() + "]");
        }
        blocks.seek(frame * blockAlign);
        blockStart = frame;
        bufferedFrames = 0;
        bufferIndex = 0;
    }

    /**
     * Fills {@code destination} from its frame 0.
     *
     * @param destination a buffer of {@link #channels()} channels
     * @return frames read, {@code destination.frames()} except at the end of the file; 0 at the end
     * @throws AudioFormatException if the file turns out shorter than its header said
     * @throws IllegalArgumentException if the channel count differs
     * @throws IllegalStateException if the reader is closed
     */
    @Override
    public int read(AudioBuffer destination) throws IOException {
        ensureOpen();
        if (destination.channels() != channels()) {
            throw new IllegalArgumentException("destination has " + destination.channels()
                    + " channels, the file " + channels());
        }
        SampleEncoding encoding = header.format().encoding();
        int wanted = destination.frames();
        int done = 0;
        while (done < wanted) {
            if (bufferIndex == bufferedFrames && !refill()) {
                break;
            }
            int n = Math.min(wanted - done, bufferedFrames - bufferIndex);
            SampleDecoder.decode(encoding, blocks.block(), bufferIndex * blockAlign, n, destination, done);
            bufferIndex += n;
            done += n;
        }
        return done;
    }

    private boolean refill() throws IOException {
        int n = blocks.next();
        blockStart += bufferedFrames;
        bufferedFrames = n / blockAlign;
        bufferIndex = 0;
        return n > 0;
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
            blocks.close();
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "WavReader[" + path + ", " + header.format() + ", " + container().id() + ", " + frames() + " frames]";
    }
}
