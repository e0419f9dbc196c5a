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
     */

    /** Feedback state smaller than this is flushed to zero. */
    static final double FLUSH = Denormals.FLUSH;

    private BiquadKernel() {
    }

    /** One fixed section over {@code x[from..from+n)}, in place. */
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
        st[s] = x1;
        st[s + 1] = x2;
        st[s + 2] = y1;
        st[s + 3] = y2;
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
        st[s] = x1;
        st[s + 1] = x2;
        st[s + 2] = y1;
        st[s + 3] = y2;
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
        st[s] = x1;
        st[s + 1] = x2;
        st[s + 2] = y1;
        st[s + 3] = y2;
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
        st[sa] = xa1;
        st[sa + 1] = xa2;
        st[sa + 2] = ya1;
        st[sa + 3] = ya2;
        st[sb] = xb1;
        st[sb + 1] = xb2;
        st[sb + 2] = yb1;
        st[sb + 3] = yb2;
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
}
