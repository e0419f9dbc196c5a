package io.github.mixwright.cli;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Decibels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo's raw recordings: eight bars in A minor at 120 BPM (Am, F, C, G, twice), as seven dry stems
 * that each need something from the mix. The drums are hit hard and ring into the bass; the guitar was
 * recorded with an amplifier's hiss and hum under it, so it needs a gate; the harmony voice has hard
 * 's' sounds, so it needs a de-esser. Nothing here processes: {@link DemoSession} does that, with the
 * library's own processors. Every stem is seeded, so a render is repeatable.
 */
final class DemoSong {
    static final int SAMPLE_RATE = 48_000;
    static final long SEED = 20_261_204L;
    private static final double BEAT = 0.5;
    private static final int BARS = 8;
    private static final int BEATS = BARS * 4;
    /** The music plus one second for the last notes to ring out. */
    static final double SECONDS = BEATS * BEAT + 1;
    static final int FRAMES = (int) (SECONDS * SAMPLE_RATE);

    private static final int[] BASS_ROOTS = {33, 29, 36, 31};
    private static final int[][] CHORDS = {{57, 60, 64}, {53, 57, 60}, {55, 60, 64}, {55, 59, 62}};
    /** The vocal's two notes in each bar (beat 0 for one beat, beat 1 for a beat and a quarter). */
    private static final int[][] VOCAL = {{64, 60}, {65, 69}, {67, 64}, {62, 67}, {69, 67}, {65, 64}, {64, 67},
        {62, 59}};
    /** The harmony's notes, in bars 5 to 8 only, a chord tone above the vocal. */
    private static final int[][] HARMONY = {{72, 72}, {69, 69}, {67, 72}, {67, 67}};
    /** Vowel formants (Hz) of an alto voice: a, e, i, o, u. */
    private static final double[][] FORMANTS = {
        {800, 1150, 2800}, {400, 1600, 2700}, {350, 1700, 2700}, {450, 800, 2830}, {325, 700, 2530}};
    private static final double[] FORMANT_LEVELS = {1, 0.45, 0.2};
    /** When the guitar's chords are struck, in beats within each bar: the off-beats of 2 and 4. */
    private static final double[] STRUMS = {1.5, 3.5};
    /** How long a guitar chord rings before the player's hand chokes it, seconds. */
    private static final double CHOKE = 0.42;
    /** Where the harmony's 's' sounds start, seconds before each note. */
    private static final double S_LEAD = 0.07;
    private static final double S_LENGTH = 0.11;

    /** One dry stem: a file name without extension, what it is and what it needs, and its audio. */
    record Stem(String name, String description, AudioBuffer audio) {
    }

    /** A stretch of a stem, in seconds. */
    record Span(double start, double end) {
        int startFrame() {
            return frame(start);
        }

        int frames() {
            return frame(end) - frame(start);
        }
    }

    private DemoSong() {
    }

    /** The seven stems, in the session's order. */
    static List<Stem> stems(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return List.of(
                new Stem("drums", "kick, snare and hats; the kick keys the bass's compressor", drums(random.split())),
                new Stem("bass", "eighth-note saw bass, ducked under the kick", bass()),
                new Stem("pads", "detuned saw chords in stereo, fading in, sent to the reverb", pads()),
                new Stem("lead", "answering phrases, panned left to right, sent to the delay", lead()),
                new Stem("vocal", "a formant-synth voice singing vowels, compressed, ridden and sent to both buses",
                        vocal(random.split())),
                new Stem("guitar", "choked off-beat chords over amplifier hiss and hum: gated", guitar(random.split())),
                new Stem("harmony", "a second voice with hard 's' sounds: de-essed", harmony(random.split())));
    }

    /** The guitar's gaps: the last part of the silence before each chord, where only the hiss plays. */
    static List<Span> guitarGaps() {
        List<Span> gaps = new ArrayList<>();
        for (int bar = 0; bar < BARS; bar++) {
            for (double strum : STRUMS) {
                double at = (bar * 4 + strum) * BEAT;
                if (at > 0.5) {
                    gaps.add(new Span(at - 0.35, at - 0.05));
                }
            }
        }
        return gaps;
    }

    /** The harmony's 's' sounds. */
    static List<Span> sibilants() {
        List<Span> s = new ArrayList<>();
        for (int bar = 4; bar < BARS; bar++) {
            for (double note : harmonyNoteStarts(bar)) {
                s.add(new Span(note - S_LEAD, note - S_LEAD + S_LENGTH));
            }
        }
        return s;
    }

    /** The harmony's vowels, each after its 's' has died away. */
    static List<Span> harmonyVowels() {
        List<Span> v = new ArrayList<>();
        for (int bar = 4; bar < BARS; bar++) {
            for (double note : harmonyNoteStarts(bar)) {
                v.add(new Span(note + 0.1, note + 0.4));
            }
        }
        return v;
    }

    private static double[] harmonyNoteStarts(int bar) {
        return new double[] {bar * 4 * BEAT, (bar * 4 + 1) * BEAT};
    }

    private static AudioBuffer drums(SplittableRandom random) {
        AudioBuffer drums = AudioBuffer.allocate(2, FRAMES);
        float[] left = drums.channel(0);
        float[] right = drums.channel(1);
        for (int beat = 0; beat < BEATS; beat++) {
            int start = frame(beat * BEAT);
            double phase = 0;
            double click = 0;
            for (int i = 0; i < frame(0.45) && start + i < FRAMES; i++) {
                double t = i / (double) SAMPLE_RATE;
                phase += 2 * Math.PI * (45 + 85 * Math.exp(-t / 0.035)) / SAMPLE_RATE;
                // The beater's click: noise, softened by a one-pole low-pass at about 3 kHz.
                click += 0.33 * ((random.nextDouble() * 2 - 1) - click);
                double kick = 0.36 * Math.sin(phase) * Math.exp(-t / 0.16) + 0.22 * click * Math.exp(-t / 0.003);
                left[start + i] += (float) kick;
                right[start + i] += (float) kick;
            }
            if (beat % 2 == 1) {
                // The snare: its drum's tone and the wires' noise, low-passed at about 6 kHz.
                double wires = 0;
                for (int i = 0; i < frame(0.3) && start + i < FRAMES; i++) {
                    double t = i / (double) SAMPLE_RATE;
                    wires += 0.55 * ((random.nextDouble() * 2 - 1) - wires);
                    double snare = 0.15 * Math.sin(2 * Math.PI * 185 * t) * Math.exp(-t / 0.045)
                            + 0.22 * wires * Math.exp(-t / 0.07);
                    left[start + i] += (float) snare;
                    right[start + i] += (float) snare;
                }
            }
        }
        for (int eighth = 0; eighth < BEATS * 2; eighth++) {
            int start = frame(eighth * BEAT / 2);
            double level = eighth % 2 == 1 ? 0.16 : 0.07;
            // A hi-hat: noise in a broad band around 8 kHz, where cymbals live.
            Resonator band = new Resonator(8000, 0.9);
            for (int i = 0; i < frame(0.12) && start + i < FRAMES; i++) {
                double hat = 2 * level * band.next(random.nextDouble() * 2 - 1) * Math.exp(-i / (0.025 * SAMPLE_RATE));
                // The overhead picked the hats up to the right of the kit.
                left[start + i] += (float) (0.6 * hat);
                right[start + i] += (float) hat;
            }
        }
        return drums;
    }

    private static AudioBuffer bass() {
        AudioBuffer bass = AudioBuffer.allocate(1, FRAMES);
        int[] pattern = {0, 0, 12, 0, 0, 0, 12, 7};
        for (int bar = 0; bar < BARS; bar++) {
            for (int e = 0; e < 8; e++) {
                double start = (bar * 4 + e * 0.5) * BEAT;
                double[] note = saw(BASS_ROOTS[bar % 4] + pattern[e], 0.22, 0, 500, 0.004, 0.03);
                addAt(bass.channel(0), frame(start), note, 0.75);
            }
        }
        return bass;
    }

    private static AudioBuffer pads() {
        AudioBuffer pads = AudioBuffer.allocate(2, FRAMES);
        for (int bar = 0; bar < BARS; bar++) {
            double length = bar == BARS - 1 ? 4 * BEAT : 4 * BEAT - 0.05;
            for (int midi : CHORDS[bar % 4]) {
                // Each side gets its own detuning: the beating differs left and right, so the pad is wide.
                addAt(pads.channel(0), frame(bar * 4 * BEAT), saw(midi, length, -7, 1500, 0.25, 0.6), 0.15);
                addAt(pads.channel(1), frame(bar * 4 * BEAT), saw(midi, length, 7, 1500, 0.25, 0.6), 0.15);
            }
        }
        return pads;
    }

    private static AudioBuffer lead() {
        AudioBuffer lead = AudioBuffer.allocate(1, FRAMES);
        float[] x = lead.channel(0);
        // From bar 3, the lead answers the vocal: the chord's notes an octave up, falling, in the bar's second half.
        for (int bar = 2; bar < BARS; bar++) {
            int[] chord = CHORDS[bar % 4];
            double[][] notes = {{2.5, 0.5, chord[2] + 12}, {3, 0.5, chord[1] + 12}, {3.5, 0.5, chord[0] + 12}};
            for (double[] n : notes) {
                double hz = hz(n[2]);
                double length = n[1] * BEAT - 0.02;
                int start = frame((bar * 4 + n[0]) * BEAT);
                double phase = 0;
                for (int i = 0; i < frame(length + 0.15) && start + i < FRAMES; i++) {
                    double t = i / (double) SAMPLE_RATE;
                    phase += 2 * Math.PI * hz / SAMPLE_RATE;
                    double tone = Math.sin(phase) + 0.35 * Math.sin(2 * phase) + 0.15 * Math.sin(3 * phase);
                    x[start + i] += (float) (0.4 * tone * envelope(t, length, 0.01, 0.15));
                }
            }
        }
        return lead;
    }

    private static AudioBuffer vocal(SplittableRandom random) {
        AudioBuffer vocal = AudioBuffer.allocate(1, FRAMES);
        int vowel = 0;
        for (int bar = 0; bar < BARS; bar++) {
            double[] starts = {bar * 4 * BEAT, (bar * 4 + 1) * BEAT};
            double[] lengths = {BEAT - 0.03, 1.25 * BEAT};
            for (int n = 0; n < 2; n++) {
                double[] voice = voice(VOCAL[bar][n], lengths[n], FORMANTS[vowel++ % FORMANTS.length], random);
                addAt(vocal.channel(0), frame(starts[n]), voice, 0.8);
            }
        }
        return vocal;
    }

    private static AudioBuffer harmony(SplittableRandom random) {
        AudioBuffer harmony = AudioBuffer.allocate(1, FRAMES);
        float[] x = harmony.channel(0);
        for (int bar = 4; bar < BARS; bar++) {
            double[] starts = harmonyNoteStarts(bar);
            double[] lengths = {BEAT - 0.03, 1.25 * BEAT};
            for (int n = 0; n < 2; n++) {
                // "sa", "see": an 's' (noise between 5 and 9 kHz) and then a vowel.
                double[] voice = voice(HARMONY[bar - 4][n], lengths[n], FORMANTS[n == 0 ? 0 : 2], random);
                addAt(x, frame(starts[n]), voice, 0.3);
                Resonator s = new Resonator(7000, 1.2);
                int at = frame(starts[n] - S_LEAD);
                for (int i = 0; i < frame(S_LENGTH); i++) {
                    double t = i / (double) SAMPLE_RATE;
                    double shape = Math.min(1, t / 0.012) * Math.min(1, (S_LENGTH - t) / 0.03);
                    x[at + i] += (float) (0.9 * s.next(random.nextDouble() * 2 - 1) * shape);
                }
            }
        }
        return harmony;
    }

    private static AudioBuffer guitar(SplittableRandom random) {
        AudioBuffer guitar = AudioBuffer.allocate(1, FRAMES);
        float[] x = guitar.channel(0);
        for (int bar = 0; bar < BARS; bar++) {
            for (double strum : STRUMS) {
                int[] chord = CHORDS[bar % 4];
                for (int string = 0; string < chord.length; string++) {
                    // A downstroke: the strings sound 12 ms apart, lowest first.
                    double[] note = pluck(chord[string], CHOKE - 0.012 * string, random);
                    addAt(x, frame((bar * 4 + strum) * BEAT + 0.012 * string), note, 0.22);
                }
            }
        }
        // The amplifier: hiss at about -55 dBFS RMS and mains hum with its harmonics, all the way through.
        for (int i = 0; i < FRAMES; i++) {
            double t = i / (double) SAMPLE_RATE;
            double hum = 0.0012 * Math.sin(2 * Math.PI * 50 * t) + 0.0008 * Math.sin(2 * Math.PI * 150 * t)
                    + 0.0004 * Math.sin(2 * Math.PI * 250 * t);
            x[i] += (float) (0.0030 * (random.nextDouble() * 2 - 1) + hum);
        }
        return guitar;
    }

    /** A plucked string: partials with the pick's comb and faster decay up high, choked after {@code ring} s. */
    private static double[] pluck(int midi, double ring, SplittableRandom random) {
        double f0 = hz(midi) * (1 + 0.0005 * (random.nextDouble() - 0.5));
        double[] out = new double[frame(ring + 0.02)];
        for (int k = 1; k <= 12 && k * f0 < 0.45 * SAMPLE_RATE; k++) {
            double amp = Math.abs(Math.sin(k * Math.PI * 0.18)) / k;
            double tau = 0.5 / (1 + 0.4 * k);
            double w = 2 * Math.PI * k * f0 / SAMPLE_RATE;
            for (int i = 0; i < out.length; i++) {
                double t = i / (double) SAMPLE_RATE;
                out[i] += amp * Math.sin(w * i) * Math.exp(-t / tau);
            }
        }
        for (int i = 0; i < out.length; i++) {
            double t = i / (double) SAMPLE_RATE;
            out[i] *= Math.min(1, t / 0.002) * Math.min(1, Math.max(0, (ring + 0.02 - t) / 0.02));
        }
        return out;
    }

    /**
     * A sung note: a band-limited sawtooth with vibrato and a little breath, through three formant
     * resonators.
     */
    private static double[] voice(double midi, double length, double[] formants, SplittableRandom random) {
        double release = 0.12;
        double[] out = new double[frame(length + release)];
        Resonator[] filters = new Resonator[formants.length];
        for (int f = 0; f < formants.length; f++) {
            filters[f] = new Resonator(formants[f], formants[f] / (60 + 0.04 * formants[f]));
        }
        double hz = hz(midi);
        double phase = 0;
        for (int i = 0; i < out.length; i++) {
            double t = i / (double) SAMPLE_RATE;
            double vibrato = 1 + 0.006 * Math.sin(2 * Math.PI * 5.2 * t) * Math.min(1, t / 0.3);
            double inc = hz * vibrato / SAMPLE_RATE;
            double source = 2 * phase - 1 - polyBlep(phase, inc) + 0.05 * (random.nextDouble() * 2 - 1);
            phase += inc;
            if (phase >= 1) {
                phase -= 1;
            }
            double y = 0;
            for (int f = 0; f < filters.length; f++) {
                y += FORMANT_LEVELS[f] * filters[f].next(source);
            }
            out[i] = y * envelope(t, length, 0.03, release);
        }
        return out;
    }

    /** A band-pass of 0 dB peak gain (the cookbook's), for the synthesis only. */
    private static final class Resonator {
        private final double b0;
        private final double a1;
        private final double a2;
        private double x1;
        private double x2;
        private double y1;
        private double y2;

        Resonator(double hz, double q) {
            double w = 2 * Math.PI * hz / SAMPLE_RATE;
            double alpha = Math.sin(w) / (2 * q);
            double a0 = 1 + alpha;
            b0 = alpha / a0;
            a1 = -2 * Math.cos(w) / a0;
            a2 = (1 - alpha) / a0;
        }

        double next(double x) {
            double y = b0 * (x - x2) - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            return y;
        }
    }

    /**
     * A band-limited sawtooth note (polyBLEP) through a one-pole low-pass.
     *
     * @param cents detuning
     * @param cutoffHz low-pass corner
     * @param attack seconds to full level
     * @param release seconds from the note's end to silence
     */
    private static double[] saw(double midi, double length, double cents, double cutoffHz, double attack,
            double release) {
        double inc = hz(midi + cents / 100) / SAMPLE_RATE;
        double k = 1 - Math.exp(-2 * Math.PI * cutoffHz / SAMPLE_RATE);
        double[] out = new double[frame(length + release)];
        double phase = 0;
        double y = 0;
        for (int i = 0; i < out.length; i++) {
            double v = 2 * phase - 1 - polyBlep(phase, inc);
            phase += inc;
            if (phase >= 1) {
                phase -= 1;
            }
            y += k * (v - y);
            out[i] = y * envelope(i / (double) SAMPLE_RATE, length, attack, release);
        }
        return out;
    }

    /** Removes the step's aliasing: a polynomial residual of a band-limited step (Valimaki). */
    private static double polyBlep(double t, double dt) {
        if (t < dt) {
            double u = t / dt;
            return u + u - u * u - 1;
        }
        if (t > 1 - dt) {
            double u = (t - 1) / dt;
            return u * u + u + u + 1;
        }
        return 0;
    }

    /** Linear attack, hold until {@code length}, linear release. */
    private static double envelope(double t, double length, double attack, double release) {
        if (t < attack) {
            return t / attack;
        }
        if (t < length) {
            return 1;
        }
        return Math.max(0, 1 - (t - length) / release);
    }

    private static void addAt(float[] dst, int start, double[] note, double level) {
        for (int i = 0; i < note.length && start + i < dst.length; i++) {
            dst[start + i] += (float) (level * note[i]);
        }
    }

    static int frame(double seconds) {
        return (int) Math.round(seconds * SAMPLE_RATE);
    }

    private static double hz(double midi) {
        return 440 * Math.pow(2, (midi - 69) / 12);
    }

    /** Peak level in dBFS of every channel together; -Infinity for silence. */
    static double peakDb(AudioBuffer audio) {
        float peak = 0;
        for (int c = 0; c < audio.channels(); c++) {
            float[] x = audio.channel(c);
            for (int i = audio.offset(); i < audio.offset() + audio.frames(); i++) {
                peak = Math.max(peak, Math.abs(x[i]));
            }
        }
        return Decibels.toDb(peak);
    }

    /** RMS level in dBFS of the first channel over {@code spans}, together. */
    static double rmsDb(AudioBuffer audio, List<Span> spans) {
        double sum = 0;
        long n = 0;
        for (Span s : spans) {
            for (int i = s.startFrame(); i < s.startFrame() + s.frames(); i++) {
                double v = audio.get(0, i);
                sum += v * v;
                n++;
            }
        }
        return 10 * Math.log10(sum / n);
    }
}
