package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Denormals;

/**
 * The one recurrence every second-order section in this package runs, whether alone ({@link Biquad},
 * {@link CookbookFilter}), in a band ({@link ParametricEq}) or in a cascade ({@link BiquadCascade},
 * {@link ButterworthFilter}, {@link LinkwitzRileyFilter}, {@link CrossoverSplitter}): direct form I,
 * {@code y = b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2}, in double precision. Coefficients are packed five
 * to a section ({@code b0, b1, b2, a1, a2}).
 *
 * <p>A cascade runs section by section over a chunk of frames kept in double precision, not sample
 * by sample through all sections: the loop-carried dependency is then one section's feedback, the
 * section's coefficients and state stay in registers, and two channels share one loop
 * ({@link #runAll}). Coefficients that glide use {@link #runVarying}, with one design per frame.
 * Both orders of work give the same samples, since each section sees the same input sequence.
 *
 * <p>Why direct form I rather than transposed direct form II: its four state values per section and
 * channel are plain past inputs and outputs ({@code x1, x2, y1, y2} at {@code state[s..s+3]}), which do
 * not depend on the coefficients. When coefficients change every sample during a glide, the filter is
 * simply the new difference equation applied to the true signal history; a TDF-II state is a
 * coefficient-weighted sum and becomes inconsistent with the new coefficients, which shows as a
 * transient. The price is two extra state words, which double precision makes harmless.
 *
 * <p>Denormals: when an output and the one before it are both below {@link #FLUSH} in magnitude, the
 * feedback state is zeroed, so a decaying tail reaches exact silence instead of crawling through
 * subnormal doubles (tens of times slower on x86). Zeroing only the newest output is not enough: it
 * injects a tiny error at every zero crossing of a ringing tail, which a high-Q section amplifies into
 * a limit cycle (a 20 Hz, Q 5 low-pass at 96 kHz sustained one near 1e-27). With both zeroed and the
 * input silent, the state stays exactly zero. The check is per sample, never per block, to keep
 * output block-size invariant; the threshold is {@link Denormals#FLUSH}.
 */
final class BiquadKernel {
    /*
     * Every loop writes the recurrence as (b0 x + b1 x1 + b2 x2 - a2 y2) - a1 y1: everything but the
     * a1 y1 term is known a sample early, so the loop-carried chain is one multiply and one subtract
     * instead of three dependent operations. Measured on a four-stage EQ, a 60-minute render went
     * from about 4.9 s to 4.1 s (bench/compare-eq.sh); the output differs from the textbook order by
     * rounding only.
     *
     * No recurrence loop converts between float and double. Java 17's C2 emits a scalar conversion
     * as vcvtss2sd / vcvtsd2ss dst, dst, src (JDK-8323116, fixed in JDK 23): the instruction merges
     * into the old contents of its destination, so it waits for whatever last wrote that register.
     * Which register that is depends on the register allocator, and with AVX-512's 32 registers it
     * can be one on the feedback chain, so that each sample also waits for the previous sample's
     * conversion, multiplies and additions. Blocks are therefore converted to double in loops of
     * their own ({@link #load}, {@link #store}), which C2 vectorises (vcvtps2pd / vcvtpd2ps write
     * their whole register; Java 17 leaves them scalar), and the recurrences of a cascade read and
     * write doubles only. A lone section keeps converting in its loop: on Java 17 its separate
     * conversion loops cost more than the conversions do there (FiltersBenchmark.biquadPeak 3.6
     * against 2.4 ns on an AVX2 EPYC).
     *
     * Channels are run two per loop and consecutive sections two per loop ({@link #run22}), so four
     * independent recurrences overlap instead of one: a recurrence is bound by its feedback latency,
     * not by arithmetic throughput. Every recurrence does exactly the arithmetic it does alone, in
     * the same order, so fusing changes no bit.
     */

    /** Frames converted to double at a time by {@link #process}; large enough to amortise, small enough for L1. */
    static final int CHUNK = 256;

    /** Feedback state smaller than this is flushed to zero. */
    static final double FLUSH = Denormals.FLUSH;

    private BiquadKernel() {
    }

    /**
     * One fixed section over {@code x[from..from+n)}, in place, converting in the loop: for a lone
     * section on Java 17, whose C2 does not vectorise float-double conversion loops, converting in a
     * loop of its own costs more than the conversions' false dependencies do here (see above).
     */
    static void run(float[] x, int from, int n, double b0, double b1, double b2, double a1, double a2,
            double[] st, int s) {
        double x1 = st[s];
        double x2 = st[s + 1];
        double y1 = st[s + 2];
        double y2 = st[s + 3];
        for (int i = from; i < from + n; i++) {
            double in = x[i];
            double y = (b0 * in + b1 * x1 + b2 * x2 - a2 * y2) - a1 * y1;
            if (Math.abs(y) < FLUSH && Math.abs(y1) < FLUSH) {
                y = 0;
                y1 = 0;
            }
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = y;
            x[i] = (float) y;
        }
        save(st, s, x1, x2, y1, y2);
    }

    /** One fixed section over a double buffer, in place. */
    static void run(double[] x, int from, int n, double[] c, int co, double[] st, int s) {
        double b0 = c[co];
        double b1 = c[co + 1];
        double b2 = c[co + 2];
        double a1 = c[co + 3];
        double a2 = c[co + 4];
        double x1 = st[s];
        double x2 = st[s + 1];
        double y1 = st[s + 2];
        double y2 = st[s + 3];
        for (int i = from; i < from + n; i++) {
            double in = x[i];
            double y = (b0 * in + b1 * x1 + b2 * x2 - a2 * y2) - a1 * y1;
            if (Math.abs(y) < FLUSH && Math.abs(y1) < FLUSH) {
                y = 0;
                y1 = 0;
            }
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = y;
            x[i] = y;
        }
        save(st, s, x1, x2, y1, y2);
    }

    /**
     * Two fixed sections in series over float input in one loop, so the second section's recurrence
     * and the sum overlap the first's, for a meter: the output is not kept, only {@code acc[0] +=} the
     * sum of its squares. Non-finite inputs are taken as 0 and counted in {@code acc[2]};
     * {@code acc[1]} keeps the largest {@code |x|} of the rest. Coefficients {@code c[co..co+5)} then
     * {@code c[co+5..co+10)}, state {@code st[s..s+4)} then {@code st[s+4..s+8)}; each section's
     * arithmetic is that of {@link #run(double[], int, int, double[], int, double[], int)}.
     */
    static void seriesEnergy(float[] x, int from, int n, double[] c, int co, double[] st, int s, double[] acc) {
        double sb0 = c[co], sb1 = c[co + 1], sb2 = c[co + 2], sa1 = c[co + 3], sa2 = c[co + 4];
        double hb0 = c[co + 5], hb1 = c[co + 6], hb2 = c[co + 7], ha1 = c[co + 8], ha2 = c[co + 9];
        double x1 = st[s], x2 = st[s + 1], y1 = st[s + 2], y2 = st[s + 3];
        double u1 = st[s + 4], u2 = st[s + 5], v1 = st[s + 6], v2 = st[s + 7];
        double sum = acc[0];
        double peak = acc[1];
        long bad = 0;
        for (int i = from; i < from + n; i++) {
            double in = x[i];
            if (!Double.isFinite(in)) {
                in = 0;
                bad++;
            }
            peak = Math.max(peak, Math.abs(in));
            double y = (sb0 * in + sb1 * x1 + sb2 * x2 - sa2 * y2) - sa1 * y1;
            if (Math.abs(y) < FLUSH && Math.abs(y1) < FLUSH) {
                y = 0;
                y1 = 0;
            }
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = y;
            double v = (hb0 * y + hb1 * u1 + hb2 * u2 - ha2 * v2) - ha1 * v1;
            if (Math.abs(v) < FLUSH && Math.abs(v1) < FLUSH) {
                v = 0;
                v1 = 0;
            }
            u2 = u1;
            u1 = y;
            v2 = v1;
            v1 = v;
            sum += v * v;
        }
        save(st, s, x1, x2, y1, y2);
        save(st, s + 4, u1, u2, v1, v2);
        acc[0] = sum;
        acc[1] = peak;
        acc[2] += bad;
    }

    /**
     * One section whose coefficients change every sample, over a double buffer
     * {@code x[from..from+n)}, in place: frame {@code x[i]} uses {@code c[5 i .. 5 i + 4]} (the same
     * index as the frame, so a chunk may be run in several pieces).
     */
    static void runVarying(double[] x, int from, int n, double[] c, double[] st, int s) {
        double x1 = st[s];
        double x2 = st[s + 1];
        double y1 = st[s + 2];
        double y2 = st[s + 3];
        for (int i = from; i < from + n; i++) {
            int k = 5 * i;
            double in = x[i];
            double y = (c[k] * in + c[k + 1] * x1 + c[k + 2] * x2 - c[k + 4] * y2) - c[k + 3] * y1;
            if (Math.abs(y) < FLUSH && Math.abs(y1) < FLUSH) {
                y = 0;
                y1 = 0;
            }
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = y;
            x[i] = y;
        }
        save(st, s, x1, x2, y1, y2);
    }

    /**
     * Two channels of one fixed section over double buffers, in place, in one loop: the recurrence is
     * bound by the latency of its feedback chain, so interleaving two independent channels nearly
     * doubles throughput. Each channel's arithmetic is exactly that of {@link #run(double[], int, int,
     * double[], int, double[], int)}.
     */
    static void run2(double[] xa, double[] xb, int from, int n, double[] c, int co, double[] st, int sa, int sb) {
        double b0 = c[co];
        double b1 = c[co + 1];
        double b2 = c[co + 2];
        double a1 = c[co + 3];
        double a2 = c[co + 4];
        double xa1 = st[sa];
        double xa2 = st[sa + 1];
        double ya1 = st[sa + 2];
        double ya2 = st[sa + 3];
        double xb1 = st[sb];
        double xb2 = st[sb + 1];
        double yb1 = st[sb + 2];
        double yb2 = st[sb + 3];
        for (int i = from; i < from + n; i++) {
            double ina = xa[i];
            double inb = xb[i];
            double ya = (b0 * ina + b1 * xa1 + b2 * xa2 - a2 * ya2) - a1 * ya1;
            double yb = (b0 * inb + b1 * xb1 + b2 * xb2 - a2 * yb2) - a1 * yb1;
            if (Math.abs(ya) < FLUSH && Math.abs(ya1) < FLUSH) {
                ya = 0;
                ya1 = 0;
            }
            if (Math.abs(yb) < FLUSH && Math.abs(yb1) < FLUSH) {
                yb = 0;
                yb1 = 0;
            }
            xa2 = xa1;
            xa1 = ina;
            ya2 = ya1;
            ya1 = ya;
            xb2 = xb1;
            xb1 = inb;
            yb2 = yb1;
            yb1 = yb;
            xa[i] = ya;
            xb[i] = yb;
        }
        save(st, sa, xa1, xa2, ya1, ya2);
        save(st, sb, xb1, xb2, yb1, yb2);
    }

    /** Copies frames {@code [start, start + len)} of each of the block's channels into {@code to[c][0..len)}. */
    static void load(AudioBuffer block, int start, int len, double[][] to) {
        int from = block.offset() + start;
        for (int c = 0; c < block.channels(); c++) {
            float[] x = block.channel(c);
            double[] d = to[c];
            for (int i = 0; i < len; i++) {
                d[i] = x[from + i];
            }
        }
    }

    /** Rounds {@code from[c][0..len)} into frames {@code [start, start + len)} of each of the block's channels. */
    static void store(double[][] from, int len, AudioBuffer block, int start) {
        int to = block.offset() + start;
        for (int c = 0; c < block.channels(); c++) {
            float[] x = block.channel(c);
            double[] d = from[c];
            for (int i = 0; i < len; i++) {
                x[to + i] = (float) d[i];
            }
        }
    }

    /** Packs {@code sections} five coefficients to a section, in order. */
    static double[] pack(SecondOrderSections sections) {
        double[] c = new double[5 * sections.sections().size()];
        int k = 0;
        for (BiquadCoefficients s : sections.sections()) {
            c[k++] = s.b0();
            c[k++] = s.b1();
            c[k++] = s.b2();
            c[k++] = s.a1();
            c[k++] = s.a2();
        }
        return c;
    }

    /**
     * One fixed section on every channel's double buffer, two channels per loop where it can
     * (see {@link #run2}); channel {@code ch}'s state is at {@code st[s + 4 ch]}.
     */
    static void runAll(double[][] x, int channels, int n, double[] c, int co, double[] st, int s) {
        int ch = 0;
        for (; ch + 1 < channels; ch += 2) {
            run2(x[ch], x[ch + 1], 0, n, c, co, st, s + 4 * ch, s + 4 * ch + 4);
        }
        if (ch < channels) {
            run(x[ch], 0, n, c, co, st, s + 4 * ch);
        }
    }

    /**
     * A float block through the fixed cascade {@code c[co ..]} to {@code c[co + 5 count)}, in place,
     * {@link #CHUNK} frames at a time converted to double in {@code chunk}. Section {@code j}'s state
     * for channel {@code ch} is at {@code st[s + sectionStride j + channelStride ch]}. Two sections
     * and two channels run per loop ({@link #run22}); an odd channel is paired with a silent one, whose
     * state stays zero.
     */
    static void process(AudioBuffer block, double[] c, int co, int count, double[] st, int s, int sectionStride,
            int channelStride, Chunk chunk) {
        int n = block.frames();
        int channels = block.channels();
        if (count == 1) {
            for (int ch = 0; ch < channels; ch++) {
                run(block.channel(ch), block.offset(), n, c[co], c[co + 1], c[co + 2], c[co + 3], c[co + 4], st,
                        s + channelStride * ch);
            }
            return;
        }
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            for (int ch = 0; ch < channels; ch += 2) {
                boolean pair = ch + 1 < channels;
                double[] stb = pair ? st : chunk.silentState;
                int sa = s + channelStride * ch;
                int sb = pair ? sa + channelStride : 0;
                int strideB = pair ? sectionStride : 4;
                double[][] ra = chunk.rows[ch];
                double[][] rb = chunk.rows[ch + 1];
                load(block, ch, start, len, ra[0]);
                if (pair) {
                    load(block, ch + 1, start, len, rb[0]);
                }
                int cur = 0;
                int j = 0;
                for (; j + 1 < count; j += 2) {
                    int mid = (cur + 1) % 3;
                    int out = (cur + 2) % 3;
                    run22(ra[cur], ra[mid], ra[out], rb[cur], rb[mid], rb[out], len, c, co + 5 * j,
                            st, sa + sectionStride * j, sectionStride, stb, sb + strideB * j, strideB);
                    cur = out;
                }
                if (j < count) {
                    // an odd section: in place in the current row, past inputs in registers
                    int sj = sa + sectionStride * j;
                    if (pair) {
                        run2(ra[cur], rb[cur], 2, len, c, co + 5 * j, st, sj, sb + strideB * j);
                    } else {
                        run(ra[cur], 2, len, c, co + 5 * j, st, sj);
                    }
                }
                store(ra[cur], len, block, ch, start);
                if (pair) {
                    store(rb[cur], len, block, ch + 1, start);
                }
            }
        }
    }

    /** Double rows for {@link #process}. */
    static final class Chunk {
        /** Three rows per channel (channels rounded up to even), {@link #CHUNK} frames after two of history. */
        final double[][][] rows;
        /** State of the silent channel an odd channel is paired with: zero input keeps it zero. */
        final double[] silentState;

        Chunk(int channels, int maxSections) {
            rows = new double[channels + 1 & ~1][3][CHUNK + 2];
            silentState = new double[4 * maxSections];
        }
    }

    /** Converts frames {@code [start, start + len)} of one channel into {@code to[2..2+len)}. */
    private static void load(AudioBuffer block, int ch, int start, int len, double[] to) {
        float[] x = block.channel(ch);
        int from = block.offset() + start;
        for (int i = 0; i < len; i++) {
            to[i + 2] = x[from + i];
        }
    }

    /** Rounds {@code from[2..2+len)} into frames {@code [start, start + len)} of one channel. */
    private static void store(double[] from, int len, AudioBuffer block, int ch, int start) {
        float[] x = block.channel(ch);
        int to = block.offset() + start;
        for (int i = 0; i < len; i++) {
            x[to + i] = (float) from[i + 2];
        }
    }

    /*
     * run22 reads a section's past inputs from its input row instead of keeping them in
     * registers: rows hold two frames of history (x2, x1 at [0] and [1]) before the chunk's frames, so
     * that section p reads in[i], in[i - 1], in[i - 2] and writes out[i]. Only the outputs' history
     * (y1, y2) is carried in registers, eight values for four recurrences, which x86-64's 16 vector
     * registers hold without spilling; with the inputs' history too, C2 spilled state to the stack and
     * the feedback chain went through a store and a reload. The history rows see exactly the inputs
     * the section saw, so the arithmetic is that of run, bit for bit.
     */

    /**
     * Two consecutive sections ({@code c[co..co+10)}) on two channels, {@code in} to {@code mid} to
     * {@code out} rows, four recurrences in one loop. Channel a's state for the first section is at
     * {@code sta[sa]}, for the second {@code strideA} later; likewise channel b in {@code stb}.
     */
    static void run22(double[] ina, double[] mida, double[] outa, double[] inb, double[] midb, double[] outb, int n,
            double[] c, int co, double[] sta, int sa, int strideA, double[] stb, int sb, int strideB) {
        double p0 = c[co];
        double p1 = c[co + 1];
        double p2 = c[co + 2];
        double p3 = c[co + 3];
        double p4 = c[co + 4];
        double q0 = c[co + 5];
        double q1 = c[co + 6];
        double q2 = c[co + 7];
        double q3 = c[co + 8];
        double q4 = c[co + 9];
        int ta = sa + strideA;
        int tb = sb + strideB;
        history(ina, sta, sa);
        history(mida, sta, ta);
        history(inb, stb, sb);
        history(midb, stb, tb);
        double pav1 = sta[sa + 2];
        double pav2 = sta[sa + 3];
        double qav1 = sta[ta + 2];
        double qav2 = sta[ta + 3];
        double pbv1 = stb[sb + 2];
        double pbv2 = stb[sb + 3];
        double qbv1 = stb[tb + 2];
        double qbv2 = stb[tb + 3];
        for (int i = 2; i < n + 2; i++) {
            double pa = (p0 * ina[i] + p1 * ina[i - 1] + p2 * ina[i - 2] - p4 * pav2) - p3 * pav1;
            double pb = (p0 * inb[i] + p1 * inb[i - 1] + p2 * inb[i - 2] - p4 * pbv2) - p3 * pbv1;
            if (Math.abs(pa) < FLUSH && Math.abs(pav1) < FLUSH) {
                pa = 0;
                pav1 = 0;
            }
            if (Math.abs(pb) < FLUSH && Math.abs(pbv1) < FLUSH) {
                pb = 0;
                pbv1 = 0;
            }
            mida[i] = pa;
            midb[i] = pb;
            double qa = (q0 * pa + q1 * mida[i - 1] + q2 * mida[i - 2] - q4 * qav2) - q3 * qav1;
            double qb = (q0 * pb + q1 * midb[i - 1] + q2 * midb[i - 2] - q4 * qbv2) - q3 * qbv1;
            if (Math.abs(qa) < FLUSH && Math.abs(qav1) < FLUSH) {
                qa = 0;
                qav1 = 0;
            }
            if (Math.abs(qb) < FLUSH && Math.abs(qbv1) < FLUSH) {
                qb = 0;
                qbv1 = 0;
            }
            pav2 = pav1;
            pav1 = pa;
            pbv2 = pbv1;
            pbv1 = pb;
            qav2 = qav1;
            qav1 = qa;
            qbv2 = qbv1;
            qbv1 = qb;
            outa[i] = qa;
            outb[i] = qb;
        }
        save(sta, sa, ina[n + 1], ina[n], pav1, pav2);
        save(sta, ta, mida[n + 1], mida[n], qav1, qav2);
        save(stb, sb, inb[n + 1], inb[n], pbv1, pbv2);
        save(stb, tb, midb[n + 1], midb[n], qbv1, qbv2);
    }

    /** Puts a section's input history {@code x2, x1} in front of its input row. */
    private static void history(double[] row, double[] st, int s) {
        row[0] = st[s + 1];
        row[1] = st[s];
    }

    /** Stores one section's state for one channel. */
    private static void save(double[] st, int s, double x1, double x2, double y1, double y2) {
        st[s] = x1;
        st[s + 1] = x2;
        st[s + 2] = y1;
        st[s + 3] = y2;
    }
}
