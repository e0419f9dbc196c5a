package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import java.util.SplittableRandom;

/**
 * Generated programme material for the master's tests: a bass line, drum hits and a noise pad, in
 * sections of different level, scaled and shaped into the kinds of mix a master meets.
 */
final class TestMusic {
    /** The kinds of input. */
    enum Kind {
        /** A mix at about -30 LUFS: needs gain, little limiting. */
        QUIET,
        /** Sections 30 dB apart and sharp hits: the limiter works on the hits. */
        VERY_DYNAMIC,
        /** Saturated to about -8 LUFS: must be turned down. */
        ALREADY_LOUD,
        /** Driven into a hard clip at full scale: flat-topped peaks, inter-sample overs. */
        CLIPPED,
        /** An ordinary mix: peaks near full scale, about -16 LUFS. */
        TYPICAL
    }

    private TestMusic() {
    }

    static AudioBuffer make(Kind kind, int channels, double rate, double seconds, long seed) {
        int frames = (int) Math.round(seconds * rate);
        AudioBuffer b = AudioBuffer.allocate(channels, frames);
        SplittableRandom r = new SplittableRandom(seed);
        double[] pink = new double[channels * 3];
        double beat = 0.5;
        for (int i = 0; i < frames; i++) {
            double t = i / rate;
            double section = kind == Kind.VERY_DYNAMIC ? ((int) (t / 2) % 2 == 0 ? 0.03 : 1.0) : 1.0;
            double sinceHit = t % beat;
            double kick = Math.sin(2 * Math.PI * (50 + 80 * Math.exp(-sinceHit * 30)) * sinceHit) * Math.exp(-sinceHit * 8);
            double bass = 0.3 * Math.sin(2 * Math.PI * 55 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.25 * t));
            double snareEnv = (t + beat / 2) % (2 * beat) < 0.15 ? Math.exp(-((t + beat / 2) % (2 * beat)) * 25) : 0;
            for (int c = 0; c < channels; c++) {
                // a cheap pink-ish noise: three one-pole lowpasses of white noise, summed
                double w = r.nextDouble(-1, 1);
                pink[3 * c] = 0.99 * pink[3 * c] + 0.05 * w;
                pink[3 * c + 1] = 0.9 * pink[3 * c + 1] + 0.15 * w;
                pink[3 * c + 2] = 0.5 * pink[3 * c + 2] + 0.3 * w;
                double pad = 0.25 * (pink[3 * c] + pink[3 * c + 1] + pink[3 * c + 2]);
                double snare = 0.5 * snareEnv * r.nextDouble(-1, 1);
                double lfe = channels == 6 && c == 3 ? 1 : 0;
                double x = lfe > 0 ? 0.5 * (kick + bass) : 0.55 * kick + bass + pad + snare;
                if (channels > 1 && c == 1) {
                    x = 0.8 * x + 0.2 * pad;
                }
                b.set(c, i, (float) (section * x));
            }
        }
        double scale;
        switch (kind) {
            case QUIET: scale = 0.04; break;
            case ALREADY_LOUD: scale = 3; break;
            case CLIPPED: scale = 2.5; break;
            default: scale = 0.8;
        }
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                double x = b.get(c, i) * scale;
                if (kind == Kind.ALREADY_LOUD) {
                    x = 0.97 * Math.tanh(x);
                } else if (kind == Kind.CLIPPED) {
                    x = Math.max(-1, Math.min(1, x));
                }
                b.set(c, i, (float) x);
            }
        }
        return b;
    }
}
