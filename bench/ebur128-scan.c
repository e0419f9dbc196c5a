/* ebur128-scan: a minimal libebur128 scan of one WAV file, the libebur128 peer that
   bench/compare-loudness.sh times against `mixwright loudness`. Benchmark tooling only: not part of
   any Mixwright artifact, not built by Maven.

   Reads a RIFF WAVE file (PCM 16, 24 or 32-bit integer or 32-bit float, plain or
   WAVE_FORMAT_EXTENSIBLE; not RF64), converts it to interleaved float and feeds libebur128 in
   65,536-frame blocks with EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK |
   EBUR128_MODE_SAMPLE_PEAK: the same measurements `mixwright loudness` makes. libebur128's default
   channel map is used (L R C LFE Ls Rs for 6 channels); the EXTENSIBLE channel mask is ignored.
   Prints four lines on stdout:

     integrated -23.00 LUFS
     range 5.12 LU
     true peak -1.05 dBTP        (the largest over the channels)
     sample peak -1.20 dBFS      (the largest over the channels)

   Silence prints -inf. Exit status 0 on success, 2 for usage, 3 for an unreadable or unsupported
   file or a libebur128 error; the message goes to stderr.

   Needs libebur128's headers (Debian: apt-get install gcc libebur128-dev).
   Build: cc -O2 -o ebur128-scan ebur128-scan.c -lebur128 -lm
   (bench/compare-loudness.sh builds it into bench/work/ when missing or older than this file.)
   Assumes a little-endian host for float32 data. */
#define _FILE_OFFSET_BITS 64   /* fseeko past 2 GiB on 32-bit hosts */
#include <ebur128.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_FRAMES 65536
#define WAVE_FORMAT_PCM 0x0001
#define WAVE_FORMAT_IEEE_FLOAT 0x0003
#define WAVE_FORMAT_EXTENSIBLE 0xFFFE

static const char *path;

static int fail(const char *what) {
    fprintf(stderr, "ebur128-scan: %s: %s\n", path, what);
    return 3;
}

static uint32_t u32(const unsigned char *p) {
    return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

static uint16_t u16(const unsigned char *p) {
    return (uint16_t) (p[0] | p[1] << 8);
}

/* Skips n bytes forward; reading rather than seeking would also work on pipes, but a file is all
   this needs. */
static int skip(FILE *f, uint64_t n) {
    return n == 0 ? 0 : fseeko(f, (off_t) n, SEEK_CUR);
}

static void convert(const unsigned char *raw, float *out, size_t n, unsigned format, unsigned bits) {
    if (format == WAVE_FORMAT_IEEE_FLOAT) {
        memcpy(out, raw, n * sizeof(float));
    } else if (bits == 16) {
        for (size_t i = 0; i < n; i++) out[i] = (float) (int16_t) u16(raw + 2 * i) / 32768.0f;
    } else if (bits == 24) {
        for (size_t i = 0; i < n; i++) {
            const unsigned char *p = raw + 3 * i;
            int32_t v = (int32_t) ((uint32_t) p[0] << 8 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 24) >> 8;
            out[i] = (float) v / 8388608.0f;
        }
    } else {
        for (size_t i = 0; i < n; i++) out[i] = (float) (int32_t) u32(raw + 4 * i) / 2147483648.0f;
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: ebur128-scan FILE.wav\n");
        return 2;
    }
    path = argv[1];
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "ebur128-scan: %s: %s\n", path, strerror(errno));
        return 3;
    }

    unsigned char h[12];
    if (fread(h, 1, sizeof h, f) != sizeof h || memcmp(h, "RIFF", 4) || memcmp(h + 8, "WAVE", 4)) {
        return fail(memcmp(h, "RF64", 4) ? "not a RIFF WAVE file" : "RF64 is not supported");
    }

    /* Walk the chunks up to "data"; every chunk is padded to an even size. */
    unsigned format = 0, channels = 0, rate = 0, bits = 0, blockAlign = 0;
    int haveFmt = 0;
    uint32_t dataBytes;
    for (;;) {
        unsigned char ch[8];
        if (fread(ch, 1, sizeof ch, f) != sizeof ch) return fail("no data chunk");
        uint32_t size = u32(ch + 4);
        uint64_t padded = (uint64_t) size + (size & 1);
        if (!memcmp(ch, "fmt ", 4)) {
            unsigned char fmt[40];
            size_t keep = size < sizeof fmt ? size : sizeof fmt;
            if (size < 16 || fread(fmt, 1, keep, f) != keep || skip(f, padded - keep)) {
                return fail("bad fmt chunk");
            }
            format = u16(fmt);
            channels = u16(fmt + 2);
            rate = u32(fmt + 4);
            blockAlign = u16(fmt + 12);
            bits = u16(fmt + 14);
            if (format == WAVE_FORMAT_EXTENSIBLE) {
                if (size < 40) return fail("bad WAVE_FORMAT_EXTENSIBLE fmt chunk");
                format = u16(fmt + 24);   /* first two bytes of the sub-format GUID */
            }
            haveFmt = 1;
        } else if (!memcmp(ch, "data", 4)) {
            if (!haveFmt) return fail("data chunk before fmt chunk");
            dataBytes = size;
            break;
        } else if (skip(f, padded)) {
            return fail("truncated chunk");
        }
    }
    if (!((format == WAVE_FORMAT_PCM && (bits == 16 || bits == 24 || bits == 32))
            || (format == WAVE_FORMAT_IEEE_FLOAT && bits == 32))) {
        return fail("unsupported encoding (PCM 16/24/32-bit or float32 only)");
    }
    if (channels == 0 || rate == 0) return fail("no channels or no sample rate");
    unsigned bytesPerFrame = channels * (bits / 8);
    if (blockAlign != bytesPerFrame) return fail("block align does not match channels and bits");

    ebur128_state *st = ebur128_init(channels, rate,
            EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_SAMPLE_PEAK);
    unsigned char *raw = malloc((size_t) BLOCK_FRAMES * bytesPerFrame);
    float *buf = malloc((size_t) BLOCK_FRAMES * channels * sizeof(float));
    if (!st || !raw || !buf) return fail("out of memory");

    uint64_t left = dataBytes / bytesPerFrame;
    while (left > 0) {
        size_t want = left < BLOCK_FRAMES ? (size_t) left : BLOCK_FRAMES;
        size_t got = fread(raw, bytesPerFrame, want, f);
        if (got > 0) {
            convert(raw, buf, got * channels, format, bits);
            if (ebur128_add_frames_float(st, buf, got) != EBUR128_SUCCESS) return fail("libebur128 failed to add frames");
            left -= got;
        }
        if (got < want) {
            if (ferror(f)) return fail(strerror(errno));
            fprintf(stderr, "ebur128-scan: %s: data chunk is truncated; measured what is there\n", path);
            break;
        }
    }

    double integrated, range, truePeak = 0, samplePeak = 0, v;
    if (ebur128_loudness_global(st, &integrated) != EBUR128_SUCCESS
            || ebur128_loudness_range(st, &range) != EBUR128_SUCCESS) {
        return fail("libebur128 failed to compute loudness");
    }
    for (unsigned c = 0; c < channels; c++) {
        if (ebur128_true_peak(st, c, &v) != EBUR128_SUCCESS) return fail("libebur128 true peak failed");
        if (v > truePeak) truePeak = v;
        if (ebur128_sample_peak(st, c, &v) != EBUR128_SUCCESS) return fail("libebur128 sample peak failed");
        if (v > samplePeak) samplePeak = v;
    }
    printf("integrated %.2f LUFS\nrange %.2f LU\ntrue peak %.2f dBTP\nsample peak %.2f dBFS\n",
            integrated, range, 20 * log10(truePeak), 20 * log10(samplePeak));

    ebur128_destroy(&st);
    free(raw);
    free(buf);
    fclose(f);
    return 0;
}
