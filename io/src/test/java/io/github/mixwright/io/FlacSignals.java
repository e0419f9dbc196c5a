package io.github.mixwright.io;

import io.github.mixwright.core.AudioBuffer;
import java.security.MessageDigest;
import java.util.SplittableRandom;

/** Integer test signals for the FLAC tests, their floats and their MD5. */
final class FlacSignals {
    private FlacSignals() {
    }

    /** {@code frames} codes per channel of {@code kind}, in the {@code bits}-bit range. */
    static int[][] make(FlacRoundTripTest.Kind kind, int channels, int frames, int bits, SplittableRandom rnd) {
        int max = (1 << (bits - 1)) - 1;
        int min = -(1 << (bits - 1));
        int[][] x = new int[channels][frames];
        for (int c = 0; c < channels; c++) {
            FlacRoundTripTest.Kind k = kind;
            int segment = kind == FlacRoundTripTest.Kind.SEGMENTS ? 1 + rnd.nextInt(3000) : Integer.MAX_VALUE;
            for (int start = 0; start < frames; start += segment) {
                if (kind == FlacRoundTripTest.Kind.SEGMENTS) {
                    k = FlacRoundTripTest.Kind.values()[rnd.nextInt(FlacRoundTripTest.Kind.values().length - 1)];
                }
                fill(x[c], start, (int) Math.min(frames, (long) start + segment), k, min, max, rnd);
            }
        }
        if (channels >= 2 && rnd.nextInt(2) == 0) {
            // stereo pairs that decorrelate, each way: the same, opposite, the same plus a little (left-side
            // or right-side), a sum and a difference (mid-side), one plus the other's noise (right-side),
            // the other way round (left-side)
            int how = rnd.nextInt(6);
            for (int i = 0; i < frames; i++) {
                int v = x[0][i];
                int half = v >> 1;
                int n = x[1][i] >> 3;
                int[] pair;
                switch (how) {
                    case 0: pair = new int[] {v, v}; break;
                    case 1: pair = new int[] {v, v == min ? max : -v}; break;
                    case 2: pair = new int[] {v, clamp(v + rnd.nextInt(-8, 9), min, max)}; break;
                    case 3: pair = new int[] {clamp(half + n, min, max), clamp(half - n, min, max)}; break;
                    case 4: pair = new int[] {clamp(half + n, min, max), half}; break;
                    default: pair = new int[] {half, clamp(half + n, min, max)}; break;
                }
                x[0][i] = pair[0];
                x[1][i] = pair[1];
            }
        }
        return x;
    }

    private static void fill(int[] x, int from, int to, FlacRoundTripTest.Kind kind, int min, int max,
            SplittableRandom rnd) {
        switch (kind) {
            case SILENCE:
                break;
            case CONSTANT: {
                int v = rnd.nextBoolean() ? (rnd.nextBoolean() ? min : max) : rnd.nextInt(min, max + 1);
                for (int i = from; i < to; i++) {
                    x[i] = v;
                }
                break;
            }
            case NOISE: {
                int amp = rnd.nextBoolean() ? max : 1 + rnd.nextInt(Math.max(1, max >> rnd.nextInt(1, 20)));
                for (int i = from; i < to; i++) {
                    x[i] = clamp(rnd.nextInt(-amp, amp + 1), min, max);
                }
                break;
            }
            case SINE: {
                double amp = max * rnd.nextDouble();
                double w = 2 * Math.PI * rnd.nextDouble(0.0005, 0.3);
                double phase = rnd.nextDouble(0, 2 * Math.PI);
                double w2 = 2 * Math.PI * rnd.nextDouble(0.0005, 0.1);
                for (int i = from; i < to; i++) {
                    double v = amp * (0.7 * Math.sin(w * i + phase) + 0.3 * Math.sin(w2 * i));
                    x[i] = clamp((int) Math.round(v), min, max);
                }
                break;
            }
            case SQUARE: {
                int period = 2 + rnd.nextInt(400);
                for (int i = from; i < to; i++) {
                    x[i] = (i % period) < period / 2 ? max : min;
                }
                break;
            }
            case RAMP: {
                long step = rnd.nextInt(1, 2 + (max >> rnd.nextInt(0, 20)));
                long v = rnd.nextInt(min, max + 1);
                for (int i = from; i < to; i++) {
                    v += step;
                    if (v > max) {
                        v = min + (v - max - 1);
                    }
                    x[i] = (int) v;
                }
                break;
            }
            case SMOOTH: {
                // a slow cubic, which the fixed predictors of orders 3 and 4 follow best
                double amp = max * rnd.nextDouble(0.1, 1);
                int len = Math.max(1, to - from);
                double a = rnd.nextDouble(-1, 1);
                double b = rnd.nextDouble(-1, 1);
                for (int i = from; i < to; i++) {
                    double t = 2.0 * (i - from) / len - 1;
                    x[i] = clamp((int) Math.round(amp * (a * t * t * t + b * t * t) / 2 + rnd.nextInt(-1, 2)), min, max);
                }
                break;
            }
            case WASTED: {
                int shift = rnd.nextInt(1, 10);
                for (int i = from; i < to; i++) {
                    x[i] = clamp(rnd.nextInt(min, max + 1) >> shift << shift, min, max);
                }
                break;
            }
            default:
                throw new AssertionError(kind);
        }
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    /** The floats a reader gives for the codes, {@code q / 2^(bits-1)}. */
    static AudioBuffer toFloats(int[][] codes, int bits) {
        int frames = codes.length == 0 ? 0 : codes[0].length;
        AudioBuffer b = AudioBuffer.allocate(codes.length, frames);
        float scale = 1f / (1 << (bits - 1));
        for (int c = 0; c < codes.length; c++) {
            for (int i = 0; i < frames; i++) {
                b.channel(c)[i] = codes[c][i] * scale;
            }
        }
        return b;
    }

    /** The MD5 FLAC keeps: interleaved little-endian samples of {@code ceil(bits/8)} bytes. */
    static byte[] md5(int[][] codes, int bits) {
        MessageDigest md = FlacReader.newMd5();
        int bytes = (bits + 7) / 8;
        int frames = codes.length == 0 ? 0 : codes[0].length;
        byte[] b = new byte[bytes];
        for (int i = 0; i < frames; i++) {
            for (int[] channel : codes) {
                for (int k = 0; k < bytes; k++) {
                    b[k] = (byte) (channel[i] >> (8 * k));
                }
                md.update(b);
            }
        }
        return md.digest();
    }
}
