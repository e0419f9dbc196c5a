package io.github.mixwright.io;

/**
 * Chunk identifiers and constants of the Microsoft RIFF/WAVE format, WAVE_FORMAT_EXTENSIBLE and
 * EBU Tech 3306 RF64, as little-endian ints (the four characters in file order).
 */
final class RiffIds {
    static final int RIFF = id("RIFF");
    static final int RF64 = id("RF64");
    static final int BW64 = id("BW64");
    static final int WAVE = id("WAVE");
    static final int DS64 = id("ds64");
    static final int JUNK = id("JUNK");
    static final int FMT = id("fmt ");
    static final int FACT = id("fact");
    static final int DATA = id("data");

    static final int TAG_PCM = 0x0001;
    static final int TAG_IEEE_FLOAT = 0x0003;
    static final int TAG_EXTENSIBLE = 0xFFFE;

    /** Bytes of a ds64 chunk body without its table: three 64-bit sizes and a 32-bit table length. */
    static final int DS64_BODY = 28;
    /** Bytes of a WAVE_FORMAT_EXTENSIBLE fmt body: WAVEFORMATEX (18) + 22 extension bytes. */
    static final int FMT_EXTENSIBLE_BODY = 40;

    /**
     * Bytes 4..15 of every KSDATAFORMAT_SUBTYPE GUID derived from a format tag
     * ({@code {tag-0000-0010-8000-00AA00389B71}}); bytes 0..3 hold the tag, little-endian.
     */
    static final byte[] GUID_TAIL = {
        0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71
    };

    private RiffIds() {
    }

    static int id(String fourCc) {
        return fourCc.charAt(0) | fourCc.charAt(1) << 8 | fourCc.charAt(2) << 16 | fourCc.charAt(3) << 24;
    }

    /** A chunk id for messages: printable ASCII as is, anything else as hex. */
    static String name(int id) {
        StringBuilder s = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            int ch = (id >>> (8 * i)) & 0xFF;
            if (ch < 0x20 || ch > 0x7E) {
                return String.format("0x%08X", Integer.reverseBytes(id));
            }
            s.append((char) ch);
        }
        return "'" + s + "'";
    }
}
