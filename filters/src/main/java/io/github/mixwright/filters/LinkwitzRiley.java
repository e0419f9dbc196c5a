package io.github.mixwright.filters;

import java.util.ArrayList;
import java.util.List;

/**
 * Linkwitz-Riley crossover filters LR2, LR4 and LR8: each is a Butterworth filter of half the order
 * applied twice, so the low-pass and high-pass are each -6.02 dB at the crossover frequency and
 * their sum is an all-pass (flat magnitude). See S. H. Linkwitz, "Active crossover networks for
 * noncoincident drivers", JAES 24(1), 1976, and Linkwitz and Riley's follow-up.
 *
 * <ul>
 *   <li>LR2 = (first-order Butterworth)^2, one section. <b>Polarity convention:</b> the LR2
 *       high-pass returned here is inverted, {@code -(HP1)^2}, because {@code LP1^2 + HP1^2} has a
 *       null at the crossover while {@code LP1^2 - HP1^2 = (1 - s)/(1 + s)} is the first-order
 *       all-pass. With this convention {@code lowPass + highPass} is an all-pass for every order
 *       and a crossover never has to know which order needs a sign flip.</li>
 *   <li>LR4 = (second-order Butterworth)^2, two sections; LP + HP is the second-order all-pass
 *       {@code (s^2 - sqrt2 s + 1)/(s^2 + sqrt2 s + 1)}.</li>
 *   <li>LR8 = (fourth-order Butterworth)^2, four sections; LP + HP is the fourth-order all-pass
 *       {@code D(-s)/D(s)} of the Butterworth denominator {@code D}.</li>
 * </ul>
 * In general {@code LP + HP = D(-s)/D(s)} because {@code D(s)D(-s) = 1 + (-s^2)^N}; {@link #allPass}
 * gives that all-pass directly (each section's numerator is its denominator reversed), which is what
 * {@link Crossover} uses to keep lower bands in phase with the higher splits.
 *
 * <p>Stateless and thread-safe.
 */
public final class LinkwitzRiley {
    private LinkwitzRiley() {
    }

    /**
     * The LR low-pass of {@code order} at {@code hz}.
     *
     * @param sampleRate Hz, greater than 0
     * @param hz crossover frequency, strictly between 0 and {@code sampleRate / 2}
     * @param order 2, 4 or 8
     * @throws IllegalArgumentException naming the argument and its range
     */
    public static SecondOrderSections lowPass(double sampleRate, double hz, int order) {
        return design(sampleRate, hz, order, false);
    }

    /** The LR high-pass (LR2 inverted, see the class notes); arguments as for {@link #lowPass}. */
    public static SecondOrderSections highPass(double sampleRate, double hz, int order) {
        return design(sampleRate, hz, order, true);
    }

    /** {@code lowPass + highPass}: the all-pass of the same order and frequency, as sections. */
    public static SecondOrderSections allPass(double sampleRate, double hz, int order) {
        double k = Butterworth.prewarp(sampleRate, hz);
        double[] coef = new double[5 * 4];
        int n = allPassInto(k, checkOrder(order), coef, 0);
        return toSections(sampleRate, coef, n);
    }

    /** Number of sections of an LR design of {@code order}. */
    static int sections(int order) {
        return order == 2 ? 1 : order / 2;
    }

    /** Number of sections of the matching all-pass. */
    static int allPassSections(int order) {
        return Butterworth.sections(order / 2);
    }

    static int checkOrder(int order) {
        if (order != 2 && order != 4 && order != 8) {
            throw new IllegalArgumentException("order " + order + " is not one of [2, 4, 8]");
        }
        return order;
    }

    private static SecondOrderSections design(double sampleRate, double hz, int order, boolean highPass) {
        double k = Butterworth.prewarp(sampleRate, hz);
        double[] coef = new double[5 * 4];
        int n = designInto(k, checkOrder(order), highPass, coef, 0);
        return toSections(sampleRate, coef, n);
    }

    private static SecondOrderSections toSections(double sampleRate, double[] coef, int n) {
        List<BiquadCoefficients> list = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            int c = 5 * j;
            list.add(new BiquadCoefficients(sampleRate, coef[c], coef[c + 1], coef[c + 2], coef[c + 3], coef[c + 4]));
        }
        return new SecondOrderSections(sampleRate, list);
    }

    /**
     * Writes the design with prewarped crossover {@code k} into {@code coef} from section
     * {@code first}, without allocating.
     *
     * @return the number of sections written
     */
    static int designInto(double k, int order, boolean highPass, double[] coef, int first) {
        int half = order / 2;
        if (half == 1) {
            // Square the first-order section into one biquad: (b0 + b1 z^-1)^2 / (1 + a1 z^-1)^2.
            Butterworth.designInto(k, 1, highPass, coef, first);
            int c = 5 * first;
            double b0 = coef[c];
            double b1 = coef[c + 1];
            double a1 = coef[c + 3];
            double sign = highPass ? -1 : 1;
            coef[c] = sign * b0 * b0;
            coef[c + 1] = sign * 2 * b0 * b1;
            coef[c + 2] = sign * b1 * b1;
            coef[c + 3] = 2 * a1;
            coef[c + 4] = a1 * a1;
            return 1;
        }
        int n = Butterworth.designInto(k, half, highPass, coef, first);
        System.arraycopy(coef, 5 * first, coef, 5 * (first + n), 5 * n);
        return 2 * n;
    }

    /**
     * Writes {@code D(-s)/D(s)} for the Butterworth of half {@code order}: each section's numerator
     * is its denominator reversed.
     *
     * @return the number of sections written
     */
    static int allPassInto(double k, int order, double[] coef, int first) {
        int half = order / 2;
        int n = Butterworth.designInto(k, half, false, coef, first);
        for (int j = first; j < first + n; j++) {
            int c = 5 * j;
            // Butterworth puts an odd order's first-order section first.
            boolean firstOrder = (half & 1) == 1 && j == first;
            coef[c] = firstOrder ? coef[c + 3] : coef[c + 4];
            coef[c + 1] = firstOrder ? 1 : coef[c + 3];
            coef[c + 2] = firstOrder ? 0 : 1;
        }
        return n;
    }
}
