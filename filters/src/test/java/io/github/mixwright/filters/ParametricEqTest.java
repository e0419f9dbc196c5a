package io.github.mixwright.filters;

import static io.github.mixwright.filters.CookbookTesting.logUniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * ParametricEq: steady output equals the cascade of its bands, block-size invariance under band
 * changes, bounded and click-free output under random changes, identity at 0 dB, the band list API.
 */
class ParametricEqTest {
    private static final double FS = 48000;
    private static final FilterType[] TYPES = FilterType.values();
    /** Frames before the first change: the sine switched on at frame 0 is a click of its own. */
    private static final int WARM_UP = 2400;

    private static EqBand randomBand(SplittableRandom r) {
        FilterType type = TYPES[r.nextInt(TYPES.length)];
        double hz = logUniform(40, 16000, r.nextDouble());
        double gainDb = r.nextDouble(-18, 18);
        return new EqBand(type, hz, logUniform(0.3, 6, r.nextDouble()), gainDb, r.nextInt(5) > 0);
    }

    /** A change applied to the EQ before frame {@code frame}. */
    private record Event(int frame, Consumer<ParametricEq> change) {
    }

    /** Random band edits: glides, type changes, toggles, additions and removals, 2 to 40 ms apart. */
    private static List<Event> events(SplittableRandom r, int frames) {
        List<Event> list = new ArrayList<>();
        for (int frame = r.nextInt(WARM_UP, WARM_UP + 2000); frame < frames; frame += r.nextInt(96, 1920)) {
            long seed = r.nextLong();
            list.add(new Event(frame, eq -> edit(eq, new SplittableRandom(seed))));
        }
        return list;
    }

    private static void edit(ParametricEq eq, SplittableRandom r) {
        int kind = r.nextInt(10);
        if (eq.bandCount() == 0 || kind == 0) {
            if (eq.bandCount() < 6) {
                eq.setBand(eq.bandCount(), randomBand(r));
            }
            return;
        }
        int k = r.nextInt(eq.bandCount());
        EqBand b = eq.bands().get(k);
        switch (kind) {
            case 1: {
                List<EqBand> bands = new ArrayList<>(eq.bands());
                bands.remove(k);
                eq.setBands(bands);
                break;
            }
            case 2:
                eq.setBand(k, b.withEnabled(!b.enabled()));
                break;
            case 3:
                eq.setBand(k, new EqBand(TYPES[r.nextInt(TYPES.length)], b.frequencyHz(), b.q(), b.gainDb(), b.enabled()));
                break;
            default:
                double hz = logUniform(40, 16000, r.nextDouble());
                double gainDb = r.nextDouble(-18, 18);
                eq.setBand(k, new EqBand(b.type(), hz, logUniform(0.3, 6, r.nextDouble()), gainDb, b.enabled()));
                break;
        }
    }

    /** Runs {@code input} through a fresh EQ in blocks of {@code blockSize}, applying the events on time. */
    private static AudioBuffer render(List<EqBand> initial, List<Event> events, AudioBuffer input, int blockSize) {
        ParametricEq eq = ParametricEq.of(initial);
        eq.prepare(new ProcessSpec(FS, blockSize, input.channels()));
        AudioBuffer out = input.copy();
        int next = 0;
        int frame = 0;
        while (frame < out.frames()) {
            while (next < events.size() && events.get(next).frame() <= frame) {
                events.get(next++).change().accept(eq);
            }
            int end = next < events.size() ? Math.min(out.frames(), events.get(next).frame()) : out.frames();
            int n = Math.min(blockSize, end - frame);
            eq.process(out.view(frame, n));
            frame += n;
        }
        return out;
    }

    private static AudioBuffer noise(SplittableRandom r, int channels, int frames) {
        AudioBuffer b = AudioBuffer.allocate(channels, frames);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                b.set(c, i, (float) (r.nextDouble() - 0.5));
            }
        }
        return b;
    }

    private static AudioBuffer sine(double hz, double amplitude, int channels, int frames) {
        AudioBuffer b = AudioBuffer.allocate(channels, frames);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                b.set(c, i, (float) (amplitude * Math.sin(2 * Math.PI * hz * i / FS + c)));
            }
        }
        return b;
    }

    private static List<EqBand> initialBands(SplittableRandom r) {
        List<EqBand> bands = new ArrayList<>();
        for (int k = r.nextInt(1, 5); k > 0; k--) {
            bands.add(randomBand(r));
        }
        return bands;
    }

    @Test
    void steadyOutputIsTheCascadeOfItsBandsBitForBit() {
        qt().withFixedSeed(501L).withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<EqBand> bands = new ArrayList<>();
            List<BiquadCoefficients> sections = new ArrayList<>();
            for (int k = r.nextInt(1, 33); k > 0; k--) {
                EqBand b = randomBand(r).withEnabled(true);
                bands.add(b);
                sections.add(b.coefficients(FS));
            }
            AudioBuffer input = noise(r, 2, 3000);
            AudioBuffer expected = input.copy();
            BiquadCascade cascade = BiquadCascade.of(sections);
            cascade.prepare(new ProcessSpec(FS, 3000, 2));
            cascade.process(expected);
            assertTrue(expected.sameSamples(render(bands, List.of(), input, 512)), bands::toString);
            assertEquals(cascade.frequencyResponse(FS).response(1234.5), ParametricEq.of(bands).frequencyResponse(FS).response(1234.5));
        });
    }

    @Test
    void blockSizeInvariantUnderRandomBandChanges() {
        qt().withFixedSeed(502L).withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<EqBand> initial = initialBands(r);
            AudioBuffer input = noise(r, 2, 24000);
            List<Event> events = events(r, 24000);
            AudioBuffer reference = render(initial, events, input, 1);
            for (int blockSize : new int[] {7, 64, 4096}) {
                assertTrue(reference.sameSamples(render(initial, events, input, blockSize)), "block size " + blockSize);
            }
        });
    }

    /**
     * Whether {@code y} clicks: its content above 0.42 fs ({@link CookbookTesting#highBandPeak}) reaches
     * -80 dB of the larger of the input's amplitude and the output's peak. A sine below 1 kHz through
     * bands up to 16 kHz has none there however the bands move, as long as nothing in the waveform
     * breaks or kinks. Measured over 2,100 random renders (seeds 1 to 6 and 503, 300 each): the glides
     * and crossfades as they are read -100 dB at most; the same at a constant rate (as this EQ's were,
     * stopping dead at their ends and turning sharply when reversed) -53 to -63 dB per seed; a section
     * switched in abruptly -20 dB.
     */
    private static String click(float[] y, double inputAmplitude) {
        return click(y, inputAmplitude, -80);
    }

    /** {@link #click(float[], double)} with the limit {@code limitDb} instead of -80 dB. */
    private static String click(float[] y, double inputAmplitude, double limitDb) {
        double peak = 0;
        for (int i = WARM_UP; i < y.length; i++) {
            peak = Math.max(peak, Math.abs(y[i]));
        }
        double high = CookbookTesting.highBandPeak(y, WARM_UP);
        double reference = Math.max(inputAmplitude, peak);
        return high > Math.pow(10, limitDb / 20) * reference
                ? "high band at " + 20 * Math.log10(high / reference) + " dB of the level " + reference : null;
    }

    @Test
    void boundedAndClickFreeUnderRandomChanges() {
        qt().withFixedSeed(503L).withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<EqBand> initial = initialBands(r);
            List<Event> events = events(r, 24000);
            double hz = logUniform(100, 1000, r.nextDouble());
            AudioBuffer out = render(initial, events, sine(hz, 0.25, 2, 24000), 256);
            for (int c = 0; c < 2; c++) {
                for (float v : out.channel(c)) {
                    assertTrue(Float.isFinite(v) && Math.abs(v) < 100, "bounded: " + v);
                }
                String click = click(out.channel(c), 0.25);
                assertEquals(null, click, () -> "click at " + hz + " Hz from " + initial);
            }
        });
    }

    /**
     * The moves that kinked the waveform when glides ran at a constant rate and fades ramped linearly,
     * each on its own: a 23 dB shelf glide ending, a glide turned midway by a new target, and a +18 dB
     * band's fade-in reversed midway into a fade-out by a change of type. On their own they read below
     * -129 dB; at a constant rate -81 to -95 dB; the limit is -110 dB.
     */
    @Test
    void glidesAndFadesEndAndTurnWithoutAKink() {
        EqBand shelf = EqBand.of(FilterType.FIRST_ORDER_LOW_SHELF, 4100, 0.7, -5.4);
        List<List<Event>> moves = List.of(
                List.of(new Event(4800, eq -> eq.setBand(0, EqBand.of(FilterType.FIRST_ORDER_LOW_SHELF, 11600, 0.7, 17.8)))),
                List.of(new Event(4800, eq -> eq.setBand(0, EqBand.of(FilterType.FIRST_ORDER_LOW_SHELF, 11600, 0.7, 17.8))),
                        new Event(5280, eq -> eq.setBand(0, EqBand.of(FilterType.FIRST_ORDER_LOW_SHELF, 300, 0.7, -12)))),
                List.of(new Event(4800, eq -> eq.setBand(1, EqBand.of(FilterType.FIRST_ORDER_LOW_SHELF, 6300, 0.7, 17.6))),
                        new Event(5300, eq -> eq.setBand(1, EqBand.of(FilterType.NOTCH, 6300, 1.3, 0)))));
        for (double hz : new double[] {136, 223}) {
            for (List<Event> move : moves) {
                AudioBuffer out = render(List.of(shelf), move, sine(hz, 0.25, 1, 12000), 256);
                assertEquals(null, click(out.channel(0), 0.25, -110), hz + " Hz, " + moves.indexOf(move));
            }
        }
    }

    @Test
    void theClickDetectorCatchesAnAbruptSwitch() {
        AudioBuffer x = sine(300, 0.25, 1, 9600);
        Biquad lp = Biquad.of(BiquadCoefficients.lowPass(FS, 1000, 2));
        lp.prepare(new ProcessSpec(FS, 9600, 1));
        lp.process(x.view(4850, 4750));
        assertFalse(click(x.channel(0), 0.25) == null, "a section switched in without a fade clicks");
        AudioBuffer faded = render(List.of(), List.of(new Event(4850,
                eq -> eq.setBand(0, EqBand.of(FilterType.LOW_PASS, 1000, 2, 0)))), sine(300, 0.25, 1, 9600), 512);
        assertEquals(null, click(faded.channel(0), 0.25));
    }

    @Test
    void zeroDbBandsAreTheIdentity() {
        qt().withFixedSeed(504L).withExamples(50).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            FilterType[] gainTypes = {FilterType.PEAKING, FilterType.LOW_SHELF, FilterType.HIGH_SHELF,
                FilterType.FIRST_ORDER_LOW_SHELF, FilterType.FIRST_ORDER_HIGH_SHELF};
            List<EqBand> bands = new ArrayList<>();
            for (int k = r.nextInt(1, 9); k > 0; k--) {
                bands.add(EqBand.of(gainTypes[r.nextInt(gainTypes.length)], logUniform(20, 20000, r.nextDouble()), logUniform(0.1, 20, r.nextDouble()),
                        0));
            }
            AudioBuffer input = noise(r, 1, 4000);
            AudioBuffer out = render(bands, List.of(), input, 1000);
            for (int i = 0; i < 4000; i++) {
                assertEquals(input.get(0, i), out.get(0, i), 1e-6);
            }
        });
    }

    @Test
    void glidesEndOnTheTargetResponse() {
        ParametricEq eq = ParametricEq.of(EqBand.of(FilterType.PEAKING, 500, 2, 9), EqBand.of(FilterType.HIGH_PASS, 30, 0.7, 0));
        eq.prepare(new ProcessSpec(FS, 4800, 1));
        eq.process(noise(new SplittableRandom(1), 1, 4800));
        eq.setBand(0, EqBand.of(FilterType.PEAKING, 4000, 1, -6));
        eq.setBand(1, EqBand.of(FilterType.LOW_SHELF, 200, 0.7, 4));
        eq.process(noise(new SplittableRandom(2), 1, 4800)); // 100 ms: glides and crossfades are over
        eq.reset();
        int n = 1 << 16;
        AudioBuffer impulse = AudioBuffer.allocate(1, n);
        impulse.set(0, 0, 1f);
        eq.prepare(new ProcessSpec(FS, n, 1));
        eq.process(impulse);
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = impulse.get(0, i);
        }
        for (double f : new double[] {50, 200, 1000, 4000, 15000}) {
            assertEquals(eq.frequencyResponse(FS).magnitudeDb(f), CookbookTesting.dft(h, f, FS).magnitudeDb(), 0.01);
        }
        assertEquals(BiquadCoefficients.peaking(FS, 4000, 1, -6).magnitudeDb(4000) + BiquadCoefficients.lowShelf(FS, 200, 0.7, 4)
                .magnitudeDb(4000), eq.frequencyResponse(FS).magnitudeDb(4000), 1e-12);
    }

    @Test
    void bandListIsChecked() {
        ParametricEq eq = new ParametricEq();
        assertEquals(0, eq.bandCount());
        assertEquals(1, eq.frequencyResponse(FS).response(1000).re());
        EqBand b = EqBand.of(FilterType.NOTCH, 60, 10, 0);
        assertThrows(IllegalArgumentException.class, () -> eq.setBand(1, b));
        eq.setBand(0, b).setBand(1, b.withEnabled(false));
        assertEquals(List.of(b, b.withEnabled(false)), eq.bands());
        assertEquals(b.coefficients(FS).magnitudeDb(60), eq.frequencyResponse(FS).magnitudeDb(60), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> eq.setBands(Collections.nCopies(33, b)));
        eq.setBands(Collections.nCopies(32, b));
        assertThrows(IllegalArgumentException.class, () -> eq.setBand(32, b));
        assertThrows(IllegalStateException.class, () -> eq.process(AudioBuffer.allocate(1, 1)));
        assertEquals("frequencyHz 0 is out of range (0, 1000000]",
                assertThrows(IllegalArgumentException.class, () -> EqBand.of(FilterType.PEAKING, 0, 1, 0)).getMessage());
        assertTrue(EqBand.of(FilterType.LOW_PASS, 1000, 1, 0).withEnabled(false).coefficients(FS).equals(BiquadCoefficients.identity(FS)));
    }
}
