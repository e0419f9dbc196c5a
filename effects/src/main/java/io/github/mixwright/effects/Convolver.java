package io.github.mixwright.effects;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ChannelTasks;
import io.github.mixwright.core.Checks;
import io.github.mixwright.core.ParallelProcessor;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.io.WavReader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A convolution reverb: the input convolved with a recorded impulse response, exactly (within float
 * rounding) as direct convolution would, at any length of response.
 *
 * <p><b>The response</b> is read from a WAV file ({@code ir}) when the convolver is prepared, or given
 * from Java with {@link #setImpulseResponse(AudioBuffer, double)}. A response at another rate than
 * the stream's is converted when the convolver is prepared ({@link io.github.mixwright.filters.Resampler},
 * high quality) and scaled by the ratio of the rates, so that it filters with the same gain. Its
 * channels say how it is applied:
 * <ul>
 *   <li>1 (mono): every channel of the stream is convolved with it;</li>
 *   <li>2 (stereo, on a stereo stream): left with the first, right with the second;</li>
 *   <li>4 (true stereo, on a stereo stream): the channels are the paths left to left, left to right,
 *       right to left and right to right, so a source on the left lights up both sides of the room
 *       as it would in the hall.</li>
 * </ul>
 * Responses up to {@value #MAX_SECONDS} seconds are accepted.
 *
 * <p><b>Latency</b>: by default the response is cut into equal partitions (uniformly partitioned
 * overlap-save FFT convolution on JTransforms) of 256 to 32768 frames, whichever does the least work
 * for its length (32768 for a 3-second response at 48 kHz); the latency is one partition, and a chain
 * or a render compensates it. With {@code zerolatency=on} the first 64 taps are convolved directly
 * and the partitions then grow four-fold from 64 frames, so the output has no latency, at about four
 * times the cost. Lent threads ({@link #setExecutor}) convolve the channels in parallel.
 *
 * <p><b>Output</b>: {@code y = (1 - mix) x + mix g (h * x)}, {@code g} the {@code gain} in dB, the dry
 * signal delayed by the latency so both line up; {@code mix=1} is the convolution alone. A response
 * is not normalised: {@code gain} sets its level. Non-finite input samples (NaN, infinity) are read as
 * silence, so one bad sample cannot poison the reverb's tail. {@link #tailFrames()} is the latency plus
 * the response's length.
 *
 * <p>Parameters: {@code ir} a WAV path (fixed at prepare); {@code mix} [0, 1] default 0.3; {@code gain}
 * dB [-60, 24] default 0; {@code zerolatency} off/on (fixed at prepare). Not thread-safe.
 */
public final class Convolver extends ParameterizedProcessor<Convolver> implements ParallelProcessor {
    /** Longest response accepted, seconds. */
    public static final int MAX_SECONDS = 60;

    /** The descriptor: {@code convolver ir=hall.wav mix=0.3 gain=0 zerolatency=off}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("convolver",
            "Convolution reverb: the input through a recorded impulse response (mono, stereo or true stereo WAV)",
            List.of(ParameterSpec.path("ir", "the impulse response, a WAV file at the stream's rate"),
                    ParameterSpec.number("mix", "", 0, 1, 0.3, "reverb share: 0 dry, 1 reverb alone"),
                    ParameterSpec.number("gain", "dB", -60, 24, 0, "level of the reverb"),
                    ParameterSpec.choice("zerolatency", List.of("off", "on"), 0,
                            "convolve the first taps directly, for no latency").fixedAtPrepare()),
            0, Convolver::new);

    private final Parameter ir = parameter("ir");
    private final Parameter mix = parameter("mix");
    private final Parameter gain = parameter("gain");
    private final Parameter zeroLatency = parameter("zerolatency");

    private AudioBuffer given;
    private double givenRate;
    private ConvolutionEngine[] engines;
    private ChannelTasks tasks;
    private Executor executor;
    /** Frames of the block the tasks are working on. */
    private int frames;
    private int responseFrames;
    private int latency;
    private float[][] input = new float[0][];
    private double[][] wet = new double[0][];
    /** Per channel: the dry signal delayed by the latency, a ring. */
    private float[][] dry = new float[0][];
    private int dryPos;
    /** Scratch of one block: the dry signal out of its ring, the linear gains, the mixed output. */
    private float[] delayedDry = new float[0];
    private double[] gains = new double[0];
    private double[] mixed = new double[0];

    /** A convolver with no response yet: set one before preparing. */
    public Convolver() {
        super(DESCRIPTOR);
    }

    /** Reads the response from this WAV file at the next prepare, dropping any response given from Java. */
    public Convolver setImpulseResponse(Path file) {
        Objects.requireNonNull(file, "file");
        ir.set(file.toString());
        given = null;
        return this;
    }

    /**
     * Uses this response (1, 2 or 4 channels, at {@code sampleRate}) from the next prepare on, instead of a
     * file; it is copied, and the {@code ir} path is cleared (settings then describe no file).
     */
    public Convolver setImpulseResponse(AudioBuffer response, double sampleRate) {
        Objects.requireNonNull(response, "response");
        Checks.inRange("sampleRate", sampleRate, 1, 1e7);
        checkShape(response.channels(), response.frames(), sampleRate, "the response");
        given = response.copy();
        givenRate = sampleRate;
        ir.set("");
        return this;
    }

    /** Lends threads: the output channels are convolved in parallel, with bit-identical results. */
    @Override
    public void setExecutor(Executor threads) {
        this.executor = threads;
    }

    /** Sets the reverb share, 0 (dry) to 1 (reverb alone). */
    public Convolver setMix(double amount) {
        mix.set(amount);
        return this;
    }

    /** Sets the reverb's level, dB. */
    public Convolver setGainDb(double db) {
        gain.set(db);
        return this;
    }

    /** Switches zero-latency mode on or off (takes effect at the next prepare). */
    public Convolver setZeroLatency(boolean on) {
        zeroLatency.set(on ? 1 : 0);
        return this;
    }

    private static void checkShape(int channels, long frames, double rate, String what) {
        if (channels != 1 && channels != 2 && channels != 4) {
            throw new IllegalArgumentException("convolver: " + what + " has " + channels + " channels; allowed 1 (mono), "
                    + "2 (stereo) or 4 (true stereo)");
        }
        if (frames < 1) {
            throw new IllegalArgumentException("convolver: " + what + " holds no frames");
        }
        if (frames > MAX_SECONDS * rate) {
            throw new IllegalArgumentException("convolver: " + what + " is " + Checks.format(Math.round(frames / rate))
                    + " s long; allowed up to " + MAX_SECONDS + " s");
        }
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        int channels = spec.channels();
        double rate = spec.sampleRate();
        AudioBuffer response;
        String what;
        double responseRate;
        if (given != null) {
            response = given;
            responseRate = givenRate;
            what = "the response";
        } else {
            String path = ir.text();
            if (path.isEmpty()) {
                throw new IllegalStateException("convolver: no impulse response; set ir=PATH to a WAV file");
            }
            what = "impulse response " + path;
            Path file = Path.of(path);
            try (WavReader reader = WavReader.open(file, false)) {
                responseRate = reader.sampleRate();
                checkShape(reader.channels(), reader.frames(), reader.sampleRate(), what);
                response = AudioBuffer.allocate(reader.channels(), (int) reader.frames());
                AudioBuffer view = response;
                int got = 0;
                while (got < response.frames()) {
                    int r = reader.read(view.view(got, response.frames() - got));
                    if (r <= 0) {
                        throw new IllegalArgumentException("convolver: " + what + " ends after " + got + " of its "
                                + response.frames() + " frames");
                    }
                    got += r;
                }
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("convolver: " + what + " does not exist", e);
            } catch (IOException e) {
                throw new IllegalArgumentException("convolver: cannot read " + what + ": " + e.getMessage(), e);
            }
        }
        if (responseRate != rate) {
            response = convertedResponse(response, responseRate, rate, what);
        }
        int irChannels = response.channels();
        if (irChannels > 1 && channels != 2) {
            throw new IllegalArgumentException("convolver: " + what + " is " + (irChannels == 2 ? "stereo" : "true stereo")
                    + " and needs a stereo stream; the stream has " + channels + " channels (a mono response fits any)");
        }
        double[][] filters = new double[irChannels][response.frames()];
        for (int c = 0; c < irChannels; c++) {
            float[] src = response.channel(c);
            int off = response.offset();
            for (int i = 0; i < filters[c].length; i++) {
                float v = src[off + i];
                filters[c][i] = Float.isFinite(v) ? v : 0;
            }
        }
        // one engine per output channel, so that the channels can run on lent threads
        boolean zero = zeroLatency.get() >= 0.5;
        engines = new ConvolutionEngine[channels];
        for (int o = 0; o < channels; o++) {
            if (irChannels == 1) {
                engines[o] = new ConvolutionEngine(new double[][] {filters[0]}, new int[] {o}, zero);
            } else if (irChannels == 2) {
                engines[o] = new ConvolutionEngine(new double[][] {filters[o]}, new int[] {o}, zero);
            } else {
                // true stereo: channel 2i + o of the response is the path from input i to output o
                engines[o] = new ConvolutionEngine(new double[][] {filters[o], filters[2 + o]}, new int[] {0, 1}, zero);
            }
        }
        responseFrames = response.frames();
        latency = engines[0].latency();
        tasks = new ChannelTasks(channels, o -> engines[o].process(input, frames, wet[o]));
        int block = spec.maxBlockFrames();
        input = new float[channels][block];
        wet = new double[channels][block];
        dry = new float[channels][Math.max(1, latency)];
        dryPos = 0;
        delayedDry = new float[block];
        gains = new double[block];
        mixed = new double[block];
    }

    @Override
    protected void resetSignal() {
        for (ConvolutionEngine e : engines) {
            e.reset();
        }
        for (float[] d : dry) {
            Arrays.fill(d, 0);
        }
        dryPos = 0;
    }

    @Override
    public int latencyFrames() {
        return engines == null ? 0 : latency;
    }

    @Override
    public int tailFrames() {
        return engines == null ? 0 : latency + responseFrames;
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        double[] mx = mix.render(n);
        double[] gn = gain.render(n);
        zeroLatency.advance(n);
        for (int c = 0; c < channels; c++) {
            float[] x = block.channel(c);
            float[] in = input[c];
            for (int i = 0; i < n; i++) {
                float v = x[off + i];
                in[i] = Float.isFinite(v) ? v : 0f;
            }
        }
        frames = n;
        tasks.run(executor);
        double[] g = gains;
        double lastDb = Double.NaN;
        double lin = 0;
        for (int i = 0; i < n; i++) {
            if (gn[i] != lastDb) {
                lastDb = gn[i];
                lin = Math.pow(10, lastDb / 20);
            }
            g[i] = lin;
        }
        int start = dryPos;
        double[] mixed = this.mixed;
        for (int c = 0; c < channels; c++) {
            float[] x = block.channel(c);
            float[] in = input[c];
            double[] w = wet[c];
            float[] d = in;
            if (latency > 0) {
                // the dry signal, delayed by the latency: out of the ring, then this block into it
                d = delayedDry;
                float[] ring = dry[c];
                int pos = start;
                for (int done = 0; done < n; ) {
                    int take = Math.min(n - done, latency - pos);
                    System.arraycopy(ring, pos, d, done, take);
                    System.arraycopy(in, done, ring, pos, take);
                    done += take;
                    pos = pos + take == latency ? 0 : pos + take;
                }
                dryPos = pos;
            }
            // computed in double, then stored as floats in a loop of its own (a scalar conversion at the
            // end of a loop chains its iterations on Java 17)
            for (int i = 0; i < n; i++) {
                double m = mx[i];
                mixed[i] = (1 - m) * d[i] + m * g[i] * w[i];
            }
            for (int i = 0; i < n; i++) {
                x[off + i] = (float) mixed[i];
            }
        }
    }

    /**
     * A response recorded at another rate, converted to the stream's: resampled at high quality and scaled
     * by {@code from / to}, so that it filters with the same gain at every frequency (a response at twice
     * the rate has twice the samples to sum).
     */
    private static AudioBuffer convertedResponse(AudioBuffer response, double from, double to, String what) {
        io.github.mixwright.filters.Resampler r;
        try {
            r = io.github.mixwright.filters.Resampler.of(from, to);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("convolver: " + what + " is at " + Checks.format(from)
                    + " Hz and cannot be converted to the stream's " + Checks.format(to) + " Hz: " + e.getMessage(), e);
        }
        AudioBuffer converted;
        try {
            converted = r.convert(response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        float scale = (float) (from / to);
        for (int c = 0; c < converted.channels(); c++) {
            float[] d = converted.channel(c);
            for (int i = converted.offset(); i < converted.offset() + converted.frames(); i++) {
                d[i] *= scale;
            }
        }
        return converted;
    }
}
