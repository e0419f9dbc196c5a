package io.github.mixwright.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses the chunks of a RIFF/WAVE (Microsoft), RF64 (EBU Tech 3306) or BW64 (ITU-R BS.2088) file
 * up to the start of its {@code data} chunk.
 *
 * <p>Every size read from the file is checked against the file's real length before it is used,
 * and nothing is allocated from a header value larger than {@link #MAX_CHUNK_BODY}, so a hostile
 * header can neither exhaust memory nor send the reader past the end of the file.
 */
final class WavHeaderParser {
    /** Largest fmt or ds64 chunk read into memory; real ones are 16 to 40 bytes, or ds64 tables of a few entries. */
    static final int MAX_CHUNK_BODY = 65_536;
    /** Chunks scanned before the data chunk; real files have a handful, so more means garbage. */
    static final int MAX_CHUNKS = 4_096;

    private static final long U32 = 0xFFFF_FFFFL;

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    private final ByteBuffer small = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    private long ds64DataBytes = -1;
    private Map<Integer, Long> ds64Sizes = Map.of();

    private WavHeaderParser(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.fileSize = channel.size();
    }

    /** Parses the header of {@code file}, open as {@code channel}. */
    static WavHeader parse(Path file, FileChannel channel) throws IOException {
        WavHeaderParser parser = new WavHeaderParser(file, channel);
        try {
            return parser.parse();
        } catch (RuntimeException e) {
            throw new AudioFormatException(file, "malformed header (" + e + ")", e);
        }
    }

    private WavHeader parse() throws IOException {
        if (fileSize < 12) {
            throw problem("not a WAV file: only " + fileSize + " bytes long");
        }
        ByteBuffer head = read(0, 12);
        int magic = head.getInt(0);
        Container container;
        if (magic == RiffIds.RIFF) {
            container = Container.WAV;
        } else if (magic == RiffIds.RF64 || magic == RiffIds.BW64) {
            container = Container.RF64;
        } else {
            throw problem("not a WAV file: starts with " + RiffIds.name(magic) + ", not 'RIFF', 'RF64' or 'BW64'");
        }
        if (head.getInt(8) != RiffIds.WAVE) {
            throw problem("not a WAV file: RIFF form type is " + RiffIds.name(head.getInt(8)) + ", not 'WAVE'");
        }
        long pos = 12;
        if (container == Container.RF64) {
            pos = ds64(pos);
        }
        WavFormat format = null;
        for (int chunks = 0; ; chunks++) {
            if (chunks >= MAX_CHUNKS) {
                throw problem("no data chunk among the first " + MAX_CHUNKS + " chunks");
            }
            if (pos > fileSize - 8) {
                throw problem(format == null ? "no fmt chunk" : "no data chunk");
            }
            ByteBuffer chunk = chunkHeader(pos);
            int id = chunk.getInt(0);
            long size = chunk.getInt(4) & U32;
            if (container == Container.RF64 && size == U32) {
                size = id == RiffIds.DATA ? ds64DataBytes : ds64Sizes.getOrDefault(id, size);
            }
            if (id == RiffIds.FMT) {
                if (format != null) {
                    throw problem("more than one fmt chunk");
                }
                if (size < 16 || size > MAX_CHUNK_BODY) {
                    throw problem("fmt chunk size " + size + " is out of range [16, " + MAX_CHUNK_BODY + "]");
                }
                format = FmtChunk.parse(file, body(pos, "fmt", (int) size), (int) size);
            } else if (id == RiffIds.DATA) {
                if (format == null) {
                    throw problem("data chunk comes before the fmt chunk");
                }
                return dataChunk(format, container, pos + 8, size);
            } else if (size > fileSize - pos - 8) {
                throw problem("chunk " + RiffIds.name(id) + " at byte " + pos + " claims " + size
                        + " bytes but the file ends " + (fileSize - pos - 8) + " bytes after its header");
            }
            pos = next(pos, size);
        }
    }

    private WavHeader dataChunk(WavFormat format, Container container, long offset, long size) throws IOException {
        int blockAlign = format.blockAlign();
        long available = fileSize - offset;
        if (size > available) {
            String hint = container == Container.WAV && size == U32
                    ? " (a size of 0xFFFFFFFF usually means a header never completed by a writer streaming to a pipe)"
                    : "";
            throw problem("file truncated: expected " + size + " bytes of data, found " + available + hint);
        }
        if (size % blockAlign != 0) {
            throw problem("data chunk size " + size + " is not a whole number of " + blockAlign + "-byte frames");
        }
        return new WavHeader(format, container, offset, size);
    }

    /**
     * Reads the ds64 chunk that EBU Tech 3306 requires first in an RF64 file: the 64-bit data size,
     * and a table of 64-bit sizes for other chunks whose 32-bit size field reads -1.
     *
     * @return the position of the next chunk
     */
    private long ds64(long pos) throws IOException {
        ByteBuffer chunk = chunkHeader(pos);
        if (chunk.getInt(0) != RiffIds.DS64) {
            throw problem("RF64 file has no ds64 chunk first (found " + RiffIds.name(chunk.getInt(0)) + ")");
        }
        long size = chunk.getInt(4) & U32;
        if (size < RiffIds.DS64_BODY || size > MAX_CHUNK_BODY) {
            throw problem("ds64 chunk size " + size + " is out of range [" + RiffIds.DS64_BODY + ", "
                    + MAX_CHUNK_BODY + "]");
        }
        ByteBuffer ds64 = body(pos, "ds64", (int) size);
        ds64DataBytes = ds64.getLong(8);
        if (ds64DataBytes < 0) {
            throw problem("ds64 data size " + Long.toUnsignedString(ds64DataBytes) + " is larger than any file");
        }
        long entries = ds64.getInt(24) & U32;
        if (entries > (size - RiffIds.DS64_BODY) / 12) {
            throw problem("ds64 table of " + entries + " entries does not fit in its " + size + "-byte chunk");
        }
        Map<Integer, Long> table = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            int at = RiffIds.DS64_BODY + 12 * i;
            long chunkSize = ds64.getLong(at + 4);
            if (chunkSize < 0) {
                throw problem("ds64 size of chunk " + RiffIds.name(ds64.getInt(at)) + " is larger than any file");
            }
            table.put(ds64.getInt(at), chunkSize);
        }
        ds64Sizes = table;
        return next(pos, size);
    }

    /** Where the chunk after the one at {@code pos} starts: bodies are padded to an even length. */
    private long next(long pos, long size) throws AudioFormatException {
        long end = pos + 8 + size + (size & 1);
        if (end < pos) {
            throw problem("chunk size " + size + " overflows");
        }
        return end;
    }

    private ByteBuffer chunkHeader(long pos) throws IOException {
        if (pos > fileSize - 8) {
            throw problem("file truncated: chunk header at byte " + pos + " runs past the end");
        }
        return read(pos, 8);
    }

    private ByteBuffer body(long pos, String name, int size) throws IOException {
        if (size > fileSize - pos - 8) {
            throw problem("file truncated: " + name + " chunk claims " + size + " bytes, the file ends "
                    + (fileSize - pos - 8) + " bytes after its header");
        }
        return read(pos + 8, size);
    }

    /** Reads exactly {@code length} bytes at {@code pos}, which the caller has checked lie inside the file. */
    private ByteBuffer read(long pos, int length) throws IOException {
        ByteBuffer buf = length <= small.capacity() ? small.clear().limit(length)
                : ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long at = pos;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) {
                throw problem("file truncated: ended at byte " + at + " while reading the header");
            }
            at += n;
        }
        return buf.flip();
    }

    private AudioFormatException problem(String what) {
        return new AudioFormatException(file, what);
    }
}
