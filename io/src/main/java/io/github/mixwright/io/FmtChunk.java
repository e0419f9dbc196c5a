package io.github.mixwright.io;

import io.github.mixwright.core.AudioBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Reads and writes the WAVE {@code fmt} chunk: PCMWAVEFORMAT / WAVEFORMATEX (Microsoft RIFF/WAVE)
 * and WAVE_FORMAT_EXTENSIBLE (Microsoft, "Multiple channel audio data and WAVE files").
 */
final class FmtChunk {
    private FmtChunk() {
    }

    /**
     * Parses a fmt chunk body of {@code size} (16 to 65,536) bytes.
     *
     * <p>The average byte rate is not checked: writers often get it wrong and nothing here needs it.
     * For integer PCM the container is {@code ceil(bits / 8)} bytes, which also accepts the old
     * non-extensible 12- or 20-bit files whose samples are left-justified in their container.
     */
    static WavFormat parse(Path file, ByteBuffer fmt, int size) throws AudioFormatException {
        int tag = fmt.getShort(0) & 0xFFFF;
        int channels = fmt.getShort(2) & 0xFFFF;
        long sampleRate = fmt.getInt(4) & 0xFFFF_FFFFL;
        int blockAlign = fmt.getShort(12) & 0xFFFF;
        int bits = fmt.getShort(14) & 0xFFFF;
        int channelMask = 0;
        int validBits = bits;
        if (tag == RiffIds.TAG_EXTENSIBLE) {
            if (size < RiffIds.FMT_EXTENSIBLE_BODY || (fmt.getShort(16) & 0xFFFF) < 22) {
                throw new AudioFormatException(file, "WAVE_FORMAT_EXTENSIBLE fmt chunk is too short ("
                        + size + " bytes, cbSize " + (size >= 18 ? fmt.getShort(16) & 0xFFFF : 0) + ")");
            }
            validBits = fmt.getShort(18) & 0xFFFF;
            channelMask = fmt.getInt(20);
            tag = subFormatTag(file, fmt);
        }
        if (channels < 1 || channels > AudioBuffer.MAX_CHANNELS) {
            throw new AudioFormatException(file, "channel count " + channels + " is out of range [1, "
                    + AudioBuffer.MAX_CHANNELS + "]");
        }
        if (sampleRate < WavFormat.MIN_SAMPLE_RATE || sampleRate > WavFormat.MAX_SAMPLE_RATE) {
            throw new AudioFormatException(file, "sample rate " + sampleRate + " Hz is out of range ["
                    + WavFormat.MIN_SAMPLE_RATE + ", " + WavFormat.MAX_SAMPLE_RATE + "]");
        }
        SampleEncoding encoding = encoding(file, tag, bits, validBits);
        if (blockAlign != channels * encoding.bytesPerSample()) {
            throw new AudioFormatException(file, "block align " + blockAlign + " does not match " + channels
                    + " channels x " + encoding.bytesPerSample() + " bytes per sample");
        }
        return new WavFormat((int) sampleRate, channels, encoding, channelMask);
    }

    private static SampleEncoding encoding(Path file, int tag, int bits, int validBits) throws AudioFormatException {
        if (validBits > bits) {
            throw new AudioFormatException(file, "valid bits per sample " + validBits + " exceed the " + bits
                    + "-bit container");
        }
        if (tag == RiffIds.TAG_PCM) {
            if (bits < 1 || bits > 32) {
                throw new AudioFormatException(file, "PCM bits per sample " + bits + " is out of range [1, 32]");
            }
            return SampleEncoding.integerOfBytes((bits + 7) / 8);
        }
        if (tag == RiffIds.TAG_IEEE_FLOAT) {
            if (bits != 32 && bits != 64 || validBits != 0 && validBits != bits) {
                throw new AudioFormatException(file, "IEEE float with " + bits + " bits per sample (valid "
                        + validBits + ") is not 32- or 64-bit float");
            }
            return bits == 32 ? SampleEncoding.FLOAT32 : SampleEncoding.FLOAT64;
        }
        throw new AudioFormatException(file, String.format("format tag 0x%04X (%s) is not supported; only PCM (1), "
                + "IEEE float (3) and WAVE_FORMAT_EXTENSIBLE (0xFFFE) of those are", tag, tagName(tag)));
    }

    private static int subFormatTag(Path file, ByteBuffer fmt) throws AudioFormatException {
        boolean derived = true;
        for (int i = 0; i < RiffIds.GUID_TAIL.length; i++) {
            derived &= fmt.get(28 + i) == RiffIds.GUID_TAIL[i];
        }
        int tag = fmt.getInt(24);
        if (!derived || (tag != RiffIds.TAG_PCM && tag != RiffIds.TAG_IEEE_FLOAT)) {
            String guid = String.format("%08X-%04X-%04X-%02X%02X-", fmt.getInt(24), fmt.getShort(28), fmt.getShort(30),
                    fmt.get(32), fmt.get(33));
            for (int i = 34; i < 40; i++) {
                guid += String.format("%02X", fmt.get(i));
            }
            throw new AudioFormatException(file, "WAVE_FORMAT_EXTENSIBLE subformat {" + guid
                    + "} is neither KSDATAFORMAT_SUBTYPE_PCM nor KSDATAFORMAT_SUBTYPE_IEEE_FLOAT");
        }
        return tag;
    }

    private static String tagName(int tag) {
        switch (tag) {
            case 0x0002: return "Microsoft ADPCM";
            case 0x0006: return "A-law";
            case 0x0007: return "mu-law";
            case 0x0011: return "IMA ADPCM";
            case 0x0050: return "MPEG";
            case 0x0055: return "MPEG layer 3";
            case 0x2000: return "AC-3";
            default: return "unknown";
        }
    }

    /**
     * The fmt chunk body for {@code format}: 16-byte PCMWAVEFORMAT for 8/16-bit mono or stereo
     * without a mask, otherwise 40-byte WAVE_FORMAT_EXTENSIBLE (whose valid bits equal the container
     * size and whose subformat GUID is PCM or IEEE float).
     */
    static byte[] build(WavFormat format) {
        boolean extensible = format.needsExtensible();
        SampleEncoding encoding = format.encoding();
        int size = extensible ? RiffIds.FMT_EXTENSIBLE_BODY : 16;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        int tag = encoding.isFloat() ? RiffIds.TAG_IEEE_FLOAT : RiffIds.TAG_PCM;
        b.putShort((short) (extensible ? RiffIds.TAG_EXTENSIBLE : tag));
        b.putShort((short) format.channels());
        b.putInt(format.sampleRate());
        b.putInt(format.sampleRate() * format.blockAlign());
        b.putShort((short) format.blockAlign());
        b.putShort((short) encoding.bits());
        if (extensible) {
            b.putShort((short) 22);
            b.putShort((short) encoding.bits());
            b.putInt(format.channelMask());
            b.putInt(tag);
            b.put(RiffIds.GUID_TAIL);
        }
        return b.array();
    }
}
