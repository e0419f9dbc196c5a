package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.mixwright.core.AudioBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subframes written bit by bit, in streams of one mono 16-bit frame with right checksums: the decoder
 * reads each kind to the samples worked out by hand, and rejects each malformed field by name.
 */
class FlacSubframeTest {
    /** Where the frame starts in {@link #stream}'s bytes: "fLaC", STREAMINFO's header and body. */
    private static final int FRAME = 4 + 4 + FlacStreamInfo.LENGTH;

    @TempDir
    Path dir;

    @Test
    void everyKindOfSubframeDecodesToTheSamplesWorkedOutByHand() throws Exception {
        // constant -5
        assertSamples(new int[] {-5, -5, -5}, stream(3, w -> {
            header(w, 0);
            w.writeSigned(-5, 16);
        }));
        // verbatim, with 2 wasted bits: 12 / 4, -8 / 4, 4 / 4 stored in 14 bits
        assertSamples(new int[] {12, -8, 4}, stream(3, w -> {
            w.write(0, 1);
            w.write(1, 6);
            w.write(1, 1);
            w.writeUnary(1);
            w.writeSigned(3, 14);
            w.writeSigned(-2, 14);
            w.writeSigned(1, 14);
        }));
        // fixed order 2 from 1, 2 with residuals 0, 1, -1: 3, 5, 6
        assertSamples(new int[] {1, 2, 3, 5, 6}, stream(5, w -> {
            header(w, 10);
            w.writeSigned(1, 16);
            w.writeSigned(2, 16);
            w.write(0, 2);          // Rice, 4-bit parameters
            w.write(0, 4);          // partition order 0
            w.write(0, 4);          // parameter 0: unary zigzag codes
            w.writeUnary(0);        // 0
            w.writeUnary(2);        // 1
            w.writeUnary(1);        // -1
        }));
        // LPC order 1, coefficient 3 at precision 3 and shift 1 (x[i] = r + (3 x[i-1] >> 1)), residuals by
        // Rice2 with an escaped partition (5 bits each) and a Rice partition of parameter 2
        assertSamples(new int[] {4, 6, 9, 12, 17, 26, 40, 59}, stream(8, w -> {
            header(w, 32);
            w.writeSigned(4, 16);
            w.write(2, 4);          // precision 3
            w.writeSigned(1, 5);    // shift 1
            w.writeSigned(3, 3);
            w.write(1, 2);          // Rice2
            w.write(1, 4);          // partition order 1: samples 1-3, then 4-7
            w.write(31, 5);         // escape
            w.write(5, 5);
            w.writeSigned(0, 5);    // 6 = 0 + (12 >> 1)
            w.writeSigned(0, 5);    // 9
            w.writeSigned(-1, 5);   // 12 = -1 + (27 >> 1)
            w.write(2, 5);          // parameter 2; residuals -1, 1, 1, -1 (zigzag 1, 2, 2, 1)
            for (int u : new int[] {1, 2, 2, 1}) {
                w.writeUnary(u >> 2);
                w.write(u & 3, 2);
            }
        }));
    }

    @Test
    void malformedSubframeFieldsAreNamed() throws Exception {
        String at = "the frame at byte " + FRAME;
        assertProblem("invalid coefficient precision code 15 in subframe 0 of " + at, stream(4, w -> {
            header(w, 33);
            w.writeSigned(1, 16);
            w.writeSigned(1, 16);
            w.write(15, 4);
        }));
        assertProblem("negative prediction shift -1 in subframe 0 of " + at, stream(4, w -> {
            header(w, 32);
            w.writeSigned(1, 16);
            w.write(3, 4);
            w.writeSigned(-1, 5);
        }));
        assertProblem("predictor order 4 exceeds the block size 2 in subframe 0 of " + at, stream(2, w -> header(w, 12)));
        assertProblem("partition order 2 does not suit a block of 10 samples and predictor order 0 in subframe 0 of "
                + at, stream(10, w -> {
                    header(w, 8);
                    w.write(0, 2);
                    w.write(2, 4);
                }));
        assertProblem("reserved residual coding method 2 in subframe 0 of " + at, stream(10, w -> {
            header(w, 8);
            w.write(2, 2);
        }));
        assertProblem("16 wasted bits in a 16-bit subframe 0 of " + at, stream(10, w -> {
            w.write(0, 1);
            w.write(0, 6);
            w.write(1, 1);
            w.writeUnary(15);
        }));
        assertProblem("reserved subframe type 13 in subframe 0 of " + at, stream(10, w -> header(w, 13)));
        // a unary run long enough to make a residual of 2^32 or more with parameter 14
        assertProblem("unary value of more than 262143 in " + at, stream(16, w -> {
            header(w, 8);
            w.write(0, 2);
            w.write(0, 4);
            w.write(14, 4);
            for (int i = 0; i < 262_144 / 32; i++) {
                w.write(0, 32);
            }
            w.write(1, 1);
        }));
    }

    /** Subframe header: the zero bit, the type, no wasted bits. */
    private static void header(FlacBitWriter w, int type) {
        w.write(0, 1);
        w.write(type, 6);
        w.write(0, 1);
    }

    /** "fLaC", STREAMINFO (blocks of {@code n}, 44.1 kHz, mono, 16 bits, no MD5) and one frame of {@code n}. */
    private static byte[] stream(int n, Consumer<FlacBitWriter> subframe) throws IOException {
        FlacBitWriter w = new FlacBitWriter(1 << 16);
        w.ensure(1 << 20);
        w.write(0xFFF8, 16);
        w.write(7, 4);              // block size in 16 bits after the header
        w.write(9, 4);              // 44.1 kHz
        w.write(0, 4);              // mono
        w.write(4, 3);              // 16 bits
        w.write(0, 1);
        w.write(0, 8);              // frame 0
        w.write(n - 1, 16);
        w.alignAndFlush();
        w.write(FlacCrc.crc8(0, w.bytes(), 0, w.length()), 8);
        subframe.accept(w);
        w.alignAndFlush();
        w.write(FlacCrc.crc16(0, w.bytes(), 0, w.length()), 16);
        w.alignAndFlush();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {'f', 'L', 'a', 'C'});
        out.write(ByteBuffer.allocate(4).putInt(0x80 << 24 | FlacStreamInfo.LENGTH).array());
        out.write(new FlacStreamInfo(n, n, 0, 0, 44_100, 1, 16, n, new byte[16]).bytes());
        out.write(w.bytes(), 0, w.length());
        return out.toByteArray();
    }

    private void assertSamples(int[] expected, byte[] bytes) throws IOException {
        Path file = TestAudio.write(dir.resolve("s.flac"), bytes);
        try (FlacReader r = FlacReader.open(file)) {
            AudioBuffer all = TestAudio.readAll(r, 2);
            int[] got = new int[expected.length];
            for (int i = 0; i < got.length; i++) {
                got[i] = Math.round(all.get(0, i) * 32768);
            }
            assertArrayEquals(expected, got);
        }
    }

    private void assertProblem(String problem, byte[] bytes) throws IOException {
        Path file = TestAudio.write(dir.resolve("bad.flac"), bytes);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> {
            try (FlacReader r = FlacReader.open(file)) {
                TestAudio.readAll(r, 100);
            }
        });
        assertEquals(problem, e.problem());
        assertEquals(file, e.file());
    }
}
