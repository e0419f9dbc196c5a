package io.github.mixwright.io;

import static io.github.mixwright.io.SampleDecoder.INT;
import static io.github.mixwright.io.SampleDecoder.LONG;
import static io.github.mixwright.io.SampleDecoder.SHORT;

import io.github.mixwright.core.AudioBuffer;

/**
 * Turns planar floats into interleaved little-endian WAV sample bytes.
 *
 * <p>Integers: {@code q = clamp(floor(x * 2^(bits-1) + d + 0.5), -2^(bits-1), 2^(bits-1) - 1)},
 * with {@code d} the dither (0 without). A sample outside that range, and NaN (written as 0), counts
 * as clipped. The arithmetic is in double, where {@code x * 2^(bits-1) + 0.5} is exact, so rounding
 * never depends on float precision. Quantising goes through an int scratch array, one channel at a
 * time, which keeps the arithmetic loop contiguous and the packing loop trivial.
 *
 * <p>Each channel draws its dither from its own generator, so the output does not depend on how the
 * signal is cut into blocks. Not thread-safe.
 */
final class SampleEncoder {
    private final SampleEncoding encoding;
    private final int channels;
    private final boolean dither;
    private final TpdfNoise[] noise;
    private int[] scratch = new int[0];
    /** The second channel's codes when a stereo block is packed in one pass. */
    private int[] scratch2 = new int[0];
    private long clipped;

    SampleEncoder(SampleEncoding encoding, int channels, Dither dither, long seed) {
        this.encoding = encoding;
        this.channels = channels;
        this.dither = dither == Dither.TPDF && !encoding.isFloat();
        this.noise = new TpdfNoise[channels];
        for (int c = 0; c < channels; c++) {
            noise[c] = new TpdfNoise(seed, c);
        }
    }

    /** Samples clipped (or NaN) so far. */
    long clipped() {
        return clipped;
    }

    /**
     * Encodes frames {@code srcFrame .. srcFrame + frames} of {@code src} into {@code dst} from
     * {@code dstPos}; {@code dst} must hold {@code frames * channels * bytesPerSample} bytes there.
     */
    void encode(AudioBuffer src, int srcFrame, int frames, byte[] dst, int dstPos) {
        int bytes = encoding.bytesPerSample();
        int stride = channels * bytes;
        if (!encoding.isFloat() && scratch.length < frames) {
            scratch = new int[frames];
        }
        if (channels == 2 && (encoding == SampleEncoding.FLOAT32 || encoding == SampleEncoding.PCM24)) {
            encodeStereo(src, src.offset() + srcFrame, frames, dst, dstPos);
            return;
        }
        for (int c = 0; c < channels; c++) {
            float[] in = src.channel(c);
            int from = src.offset() + srcFrame;
            int p = dstPos + c * bytes;
            switch (encoding) {
                case FLOAT32: float32(in, from, frames, dst, p, stride); break;
                case FLOAT64: float64(in, from, frames, dst, p, stride); break;
                default:
                    quantise(in, from, frames, noise[c], scratch);
                    pack(dst, p, stride, frames);
            }
        }
    }

    /**
     * Stereo float32 and 24-bit: both channels written in one loop at byte offsets {@code p + 8 i} or
     * {@code p + 6 i}, a constant times the loop index, which lets C2 hoist the bounds checks (about
     * twice as fast as a pass per channel with the stride in a variable). The bytes are the same.
     */
    private void encodeStereo(AudioBuffer src, int from, int n, byte[] dst, int p) {
        float[] left = src.channel(0);
        float[] right = src.channel(1);
        if (encoding == SampleEncoding.FLOAT32) {
            for (int i = 0; i < n; i++) {
                int q = p + 8 * i;
                INT.set(dst, q, Float.floatToRawIntBits(left[from + i]));
                INT.set(dst, q + 4, Float.floatToRawIntBits(right[from + i]));
            }
            return;
        }
        if (scratch2.length < n) {
            scratch2 = new int[n];
        }
        int[] l = scratch;
        int[] r = scratch2;
        quantise(left, from, n, noise[0], l);
        quantise(right, from, n, noise[1], r);
        // Each 4-byte store also writes the first byte of what follows, which the next store then
        // overwrites; the last frame uses byte stores so that nothing past it is touched.
        int i = 0;
        for (; i < n - 1; i++) {
            int q = p + 6 * i;
            INT.set(dst, q, l[i]);
            INT.set(dst, q + 3, r[i]);
        }
        if (i < n) {
            int q = p + 6 * i;
            dst[q] = (byte) l[i];
            dst[q + 1] = (byte) (l[i] >> 8);
            dst[q + 2] = (byte) (l[i] >> 16);
            dst[q + 3] = (byte) r[i];
            dst[q + 4] = (byte) (r[i] >> 8);
            dst[q + 5] = (byte) (r[i] >> 16);
        }
    }

    /**
     * Quantises {@code n} samples from {@code in[from]} into {@code q[0 ..]}, counting clips.
     *
     * <p>Both loops convert {@code x * scale} computed in float, which is exact for a power of two,
     * rather than the loaded sample. Java 17's C2 converts a float loaded from memory with a merging
     * {@code vcvtss2sd dst, dst, [mem]} (JDK-8323116), which waits for whatever last wrote {@code dst}:
     * here the previous sample's rounding, so every sample waited for the one before (about 16 cycles
     * a sample). Converting a register it computed, it converts in place and the samples overlap.
     */
    /**
     * Replaces every sample of {@code block} by the value its code stands for, {@code q / 2^(bits-1)},
     * drawing dither exactly as {@link #encode} would: encoding the result again without dither gives
     * the same codes. Floats pass unchanged.
     */
    void quantiseInPlace(AudioBuffer block) {
        if (encoding.isFloat()) {
            return;
        }
        int n = block.frames();
        if (scratch.length < n) {
            scratch = new int[n];
        }
        float inverse = (float) (1.0 / (1L << (encoding.bits() - 1)));
        for (int c = 0; c < channels; c++) {
            float[] x = block.channel(c);
            int from = block.offset();
            quantise(x, from, n, noise[c], scratch);
            int[] q = scratch;
            for (int i = 0; i < n; i++) {
                x[from + i] = q[i] * inverse;
            }
        }
    }

    /**
     * Quantises {@code n} samples of channel {@code channel} from {@code in[from]} into {@code q[0 ..]},
     * drawing that channel's dither and counting clips exactly as {@link #encode} does; for an integer
     * encoding only. The FLAC writer takes its codes from here.
     */
    void quantiseChannel(float[] in, int from, int n, int channel, int[] q) {
        quantise(in, from, n, noise[channel], q);
    }

    private void quantise(float[] in, int from, int n, TpdfNoise rng, int[] q) {
        double scale = 1L << (encoding.bits() - 1);
        double max = scale - 1;
        double min = -scale;
        long clips = 0;
        if (dither) {
            clips = rng.quantise(in, from, n, scale, q);
        } else {
            float scaleF = (float) scale;
            for (int i = 0; i < n; i++) {
                double r = Math.floor((double) (in[from + i] * scaleF) + 0.5);
                if (r >= min && r <= max) {
                    q[i] = (int) r;
                } else {
                    clips++;
                    q[i] = r > max ? (int) max : r < min ? (int) min : 0;
                }
            }
        }
        clipped += clips;
    }

    private void pack(byte[] dst, int p, int stride, int n) {
        int[] q = scratch;
        switch (encoding) {
            case PCM8:
                for (int i = 0; i < n; i++, p += stride) {
                    dst[p] = (byte) (q[i] + 128);
                }
                break;
            case PCM16:
                for (int i = 0; i < n; i++, p += stride) {
                    SHORT.set(dst, p, (short) q[i]);
                }
                break;
            case PCM24:
                for (int i = 0; i < n; i++, p += stride) {
                    int v = q[i];
                    dst[p] = (byte) v;
                    dst[p + 1] = (byte) (v >> 8);
                    dst[p + 2] = (byte) (v >> 16);
                }
                break;
            case PCM32:
                for (int i = 0; i < n; i++, p += stride) {
                    INT.set(dst, p, q[i]);
                }
                break;
            default:
                throw new AssertionError(encoding);
        }
    }

    private static void float32(float[] in, int from, int n, byte[] dst, int p, int stride) {
        for (int i = 0; i < n; i++, p += stride) {
            INT.set(dst, p, Float.floatToRawIntBits(in[from + i]));
        }
    }

    private static void float64(float[] in, int from, int n, byte[] dst, int p, int stride) {
        for (int i = 0; i < n; i++, p += stride) {
            LONG.set(dst, p, Double.doubleToRawLongBits(in[from + i]));
        }
    }
}
