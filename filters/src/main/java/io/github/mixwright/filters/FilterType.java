package io.github.mixwright.filters;

/**
 * The shapes a single {@link BiquadCoefficients} section can take: the RBJ Audio EQ Cookbook
 * second-order designs and the first-order bilinear designs.
 *
 * <p>{@link #coefficients} takes every argument for every type so that a band list can be edited
 * uniformly; a type ignores what it does not use ({@link #usesQ()}, {@link #usesGain()}), but all
 * arguments are still validated: frequencyHz in [1e-5, 0.5 - 1e-5] x sampleRate, q in [0.025, 100],
 * gainDb in [-48, 48].
 *
 * <p>Immutable and thread-safe.
 */
public enum FilterType {
    /** Cookbook LPF, see {@link BiquadCoefficients#lowPass}. */
    LOW_PASS("lowpass", true, false),
    /** Cookbook HPF, see {@link BiquadCoefficients#highPass}. */
    HIGH_PASS("highpass", true, false),
    /** Cookbook BPF with 0 dB peak, see {@link BiquadCoefficients#bandPass}. */
    BAND_PASS("bandpass", true, false),
    /** Cookbook notch, see {@link BiquadCoefficients#notch}. */
    NOTCH("notch", true, false),
    /** Cookbook APF, see {@link BiquadCoefficients#allPass}. */
    ALL_PASS("allpass", true, false),
    /** Cookbook peakingEQ, see {@link BiquadCoefficients#peaking}. */
    PEAKING("peak", true, true),
    /** Cookbook lowShelf, see {@link BiquadCoefficients#lowShelf}. */
    LOW_SHELF("lowshelf", true, true),
    /** Cookbook highShelf, see {@link BiquadCoefficients#highShelf}. */
    HIGH_SHELF("highshelf", true, true),
    /** First-order low-pass, see {@link BiquadCoefficients#firstOrderLowPass}. */
    FIRST_ORDER_LOW_PASS("lowpass1", false, false),
    /** First-order high-pass, see {@link BiquadCoefficients#firstOrderHighPass}. */
    FIRST_ORDER_HIGH_PASS("highpass1", false, false),
    /** First-order low shelf, see {@link BiquadCoefficients#firstOrderLowShelf}. */
    FIRST_ORDER_LOW_SHELF("lowshelf1", false, true),
    /** First-order high shelf, see {@link BiquadCoefficients#firstOrderHighShelf}. */
    FIRST_ORDER_HIGH_SHELF("highshelf1", false, true);

    private final String chainName;
    private final boolean usesQ;
    private final boolean usesGain;

    FilterType(String chainName, boolean usesQ, boolean usesGain) {
        this.chainName = chainName;
        this.usesQ = usesQ;
        this.usesGain = usesGain;
    }

    /** The processor name in the command-line chain syntax, e.g. {@code "peak"}. */
    public String chainName() {
        return chainName;
    }

    /** Whether {@code q} shapes the response. */
    public boolean usesQ() {
        return usesQ;
    }

    /** Whether {@code gainDb} shapes the response (at 0 dB such a type is the identity). */
    public boolean usesGain() {
        return usesGain;
    }

    /**
     * Designs one section.
     *
     * @param sampleRate Hz, greater than 0
     * @param frequencyHz corner or centre frequency, in [1e-5, 0.5 - 1e-5] x sampleRate
     * @param q quality factor, [0.025, 100] (checked even where unused)
     * @param gainDb [-48, 48] dB (checked even where unused)
     * @throws IllegalArgumentException naming the argument, its value and the range
     */
    public BiquadCoefficients coefficients(double sampleRate, double frequencyHz, double q, double gainDb) {
        return Cookbook.coefficients(this, sampleRate, frequencyHz, q, gainDb);
    }
}
