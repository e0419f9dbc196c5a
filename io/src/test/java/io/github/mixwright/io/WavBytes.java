package io.github.mixwright.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte, for handmade test files. */
final class WavBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Starts a file with {@code magic} ("RIFF", "RF64", ...), a size field and {@code form} ("WAVE"). */
    static WavBytes riff(String magic, long sizeField, String form) {
        WavBytes b = new WavBytes();
        b.ascii(magic).u32(sizeField).ascii(form);
        return b;
    }

    /** A RIFF/WAVE file whose size field is filled in by {@link #bytesWithRiffSize()}. */
    static WavBytes wave() {
        return riff("RIFF", 0, "WAVE");
    }

    WavBytes ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    WavBytes u16(int v) {
        out.write(v);
        out.write(v >>> 8);
        return this;
    }

    WavBytes u32(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    WavBytes u64(long v) {
        u32(v);
        return u32(v >>> 32);
    }

    WavBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A chunk with its real size and a pad byte if that size is odd. */
    WavBytes chunk(String id, byte[] body) {
        ascii(id).u32(body.length).raw(body);
        if ((body.length & 1) != 0) {
            out.write(0);
        }
        return this;
    }

    /** A chunk header claiming {@code size} bytes, followed by {@code body} as given. */
    WavBytes chunk(String id, long size, byte[] body) {
        return ascii(id).u32(size).raw(body);
    }

    /** A 16-byte PCMWAVEFORMAT (or 18-byte WAVEFORMATEX if {@code cbSize} is not negative) body. */
    static byte[] fmt(int tag, int channels, long rate, int blockAlign, int bits, int cbSize) {
        WavBytes b = new WavBytes();
        b.u16(tag).u16(channels).u32(rate).u32(rate * blockAlign).u16(blockAlign).u16(bits);
        if (cbSize >= 0) {
            b.u16(cbSize);
        }
        return b.bytes();
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE body with the GUID derived from {@code subTag}. */
    static byte[] fmtExtensible(int channels, long rate, int bytesPerSample, int validBits, int mask, int subTag) {
        WavBytes b = new WavBytes();
        int blockAlign = channels * bytesPerSample;
        b.u16(0xFFFE).u16(channels).u32(rate).u32(rate * blockAlign).u16(blockAlign).u16(bytesPerSample * 8);
        b.u16(22).u16(validBits).u32(mask & 0xFFFFFFFFL).u32(subTag);
        b.raw(new byte[] {0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        return b.bytes();
    }

    /** Little-endian 16-bit samples. */
    static byte[] pcm16(int... samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : samples) {
            b.putShort((short) s);
        }
        return b.array();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** The bytes with the RIFF size field set to the length minus 8. */
    byte[] bytesWithRiffSize() {
        byte[] b = out.toByteArray();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, b.length - 8);
        return b;
    }
}
