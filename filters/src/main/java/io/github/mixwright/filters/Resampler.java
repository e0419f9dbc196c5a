package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import java.io.IOException;
import java.util.Objects;

/**
 * Sample-rate conversion by any ratio: 44.1, 48, 88.2, 96 and 192 kHz in either direction, and odd
 * ratios such as 44.1 to 47.952 kHz.
 *
 * <p><b>Design.</b> A Kaiser-windowed sinc, evaluated as a polyphase filter bank. Output frame
 * {@code j} lies at input time {@code t = j * inRate / outRate}; it is the dot product of the
 * {@link #taps()} input frames around {@code t} with the kernel
 * {@code h(x) = 2 fc sinc(2 fc x) w(x)} sampled at their distances from {@code t}, where {@code fc} is
 * the cut-off in cycles per input frame and {@code w} the Kaiser window (Oppenheim and Schafer,
 * Discrete-Time Signal Processing, 3rd ed., 7.5.3). When both rates are whole numbers of hertz and
 * the reduced ratio {@code L / M} has at most {@value #MAX_EXACT_PHASES} phases, every one of the
 * {@code L} phases has its own row of taps; otherwise the kernel is tabulated at
 * {@value #TABLE_PHASES} phases per frame and interpolated linearly between rows. Each row is
 * normalised to sum to 1, so DC passes at exactly unity gain.
 *
 * <p><b>Bands.</b> The stop band starts at half the lower of the two rates, so that nothing aliases
 * (down) or images (up) into the output's band. The pass band ends at {@link Quality#passFraction()}
 * of that: 20.0 kHz for 44.1 kHz, 21.8 kHz for 48 kHz with {@link Quality#HIGH}. Kaiser's formula
 * sets the length and beta for the attenuation; a windowed sinc's pass-band ripple equals its
 * stop-band ripple, so {@code HIGH} (140 dB) is flat to within 10^-6 dB.
 *
 * <p><b>Linear phase and alignment.</b> The kernel is symmetric about {@code t}, and input frames
 * before the first and after the last are zeros: output frame {@code j} is the input at time
 * {@code j / outRate}, with no delay to compensate. A source of {@code n} frames gives
 * {@link #outputFrames(long) ceil(n * outRate / inRate)} frames.
 *
 * <p>Immutable and thread-safe; each {@link #open} stream is not.
 */
public final class Resampler {
    /** The most phases a rational ratio gets rows for; beyond it, rows are interpolated. */
    public static final int MAX_EXACT_PHASES = 4096;
    /** The rows per input frame of the interpolated table. */
    public static final int TABLE_PHASES = 4096;
    private static final long MAX_TABLE_FLOATS = 1L << 23;

    /** Trade-offs between cost and fidelity. */
    public enum Quality {
        /** 80 dB down, flat to 0.80 of the lower Nyquist frequency: previews. */
        FAST(80, 0.80),
        /** 110 dB down, flat to 0.87 of the lower Nyquist frequency. */
        STANDARD(110, 0.87),
        /** 140 dB down (the limit of 32-bit floats), flat to 0.907: 20 kHz at 44.1 kHz. The default. */
        HIGH(140, 0.907);

        private final double attenuationDb;
        private final double passFraction;

        Quality(double attenuationDb, double passFraction) {
            this.attenuationDb = attenuationDb;
            this.passFraction = passFraction;
        }

        /** Stop-band attenuation the design aims at, dB. */
        public double attenuationDb() {
            return attenuationDb;
        }

        /** The pass band's edge as a fraction of half the lower rate. */
        public double passFraction() {
            return passFraction;
        }

        /** The quality named {@code name} (case-insensitive): fast, standard or high. */
        public static Quality named(String name) {
            for (Quality q : values()) {
                if (q.name().equalsIgnoreCase(name)) {
                    return q;
                }
            }
            throw new IllegalArgumentException("resampling quality '" + name + "' is not one of fast, standard, high");
        }
    }

    private final double inRate;
    private final double outRate;
    private final Quality quality;
    private final int taps;
    /** Up (L) and down (M) of the reduced ratio, or 0 when the table is interpolated. */
    private final long up;
    private final long down;
    private final int rows;
    private final float[] table;

    private Resampler(double inRate, double outRate, Quality quality) {
        this.inRate = inRate;
        this.outRate = outRate;
        this.quality = quality;
        double stop = Math.min(inRate, outRate) / 2;
        double pass = quality.passFraction * stop;
        double transition = (stop - pass) / inRate;
        double fc = (pass + stop) / 2 / inRate;
        int length = KaiserWindow.estimateLength(quality.attenuationDb, transition);
        taps = (length + 7) / 8 * 8;
        double beta = KaiserWindow.betaForAttenuation(quality.attenuationDb);
        long l = 0;
        long m = 0;
        if (inRate == Math.rint(inRate) && outRate == Math.rint(outRate)) {
            long g = gcd((long) inRate, (long) outRate);
            l = (long) outRate / g;
            m = (long) inRate / g;
        }
        if (l > 0 && l <= MAX_EXACT_PHASES && l * taps <= MAX_TABLE_FLOATS) {
            up = l;
            down = m;
            rows = (int) l;
        } else {
            up = 0;
            down = 0;
            rows = (int) Math.max(256, Math.min(TABLE_PHASES, MAX_TABLE_FLOATS / taps - 1));
        }
        int tableRows = up > 0 ? rows : rows + 1;
        table = new float[tableRows * taps];
        double half = taps / 2.0;
        int k = taps / 2;
        double[] row = new double[taps];
        for (int p = 0; p < tableRows; p++) {
            double frac = (double) p / rows;
            double sum = 0;
            for (int i = 0; i < taps; i++) {
                double x = i - k + 1 - frac;
                double v = 2 * fc * sinc(2 * fc * x) * KaiserWindow.value(x, half, beta);
                row[i] = v;
                sum += v;
            }
            for (int i = 0; i < taps; i++) {
                table[p * taps + i] = (float) (row[i] / sum);
            }
        }
    }

    /**
     * A converter from {@code inRate} to {@code outRate}.
     *
     * @param inRate Hz, in [1000, 1536000]
     * @param outRate Hz, in [1000, 1536000], and at most 64 times {@code inRate} away in either direction
     */
    public static Resampler of(double inRate, double outRate, Quality quality) {
        Objects.requireNonNull(quality, "quality");
        checkRate("input rate", inRate);
        checkRate("output rate", outRate);
        double ratio = outRate / inRate;
        if (ratio > 64 || ratio < 1.0 / 64) {
            throw new IllegalArgumentException("converting " + format(inRate) + " Hz to " + format(outRate)
                    + " Hz is a ratio of " + ratio + ", out of range [1/64, 64]");
        }
        String key = inRate + ">" + outRate + ":" + quality;
        synchronized (CACHE) {
            Resampler r = CACHE.get(key);
            if (r != null) {
                return r;
            }
        }
        Resampler r = new Resampler(inRate, outRate, quality);
        synchronized (CACHE) {
            CACHE.put(key, r);
        }
        return r;
    }

    /** The last few designs: a mix opens one stream per clip, and a design takes milliseconds. */
    private static final java.util.Map<String, Resampler> CACHE = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Resampler> eldest) {
            return size() > 16;
        }
    };

    /** A converter at {@link Quality#HIGH}. */
    public static Resampler of(double inRate, double outRate) {
        return of(inRate, outRate, Quality.HIGH);
    }

    private static void checkRate(String what, double rate) {
        if (!(rate >= 1000 && rate <= 1_536_000)) {
            throw new IllegalArgumentException(what + " " + rate + " Hz is out of range [1000, 1536000]");
        }
    }

    private static String format(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    public double inputRate() {
        return inRate;
    }

    public double outputRate() {
        return outRate;
    }

    public Quality quality() {
        return quality;
    }

    /** Input frames each output frame is made from (a multiple of 8). */
    public int taps() {
        return taps;
    }

    /** The pass band's upper edge, Hz. */
    public double passbandHz() {
        return quality.passFraction * Math.min(inRate, outRate) / 2;
    }

    /** Where the stop band starts, Hz: half the lower rate. */
    public double stopbandHz() {
        return Math.min(inRate, outRate) / 2;
    }

    /** Whether every phase has its own row (a rational ratio), not an interpolated one. */
    public boolean exactPhases() {
        return up > 0;
    }

    /** Output frames for {@code inputFrames} input frames: {@code ceil(inputFrames * outRate / inRate)}. */
    public long outputFrames(long inputFrames) {
        if (inputFrames < 0) {
            throw new IllegalArgumentException("inputFrames " + inputFrames + " is negative");
        }
        if (up > 0) {
            return Math.floorDiv(inputFrames * up + down - 1, down);
        }
        return (long) Math.ceil(inputFrames * outRate / inRate - 1e-9);
    }

    /**
     * Where to start reading the input so that a stream's output, from {@code outputFrame} on, is the
     * same as the whole conversion's: an input frame at least {@link #taps()} before the one under
     * {@code outputFrame}, whose output frame is a whole number (0 for a ratio without exact phases).
     */
    public SeekPoint seekPoint(long outputFrame) {
        if (outputFrame < 0) {
            throw new IllegalArgumentException("outputFrame " + outputFrame + " is negative");
        }
        if (up == 0) {
            return new SeekPoint(0, 0);
        }
        long under = Math.floorDiv(outputFrame * down, up) - taps;
        long k = Math.max(0, Math.floorDiv(under, down));
        return new SeekPoint(k * down, k * up);
    }

    /**
     * A stream opened on the input from {@code inputFrame} gives output frames from {@code outputFrame};
     * skip to the one wanted.
     */
    public record SeekPoint(long inputFrame, long outputFrame) {
    }

    /**
     * {@code source} at the output rate, aligned with it: frame {@code j} is the input at time
     * {@code j / outRate}. Closing the stream closes the source.
     *
     * @throws IllegalArgumentException if the source's rate is not this converter's input rate
     */
    public AudioSource open(AudioSource source) {
        Objects.requireNonNull(source, "source");
        if (source.sampleRate() != inRate) {
            throw new IllegalArgumentException("the source is at " + format(source.sampleRate())
                    + " Hz; this converter takes " + format(inRate) + " Hz");
        }
        return new Stream(source);
    }

    /** {@code audio} at {@code inRate} converted whole (a convenience over {@link #open}). */
    public AudioBuffer convert(AudioBuffer audio) throws IOException {
        long frames = outputFrames(audio.frames());
        if (frames > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(frames + " output frames do not fit one buffer");
        }
        AudioBuffer out = AudioBuffer.allocate(audio.channels(), (int) frames);
        try (AudioSource s = open(AudioSource.of(audio, inRate))) {
            int done = 0;
            while (done < out.frames()) {
                int n = s.read(out.view(done, out.frames() - done));
                if (n == 0) {
                    break;
                }
                done += n;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Resampler[" + format(inRate) + " -> " + format(outRate) + " Hz, " + quality.name().toLowerCase()
                + ", " + taps + " taps, " + (up > 0 ? up + " phases" : rows + " interpolated rows") + "]";
    }

    /** The streaming conversion of one source. */
    private final class Stream implements AudioSource {
        private static final int CHUNK = 4096;
        private final AudioSource source;
        private final int channels;
        private final float[][] history;
        private final AudioBuffer in;
        /** Input index of history[c][0]. */
        private long base;
        /** Input frames held in the history, from base. */
        private int held;
        private boolean ended;
        /** Input frames the source gave, known once it ended (or in advance). */
        private long inputFrames;
        private final long total;
        /** The next output frame. */
        private long next;
        /** Input frame and phase of the next output frame (rational ratios). */
        private long n0;
        private long phase;
        private final long stepWhole;
        private final long stepRest;
        private final float[] scratch;

        Stream(AudioSource source) {
            this.source = source;
            channels = source.channels();
            inputFrames = source.frames();
            total = inputFrames >= 0 ? outputFrames(inputFrames) : -1;
            in = AudioBuffer.allocate(channels, CHUNK);
            history = new float[channels][taps + 2 * CHUNK];
            // the taps reach k - 1 frames back: those before the first are zeros
            base = -(taps / 2 - 1);
            held = taps / 2 - 1;
            stepWhole = up > 0 ? down / up : 0;
            stepRest = up > 0 ? down % up : 0;
            scratch = new float[taps];
        }

        @Override
        public double sampleRate() {
            return outRate;
        }

        @Override
        public int channels() {
            return channels;
        }

        @Override
        public long frames() {
            return total;
        }

        @Override
        public int read(AudioBuffer destination) throws IOException {
            if (destination.channels() != channels) {
                throw new IllegalArgumentException("destination has " + destination.channels()
                        + " channels; the stream has " + channels);
            }
            int done = 0;
            int want = destination.frames();
            while (done < want) {
                long limit = ended || total >= 0 ? (ended ? outputFrames(inputFrames) : total) : Long.MAX_VALUE;
                if (next >= limit) {
                    break;
                }
                // outputs whose taps lie in the history: first input n0 - k + 1, last n0 + k
                int ready = readyOutputs(Math.min(want - done, limit - next));
                if (ready == 0) {
                    fill();
                    continue;
                }
                compute(destination, done, ready);
                done += ready;
            }
            return done;
        }

        /** How many of the next {@code most} outputs have all their taps held. */
        private int readyOutputs(long most) {
            long end = base + held;
            int k = taps / 2;
            int count = 0;
            if (up > 0) {
                long n = n0;
                long p = phase;
                while (count < most && n + k < end) {
                    count++;
                    n += stepWhole;
                    p += stepRest;
                    if (p >= up) {
                        p -= up;
                        n++;
                    }
                }
            } else {
                while (count < most && (long) Math.floor(timeOf(next + count)) + k < end) {
                    count++;
                }
            }
            return count;
        }

        private double timeOf(long j) {
            return j * (inRate / outRate);
        }

        /** Drops the history no output needs any more and reads a chunk (zeros once the source ended). */
        private void fill() throws IOException {
            int k = taps / 2;
            long first = (up > 0 ? n0 : (long) Math.floor(timeOf(next))) - k + 1;
            int drop = (int) Math.max(0, Math.min(held, first - base));
            if (drop > 0) {
                for (float[] h : history) {
                    System.arraycopy(h, drop, h, 0, held - drop);
                }
                base += drop;
                held -= drop;
            }
            int room = history[0].length - held;
            int n = 0;
            if (!ended) {
                n = source.read(in.view(0, Math.min(CHUNK, room)));
                if (n == 0) {
                    ended = true;
                    inputFrames = base + held;
                    if (total >= 0 && outputFrames(inputFrames) != total) {
                        throw new IOException("the source ended after " + inputFrames + " frames; it said "
                                + source.frames());
                    }
                } else {
                    for (int c = 0; c < channels; c++) {
                        System.arraycopy(in.channel(c), in.offset(), history[c], held, n);
                    }
                }
            }
            if (n == 0) {
                n = Math.min(CHUNK, room);
                for (float[] h : history) {
                    java.util.Arrays.fill(h, held, held + n, 0f);
                }
            }
            held += n;
        }

        private void compute(AudioBuffer destination, int at, int count) {
            int k = taps / 2;
            long n = n0;
            long p = phase;
            if (up > 0) {
                for (int c = 0; c < channels; c++) {
                    float[] x = history[c];
                    float[] y = destination.channel(c);
                    int o = destination.offset() + at;
                    n = n0;
                    p = phase;
                    for (int j = 0; j < count; j++) {
                        y[o + j] = dot(table, (int) p * taps, x, (int) (n - k + 1 - base), taps);
                        n += stepWhole;
                        p += stepRest;
                        if (p >= up) {
                            p -= up;
                            n++;
                        }
                    }
                }
                n0 = n;
                phase = p;
            } else {
                for (int j = 0; j < count; j++) {
                    double t = timeOf(next + j);
                    long whole = (long) Math.floor(t);
                    double pos = (t - whole) * rows;
                    int r = Math.min(rows - 1, (int) pos);
                    float a = (float) (pos - r);
                    int r0 = r * taps;
                    int r1 = r0 + taps;
                    for (int i = 0; i < taps; i++) {
                        scratch[i] = table[r0 + i] + a * (table[r1 + i] - table[r0 + i]);
                    }
                    int off = (int) (whole - k + 1 - base);
                    for (int c = 0; c < channels; c++) {
                        destination.channel(c)[destination.offset() + at + j] = dot(scratch, 0, history[c], off, taps);
                    }
                }
            }
            next += count;
            if (up == 0) {
                n0 = (long) Math.floor(timeOf(next));
            }
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    /** The dot product of {@code n} (a multiple of 8) taps, in eight independent sums. */
    static float dot(float[] c, int ci, float[] x, int xi, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        for (int i = 0; i < n; i += 8) {
            s0 += c[ci + i] * x[xi + i];
            s1 += c[ci + i + 1] * x[xi + i + 1];
            s2 += c[ci + i + 2] * x[xi + i + 2];
            s3 += c[ci + i + 3] * x[xi + i + 3];
            s4 += c[ci + i + 4] * x[xi + i + 4];
            s5 += c[ci + i + 5] * x[xi + i + 5];
            s6 += c[ci + i + 6] * x[xi + i + 6];
            s7 += c[ci + i + 7] * x[xi + i + 7];
        }
        return ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7));
    }
}
