package io.github.mixwright.cli;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Automation;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.Decibels;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorRegistry;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The demo piece: five bars in A minor at 120 BPM (Am, F, C, G, Am) for kick, hi-hat, bass, pad and
 * lead, synthesised here and then treated like recorded tracks with the core processors, in the
 * same chain syntax as {@code mixwright process}. Every step is seeded, so a render is repeatable.
 */
final class DemoSong {
    static final int SAMPLE_RATE = 48_000;
    static final long SEED = 20_261_124L;
    private static final double BEAT = 0.5;
    private static final int BEATS = 20;
    /** The music plus one second for the last notes to ring out. */
    static final double SECONDS = BEATS * BEAT + 1;
    static final int FRAMES = (int) (SECONDS * SAMPLE_RATE);
    /** A small block, as a live host would use; the processors give the same samples for any size. */
    private static final int BLOCK = 512;

    private static final int[] BASS_ROOTS = {33, 29, 36, 31, 33};
    private static final int[][] CHORDS = {{57, 60, 64}, {53, 57, 60}, {55, 60, 64}, {55, 59, 62}, {57, 60, 64}};
    /** Lead notes: start beat, length in beats, MIDI note. */
    private static final double[][] MELODY = {
        {4, 1, 72}, {5, 0.5, 74}, {5.5, 0.5, 72}, {6, 1.5, 69}, {7.5, 0.5, 67},
        {8, 1, 76}, {9, 1, 74}, {10, 1, 72}, {11, 1, 67},
        {12, 1.5, 74}, {13.5, 0.5, 72}, {14, 1, 71}, {15, 1, 67},
        {16, 3, 69}};

    /** One processed track: a file name without extension, what it shows, and its stereo audio. */
    record Stem(String name, String description, AudioBuffer audio) {
    }

    /** The processed tracks and their sum after the master fade. */
    record Song(List<Stem> stems, AudioBuffer mix) {
    }

    private DemoSong() {
    }

    /** Renders the piece with the processors of {@code registry} (which must offer the core ones). */
    static Song render(ProcessorRegistry registry, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Stem> stems = List.of(
                new Stem("kick", "four on the floor; its body layer, recorded inverted, flipped back by polarity",
                        kick(registry, random.split())),
                new Stem("hats", "off-beat noise hits, high-passed at 5 kHz, panned right", hats(registry, random.split())),
                new Stem("bass", "eighth-note saw bass, low-passed with a peak at 110 Hz, centred", bass(registry)),
                new Stem("pad", "detuned saw chords, high-passed, widened by width, faded in by gain automation",
                        pad(registry)),
                new Stem("lead", "melody whose pan position is automated from left to right", lead(registry)));
        AudioBuffer mix = AudioBuffer.allocate(2, FRAMES);
        for (Stem s : stems) {
            add(s.audio(), mix);
        }
        double fadeStart = SECONDS - 2.5;
        process(registry, "gain", mix, chain -> automate(chain, 0, "db",
                Automation.builder(fadeStart, 0).linearTo(SECONDS, -60).build()));
        return new Song(stems, mix);
    }

    private static AudioBuffer kick(ProcessorRegistry registry, SplittableRandom random) {
        AudioBuffer body = AudioBuffer.allocate(2, FRAMES);
        AudioBuffer click = AudioBuffer.allocate(2, FRAMES);
        for (int beat = 0; beat < BEATS; beat++) {
            int start = frame(beat * BEAT);
            double phase = 0;
            for (int i = 0; i < frame(0.45) && start + i < FRAMES; i++) {
                double t = i / (double) SAMPLE_RATE;
                phase += 2 * Math.PI * (45 + 85 * Math.exp(-t / 0.035)) / SAMPLE_RATE;
                // The "inside mic" layer arrives with opposite polarity; summed as is it would cancel the click.
                body.channel(0)[start + i] = (float) (-0.9 * Math.sin(phase) * Math.exp(-t / 0.16));
                click.channel(0)[start + i] = (float) (0.35 * (random.nextDouble() * 2 - 1) * Math.exp(-t / 0.004)
                        + 0.5 * Math.sin(phase) * Math.exp(-t / 0.01));
            }
        }
        process(registry, "polarity", body, null);
        add(click, body);
        process(registry, "gain db=-9 | pan position=0 mode=mono", body, null);
        return body;
    }

    private static AudioBuffer hats(ProcessorRegistry registry, SplittableRandom random) {
        AudioBuffer hats = AudioBuffer.allocate(2, FRAMES);
        float[] x = hats.channel(0);
        for (int eighth = 0; eighth < BEATS * 2; eighth++) {
            int start = frame(eighth * BEAT / 2);
            double level = eighth % 2 == 1 ? 1 : 0.45;
            double previous = 0;
            for (int i = 0; i < frame(0.12) && start + i < FRAMES; i++) {
                double noise = random.nextDouble() * 2 - 1;
                // A first difference tilts white noise towards the top octaves, where cymbals live.
                x[start + i] += (float) (level * (noise - previous) * Math.exp(-i / (0.025 * SAMPLE_RATE)));
                previous = noise;
            }
        }
        process(registry, "highpass freq=5000 q=0.707 | gain db=-19 | pan position=0.45 mode=mono", hats, null);
        return hats;
    }

    private static AudioBuffer bass(ProcessorRegistry registry) {
        AudioBuffer bass = AudioBuffer.allocate(2, FRAMES);
        int[] pattern = {0, 0, 12, 0, 0, 0, 12, 7};
        for (int bar = 0; bar < BASS_ROOTS.length; bar++) {
            for (int e = 0; e < 8; e++) {
                double start = (bar * 4 + e * 0.5) * BEAT;
                double[] note = saw(BASS_ROOTS[bar] + pattern[e], 0.22, 0, 400, 0.005, 0.03);
                addAt(bass.channel(0), frame(start), note, 0.8);
            }
        }
        process(registry, "lowpass freq=1200 q=0.707 | peak freq=110 gain=3 q=1.2 | gain db=-6 | pan position=0 mode=mono",
                bass, null);
        return bass;
    }

    private static AudioBuffer pad(ProcessorRegistry registry) {
        AudioBuffer pad = AudioBuffer.allocate(2, FRAMES);
        for (int bar = 0; bar < CHORDS.length; bar++) {
            double length = bar == CHORDS.length - 1 ? 4 * BEAT : 4 * BEAT - 0.05;
            for (int midi : CHORDS[bar]) {
                // Each side gets its own detuning: the beating differs left and right, so the pad has width to widen.
                addAt(pad.channel(0), frame(bar * 4 * BEAT), saw(midi, length, -7, 1500, 0.25, 0.6), 0.16);
                addAt(pad.channel(1), frame(bar * 4 * BEAT), saw(midi, length, 7, 1500, 0.25, 0.6), 0.16);
            }
        }
        process(registry, "highpass freq=180 q=0.707 | width amount=1.6 | gain db=-10", pad, chain -> automate(chain, 2, "db",
                Automation.builder(0, -50).sCurveTo(4 * BEAT * 1.5, -10).build()));
        return pad;
    }

    private static AudioBuffer lead(ProcessorRegistry registry) {
        AudioBuffer lead = AudioBuffer.allocate(2, FRAMES);
        float[] x = lead.channel(0);
        for (double[] n : MELODY) {
            double hz = hz(n[2]);
            double length = n[1] * BEAT - 0.02;
            int start = frame(n[0] * BEAT);
            double phase = 0;
            for (int i = 0; i < frame(length + 0.15) && start + i < FRAMES; i++) {
                double t = i / (double) SAMPLE_RATE;
                double vibrato = t > 0.25 ? 0.004 * Math.sin(2 * Math.PI * 5.5 * t) : 0;
                phase += 2 * Math.PI * hz * (1 + vibrato) / SAMPLE_RATE;
                double tone = Math.sin(phase) + 0.35 * Math.sin(2 * phase) + 0.15 * Math.sin(3 * phase);
                x[start + i] += (float) (0.5 * tone * envelope(t, length, 0.015, 0.15));
            }
        }
        process(registry, "gain db=-9 | pan position=-0.4 mode=mono", lead, chain -> automate(chain, 1, "position",
                Automation.builder(2 * BEAT * 4, -0.4).sCurveTo(BEATS * BEAT, 0.4).build()));
        return lead;
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

    private static void process(ProcessorRegistry registry, String chainText, AudioBuffer audio,
            Consumer<Chain> setup) {
        Chain chain = ChainSpec.parse(chainText, registry).build();
        if (setup != null) {
            setup.accept(chain);
        }
        chain.prepare(new ProcessSpec(SAMPLE_RATE, BLOCK, audio.channels()));
        for (int start = 0; start < audio.frames(); start += BLOCK) {
            chain.process(audio.view(start, Math.min(BLOCK, audio.frames() - start)));
        }
    }

    private static void automate(Chain chain, int stage, String parameter, Automation curve) {
        ((ParameterizedProcessor) chain.stage(stage)).automate(parameter, curve);
    }

    private static void add(AudioBuffer from, AudioBuffer to) {
        for (int c = 0; c < to.channels(); c++) {
            float[] a = from.channel(c);
            float[] b = to.channel(c);
            for (int i = 0; i < to.frames(); i++) {
                b[i] += a[i];
            }
        }
    }

    private static void addAt(float[] dst, int start, double[] note, double level) {
        for (int i = 0; i < note.length && start + i < dst.length; i++) {
            dst[start + i] += (float) (level * note[i]);
        }
    }

    private static int frame(double seconds) {
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
}
