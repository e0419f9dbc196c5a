package io.github.mixwright.io;

import io.github.mixwright.core.AudioBuffer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;

/**
 * Maps a javax.sound {@link AudioFormat} onto the WAV layout the codecs speak (little-endian, 8-bit
 * unsigned, wider integers signed), so that one tight decoder and encoder serve both. The mapping
 * is a flip of the sign bit where the signedness differs and a byte swap for big-endian samples.
 *
 * @param encoding the WAV encoding with the same word length
 * @param swap whether samples are big-endian (and wider than a byte)
 * @param flipSign whether the sign bit must be flipped (signed 8-bit, unsigned wider integers)
 */
record ByteLayout(SampleEncoding encoding, boolean swap, boolean flipSign) {

    /**
     * The layout of {@code format}: PCM signed or unsigned of 8, 16, 24 or 32 bits, or PCM float of
     * 32 or 64 bits, either byte order, packed frames, a known sample rate and 1 to 64 channels.
     *
     * @throws IllegalArgumentException for anything else
     */
    static ByteLayout of(AudioFormat format) {
        AudioFormat.Encoding e = format.getEncoding();
        int bits = format.getSampleSizeInBits();
        boolean isFloat = AudioFormat.Encoding.PCM_FLOAT.equals(e);
        boolean signed = AudioFormat.Encoding.PCM_SIGNED.equals(e);
        boolean unsigned = AudioFormat.Encoding.PCM_UNSIGNED.equals(e);
        SampleEncoding encoding;
        if (isFloat && (bits == 32 || bits == 64)) {
            encoding = bits == 32 ? SampleEncoding.FLOAT32 : SampleEncoding.FLOAT64;
        } else if ((signed || unsigned) && (bits == 8 || bits == 16 || bits == 24 || bits == 32)) {
            encoding = SampleEncoding.integerOfBytes(bits / 8);
        } else {
            throw new IllegalArgumentException("unsupported audio format " + format
                    + "; supported are PCM signed or unsigned 8/16/24/32-bit and PCM float 32/64-bit");
        }
        int channels = format.getChannels();
        if (channels < 1 || channels > AudioBuffer.MAX_CHANNELS) {
            throw new IllegalArgumentException("channels " + channels + " is out of range [1, "
                    + AudioBuffer.MAX_CHANNELS + "] in " + format);
        }
        if (format.getFrameSize() != channels * encoding.bytesPerSample()) {
            throw new IllegalArgumentException("frame size " + format.getFrameSize() + " is not " + channels
                    + " channels x " + encoding.bytesPerSample() + " bytes in " + format);
        }
        float rate = format.getSampleRate();
        if (rate == AudioSystem.NOT_SPECIFIED || !(rate > 0) || Float.isInfinite(rate)) {
            throw new IllegalArgumentException("sample rate " + rate + " is not a positive number in " + format);
        }
        boolean swap = format.isBigEndian() && encoding.bytesPerSample() > 1;
        boolean flip = !isFloat && (encoding == SampleEncoding.PCM8 ? signed : unsigned);
        return new ByteLayout(encoding, swap, flip);
    }

    /** Rewrites {@code length} bytes from {@code from}, laid out as this format, into the WAV layout. */
    void toWav(byte[] bytes, int from, int length) {
        rewrite(bytes, from, length, swap ? 0 : encoding.bytesPerSample() - 1);
    }

    /** Rewrites {@code length} bytes from {@code from}, laid out as WAV, into this format's layout. */
    void fromWav(byte[] bytes, int from, int length) {
        rewrite(bytes, from, length, encoding.bytesPerSample() - 1);
    }

    /** Flips the sign bit, found at byte {@code msb} of each sample as it stands, then swaps. */
    private void rewrite(byte[] bytes, int from, int length, int msb) {
        int size = encoding.bytesPerSample();
        int end = from + length;
        if (flipSign) {
            for (int p = from + msb; p < end; p += size) {
                bytes[p] ^= (byte) 0x80;
            }
        }
        if (swap) {
            for (int p = from; p < end; p += size) {
                for (int i = 0, j = size - 1; i < j; i++, j--) {
                    byte t = bytes[p + i];
                    bytes[p + i] = bytes[p + j];
                    bytes[p + j] = t;
                }
            }
        }
    }
}
