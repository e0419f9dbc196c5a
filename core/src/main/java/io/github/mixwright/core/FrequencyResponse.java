package io.github.mixwright.core;

/**
 * The steady-state response of a linear, time-invariant system at any frequency, computed
 * analytically from its description (not measured).
 *
 * <p>Implementations are immutable values bound to a sample rate. Thread-safe if the implementation is
 * immutable, as all of this project's are.
 */
public interface FrequencyResponse {
    /** Sample rate in Hz the response belongs to. */
    double sampleRate();

    /** Complex response {@code H(e^(i 2 pi hz / sampleRate))} at {@code hz}, 0 to {@code sampleRate / 2}. */
    Complex response(double hz);

    /** Group delay in seconds at {@code hz}: {@code -d(phase)/d(omega)}, in seconds rather than samples. */
    double groupDelaySeconds(double hz);

    /** Magnitude in dB at {@code hz}. */
    default double magnitudeDb(double hz) {
        return response(hz).magnitudeDb();
    }

    /** Phase in radians at {@code hz}, in (-pi, pi]. */
    default double phaseRadians(double hz) {
        return response(hz).arg();
    }

    /** The response of this system followed by {@code next} (same sample rate). */
    default FrequencyResponse then(FrequencyResponse next) {
        FrequencyResponse first = this;
        if (next.sampleRate() != sampleRate()) {
            throw new IllegalArgumentException("sampleRate " + Checks.format(next.sampleRate())
                    + " of the next stage differs from " + Checks.format(sampleRate()));
        }
        return new FrequencyResponse() {
            @Override
            public double sampleRate() {
                return first.sampleRate();
            }

            @Override
            public Complex response(double hz) {
                return first.response(hz).times(next.response(hz));
            }

            @Override
            public double groupDelaySeconds(double hz) {
                return first.groupDelaySeconds(hz) + next.groupDelaySeconds(hz);
            }
        };
    }

    /** A flat response of linear gain {@code gain} (negative for inverted polarity) and no delay. */
    static FrequencyResponse flat(double sampleRate, double gain) {
        return new FrequencyResponse() {
            @Override
            public double sampleRate() {
                return sampleRate;
            }

            @Override
            public Complex response(double hz) {
                return Complex.real(gain);
            }

            @Override
            public double groupDelaySeconds(double hz) {
                return 0;
            }
        };
    }
}
