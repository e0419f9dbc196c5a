package io.github.mixwright.filters;

import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterRate;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.Smoothing;
import java.util.ArrayList;
import java.util.List;

/**
 * The band slots of the equalisers' descriptors, {@code b1} to {@code b32}: five parameters a slot,
 * {@code b<k>type} ({@code none} or a {@link FilterType}'s chain name), {@code b<k>freq},
 * {@code b<k>gain}, {@code b<k>q} and {@code b<k>on}. One definition serves {@link ParametricEq}
 * (read at control points) and {@link LinearPhaseEq} (fixed at prepare). Not thread-safe.
 */
final class BandSlots {
    /** Slots, as many as {@link ParametricEq#MAX_BANDS}. */
    static final int SLOTS = ParametricEq.MAX_BANDS;
    /** Parameters a slot: type, freq, gain, q, on. */
    static final int PER_SLOT = 5;
    private static final FilterType[] TYPES = FilterType.values();

    private final Parameter[] parameters = new Parameter[PER_SLOT * SLOTS];

    /** The slots of {@code processor}, whose descriptor lists {@link #specs}. */
    BandSlots(ParameterizedProcessor<?> processor) {
        for (int k = 0; k < SLOTS; k++) {
            int b = k + 1;
            parameters[PER_SLOT * k] = processor.parameter("b" + b + "type");
            parameters[PER_SLOT * k + 1] = processor.parameter("b" + b + "freq");
            parameters[PER_SLOT * k + 2] = processor.parameter("b" + b + "gain");
            parameters[PER_SLOT * k + 3] = processor.parameter("b" + b + "q");
            parameters[PER_SLOT * k + 4] = processor.parameter("b" + b + "on");
        }
    }

    /** The parameter specs of every slot, read at {@code rate}; none glides (the EQ glides itself). */
    static List<ParameterSpec> specs(ParameterRate rate) {
        List<String> types = new ArrayList<>();
        types.add("none");
        for (FilterType t : TYPES) {
            types.add(t.chainName());
        }
        List<ParameterSpec> list = new ArrayList<>();
        for (int b = 1; b <= SLOTS; b++) {
            String p = "b" + b;
            list.add(at(rate, ParameterSpec.choice(p + "type", types, 0, "band " + b + " shape, none for an empty slot")));
            list.add(at(rate, ParameterSpec.number(p + "freq", "Hz", 1, 200_000, 1000,
                    "band " + b + " frequency, clamped to 0.499 x the sample rate").withSmoothing(Smoothing.NONE, 0)));
            list.add(at(rate, ParameterSpec.number(p + "gain", "dB", -48, 48, 0, "band " + b + " gain (peak and shelves)")
                    .withSmoothing(Smoothing.NONE, 0)));
            list.add(at(rate, ParameterSpec.number(p + "q", "", 0.025, 100, 0.7071, "band " + b + " Q (second-order shapes)")
                    .withSmoothing(Smoothing.NONE, 0)));
            list.add(at(rate, ParameterSpec.choice(p + "on", List.of("off", "on"), 1, "band " + b + " enabled")));
        }
        return list;
    }

    private static ParameterSpec at(ParameterRate rate, ParameterSpec spec) {
        switch (rate) {
            case CONTROL: return spec.controlRate();
            case PREPARE: return spec.fixedAtPrepare();
            default: return spec;
        }
    }

    /** Parameter {@code j} (0 type, 1 freq, 2 gain, 3 q, 4 on) of slot {@code k}. */
    Parameter parameter(int k, int j) {
        return parameters[PER_SLOT * k + j];
    }

    /** Every slot parameter, slot by slot. */
    Parameter[] all() {
        return parameters;
    }

    /** Writes slot {@code k}: a band, or empty for null. */
    void store(int k, EqBand band) {
        if (band == null) {
            parameter(k, 0).set(0);
            return;
        }
        parameter(k, 0).set(band.type().ordinal() + 1);
        parameter(k, 1).set(band.frequencyHz());
        parameter(k, 2).set(band.gainDb());
        parameter(k, 3).set(band.q());
        parameter(k, 4).set(band.enabled() ? 1 : 0);
    }

    /** The band of values {@code v[at..at+5)} (type, freq, gain, q, on), or null for an empty slot. */
    static EqBand band(double[] v, int at) {
        int type = (int) v[at];
        return type == 0 ? null : new EqBand(TYPES[type - 1], v[at + 1], v[at + 3], v[at + 2], v[at + 4] != 0);
    }

    /** The bands of the used slots, in slot order, from the values last set. */
    List<EqBand> bands() {
        List<EqBand> list = new ArrayList<>();
        double[] v = new double[PER_SLOT];
        for (int k = 0; k < SLOTS; k++) {
            for (int j = 0; j < PER_SLOT; j++) {
                v[j] = parameter(k, j).get();
            }
            EqBand b = band(v, 0);
            if (b != null) {
                list.add(b);
            }
        }
        return list;
    }
}
