package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The limiter's other promises: the identity below the ceiling, its latency, a smooth gain, the release
 * convention (plain and automatic), channel link, the safety clipper, metering and the parameters.
 */
class TruePeakLimiterTest {
    private static final double RATE = 48_000;

    private static AudioBuffer run(TruePeakLimiter l, AudioBuffer x, double rate, int block) {
        AudioBuffer y = x.copy();
        TruePeakLimiterCeilingTest.limit(l, y, rate, block);
        return y;
    }

    /** Random sines below 0.4 fs, every channel different, scaled to a true peak of {@code truePeakDb}. */
    private static AudioBuffer multiSine(int channels, int frames, double rate, double truePeakDb, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < 5; k++) {
                double w = 2 * Math.PI * random.nextDouble(20, 0.4 * rate) / rate;
                double phase = random.nextDouble(2 * Math.PI);
                double a = random.nextDouble(0.1, 1);
                for (int i = 0; i < frames; i++) {
                    x[c][i] += (float) (a * Math.sin(w * i + phase));
                }
            }
        }
        AudioBuffer b = AudioBuffer.wrap(x);
        double scale = Math.pow(10, truePeakDb / 20) / TruePeakLimiterCeilingTest.meterTruePeak(b, rate);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                x[c][i] *= (float) scale;
            }
        }
        return b;
    }

    /** Frames of silence appended, so the whole delayed input comes out. */
    private static AudioBuffer padded(AudioBuffer x, int tail) {
        AudioBuffer b = AudioBuffer.allocate(x.channels(), x.frames() + tail);
        b.view(0, x.frames()).copyFrom(x);
        return b;
    }

    @Test
    void belowTheCeilingItIsTheDelayedIdentityBitForBit() {
        qt().withFixedSeed(11L).withExamples(30)
                .forAll(doubles().between(-20, 0), integers().between(1, 3), longs().all(), booleans().all())
                .checkAssert((ceilingDb, channels, seed, auto) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    TruePeakLimiter l = new TruePeakLimiter();
                    l.setCeilingDbtp(ceilingDb).setLookaheadMs(random.nextDouble(1, 20))
                            .setReleaseMs(random.nextDouble(1, 1000)).setLinkPercent(random.nextDouble(100))
                            .setAutoRelease(auto);
                    // 0.5 dB below the ceiling: more than the margin and the detector's spread above the meter.
                    AudioBuffer x = padded(multiSine(channels, 6000, RATE, ceilingDb - 0.5, seed), 1500);
                    AudioBuffer y = run(l, x, RATE, 1 + random.nextInt(700));
                    int d = l.latencyFrames();
                    for (int c = 0; c < channels; c++) {
                        for (int i = 0; i < x.frames(); i++) {
                            float expected = i < d ? 0f : x.get(c, i - d);
                            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(y.get(c, i)),
                                    "channel " + c + ", frame " + i);
                        }
                    }
                    assertEquals(0, l.maxGainReductionDb());
                });
    }

    @Test
    void latencyIsTheLookaheadPlus74FramesAndExact() {
        for (double rate : new double[] {44_100, 48_000, 96_000, 192_000}) {
            for (double ms : new double[] {1, 5, 12.5, 20}) {
                TruePeakLimiter l = new TruePeakLimiter().setLookaheadMs(ms);
                l.prepare(new ProcessSpec(rate, 512, 1));
                int lookahead = (int) Math.round(ms * rate / 1000);
                assertEquals(lookahead + 74, l.latencyFrames(), rate + " Hz, " + ms + " ms");
                assertEquals(TruePeakDetector.LATENCY + lookahead + TruePeakLimiter.SPREAD - 1, l.latencyFrames());
                for (float amplitude : new float[] {0.5f, 8f}) {
                    AudioBuffer x = AudioBuffer.allocate(1, 200 + l.latencyFrames());
                    x.set(0, 100, amplitude);
                    AudioBuffer y = run(new TruePeakLimiter().setLookaheadMs(ms), x, rate, 512);
                    int loudest = 0;
                    for (int i = 0; i < y.frames(); i++) {
                        if (Math.abs(y.get(0, i)) > Math.abs(y.get(0, loudest))) {
                            loudest = i;
                        }
                    }
                    assertEquals(100 + l.latencyFrames(), loudest, "impulse of " + amplitude);
                    if (amplitude < 0.891f) {
                        assertEquals(amplitude, y.get(0, loudest));
                    }
                }
            }
        }
    }

    /**
     * The gain is {@code 1 - mean} of the last {@code L} held reductions, each in [0, 1 - g_min], so from
     * one frame to the next it moves by at most {@code (1 - g_min) / L}. Read on a quiet probe channel
     * linked to a loud one.
     */
    @Test
    void theGainMovesByAtMostTheReductionOverTheLookaheadPerFrame() {
        // Every kind of signal, each with random lookaheads, releases and seeds: kinds are enumerated.
        for (int signalKind = 0; signalKind <= 4; signalKind++) {
            int kind = signalKind;
            qt().withFixedSeed(13L + kind).withExamples(4)
                .forAll(doubles().between(1, 20), doubles().between(1, 300), longs().all())
                .checkAssert((ms, releaseMs, seed) -> {
                    TruePeakLimiterCeilingTest.Signal s = new TruePeakLimiterCeilingTest.Signal(kind, RATE, 1, 20, seed);
                    AudioBuffer loud = TruePeakLimiterCeilingTest.input(s, 0.2, 2000);
                    AudioBuffer x = AudioBuffer.allocate(2, loud.frames());
                    x.channelView(0, 1).copyFrom(loud);
                    float probe = 1e-3f;
                    java.util.Arrays.fill(x.channel(1), probe);
                    TruePeakLimiter l = new TruePeakLimiter().setLookaheadMs(ms).setReleaseMs(releaseMs).setCeilingDbtp(-3);
                    AudioBuffer y = run(l, x, RATE, 777);
                    int lookahead = (int) Math.round(ms * RATE / 1000);
                    double least = 1;
                    double[] g = new double[y.frames()];
                    for (int i = 0; i < g.length; i++) {
                        g[i] = y.get(1, i) / (double) probe;
                        least = Math.min(least, g[i]);
                    }
                    assertTrue(least < 0.5, "the loud channel was limited");
                    double bound = (1 - least) / lookahead + 1e-6;
                    for (int i = l.latencyFrames() + 1; i < g.length; i++) {
                        double step = Math.abs(g[i] - g[i - 1]);
                        int at = i;
                        assertTrue(step <= bound, () -> "gain steps by " + step + " > " + bound + " at " + at);
                    }
                });
        }
    }

    /**
     * Release convention: after the hold, the reduction {@code 1 - g} falls to 1/e of itself in
     * {@code release} ms. Measured on a DC level of 0.25 after a single spike, from where the reduction is
     * half its largest (and the ramp over the lookahead is over) to where it is 1/e of that.
     */
    private static double measuredReleaseMs(TruePeakLimiter l, AudioBuffer y, int probeChannel, float level, double rate,
            int lookahead) {
        int lastMin = 0;
        double least = 1;
        double[] r = new double[y.frames()];
        for (int i = l.latencyFrames(); i < r.length; i++) {
            double g = y.get(probeChannel, i) / (double) level;
            r[i] = 1 - g;
            if (g <= least) {
                least = g;
                lastMin = i;
            }
        }
        int from = lastMin + lookahead;
        while (r[from] > 0.5 * (1 - least)) {
            from++;
        }
        int to = from;
        while (r[to] > r[from] / Math.E) {
            to++;
        }
        return (to - from) * 1000 / rate;
    }

    @Test
    void theReductionRecoversBy63PercentPerReleaseTime() {
        for (double rate : new double[] {44_100, 96_000}) {
            for (double releaseMs : new double[] {10, 100, 500}) {
                for (boolean auto : new boolean[] {false, true}) {
                    int frames = (int) (rate * (0.1 + 6 * releaseMs / 1000));
                    AudioBuffer x = AudioBuffer.allocate(1, frames);
                    java.util.Arrays.fill(x.channel(0), 0.25f);
                    x.set(0, (int) (0.05 * rate), 4f);
                    TruePeakLimiter l = new TruePeakLimiter().setCeilingDbtp(0).setReleaseMs(releaseMs).setAutoRelease(auto);
                    AudioBuffer y = run(l, x, rate, 1000);
                    double measured = measuredReleaseMs(l, y, 0, 0.25f, rate, (int) Math.round(5 * rate / 1000));
                    // After a single spike the automatic release's slow envelope has hardly charged.
                    assertEquals(releaseMs, measured, 0.1 * releaseMs, rate + " Hz, release " + releaseMs + ", auto " + auto);
                }
            }
        }
    }

    @Test
    void afterSustainedLimitingTheAutomaticReleaseIsUpToFiveTimesSlower() {
        double releaseMs = 40;
        int loudFrames = (int) (3 * RATE);
        int frames = loudFrames + (int) (RATE * 8 * 5 * releaseMs / 1000);
        AudioBuffer x = AudioBuffer.allocate(2, frames);
        for (int i = 0; i < loudFrames; i++) {
            x.set(0, i, (float) (2 * Math.sin(2 * Math.PI * 1000 * i / RATE)));
        }
        float probe = 1e-3f;
        java.util.Arrays.fill(x.channel(1), probe);
        for (boolean auto : new boolean[] {false, true}) {
            TruePeakLimiter l = new TruePeakLimiter().setCeilingDbtp(-1).setReleaseMs(releaseMs).setAutoRelease(auto);
            AudioBuffer y = run(l, x, RATE, 4096);
            double measured = measuredReleaseMs(l, y, 1, probe, RATE, 240);
            // Charged for 3 s with a 1 s time constant while limiting: the slow envelope holds most of the reduction.
            double expected = auto ? TruePeakLimiter.AUTO_RELEASE_FACTOR * releaseMs : releaseMs;
            assertEquals(expected, measured, 0.1 * expected, "auto " + auto);
        }
    }

    @Test
    void fullLinkGivesEveryChannelOneGainAndNoLinkLeavesQuietChannelsAlone() {
        AudioBuffer loud = TruePeakLimiterCeilingTest.input(new TruePeakLimiterCeilingTest.Signal(0, RATE, 1, 12, 3), 0.2, 1000);
        AudioBuffer quiet = multiSine(1, loud.frames(), RATE, -12, 4);
        AudioBuffer x = AudioBuffer.allocate(2, loud.frames());
        x.channelView(0, 1).copyFrom(loud);
        x.channelView(1, 1).copyFrom(quiet);
        for (double link : new double[] {0, 50, 100}) {
            TruePeakLimiter l = new TruePeakLimiter().setCeilingDbtp(-1).setLinkPercent(link);
            AudioBuffer y = run(l, x, RATE, 512);
            int d = l.latencyFrames();
            boolean quietReduced = false;
            for (int i = d; i < y.frames(); i++) {
                float x0 = x.get(0, i - d);
                float x1 = x.get(1, i - d);
                if (Math.abs(x0) < 0.05f || Math.abs(x1) < 0.05f) {
                    continue;
                }
                double g0 = y.get(0, i) / (double) x0;
                double g1 = y.get(1, i) / (double) x1;
                if (link == 100) {
                    // One gain: the two ratios differ only by the rounding of each product to float.
                    assertEquals(g0, g1, 2.5e-7 * g0, "frame " + i);
                } else if (link == 0) {
                    assertEquals(x1, y.get(1, i), "the quiet channel is untouched at frame " + i);
                } else {
                    assertTrue(g1 >= g0 - 2.5e-7, "frame " + i);
                }
                quietReduced |= g1 < 0.99;
            }
            assertEquals(link > 0, quietReduced, "link " + link);
        }
    }

    @Test
    void theSafetyClipperActsOnlyWhenAsked() {
        // Finite input: the gain already holds the ceiling, so the clipper changes nothing.
        AudioBuffer x = TruePeakLimiterCeilingTest.input(new TruePeakLimiterCeilingTest.Signal(1, RATE, 2, 15, 9), 0.2, 1000);
        AudioBuffer plain = run(new TruePeakLimiter().setCeilingDbtp(-6), x, RATE, 300);
        AudioBuffer clipped = run(new TruePeakLimiter().setCeilingDbtp(-6).setClip(true), x, RATE, 300);
        assertTrue(plain.sameSamples(clipped));
        // Non-finite input: passed on as content without the clipper, held to the ceiling with it. A short
        // release brings the gain back to exactly 1 well before frame 2500.
        AudioBuffer bad = AudioBuffer.allocate(1, 4000);
        bad.set(0, 100, Float.POSITIVE_INFINITY);
        bad.set(0, 300, Float.NaN);
        bad.set(0, 500, Float.NEGATIVE_INFINITY);
        bad.set(0, 2500, 0.25f);
        TruePeakLimiter off = new TruePeakLimiter().setCeilingDbtp(-6).setReleaseMs(1);
        AudioBuffer passed = run(off, bad, RATE, 256);
        int d = off.latencyFrames();
        assertTrue(Float.isNaN(passed.get(0, 300 + d)));
        assertFalse(Float.isFinite(passed.get(0, 100 + d)));
        assertEquals(0.25f, passed.get(0, 2500 + d));
        AudioBuffer held = run(new TruePeakLimiter().setCeilingDbtp(-6).setReleaseMs(1).setClip(true), bad, RATE, 256);
        float ceiling = (float) Math.pow(10, -6 / 20.0);
        for (int i = 0; i < held.frames(); i++) {
            assertTrue(Float.isFinite(held.get(0, i)) && Math.abs(held.get(0, i)) <= ceiling, "frame " + i);
        }
        assertEquals(0.25f, held.get(0, 2500 + d));
    }

    @Test
    void gainReductionIsMetered() {
        TruePeakLimiter l = new TruePeakLimiter().setCeilingDbtp(-10);
        AudioBuffer x = AudioBuffer.allocate(2, (int) RATE);
        for (int i = 0; i < x.frames(); i++) {
            // A steady 1 kHz sine at -4 dBTP: 6 dB over the ceiling, plus the margin.
            float v = (float) (Math.pow(10, -4 / 20.0) * Math.sin(2 * Math.PI * 1000 * i / RATE));
            x.set(0, i, v);
            x.set(1, i, v);
        }
        run(l, x, RATE, 1024);
        assertEquals(6 + TruePeakLimiter.MARGIN_DB, l.gainReductionDb(), 0.02);
        assertEquals(6 + TruePeakLimiter.MARGIN_DB, l.maxGainReductionDb(), 0.02);
        l.reset();
        assertEquals(0, l.gainReductionDb());
        assertEquals(0, l.maxGainReductionDb());
    }

    @Test
    void processAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AudioBuffer x = TruePeakLimiterCeilingTest.input(new TruePeakLimiterCeilingTest.Signal(0, RATE, 2, 12, 1), 1, 0);
        TruePeakLimiter l = new TruePeakLimiter().setAutoRelease(true).setLinkPercent(60).setClip(true);
        l.prepare(new ProcessSpec(RATE, 4096, 2));
        AudioBuffer[] blocks = new AudioBuffer[x.frames() / 480];
        for (int k = 0; k < blocks.length; k++) {
            blocks[k] = x.view(480 * k, 480);
        }
        for (int warm = 0; warm < 20; warm++) {
            for (AudioBuffer b : blocks) {
                l.process(b);
            }
        }
        // The JIT may still allocate now and then while it recompiles; an allocating process always would.
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (AudioBuffer b : blocks) {
                l.process(b);
            }
            least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(0, least);
    }

    @Test
    void describedAsLimiterWithValidatedParameters() {
        assertTrue(TruePeakLimiter.DESCRIPTOR.create() instanceof TruePeakLimiter);
        assertEquals("limiter", TruePeakLimiter.DESCRIPTOR.name());
        TruePeakLimiter l = new TruePeakLimiter();
        assertEquals("limiter", l.toString());
        assertEquals("limiter ceiling=-1 lookahead=5 release=100 auto=off link=100 clip=off",
                l.settings().toFullString());
        l.set("auto", "on");
        l.set("clip", 1);
        assertEquals("limiter auto=on clip=on", l.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.setCeilingDbtp(0.5));
        assertEquals("ceiling 0.5 is out of range [-20, 0]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> l.setLookaheadMs(0.5));
        assertThrows(IllegalArgumentException.class, () -> l.setReleaseMs(2000));
        assertThrows(IllegalArgumentException.class, () -> l.set("auto", 2));
        assertEquals(0, new TruePeakLimiter().latencyFrames());
    }

    @Test
    void lookaheadChangesTakeEffectAtTheNextPrepare() {
        TruePeakLimiter l = new TruePeakLimiter().setLookaheadMs(10);
        l.prepare(new ProcessSpec(RATE, 64, 1));
        assertEquals(480 + 74, l.latencyFrames());
        l.setLookaheadMs(2);
        assertThrows(IllegalStateException.class, () -> l.process(AudioBuffer.allocate(1, 64)),
                "fixed at prepare: processing on is an error until prepared again");
        l.reset();
        assertEquals(480 + 74, l.latencyFrames());
        l.prepare(new ProcessSpec(RATE, 64, 1));
        assertEquals(96 + 74, l.latencyFrames());
    }

    /** With a pool the channels' detectors run in parallel, and the output is the same, bit for bit. */
    /**
     * With every parameter steady the limiter fills its per-frame values at once and, fully linked,
     * runs one envelope for all channels; the output is bit for bit that of reading every value per
     * frame with an envelope per channel (automation forces that path), across changes of link and
     * ceiling that leave the shared envelope and come back to it, for random signals, settings and
     * block sizes.
     */
    @Test
    void steadyAndLinkedPathsGiveTheOutputOfTheGeneralPath() {
        SplittableRandom r = new SplittableRandom(19);
        for (int trial = 0; trial < 12; trial++) {
            int channels = 2 + r.nextInt(2);
            int frames = 30_000;
            AudioBuffer x = AudioBuffer.allocate(channels, frames);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < frames; i++) {
                    x.set(c, i, (float) ((c + 1) * 0.8 * (r.nextDouble() * 2 - 1) * (1 + Math.sin(i * 0.001))));
                }
            }
            int change = 8000 + r.nextInt(4000);
            int back = 18_000 + r.nextInt(4000);
            double release = 5 + 100 * r.nextDouble();
            boolean autoRelease = r.nextBoolean();
            boolean clipOn = r.nextBoolean();
            double rate = 48_000;
            TruePeakLimiter steady = new TruePeakLimiter().setReleaseMs(release).setAutoRelease(autoRelease)
                    .setClip(clipOn);
            steady.parameter("release").setImmediate(release);
            TruePeakLimiter automated = new TruePeakLimiter();
            automated.automate("release", io.github.mixwright.core.Automation.constant(release));
            automated.automate("auto", io.github.mixwright.core.Automation.constant(autoRelease ? 1 : 0));
            automated.automate("clip", io.github.mixwright.core.Automation.constant(clipOn ? 1 : 0));
            automated.automate("link", io.github.mixwright.core.Automation.builder(0, 100)
                    .holdTo(change / rate, 40).holdTo(back / rate, 100).build());
            automated.automate("ceiling", io.github.mixwright.core.Automation.builder(0, -1)
                    .holdTo(change / rate, -4).build());
            steady.prepare(new ProcessSpec(rate, 4096, channels));
            automated.prepare(new ProcessSpec(rate, 4096, channels));
            AudioBuffer a = x.copy();
            AudioBuffer b = x.copy();
            for (int at = 0; at < frames; ) {
                int n = 1 + r.nextInt(4096);
                n = Math.min(n, frames - at);
                if (at < change && at + n > change) {
                    n = change - at;
                } else if (at < back && at + n > back) {
                    n = back - at;
                }
                if (at == change) {
                    steady.parameter("link").setImmediate(40);
                    steady.parameter("ceiling").setImmediate(-4);
                } else if (at == back) {
                    steady.parameter("link").setImmediate(100);
                }
                steady.process(a.view(at, n));
                automated.process(b.view(at, n));
                at += n;
            }
            for (int c = 0; c < channels; c++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(b.channel(c), a.channel(c), "trial " + trial + " change " + change + " back " + back + " channel " + c);
            }
            assertEquals(automated.maxGainReductionDb(), steady.maxGainReductionDb(), 0);
        }
    }

    @Test
    void executorGivesBitIdenticalOutput() {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            double rate = 48_000;
            AudioBuffer x = multiSine(3, 30_000, rate, 6, 77);
            for (int block : new int[] {100, 4096, 30_000}) {
                AudioBuffer serial = run(new TruePeakLimiter(), x, rate, block);
                TruePeakLimiter parallel = new TruePeakLimiter();
                parallel.setExecutor(pool);
                AudioBuffer y = run(parallel, x, rate, block);
                for (int c = 0; c < x.channels(); c++) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(serial.channel(c), y.channel(c),
                            "channel " + c + ", blocks of " + block);
                }
                assertTrue(parallel.maxGainReductionDb() > 5, "it limits");
            }
        } finally {
            pool.shutdown();
        }
    }
}
