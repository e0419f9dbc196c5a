package io.github.mixwright.io;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How one sample is stored in a WAV file.
 *
 * <p>Integer encodings map a stored value {@code q} to {@code q / 2^(bits-1)}, so full scale is
 * [-1, 1). {@link #PCM8} is unsigned (stored as {@code q + 128}), as the Microsoft RIFF/WAVE
 * specification requires for 8-bit PCM; the wider integers are signed two's complement,
 * little-endian. The float encodings are IEEE 754 little-endian (WAV format tag 3).
 *
 * <p>Immutable and thread-safe.
 */
public enum SampleEncoding {
    /** 8-bit unsigned integer PCM. */
    PCM8(8, false, "pcm8"),
    /** 16-bit signed integer PCM. */
    PCM16(16, false, "pcm16"),
    /** 24-bit signed integer PCM, packed in 3 bytes. */
    PCM24(24, false, "pcm24"),
    /** 32-bit signed integer PCM. */
    PCM32(32, false, "pcm32"),
    /** 32-bit IEEE 754 float. */
    FLOAT32(32, true, "float32"),
    /** 64-bit IEEE 754 float. */
    FLOAT64(64, true, "float64");

    private final int bits;
    private final boolean isFloat;
    private final String id;

    SampleEncoding(int bits, boolean isFloat, String id) {
        this.bits = bits;
        this.isFloat = isFloat;
        this.id = id;
    }

    /** Bits per stored sample: 8, 16, 24, 32 or 64. */
    public int bits() {
        return bits;
    }

    /** Whether samples are IEEE floats rather than integers. */
    public boolean isFloat() {
        return isFloat;
    }

    /** Bytes per stored sample: {@code bits() / 8}. */
    public int bytesPerSample() {
        return bits / 8;
    }

    /** The name used on the command line and in session files, e.g. {@code "pcm24"}. */
    public String id() {
        return id;
    }

    /**
     * The encoding called {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException {@code "encoding 'x' is not one of pcm8, pcm16, ..."}
     */
    public static SampleEncoding fromId(String id) {
        if (id != null) {
            String wanted = id.toLowerCase(Locale.ROOT);
            for (SampleEncoding e : values()) {
                if (e.id.equals(wanted)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("encoding '" + id + "' is not one of "
                + Arrays.stream(values()).map(SampleEncoding::id).collect(Collectors.joining(", ")));
    }

    /** The integer encoding stored in {@code bytes} bytes (1 to 4). */
    static SampleEncoding integerOfBytes(int bytes) {
        switch (bytes) {
            case 1: return PCM8;
            case 2: return PCM16;
            case 3: return PCM24;
            case 4: return PCM32;
            default: throw new IllegalArgumentException("no integer encoding of " + bytes + " bytes");
        }
    }
}
