package io.github.mixwright.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Lays out the header a {@link WavWriter} writes: everything before the first sample byte.
 *
 * <p>RIFF layout: {@code RIFF size WAVE}, {@code JUNK} (28 zero bytes), {@code fmt}, {@code fact}
 * (float only), {@code data size}. RF64 layout (EBU Tech 3306): {@code RF64 -1 WAVE},
 * {@code ds64} (RIFF size, data size, sample count as 64-bit values, empty table), {@code fmt},
 * {@code fact}, {@code data -1}. The JUNK chunk is exactly the size of the ds64 chunk, so both
 * layouts are the same length and a file can be switched to RF64 at commit by rewriting its header
 * in place: the compatibility mode Tech 3306 describes. Microsoft's RIFF/WAVE asks for a {@code fact} chunk
 * in every non-PCM file, hence one for IEEE float.
 */
final class WavHeaderBuilder {
    private static final long U32 = 0xFFFF_FFFFL;

    private WavHeaderBuilder() {
    }

    /**
     * The header for a file of {@code fileBytes} bytes holding {@code frames} frames of
     * {@code format} in {@code dataBytes} bytes (not counting the pad byte).
     *
     * @param rf64 write the RF64 layout; otherwise every size must fit in 32 bits
     */
    static byte[] build(WavFormat format, boolean rf64, long fileBytes, long dataBytes, long frames) {
        byte[] fmt = FmtChunk.build(format);
        boolean fact = format.encoding().isFloat();
        int length = length(format);
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(rf64 ? RiffIds.RF64 : RiffIds.RIFF);
        b.putInt(rf64 ? -1 : u32(fileBytes - 8));
        b.putInt(RiffIds.WAVE);
        b.putInt(rf64 ? RiffIds.DS64 : RiffIds.JUNK);
        b.putInt(RiffIds.DS64_BODY);
        if (rf64) {
            b.putLong(fileBytes - 8);
            b.putLong(dataBytes);
            b.putLong(frames);
            b.putInt(0);
        } else {
            b.put(new byte[RiffIds.DS64_BODY]);
        }
        b.putInt(RiffIds.FMT);
        b.putInt(fmt.length);
        b.put(fmt);
        if (fact) {
            b.putInt(RiffIds.FACT);
            b.putInt(4);
            b.putInt(rf64 ? -1 : u32(frames));
        }
        b.putInt(RiffIds.DATA);
        b.putInt(rf64 ? -1 : u32(dataBytes));
        return b.array();
    }

    /** Header bytes for {@code format}, the same for both layouts. */
    static int length(WavFormat format) {
        int fmtBody = format.needsExtensible() ? RiffIds.FMT_EXTENSIBLE_BODY : 16;
        return 12 + 8 + RiffIds.DS64_BODY + 8 + fmtBody + (format.encoding().isFloat() ? 12 : 0) + 8;
    }

    private static int u32(long value) {
        if (value < 0 || value > U32) {
            throw new IllegalStateException("size " + value + " does not fit a RIFF header");
        }
        return (int) value;
    }
}
