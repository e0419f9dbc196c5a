package io.github.mixwright.filters;

import io.github.mixwright.core.Checks;
import io.github.mixwright.core.Complex;
import io.github.mixwright.core.FrequencyResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An N-band Linkwitz-Riley crossover, 2 to 6 bands, whose bands sum to an all-pass (flat magnitude).
 *
 * <p>Topology: the standard tree with all-pass compensation. With crossover frequencies
 * {@code f_0 < f_1 < ... < f_{N-2}}, and {@code LP_j}, {@code HP_j}, {@code AP_j = LP_j + HP_j} the
 * {@link LinkwitzRiley} low-pass, high-pass and all-pass at {@code f_j}:
 * <pre>
 *   x --LP_0--AP_1--AP_2-...-AP_{N-2}--> band 0
 *   |
 *   HP_0 --LP_1--AP_2-...-AP_{N-2}-----> band 1
 *    |
 *    HP_1 --LP_2--...                    ...
 *     |
 *     HP_{N-2} ------------------------> band N-1
 * </pre>
 * that is, band {@code k} is {@code HP_0 ... HP_{k-1} LP_k AP_{k+1} ... AP_{N-2}} (no {@code LP}
 * for the top band). Each split is followed on its low side by the all-passes of the splits made
 * above it, so every band carries the same phase rotation from every crossover and, by induction
 * from {@code LP_j + HP_j = AP_j}, the bands sum to {@code AP_0 AP_1 ... AP_{N-2}}: an all-pass.
 * Splitting the low band again without that compensation would leave a notch or bump where bands
 * disagree in phase.
 *
 * <p>This value holds the design and the analytic responses; {@link #splitter(int)} makes the
 * object that filters audio. Immutable and thread-safe.
 */
public final class Crossover {
    /** Fewest bands. */
    public static final int MIN_BANDS = 2;
    /** Most bands. */
    public static final int MAX_BANDS = 6;

    private final double sampleRate;
    private final int order;
    private final double[] frequencies;
    private final SecondOrderSections[] lowPass;
    private final SecondOrderSections[] highPass;
    private final SecondOrderSections[] allPass;

    private Crossover(double sampleRate, int order, double[] frequencies) {
        this.sampleRate = sampleRate;
        this.order = order;
        this.frequencies = frequencies;
        int n = frequencies.length;
        lowPass = new SecondOrderSections[n];
        highPass = new SecondOrderSections[n];
        allPass = new SecondOrderSections[n];
        for (int j = 0; j < n; j++) {
            lowPass[j] = LinkwitzRiley.lowPass(sampleRate, frequencies[j], order);
            highPass[j] = LinkwitzRiley.highPass(sampleRate, frequencies[j], order);
            allPass[j] = LinkwitzRiley.allPass(sampleRate, frequencies[j], order);
        }
    }

    /**
     * A crossover with {@code frequenciesHz.length + 1} bands.
     *
     * @param sampleRate Hz, greater than 0
     * @param order Linkwitz-Riley order: 2, 4 or 8 (slopes of 12, 24, 48 dB per octave)
     * @param frequenciesHz 1 to 5 crossover frequencies, strictly increasing, each strictly between
     *        0 and {@code sampleRate / 2}
     * @throws IllegalArgumentException naming the bad argument and its range
     */
    public static Crossover of(double sampleRate, int order, double... frequenciesHz) {
        LinkwitzRiley.checkOrder(order);
        Checks.inRange("bands", frequenciesHz.length + 1, MIN_BANDS, MAX_BANDS);
        double[] f = frequenciesHz.clone();
        for (int j = 0; j < f.length; j++) {
            Butterworth.prewarp(sampleRate, f[j]);
            if (j > 0 && !(f[j] > f[j - 1])) {
                throw new IllegalArgumentException("crossover frequency " + Checks.format(f[j])
                        + " is out of range (" + Checks.format(f[j - 1]) + ", " + Checks.format(sampleRate / 2)
                        + "): crossover frequencies must be strictly increasing");
            }
        }
        return new Crossover(sampleRate, order, f);
    }

    /** Sample rate in Hz. */
    public double sampleRate() {
        return sampleRate;
    }

    /** Linkwitz-Riley order: 2, 4 or 8. */
    public int order() {
        return order;
    }

    /** Number of bands, 2 to 6. */
    public int bands() {
        return frequencies.length + 1;
    }

    /** The crossover frequencies in Hz, increasing (a copy). */
    public double[] frequencies() {
        return frequencies.clone();
    }

    /** Band {@code k} (0 = lowest) as the cascade of all filters on its path; analytic. */
    public SecondOrderSections band(int k) {
        Checks.inRange("band", k, 0, frequencies.length);
        SecondOrderSections s = new SecondOrderSections(sampleRate, List.of());
        for (int j = 0; j < k; j++) {
            s = s.followedBy(highPass[j]);
        }
        if (k < frequencies.length) {
            s = s.followedBy(lowPass[k]);
        }
        for (int j = k + 1; j < frequencies.length; j++) {
            s = s.followedBy(allPass[j]);
        }
        return s;
    }

    /** The analytic sum of all bands' complex responses; its magnitude is 1 (0 dB) everywhere. */
    public FrequencyResponse sum() {
        List<SecondOrderSections> all = new ArrayList<>();
        for (int k = 0; k < bands(); k++) {
            all.add(band(k));
        }
        return new FrequencyResponse() {
            @Override
            public double sampleRate() {
                return sampleRate;
            }

            @Override
            public Complex response(double hz) {
                Complex h = Complex.ZERO;
                for (SecondOrderSections b : all) {
                    h = h.plus(b.response(hz));
                }
                return h;
            }

            @Override
            public double groupDelaySeconds(double hz) {
                // The sum is the all-pass below, whose delay is exact and simpler than differentiating a sum.
                return allPass().groupDelaySeconds(hz);
            }
        };
    }

    /** {@code AP_0 AP_1 ... AP_{N-2}}: what the bands sum to. */
    public SecondOrderSections allPass() {
        SecondOrderSections s = new SecondOrderSections(sampleRate, List.of());
        for (SecondOrderSections a : allPass) {
            s = s.followedBy(a);
        }
        return s;
    }

    /** A new splitter for {@code channels} channels (1 to 64) with cleared state. */
    public CrossoverSplitter splitter(int channels) {
        return new CrossoverSplitter(this, channels);
    }

    SecondOrderSections lowPass(int j) {
        return lowPass[j];
    }

    SecondOrderSections highPass(int j) {
        return highPass[j];
    }

    SecondOrderSections allPass(int j) {
        return allPass[j];
    }

    @Override
    public String toString() {
        return "Crossover LR" + order + " at " + Arrays.toString(frequencies) + " Hz, " + Checks.format(sampleRate) + " Hz";
    }
}
