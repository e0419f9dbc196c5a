package io.github.mixwright.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decodes one FLAC frame (RFC 9639, section 9) into one {@code long} array per channel.
 *
 * <p>Every field is checked as it is read: the frame header against STREAMINFO (channel count, bit
 * depth, a block no larger than the stream's largest), its CRC-8, each subframe's type, wasted bits,
 * predictor order, coefficient precision and shift, each residual's partition order against the
 * block size, each residual within the 32-bit range RFC 9639 allows, and the frame's CRC-16. Sample
 * arrays grow to the largest block met, never past STREAMINFO's maximum block size. Samples are
 * kept in {@code long} so that the 33-bit side channel of 32-bit audio and the prediction sums of any
 * legal stream are exact. Not thread-safe.
 */
final class FlacFrameDecoder {
    private static final int[] BLOCK_SIZES = {0, 192, 576, 1152, 2304, 4608, -1, -2,
        256, 512, 1024, 2048, 4096, 8192, 16384, 32768};
    private static final int[] SAMPLE_SIZES = {0, 8, 12, -1, 16, 20, 24, 32};

    private final Path path;
    private final FlacBitReader in;
    private final FlacStreamInfo info;
    private final long[][] samples;
    private final long[] coefficients = new long[32];
    /** The coded frame or sample number of the last frame. */
    private long codedNumber;
    private boolean variableBlockSize;

    FlacFrameDecoder(Path path, FlacBitReader in, FlacStreamInfo info) {
        this.path = path;
        this.in = in;
        this.info = info;
        this.samples = new long[info.channels()][0];
    }

    /** The decoded samples of channel {@code c}; the frame's block size of them are valid. */
    long[] channel(int c) {
        return samples[c];
    }

    /** The frame number (fixed block size) or first sample number (variable) of the last frame. */
    long codedNumber() {
        return codedNumber;
    }

    /** Whether the last frame said the stream has a variable block size. */
    boolean variableBlockSize() {
        return variableBlockSize;
    }

    /**
     * Decodes the frame at the reader's position, which is byte-aligned.
     *
     * @return the frame's block size
     * @throws AudioFormatException if the frame is malformed or its checksums do not match
     */
    int decode() throws IOException {
        long offset = in.bytePosition();
        in.frameAt(offset);
        in.ensureBuffered(32);
        int start = in.index();
        in.startCrc();
        int sync = in.readInt(16);
        if ((sync >>> 1) != 0x7FFC) {
            throw problem(String.format("no frame sync code at byte %d (found 0x%04X)", offset, sync));
        }
        variableBlockSize = (sync & 1) != 0;
        int blockCode = in.readInt(4);
        int rateCode = in.readInt(4);
        int channelCode = in.readInt(4);
        int sizeCode = in.readInt(3);
        if (in.readBits(1) != 0) {
            throw problem("reserved bit set in the header of " + in.where());
        }
        codedNumber = codedNumber(variableBlockSize ? 7 : 6);
        if (blockCode == 0) {
            throw problem("reserved block size code 0 in " + in.where());
        }
        int blockSize = BLOCK_SIZES[blockCode];
        if (blockSize == -1) {
            blockSize = in.readInt(8) + 1;
        } else if (blockSize == -2) {
            blockSize = in.readInt(16) + 1;
        }
        if (rateCode == 12) {
            in.readBits(8);
        } else if (rateCode == 13 || rateCode == 14) {
            in.readBits(16);
        } else if (rateCode == 15) {
            throw problem("invalid sample rate code 15 in " + in.where());
        }
        int headerCrc = FlacCrc.crc8(0, in.buffer(), start, in.index());
        int storedCrc = in.readInt(8);
        if (headerCrc != storedCrc) {
            throw problem(String.format("header CRC-8 mismatch in %s: computed 0x%02X, stored 0x%02X",
                    in.where(), headerCrc, storedCrc));
        }
        int channels;
        if (channelCode < 8) {
            channels = channelCode + 1;
        } else if (channelCode <= 10) {
            channels = 2;
        } else {
            throw problem("reserved channel assignment " + channelCode + " in " + in.where());
        }
        if (channels != info.channels()) {
            throw problem(in.where() + " has " + channels + " channels, STREAMINFO " + info.channels());
        }
        int bits = SAMPLE_SIZES[sizeCode];
        if (bits == -1) {
            throw problem("reserved sample size code 3 in " + in.where());
        }
        if (bits == 0) {
            bits = info.bitsPerSample();
        } else if (bits != info.bitsPerSample()) {
            throw problem(in.where() + " has " + bits + " bits per sample, STREAMINFO " + info.bitsPerSample());
        }
        if (blockSize > info.maxBlockSize()) {
            throw problem(in.where() + " has a block of " + blockSize + " samples, more than STREAMINFO's maximum "
                    + info.maxBlockSize());
        }
        for (int c = 0; c < channels; c++) {
            if (samples[c].length < blockSize) {
                samples[c] = new long[Math.max(blockSize, Math.min(info.maxBlockSize(), 4096))];
            }
            boolean side = (channelCode == 8 && c == 1) || (channelCode == 9 && c == 0) || (channelCode == 10 && c == 1);
            subframe(samples[c], blockSize, bits + (side ? 1 : 0), c);
        }
        in.alignToByte();
        int crc = in.crc16();
        int stored = in.readInt(16);
        if (crc != stored) {
            throw problem(String.format("frame CRC-16 mismatch in %s: computed 0x%04X, stored 0x%04X",
                    in.where(), crc, stored));
        }
        decorrelate(channelCode, blockSize);
        return blockSize;
    }

    private long codedNumber(int maxBytes) throws IOException {
        int first = in.readInt(8);
        int extra;
        long v;
        if (first < 0x80) {
            return first;
        } else if (first >= 0xC0 && first < 0xE0) {
            extra = 1;
            v = first & 0x1F;
        } else if (first >= 0xE0 && first < 0xF0) {
            extra = 2;
            v = first & 0x0F;
        } else if (first >= 0xF0 && first < 0xF8) {
            extra = 3;
            v = first & 0x07;
        } else if (first >= 0xF8 && first < 0xFC) {
            extra = 4;
            v = first & 0x03;
        } else if (first >= 0xFC && first < 0xFE) {
            extra = 5;
            v = first & 0x01;
        } else if (first == 0xFE) {
            extra = 6;
            v = 0;
        } else {
            throw problem(String.format("malformed coded number (first byte 0x%02X) in %s", first, in.where()));
        }
        if (extra + 1 > maxBytes) {
            throw problem("coded frame number of " + (extra + 1) + " bytes in " + in.where()
                    + " (at most " + maxBytes + " with a fixed block size)");
        }
        for (int i = 0; i < extra; i++) {
            int b = in.readInt(8);
            if ((b & 0xC0) != 0x80) {
                throw problem(String.format("malformed coded number (byte 0x%02X) in %s", b, in.where()));
            }
            v = v << 6 | (b & 0x3F);
        }
        return v;
    }

    private void subframe(long[] x, int n, int bits, int channel) throws IOException {
        if (in.readBits(1) != 0) {
            throw problem("padding bit set in subframe " + channel + " of " + in.where());
        }
        int type = in.readInt(6);
        int wasted = 0;
        if (in.readBits(1) != 0) {
            wasted = (int) in.readUnary(bits) + 1;
            if (wasted >= bits) {
                throw problem(wasted + " wasted bits in a " + bits + "-bit subframe " + channel + " of " + in.where());
            }
        }
        int b = bits - wasted;
        if (type == 0) {
            Arrays.fill(x, 0, n, in.readSigned(b));
        } else if (type == 1) {
            for (int i = 0; i < n; i++) {
                x[i] = in.readSigned(b);
            }
        } else if (type >= 8 && type <= 12) {
            int order = type - 8;
            warmUp(x, n, order, b, channel);
            residual(x, n, order, channel);
            restoreFixed(x, n, order);
        } else if (type >= 32) {
            int order = type - 31;
            warmUp(x, n, order, b, channel);
            int precision = in.readInt(4) + 1;
            if (precision == 16) {
                throw problem("invalid coefficient precision code 15 in subframe " + channel + " of " + in.where());
            }
            int shift = (int) in.readSigned(5);
            if (shift < 0) {
                throw problem("negative prediction shift " + shift + " in subframe " + channel + " of " + in.where());
            }
            for (int j = 0; j < order; j++) {
                coefficients[j] = in.readSigned(precision);
            }
            residual(x, n, order, channel);
            restoreLpc(x, n, order, shift);
        } else {
            throw problem("reserved subframe type " + type + " in subframe " + channel + " of " + in.where());
        }
        if (wasted > 0) {
            for (int i = 0; i < n; i++) {
                x[i] <<= wasted;
            }
        }
    }

    private void warmUp(long[] x, int n, int order, int bits, int channel) throws IOException {
        if (order > n) {
            throw problem("predictor order " + order + " exceeds the block size " + n + " in subframe " + channel
                    + " of " + in.where());
        }
        for (int i = 0; i < order; i++) {
            x[i] = in.readSigned(bits);
        }
    }

    private void residual(long[] x, int n, int order, int channel) throws IOException {
        int method = in.readInt(2);
        if (method > 1) {
            throw problem("reserved residual coding method " + method + " in subframe " + channel + " of " + in.where());
        }
        int parameterBits = method == 0 ? 4 : 5;
        int escape = (1 << parameterBits) - 1;
        int partitionOrder = in.readInt(4);
        int partitionSize = n >> partitionOrder;
        if ((partitionSize << partitionOrder) != n || partitionSize < order) {
            throw problem("partition order " + partitionOrder + " does not suit a block of " + n
                    + " samples and predictor order " + order + " in subframe " + channel + " of " + in.where());
        }
        int i = order;
        for (int p = 0, end = partitionSize; p < 1 << partitionOrder; p++, end += partitionSize) {
            int k = in.readInt(parameterBits);
            if (k == escape) {
                int width = in.readInt(5);
                for (; i < end; i++) {
                    x[i] = in.readSigned(width);
                }
            } else {
                in.readRice(x, i, end, k);
                i = end;
            }
        }
    }

    private static void restoreFixed(long[] x, int n, int order) {
        switch (order) {
            case 0:
                break;
            case 1:
                for (int i = 1; i < n; i++) {
                    x[i] += x[i - 1];
                }
                break;
            case 2:
                for (int i = 2; i < n; i++) {
                    x[i] += 2 * x[i - 1] - x[i - 2];
                }
                break;
            case 3:
                for (int i = 3; i < n; i++) {
                    x[i] += 3 * (x[i - 1] - x[i - 2]) + x[i - 3];
                }
                break;
            default:
                for (int i = 4; i < n; i++) {
                    x[i] += 4 * (x[i - 1] + x[i - 3]) - 6 * x[i - 2] - x[i - 4];
                }
        }
    }

    private void restoreLpc(long[] x, int n, int order, int shift) {
        long[] c = coefficients;
        if (order == 8) {
            restoreLpc8(x, n, shift);
            return;
        }
        if (order == 12) {
            restoreLpc12(x, n, shift);
            return;
        }
        for (int i = order; i < n; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += c[j] * x[i - 1 - j];
            }
            x[i] += sum >> shift;
        }
    }

    /** Order 8, the usual one at the default level, with the coefficients in locals. */
    private void restoreLpc8(long[] x, int n, int shift) {
        long[] c = coefficients;
        long c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5], c6 = c[6], c7 = c[7];
        for (int i = 8; i < n; i++) {
            long sum = c0 * x[i - 1] + c1 * x[i - 2] + c2 * x[i - 3] + c3 * x[i - 4]
                    + c4 * x[i - 5] + c5 * x[i - 6] + c6 * x[i - 7] + c7 * x[i - 8];
            x[i] += sum >> shift;
        }
    }

    /** Order 12, the usual one at the highest levels. */
    private void restoreLpc12(long[] x, int n, int shift) {
        long[] c = coefficients;
        long c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5];
        long c6 = c[6], c7 = c[7], c8 = c[8], c9 = c[9], c10 = c[10], c11 = c[11];
        for (int i = 12; i < n; i++) {
            long sum = c0 * x[i - 1] + c1 * x[i - 2] + c2 * x[i - 3] + c3 * x[i - 4]
                    + c4 * x[i - 5] + c5 * x[i - 6] + c6 * x[i - 7] + c7 * x[i - 8]
                    + c8 * x[i - 9] + c9 * x[i - 10] + c10 * x[i - 11] + c11 * x[i - 12];
            x[i] += sum >> shift;
        }
    }

    private void decorrelate(int channelCode, int n) {
        if (channelCode < 8) {
            return;
        }
        long[] a = samples[0];
        long[] b = samples[1];
        switch (channelCode) {
            case 8:
                for (int i = 0; i < n; i++) {
                    b[i] = a[i] - b[i];
                }
                break;
            case 9:
                for (int i = 0; i < n; i++) {
                    a[i] += b[i];
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    long side = b[i];
                    long mid = a[i] << 1 | (side & 1);
                    a[i] = (mid + side) >> 1;
                    b[i] = (mid - side) >> 1;
                }
        }
    }

    private AudioFormatException problem(String problem) {
        return new AudioFormatException(path, problem);
    }
}
