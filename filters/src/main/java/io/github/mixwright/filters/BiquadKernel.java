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
     * A cascade runs each section in two halves over a chunk ({@link #process}): the feed-forward
     * sums b0 x + b1 x1 + b2 x2, which have no loop-carried dependency and which C2 vectorises when
     * it reads three arrays at one index (it does not vectorise three offsets into one array on
     * Java 17), then the feedback recurrence, two channels per loop so that two independent chains
     * overlap. The feedback loop is bound by its chain's latency (a multiply and a subtract, about
     * 6 cycles), so the two channels cost about what one does, and its spare issue slots write the
     * output's delayed copies for the next section. Measured on a Zen 4 EPYC with AVX-512, the
     * four-section cascade of bench/compare-eq.sh went from 9.1 to about 7.5 ns per sample
     * (FiltersBenchmark.eqChain4StagesAsProcessRunsThem); an earlier loop that ran two sections and
     * two channels together (four chains) did more work per sample than it saved in latency. The
     * split changes no bit: the sums are formed in the recurrence's own order.
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

    /**
     * {@link #run(float[], int, int, double, double, double, double, double, double[], int)} on two
     * channels in one loop: two independent feedback chains overlap, so a stereo block costs little
     * more than a mono one. Each channel's arithmetic is exactly that of the one-channel loop.
     */
    static void run2(float[] xa, float[] xb, int from, int n, double b0, double b1, double b2, double a1,
            double a2, double[] st, int sa, int sb) {
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
            xa[i] = (float) ya;
            xb[i] = (float) yb;
        }
        save(st, sa, xa1, xa2, ya1, ya2);
        save(st, sb, xb1, xb2, yb1, yb2);
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
     * for channel {@code ch} is at {@code st[s + sectionStride j + channelStride ch]}.
     *
     * <p>Each section runs in two halves over the chunk: the feed-forward sums, which C2 vectorises
     * ({@link #feedForward}), then the feedback recurrence on two channels at once ({@link #feedback2}),
     * which writes its output and the output's one- and two-frame delayed copies for the next
     * section's feed-forward half. An odd channel runs its feedback alone ({@link #feedback1}).
     * A single section ({@code count == 1}) runs on the floats directly and needs no {@code chunk}
     * (it may be null).
     */
    static void process(AudioBuffer block, double[] c, int co, int count, double[] st, int s, int sectionStride,
            int channelStride, Chunk chunk) {
        int n = block.frames();
        int channels = block.channels();
        if (count == 1) {
            int ch = 0;
            for (; ch + 1 < channels; ch += 2) {
                run2(block.channel(ch), block.channel(ch + 1), block.offset(), n, c[co], c[co + 1], c[co + 2],
                        c[co + 3], c[co + 4], st, s + channelStride * ch, s + channelStride * (ch + 1));
            }
            if (ch < channels) {
                run(block.channel(ch), block.offset(), n, c[co], c[co + 1], c[co + 2], c[co + 3], c[co + 4], st,
                        s + channelStride * ch);
            }
            return;
        }
        for (int start = 0; start < n; start += CHUNK) {
            cascade(block, start, Math.min(CHUNK, n - start), c, co, count, st, s, sectionStride, channelStride, chunk);
        }
    }

    /*
     * Why the chunk loop calls a method of its own: process() is called once per block, and a block
     * of 64 Ki frames loops over 256 chunks, so C2 compiles process() on stack replacement, as often
     * as three times while a run warms up, and each of those compiles took in every kernel inlined
     * (0.15 s of compiler time each, a quarter of a 20-minute EQ render's CPU). cascade() is called
     * once per chunk, so it is compiled once, as an ordinary method, with the kernels inlined; its
     * bytecode is larger than C2's limit for inlining a hot call (FreqInlineSize, 325 bytes), so the
     * compiles of process() stay small.
     */

    /** One chunk of {@link #process}: {@code len} frames from {@code start}, through every section. */
    private static void cascade(AudioBuffer block, int start, int len, double[] c, int co, int count, double[] st,
            int s, int sectionStride, int channelStride, Chunk chunk) {
        int channels = block.channels();
        int offset = block.offset() + start;
        for (int ch = 0; ch < channels; ch += 2) {
            boolean pair = ch + 1 < channels;
            int sa = s + channelStride * ch;
            int sb = sa + channelStride;
            double[][][] ra = chunk.rows[ch];
            double[][][] rb = chunk.rows[ch + 1];
            float[] xa = block.channel(ch);
            float[] xb = pair ? block.channel(ch + 1) : null;
            load(xa, offset, len, ra[0]);
            if (pair) {
                load(xb, offset, len, rb[0]);
            }
            int cur = 0;
            for (int j = 0; j < count; j++) {
                int out = 1 - cur;
                int k = co + 5 * j;
                int sj = sa + sectionStride * j;
                int tj = sb + sectionStride * j;
                history(ra[cur], st, sj, len);
                feedForward(ra[cur], ra[out][0], len, c, k);
                if (pair) {
                    history(rb[cur], st, tj, len);
                    feedForward(rb[cur], rb[out][0], len, c, k);
                    feedback2(ra[out], rb[out], len, c, k, st, sj, tj);
                } else {
                    feedback1(ra[out], len, c, k, st, sj);
                }
                cur = out;
            }
            store(ra[cur][0], len, xa, offset);
            if (pair) {
                store(rb[cur][0], len, xb, offset);
            }
        }
    }

    /**
     * Rows for {@link #process}: per channel (rounded up to even) two signals, the section's input and
     * its output, each as three rows. Row 0 holds the signal at {@code [2, n + 2)} after two frames of
     * history; rows 1 and 2 hold it delayed by one and two frames at the same indices (with two spare
     * slots at the end), so that the feed-forward half reads {@code x[i], x[i-1], x[i-2]} at one index
     * in three arrays, which Java 17's C2 vectorises, where three offsets into one array it does not.
     */
    static final class Chunk {
        final double[][][][] rows;

        Chunk(int channels) {
            rows = new double[channels + 1 & ~1][2][3][CHUNK + 4];
        }
    }

    /**
     * Converts {@code len} samples from {@code x[offset]} into {@code to[0][2..2+len)}, and the
     * same delayed by one and two frames into rows 1 and 2 (their first values come from
     * {@link #history}).
     */
    private static void load(float[] x, int offset, int len, double[][] to) {
        double[] d = to[0];
        for (int i = 0; i < len; i++) {
            d[i + 2] = x[offset + i];
        }
        System.arraycopy(d, 2, to[1], 3, len - 1);
        System.arraycopy(d, 2, to[2], 4, Math.max(0, len - 2));
    }

    /** Rounds {@code from[2..2+len)} into {@code x[offset..offset+len)}. */
    private static void store(double[] from, int len, float[] x, int offset) {
        for (int i = 0; i < len; i++) {
            x[offset + i] = (float) from[i + 2];
        }
    }

    /**
     * Puts a section's input history {@code x2, x1} (state {@code st[s + 1], st[s]}) in front of its
     * input rows, and afterwards keeps the input's last two frames as the new history.
     */
    private static void history(double[][] in, double[] st, int s, int n) {
        double x1 = st[s];
        double x2 = st[s + 1];
        in[0][0] = x2;
        in[0][1] = x1;
        in[1][2] = x1;
        in[2][2] = x2;
        in[2][3] = x1;
        st[s] = in[0][n + 1];
        st[s + 1] = in[0][n];
    }

    /**
     * The feed-forward half of a section: {@code w[i] = b0 x[i] + b1 x[i-1] + b2 x[i-2]} for {@code i}
     * in {@code [2, n + 2)}, from the input's three rows. No value depends on another, so C2
     * vectorises it; the sums are formed in the order the whole recurrence forms them.
     */
    private static void feedForward(double[][] in, double[] w, int n, double[] c, int co) {
        double b0 = c[co];
        double b1 = c[co + 1];
        double b2 = c[co + 2];
        double[] x0 = in[0];
        double[] x1 = in[1];
        double[] x2 = in[2];
        for (int i = 2; i < n + 2; i++) {
            w[i] = b0 * x0[i] + b1 * x1[i] + b2 * x2[i];
        }
    }

    /**
     * The feedback half of one section on two channels, over output rows whose row 0 holds
     * {@link #feedForward}'s sums: {@code y = (w - a2 y2) - a1 y1} with the denormal flush, written to
     * row 0 and, delayed by one and two frames, to rows 1 and 2. Two independent recurrences overlap,
     * and each value is bit for bit that of
     * {@link #run(double[], int, int, double[], int, double[], int)}, whose expression this splits.
     */
    private static void feedback2(double[][] a, double[][] b, int n, double[] c, int co, double[] st, int sa,
            int sb) {
        double a1 = c[co + 3];
        double a2 = c[co + 4];
        double[] wa = a[0];
        double[] da = a[1];
        double[] ea = a[2];
        double[] wb = b[0];
        double[] db = b[1];
        double[] eb = b[2];
        double ya1 = st[sa + 2];
        double ya2 = st[sa + 3];
        double yb1 = st[sb + 2];
        double yb2 = st[sb + 3];
        for (int i = 2; i < n + 2; i++) {
            double ya = (wa[i] - a2 * ya2) - a1 * ya1;
            double yb = (wb[i] - a2 * yb2) - a1 * yb1;
            if (Math.abs(ya) < FLUSH && Math.abs(ya1) < FLUSH) {
                ya = 0;
                ya1 = 0;
            }
            if (Math.abs(yb) < FLUSH && Math.abs(yb1) < FLUSH) {
                yb = 0;
                yb1 = 0;
            }
            ya2 = ya1;
            ya1 = ya;
            yb2 = yb1;
            yb1 = yb;
            wa[i] = ya;
            da[i + 1] = ya;
            ea[i + 2] = ya;
            wb[i] = yb;
            db[i + 1] = yb;
            eb[i + 2] = yb;
        }
        st[sa + 2] = ya1;
        st[sa + 3] = ya2;
        st[sb + 2] = yb1;
        st[sb + 3] = yb2;
    }

    /** {@link #feedback2} for one channel. */
    private static void feedback1(double[][] a, int n, double[] c, int co, double[] st, int sa) {
        double a1 = c[co + 3];
        double a2 = c[co + 4];
        double[] wa = a[0];
        double[] da = a[1];
        double[] ea = a[2];
        double ya1 = st[sa + 2];
        double ya2 = st[sa + 3];
        for (int i = 2; i < n + 2; i++) {
            double ya = (wa[i] - a2 * ya2) - a1 * ya1;
            if (Math.abs(ya) < FLUSH && Math.abs(ya1) < FLUSH) {
                ya = 0;
                ya1 = 0;
            }
            ya2 = ya1;
            ya1 = ya;
            wa[i] = ya;
            da[i + 1] = ya;
            ea[i + 2] = ya;
        }
        st[sa + 2] = ya1;
        st[sa + 3] = ya2;
    }

    /** Stores one section's state for one channel. */
    private static void save(double[] st, int s, double x1, double x2, double y1, double y2) {
        st[s] = x1;
        st[s + 1] = x2;
        st[s + 2] = y1;
        st[s + 3] = y2;
    }
}
