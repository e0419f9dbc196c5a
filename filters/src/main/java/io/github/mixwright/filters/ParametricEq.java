package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.core.LinearProcessor;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterRate;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A parametric equaliser of up to {@value #MAX_BANDS} {@link EqBand}s in series, each one
 * {@link BiquadCoefficients} section run in direct form I with double state per channel (see
 * {@link Biquad}); the signal stays in double precision from the first band to the last.
 *
 * <p><b>Changes never click and are never unstable.</b> A band change glides over
 * {@value #RAMP_SECONDS} s, advanced per sample so the output is block-size invariant: frequency and
 * Q on a log axis, gain in dB, each along a cubic curve that starts at the parameter's present slope
 * and ends with none ({@link BandGlide}), so no parameter changes its rate of change abruptly, at the
 * end of a glide or when a new target turns one midway. (A glide at a constant rate stops dead: on a
 * sine boosted by 20 dB that kinks the waveform.) While a band glides, its coefficients are redesigned
 * every sample from that sample's parameters; every valid parameter set gives poles strictly inside
 * the unit circle, so each intermediate filter is stable, and the direct form I state (past inputs and
 * outputs) stays meaningful across the change. What cannot glide crossfades over the same time, along
 * the same kind of curve: enabling or disabling a band mixes its output with its input
 * ({@code x + m (y - x)}, m in [0, 1]), and a change of type (or removing a band) first fades the band
 * out with the old type, then switches, clears that band's history and fades in with the new type.
 *
 * <p>Frequencies are clamped to {@code 0.499 sampleRate} at design time, so a band list written for
 * 96 kHz also runs at 44.1 kHz. No latency. {@link #frequencyResponse} is the product of the enabled
 * bands' analytic responses at their targets.
 *
 * <p><b>Parameters.</b> The descriptor ({@code eq} in chain syntax) has {@value #MAX_BANDS} band slots,
 * {@code b1} to {@code b32}, each with five parameters: {@code b<k>type} (a {@link FilterType}'s chain
 * name, or {@code none} for an empty slot; default none), {@code b<k>freq} Hz [1, 200000] default 1000,
 * {@code b<k>gain} dB [-48, 48] default 0, {@code b<k>q} [0.025, 100] default 0.7071 and {@code b<k>on}
 * {@code on|off} default on. For example
 * {@code eq b1type=peak b1freq=3000 b1gain=2 b1q=1.2 b2type=highpass b2freq=80}. They are read at control
 * points every {@value #CHUNK} frames, counted from the first frame after prepare, and automatable
 * there; between control points every change glides per sample as described above.
 * {@link #setBand} and {@link #setBands} set the same parameters and start the glide at once.
 * Empty slots are skipped: {@link #bands()} lists the used slots in order.
 *
 * <p>Not thread-safe: set bands from the processing thread or between blocks.
 */
public final class ParametricEq extends ParameterizedProcessor<ParametricEq> implements LinearProcessor {
    /** Most bands. */
    public static final int MAX_BANDS = 32;
    private static final int PER_BAND = BandSlots.PER_SLOT;

    /** The descriptor: {@code eq b1type=... b1freq=... b1gain=... b1q=... b1on=...}, up to b32. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("eq",
            "Parametric equaliser of up to 32 bands in series (b1type=peak b1freq=3000 b1gain=2 b1q=1.2 ...)",
            BandSlots.specs(ParameterRate.CONTROL), 0, ParametricEq::new);
    /** Length of every glide and crossfade, in seconds. */
    public static final double RAMP_SECONDS = 0.02;
    /** Frames between control points, and whose coefficients are designed at a time while a band glides. */
    private static final int CHUNK = 64;

    private final BandSlots slots = new BandSlots(this);
    /** The parameter values last turned into a target, per slot; NaN before the first. */
    private final double[] polled = new double[PER_BAND * MAX_BANDS];
    private long frame;

    private final EqBand[] targets = new EqBand[MAX_BANDS];
    private int count;

    private final FilterType[] running = new FilterType[MAX_BANDS];
    private final BandGlide[] freq = new BandGlide[MAX_BANDS];
    private final BandGlide[] gain = new BandGlide[MAX_BANDS];
    private final BandGlide[] q = new BandGlide[MAX_BANDS];
    private final double[] mix = new double[MAX_BANDS];
    /** Per slot: the crossfade's glide to its mix target, of which {@link #mix} is the value in [0, 1]. */
    private final BandGlide[] fade = new BandGlide[MAX_BANDS];
    private final double[] fixed = new double[5 * MAX_BANDS];
    private final FilterType[] designedType = new FilterType[MAX_BANDS];
    private final double[] designedF = new double[MAX_BANDS];
    private final double[] designedG = new double[MAX_BANDS];
    private final double[] designedQ = new double[MAX_BANDS];
    private final double[] varying = new double[5 * CHUNK];
    private final double[] mixes = new double[CHUNK];
    private final double[] dry = new double[CHUNK];

    private ProcessSpec prepared;
    private double[] state = new double[0];
    private double[][] scratch = new double[0][];

    /** An equaliser with no bands (the identity). */
    public ParametricEq() {
        super(DESCRIPTOR);
        for (int k = 0; k < MAX_BANDS; k++) {
            freq[k] = new BandGlide(true, 1000);
            gain[k] = new BandGlide(false, 0);
            q[k] = new BandGlide(true, 1);
            fade[k] = new BandGlide(false, 0);
        }
        Arrays.fill(polled, Double.NaN);
    }

    /** An equaliser with {@code bands}, in order. */
    public static ParametricEq of(List<EqBand> bands) {
        ParametricEq eq = new ParametricEq();
        eq.setBands(bands);
        return eq;
    }

    /** An equaliser with {@code bands}, in order. */
    public static ParametricEq of(EqBand... bands) {
        return of(Arrays.asList(bands));
    }

    /** The bands as last set (the glides' targets), in processing order; empty slots are skipped. */
    public List<EqBand> bands() {
        List<EqBand> list = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            if (targets[k] != null) {
                list.add(targets[k]);
            }
        }
        return Collections.unmodifiableList(list);
    }

    /** How many bands there are, 0 to {@value #MAX_BANDS}. */
    public int bandCount() {
        return bands().size();
    }

    /**
     * Replaces band {@code index}, or appends when {@code index == bandCount()}; glides there.
     *
     * @throws IllegalArgumentException if index is outside [0, min(bandCount(), 31)]
     */
    public ParametricEq setBand(int index, EqBand band) {
        Objects.requireNonNull(band, "band");
        Checks.inRange("index", index, 0, Math.min(count, MAX_BANDS - 1));
        store(index, band);
        target(index, band);
        if (index == count) {
            count++;
        }
        return this;
    }

    /**
     * Replaces every band; bands beyond the new list fade out.
     *
     * @throws IllegalArgumentException for more than {@value #MAX_BANDS} bands
     */
    public ParametricEq setBands(List<EqBand> bands) {
        Checks.inRange("bands", bands.size(), 0, MAX_BANDS);
        for (EqBand b : bands) {
            Objects.requireNonNull(b, "band");
        }
        for (int k = 0; k < MAX_BANDS; k++) {
            EqBand band = k < bands.size() ? bands.get(k) : null;
            store(k, band);
            target(k, band);
        }
        count = bands.size();
        return this;
    }

    /** Writes slot {@code k}'s parameters, and marks them as already turned into the target. */
    private void store(int k, EqBand band) {
        slots.store(k, band);
        for (int j = 0; j < PER_BAND; j++) {
            polled[PER_BAND * k + j] = slots.parameter(k, j).get();
        }
    }

    /**
     * Turns parameter changes (from chain syntax, settings or automation) into band targets, at the
     * control point {@code ahead} frames into the current block.
     */
    private void poll(int ahead) {
        int used = 0;
        for (int k = 0; k < MAX_BANDS; k++) {
            int base = PER_BAND * k;
            boolean changed = false;
            for (int j = 0; j < PER_BAND; j++) {
                double v = slots.parameter(k, j).valueAhead(ahead);
                if (Double.compare(v, polled[base + j]) != 0) {
                    polled[base + j] = v;
                    changed = true;
                }
            }
            if (changed) {
                target(k, BandSlots.band(polled, base));
            }
            if (targets[k] != null) {
                used = k + 1;
            }
        }
        count = Math.max(used, Math.min(count, MAX_BANDS));
    }

    private void target(int k, EqBand band) {
        targets[k] = band;
        if (prepared == null) {
            return; // prepare snaps every slot to its target
        }
        if (mix[k] == 0) {
            // Silent: jump to the new settings with no history; an enabled band then fades in.
            snapValues(k);
            clearState(k);
            fade[k].setImmediate(0);
        } else if (band != null && running[k] == band.type()) {
            freq[k].setTarget(band.frequencyHz());
            gain[k].setTarget(band.gainDb());
            q[k].setTarget(band.q());
        }
        // Otherwise the type changes or the band goes: it fades out, and switches once silent.
    }

    /** Jumps slot {@code k} to its target, with no history and no fade (prepare and reset). */
    private void snap(int k) {
        snapValues(k);
        mix[k] = mixTarget(k);
        fade[k].setImmediate(mix[k]);
        clearState(k);
    }

    private void snapValues(int k) {
        EqBand band = targets[k];
        running[k] = band == null ? null : band.type();
        if (band != null) {
            freq[k].setImmediate(band.frequencyHz());
            gain[k].setImmediate(band.gainDb());
            q[k].setImmediate(band.q());
        }
    }

    private void clearState(int k) {
        int per = 4 * prepared.channels();
        Arrays.fill(state, per * k, per * (k + 1), 0);
    }

    private double mixTarget(int k) {
        EqBand band = targets[k];
        return band != null && band.enabled() && running[k] == band.type() ? 1 : 0;
    }

    private boolean isActive(int k) {
        return running[k] != null && (mix[k] > 0 || mixTarget(k) > 0);
    }

    /**
     * Frames until the output is below -120 dB after the input stops: the ring-out of the enabled
     * bands' targets (see {@link RingOut}), plus the glide, after which a band rings as its target.
     */
    @Override
    public int tailFrames() {
        if (spec() == null) {
            return 0;
        }
        List<BiquadCoefficients> sections = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (targets[k] != null && targets[k].enabled()) {
                sections.add(targets[k].coefficients(spec().sampleRate()));
            }
        }
        return RingOut.frames(sections, spec().sampleRate()) + (int) Math.ceil(RAMP_SECONDS * spec().sampleRate());
    }

    @Override
    public FrequencyResponse frequencyResponse(double sampleRate) {
        FrequencyResponse r = FrequencyResponse.flat(sampleRate, 1);
        for (int k = 0; k < count; k++) {
            if (targets[k].enabled()) {
                r = r.then(targets[k].coefficients(sampleRate));
            }
        }
        return r;
    }

    /** The band slots (and points) are polled, never rendered per sample. */
    @Override
    protected boolean rendersPerSample(Parameter p) {
        return false;
    }

    @Override
    protected void prepareSignal(ProcessSpec newSpec) {
        for (int k = 0; k < MAX_BANDS; k++) {
            freq[k].reset(newSpec.sampleRate(), RAMP_SECONDS);
            gain[k].reset(newSpec.sampleRate(), RAMP_SECONDS);
            q[k].reset(newSpec.sampleRate(), RAMP_SECONDS);
            fade[k].reset(newSpec.sampleRate(), RAMP_SECONDS);
            designedType[k] = null;
        }
        state = new double[4 * newSpec.channels() * MAX_BANDS];
        scratch = new double[newSpec.channels()][CHUNK];
        prepared = newSpec;
        restart();
    }

    @Override
    protected void resetSignal() {
        restart();
    }

    /** Frame 0: every slot at its parameters' values, with no history and no glide. */
    private void restart() {
        frame = 0;
        poll(0);
        for (int k = 0; k < MAX_BANDS; k++) {
            snap(k);
        }
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int channels = block.channels();
        int start = 0;
        while (start < n) {
            int phase = (int) (frame % CHUNK);
            if (phase == 0) {
                poll(start);
            }
            int len = Math.min(CHUNK - phase, n - start);
            int from = block.offset() + start;
            for (int ch = 0; ch < channels; ch++) {
                float[] x = block.channel(ch);
                double[] s = scratch[ch];
                for (int i = 0; i < len; i++) {
                    s[i] = x[from + i];
                }
            }
            for (int k = 0; k < MAX_BANDS; k++) {
                if (isActive(k)) {
                    band(k, len, channels);
                }
            }
            for (int ch = 0; ch < channels; ch++) {
                float[] x = block.channel(ch);
                double[] s = scratch[ch];
                for (int i = 0; i < len; i++) {
                    x[from + i] = (float) s[i];
                }
            }
            start += len;
            frame += len;
        }
        for (Parameter p : slots.all()) {
            p.advance(n);
        }
    }

    /** Runs slot {@code k} over the first {@code len} frames of every channel's scratch. */
    private void band(int k, int len, int channels) {
        double fs = prepared.sampleRate();
        int base = 4 * channels * k;
        boolean steady = !freq[k].isSmoothing() && !gain[k].isSmoothing() && !q[k].isSmoothing()
                && !fade[k].isSmoothing() && mix[k] == mixTarget(k);
        if (steady) {
            double f = freq[k].current();
            double g = gain[k].current();
            double qv = q[k].current();
            if (designedType[k] != running[k] || f != designedF[k] || g != designedG[k] || qv != designedQ[k]) {
                Cookbook.design(running[k], fs, EqBand.clampFrequency(f, fs), qv, g, fixed, 5 * k);
                designedType[k] = running[k];
                designedF[k] = f;
                designedG[k] = g;
                designedQ[k] = qv;
            }
            BiquadKernel.runAll(scratch, channels, len, fixed, 5 * k, state, base);
            return;
        }
        int clearAt = -1;
        for (int i = 0; i < len; i++) {
            double before = mix[k];
            double goal = mixTarget(k);
            if (goal != fade[k].target()) {
                fade[k].setTarget(goal);
            }
            // The glide may overshoot a little when a fade reverses midway; the mix stays in [0, 1].
            double m = Math.max(0, Math.min(1, fade[k].next()));
            mix[k] = m;
            double f = freq[k].next();
            double g = gain[k].next();
            double qv = q[k].next();
            if (m == 0 && before > 0) {
                // Silent now: the history can go, and a pending type change can happen unheard.
                clearAt = i;
                if (targets[k] == null || running[k] != targets[k].type()) {
                    snapValues(k);
                    f = freq[k].current();
                    g = gain[k].current();
                    qv = q[k].current();
                }
            }
            mixes[i] = m;
            if (running[k] == null) {
                varying[5 * i] = 1;
                varying[5 * i + 1] = 0;
                varying[5 * i + 2] = 0;
                varying[5 * i + 3] = 0;
                varying[5 * i + 4] = 0;
            } else {
                Cookbook.design(running[k], fs, EqBand.clampFrequency(f, fs), qv, g, varying, 5 * i);
            }
        }
        // A band that fell silent for good passes the rest of the chunk untouched and keeps a clear
        // history, exactly as the chunks after it will: that keeps the output block-size invariant.
        boolean resumes = isActive(k);
        for (int ch = 0; ch < channels; ch++) {
            int s = base + 4 * ch;
            if (clearAt < 0) {
                runMixed(scratch[ch], 0, len, s);
            } else {
                runMixed(scratch[ch], 0, clearAt + 1, s);
                Arrays.fill(state, s, s + 4, 0);
                if (resumes) {
                    runMixed(scratch[ch], clearAt + 1, len - clearAt - 1, s);
                }
            }
        }
    }

    /**
     * The varying section over {@code x[from..from+n)} (the kernel's one recurrence), with the band's
     * output mixed into its input by {@code mixes}.
     */
    private void runMixed(double[] x, int from, int n, int s) {
        System.arraycopy(x, from, dry, from, n);
        BiquadKernel.runVarying(x, from, n, varying, state, s);
        for (int i = from; i < from + n; i++) {
            double m = mixes[i];
            // m == 1 must give y exactly, bit for bit as the steady path does.
            x[i] = m == 1 ? x[i] : m == 0 ? dry[i] : dry[i] + m * (x[i] - dry[i]);
        }
    }
}
