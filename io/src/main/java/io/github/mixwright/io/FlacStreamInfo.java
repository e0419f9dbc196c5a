package io.github.mixwright.io;

/**
 * The STREAMINFO metadata block of a FLAC stream (RFC 9639, section 8.2): 34 bytes, always first.
 *
 * @param minBlockSize smallest block size in samples (the last block may be smaller)
 * @param maxBlockSize largest block size in samples, 1 to 65535
 * @param minFrameSize smallest frame in bytes, 0 if unknown
 * @param maxFrameSize largest frame in bytes, 0 if unknown
 * @param sampleRate Hz, 1 to 2^20 - 1
 * @param channels 1 to 8
 * @param bitsPerSample 4 to 32
 * @param totalSamples samples per channel, 0 if unknown
 * @param md5 the MD5 of the decoded samples (16 bytes), all zero if unknown
 */
record FlacStreamInfo(int minBlockSize, int maxBlockSize, int minFrameSize, int maxFrameSize, int sampleRate,
        int channels, int bitsPerSample, long totalSamples, byte[] md5) {
    /** Bytes of the block's content. */
    static final int LENGTH = 34;

    /** Parses the block's 34 bytes; fields are checked by the reader. */
    static FlacStreamInfo parse(byte[] b) {
        int minBlock = (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
        int maxBlock = (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        int minFrame = (b[4] & 0xFF) << 16 | (b[5] & 0xFF) << 8 | (b[6] & 0xFF);
        int maxFrame = (b[7] & 0xFF) << 16 | (b[8] & 0xFF) << 8 | (b[9] & 0xFF);
        long v = 0;
        for (int i = 10; i < 18; i++) {
            v = v << 8 | (b[i] & 0xFF);
        }
        int rate = (int) (v >>> 44);
        int channels = (int) (v >>> 41 & 7) + 1;
        int bits = (int) (v >>> 36 & 31) + 1;
        long total = v & 0xF_FFFF_FFFFL;
        byte[] md5 = java.util.Arrays.copyOfRange(b, 18, 34);
        return new FlacStreamInfo(minBlock, maxBlock, minFrame, maxFrame, rate, channels, bits, total, md5);
    }

    /** The block's 34 bytes. */
    byte[] bytes() {
        byte[] b = new byte[LENGTH];
        b[0] = (byte) (minBlockSize >> 8);
        b[1] = (byte) minBlockSize;
        b[2] = (byte) (maxBlockSize >> 8);
        b[3] = (byte) maxBlockSize;
        b[4] = (byte) (minFrameSize >> 16);
        b[5] = (byte) (minFrameSize >> 8);
        b[6] = (byte) minFrameSize;
        b[7] = (byte) (maxFrameSize >> 16);
        b[8] = (byte) (maxFrameSize >> 8);
        b[9] = (byte) maxFrameSize;
        long v = (long) sampleRate << 44 | (long) (channels - 1) << 41 | (long) (bitsPerSample - 1) << 36
                | (totalSamples & 0xF_FFFF_FFFFL);
        for (int i = 0; i < 8; i++) {
            b[10 + i] = (byte) (v >>> (56 - 8 * i));
        }
        System.arraycopy(md5, 0, b, 18, 16);
        return b;
    }

    /** Whether the MD5 is known (not all zero). */
    boolean hasMd5() {
        for (byte x : md5) {
            if (x != 0) {
                return true;
            }
        }
        return false;
    }
}
