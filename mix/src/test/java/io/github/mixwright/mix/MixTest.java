package io.github.mixwright.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import io.github.mixwright.core.Automation;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavWriter;
import io.github.mixwright.io.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mix against sums computed here from the documented formulas: the constant-power law
 * {@code L = cos((p + 1) pi / 4)}, {@code R = sin((p + 1) pi / 4)}, balance for stereo tracks, fades
 * {@code shape((k + 1/2) / F)}, gains in dB, sends before and after the fader.
 */
class MixTest {
    private static final double RATE = 48_000;

    static AudioBuffer noise(int channels, int frames, long seed) {
        SplittableRandom g = new SplittableRandom(seed);
        AudioBuffer b = AudioBuffer.allocate(channels, frames);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                b.set(c, i, (float) (0.5 * (g.nextDouble() - 0.5)));
            }
        }
        return b;
    }

    static AudioBuffer render(Mix mix) throws IOException {
        try (AudioSource s = mix.open()) {
            AudioBuffer out = AudioBuffer.allocate(2, (int) s.frames());
            int done = 0;
            while (done < out.frames()) {
                int n = s.read(out.view(done, Math.min(3000, out.frames() - done)));
                assertTrue(n > 0, "the mix ended early at " + done + " of " + out.frames());
                done += n;
            }
            assertEquals(0, s.read(AudioBuffer.allocate(2, 10)));
            return out;
        }
    }

    private static double db(double v) {
        return Math.pow(10, v / 20);
    }

    @Test
    void gainsPansFadesAndSendsSumAsTheFormulasSay() throws IOException {
        int n = 20_000;
        AudioBuffer a = noise(1, n, 1);
        AudioBuffer b = noise(2, n, 2);
        AudioBuffer c = noise(1, n, 3);
        Automation ramp = Automation.builder(0, -10).linearTo(n / RATE, 0).build();
        Mix mix = Mix.builder(RATE)
                .track(Track.builder("a").clip(Clip.of(ClipSource.of(a, RATE)).at(0.05).gainDb(-2)
                                .fadeIn(new Fade(0.1, FadeShape.LINEAR)).fadeOut(new Fade(0.2, FadeShape.EQUAL_POWER)))
                        .pan(-0.5).volumeDb(-3).build())
                .track(Track.builder("b").clip(Clip.of(ClipSource.of(b, RATE)).from(0.01).length(0.3))
                        .pan(0.3).volumeAutomation(ramp).build())
                .track(Track.builder("c").clip(Clip.of(ClipSource.of(c, RATE)).fadeIn(new Fade(0.02, FadeShape.S_CURVE)))
                        .volumeDb(-20).pan(0.8).send(Send.of("fx", -6)).send(Send.pre("fx", -12)).build())
                .bus(Bus.of("fx").withVolumeDb(-1).withPan(-0.25))
                .build();
        AudioBuffer out = render(mix);

        int startA = 2400;
        int total = Math.max(startA + n, n);
        assertEquals(total, out.frames());
        double[][] ref = new double[2][total];
        // a: mono, constant power at -0.5, -3 dB, clip -2 dB, linear fade in 4800, equal-power fade out 9600
        double la = Math.cos((-0.5 + 1) * Math.PI / 4);
        double ra = Math.sin((-0.5 + 1) * Math.PI / 4);
        for (int k = 0; k < n; k++) {
            double env = db(-2);
            if (k < 4800) {
                env *= (k + 0.5) / 4800;
            }
            if (k >= n - 9600) {
                env *= Math.sin(Math.PI / 2 * (n - k - 0.5) / 9600);
            }
            float x = (float) (a.get(0, k) * env);
            ref[0][startA + k] += (float) (db(-3) * (la * x));
            ref[1][startA + k] += (float) (db(-3) * (ra * x));
        }
        // b: stereo from 480 frames in, 14400 frames, balance 0.3 (the right stays, the left falls to
        // cos(1.3 pi/4) / cos(pi/4)), volume ramping from -10 dB at 0 s to 0 dB at n frames
        double lb = Math.min(1, Math.cos(1.3 * Math.PI / 4) / Math.cos(Math.PI / 4));
        double rb = Math.min(1, Math.sin(1.3 * Math.PI / 4) / Math.sin(Math.PI / 4));
        for (int k = 0; k < 14_400; k++) {
            double g = db(-10 + 10 * (k / RATE) / (n / RATE));
            ref[0][k] += (float) (g * (lb * b.get(0, 480 + k)));
            ref[1][k] += (float) (g * (rb * b.get(1, 480 + k)));
        }
        // c: mono at 0.8, -20 dB; sends post -6 dB and pre -12 dB to fx (balance -0.25, -1 dB)
        double lc = Math.cos(1.8 * Math.PI / 4);
        double rc = Math.sin(1.8 * Math.PI / 4);
        double lf = Math.min(1, Math.cos(0.75 * Math.PI / 4) / Math.cos(Math.PI / 4));
        double rf = Math.min(1, Math.sin(0.75 * Math.PI / 4) / Math.sin(Math.PI / 4));
        for (int k = 0; k < n; k++) {
            double env = k < 960 ? 0.5 * (1 - Math.cos(Math.PI * (k + 0.5) / 960)) : 1;
            float x = (float) (c.get(0, k) * env);
            double[] pre = {lc * x, rc * x};
            double[] post = {db(-20) * pre[0], db(-20) * pre[1]};
            ref[0][k] += post[0];
            ref[1][k] += post[1];
            double busL = db(-6) * post[0] + db(-12) * pre[0];
            double busR = db(-6) * post[1] + db(-12) * pre[1];
            ref[0][k] += db(-1) * lf * busL;
            ref[1][k] += db(-1) * rf * busR;
        }
        for (int ch = 0; ch < 2; ch++) {
            for (int i = 0; i < total; i++) {
                assertEquals(ref[ch][i], out.get(ch, i), 1e-6, "channel " + ch + ", frame " + i);
            }
        }
    }

    @Test
    void withInsertsItEqualsTheProcessorsRunTrackByTrackAndSummedBitForBit() throws IOException {
        int n = 30_000;
        String[] chains = {"peak freq=1000 gain=6 q=1 | compressor threshold=-20 ratio=4",
                "highpass freq=200 | saturator type=tanh drive=6", "delay time=50 feedback=0.4 mix=0.5"};
        double[] pans = {-0.4, 0, 0.6};
        Mix.Builder mb = Mix.builder(RATE).lengthSeconds(n / RATE);
        AudioBuffer[] sources = new AudioBuffer[3];
        for (int t = 0; t < 3; t++) {
            sources[t] = noise(1, n, 10 + t);
            mb.track(Track.builder("t" + t).clip(Clip.of(ClipSource.of(sources[t], RATE))).inserts(chains[t])
                    .pan(pans[t]).volumeDb(-t).build());
        }
        AudioBuffer out = render(mb.build());
        float[][] ref = new float[2][n];
        for (int t = 0; t < 3; t++) {
            Chain chain = ChainSpec.parse(chains[t], ProcessorRegistry.load()).build();
            chain.prepare(new ProcessSpec(RATE, 1000, 1));
            // run on, through silence, for as long as the chain delays: the mix compensates the latency
            int lat = chain.latencyFrames();
            AudioBuffer run = AudioBuffer.allocate(1, n + lat);
            run.view(0, n).copyFrom(sources[t]);
            for (int s = 0; s < n + lat; s += 1000) {
                chain.process(run.view(s, Math.min(1000, n + lat - s)));
            }
            AudioBuffer x = run.view(lat, n);
            double l = Math.cos((pans[t] + 1) * Math.PI / 4);
            double r = Math.sin((pans[t] + 1) * Math.PI / 4);
            double g = db(-t);
            // the fader's documented arithmetic: x * (float) (volume * pan), in float
            for (int i = 0; i < n; i++) {
                ref[0][i] += x.get(0, i) * (float) (g * l);
                ref[1][i] += x.get(0, i) * (float) (g * r);
            }
        }
        for (int ch = 0; ch < 2; ch++) {
            for (int i = 0; i < n; i++) {
                assertEquals(ref[ch][i], out.get(ch, i), 0, "channel " + ch + ", frame " + i);
            }
        }
    }

    @Test
    void latencyIsCompensatedOnTracksAndThroughBuses() throws IOException {
        // a flat linear-phase EQ delays by half its length; its track, inverted against a dry copy of the
        // same clip, cancels to nothing only if the two are aligned; a send through a bus with the same
        // EQ must come back on top of the direct sound
        int n = 24_000;
        AudioBuffer x = noise(1, n, 7);
        ClipSource src = ClipSource.of(x, RATE);
        Mix cancel = Mix.builder(RATE).lengthSeconds(n / RATE)
                .track(Track.builder("eq").clip(Clip.of(src)).inserts("lineq taps=8193").build())
                .track(Track.builder("dry").clip(Clip.of(src)).invert(true).build())
                .build();
        assertTrue(ChainSpec.parse("lineq taps=8193", ProcessorRegistry.load()).build().latencyFrames() >= 4000);
        AudioBuffer out = render(cancel);
        double peak = 0;
        for (int i = 0; i < n; i++) {
            peak = Math.max(peak, Math.max(Math.abs(out.get(0, i)), Math.abs(out.get(1, i))));
        }
        assertTrue(peak < 0.25 * 1e-6, "difference " + 20 * Math.log10(peak / 0.25) + " dB");

        Mix throughBus = Mix.builder(RATE).lengthSeconds(n / RATE)
                .track(Track.builder("dry").clip(Clip.of(src)).send(Send.of("eq", 0)).build())
                .bus(Bus.of("eq", "lineq taps=4097"))
                .build();
        AudioBuffer both = render(throughBus);
        double l = Math.cos(Math.PI / 4);
        double bal = 1; // a centred balance passes both channels at unity
        for (int i = 0; i < n; i++) {
            float direct = (float) (l * x.get(0, i));
            assertEquals(direct + bal * direct, both.get(0, i), 1e-6, "frame " + i);
        }
    }

    @Test
    void theOutputDoesNotDependOnTheThreads() throws IOException {
        Mix.Builder mb = Mix.builder(RATE);
        for (int t = 0; t < 6; t++) {
            mb.track(Track.builder("t" + t).clip(Clip.of(ClipSource.of(noise(1 + t % 2, 15_000, t), RATE)).at(0.01 * t))
                    .inserts(t % 2 == 0 ? "compressor threshold=-20 ratio=3" : "reverb rt60=0.3 mix=0.5")
                    .pan(-1 + 0.4 * t).send(Send.of("verb", -10)).build());
        }
        Mix mix = mb.bus(Bus.of("verb", "reverb rt60=0.5 mix=1")).master("compressor threshold=-10 ratio=2").build();
        AudioBuffer one = render(mix);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            AudioBuffer four = render(mix.withThreads(pool, 4));
            assertTrue(one.sameSamples(four), "1 and 4 workers differ");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void overlappingClipsCrossfadeWithEqualPower() throws IOException {
        AudioBuffer ones = AudioBuffer.allocate(1, 1000);
        for (int i = 0; i < 1000; i++) {
            ones.set(0, i, 1f);
        }
        ClipSource s = ClipSource.of(ones, RATE);
        // the second clip starts 700 frames in: 300 frames of overlap
        Mix mix = Mix.builder(RATE).panLaw(io.github.mixwright.core.PanLaw.ZERO_DB)
                .track(Track.builder("t").clip(Clip.of(s)).clip(Clip.of(s).at(700 / RATE)).build()).build();
        AudioBuffer out = render(mix);
        assertEquals(1700, out.frames());
        for (int i = 0; i < 1700; i++) {
            double expected = 1;
            if (i >= 700 && i < 1000) {
                int k = i - 700;
                double in = Math.sin(Math.PI / 2 * (k + 0.5) / 300);
                double outGain = Math.sin(Math.PI / 2 * (300 - k - 0.5) / 300);
                assertEquals(1, in * in + outGain * outGain, 1e-12);
                expected = in + outGain;
            }
            assertEquals(expected, out.get(0, i), 1e-6, "frame " + i);
        }
    }

    @Test
    void theMixRunsOnUntilTheLastBusTailIsUnder120DbOrToTheStatedLength() throws IOException {
        // 2000 frames of noise sent into a reverb bus and a feedback delay: the mix must carry both
        // tails; rendered a second longer, nothing beyond the natural end reaches -120 dB of the peak
        AudioBuffer x = noise(1, 2000, 11);
        Mix mix = Mix.builder(RATE)
                .track(Track.builder("dry").clip(Clip.of(ClipSource.of(x, RATE))).volumeDb(-60)
                        .send(Send.of("verb", 0)).send(Send.of("echo", 0)).build())
                .bus(Bus.of("verb", "reverb rt60=0.8 mix=1"))
                .bus(Bus.of("echo", "delay time=120 feedback=0.5 mix=1"))
                .build();
        AudioBuffer natural = render(mix);
        // an rt60 of 0.8 s needs 1.6 s to fall 120 dB; the echoes every 120 ms at -6 dB need 20 of them
        assertTrue(natural.frames() >= 2000 + 1.6 * RATE, "the mix stops after " + natural.frames() + " frames");
        AudioBuffer longer = render(mix.toBuilder().lengthSeconds(natural.frames() / RATE + 1).build());
        double peak = 0;
        for (int ch = 0; ch < 2; ch++) {
            for (int i = 0; i < natural.frames(); i++) {
                peak = Math.max(peak, Math.abs(natural.get(ch, i)));
                assertEquals(natural.get(ch, i), longer.get(ch, i), "frame " + i);
            }
        }
        double after = 0;
        double lastTenth = 0;
        for (int ch = 0; ch < 2; ch++) {
            for (int i = natural.frames(); i < longer.frames(); i++) {
                after = Math.max(after, Math.abs(longer.get(ch, i)));
            }
            for (int i = (int) (natural.frames() * 0.6); i < natural.frames() * 0.7; i++) {
                lastTenth = Math.max(lastTenth, Math.abs(natural.get(ch, i)));
            }
        }
        assertTrue(after < 1e-6 * peak, "after the end: " + 20 * Math.log10(after / peak) + " dB");
        assertTrue(lastTenth > 1e-5 * peak, "the tail was cut: " + 20 * Math.log10(lastTenth / peak) + " dB");
        AudioBuffer stated = render(mix.toBuilder().lengthSeconds(0.25).build());
        assertEquals(12_000, stated.frames());
        for (int i = 0; i < 12_000; i++) {
            assertEquals(natural.get(1, i), stated.get(1, i), "frame " + i);
        }
    }

    @Test
    void soloPlaysOnlyTheSoloedTracksAndMuteSilencesATrackAndItsSends() throws IOException {
        ClipSource a = ClipSource.of(noise(1, 5000, 21), RATE);
        ClipSource b = ClipSource.of(noise(2, 5000, 22), RATE);
        ClipSource c = ClipSource.of(noise(1, 5000, 23), RATE);
        Track ta = Track.builder("a").clip(Clip.of(a)).pan(-0.4).send(Send.of("fx", -3)).build();
        Track tb = Track.builder("b").clip(Clip.of(b)).volumeDb(-2).send(Send.of("fx", -6)).build();
        Track tc = Track.builder("c").clip(Clip.of(c)).pan(0.7).build();
        Bus fx = Bus.of("fx", "delay time=20 feedback=0.3 mix=1");
        AudioBuffer soloed = render(Mix.builder(RATE).lengthSeconds(0.2)
                .track(ta).track(tb.toBuilder().solo(true).build()).track(tc).bus(fx).build());
        AudioBuffer onlyB = render(Mix.builder(RATE).lengthSeconds(0.2).track(tb).bus(fx).build());
        assertTrue(soloed.sameSamples(onlyB), "solo b is not b alone");
        AudioBuffer muted = render(Mix.builder(RATE).lengthSeconds(0.2)
                .track(ta.toBuilder().mute(true).build()).track(tb).track(tc).bus(fx).build());
        AudioBuffer withoutA = render(Mix.builder(RATE).lengthSeconds(0.2).track(tb).track(tc).bus(fx).build());
        assertTrue(muted.sameSamples(withoutA), "a muted a still sounds, directly or through fx");
        double energy = 0;
        for (int i = 0; i < muted.frames(); i++) {
            energy += muted.get(0, i) * muted.get(0, i);
        }
        assertTrue(energy > 1, "the rest went silent too");
    }

    @Test
    void aClipPlaysAFileABufferOrAGeneratorAtItsPlaceFromItsOffset(@TempDir Path dir) throws IOException {
        // 0.5 sin(2 pi 440 t / 48000), heard from 10 ms into the source, placed at 20 ms, centred mono:
        // out[k] = cos(pi / 4) x[k - 960 + 480] from frame 960
        int n = 9600;
        ClipSource.Generator sine = (frame, block) -> {
            for (int c = 0; c < block.channels(); c++) {
                for (int i = 0; i < block.frames(); i++) {
                    block.set(c, i, (float) (0.5 * Math.sin(2 * Math.PI * 440 * (frame + i) / RATE)));
                }
            }
        };
        AudioBuffer samples = AudioBuffer.allocate(1, n);
        sine.fill(0, samples);
        Path file = dir.resolve("sine.wav");
        try (WavWriter w = WavWriter.create(file, WavFormat.of(48_000, 1, SampleEncoding.FLOAT32), WriteOptions.defaults())) {
            w.write(samples);
            w.commit();
        }
        for (ClipSource source : List.of(ClipSource.generated(RATE, 1, n, sine), ClipSource.of(samples, RATE),
                ClipSource.file(file))) {
            AudioBuffer out = render(Mix.builder(RATE)
                    .track(Track.builder("sine").clip(Clip.of(source).from(0.01).at(0.02)).build()).build());
            assertEquals(960 + n - 480, out.frames(), source.describe());
            for (int k = 0; k < out.frames(); k++) {
                double x = k < 960 ? 0 : (float) (0.5 * Math.sin(2 * Math.PI * 440 * (k - 960 + 480) / RATE));
                assertEquals(Math.cos(Math.PI / 4) * x, out.get(0, k), 1e-7, source.describe() + ", frame " + k);
                assertEquals(Math.sin(Math.PI / 4) * x, out.get(1, k), 1e-7, source.describe() + ", frame " + k);
            }
        }
    }

    @Test
    void theKickDucksTheBassThroughItsSideChain() throws IOException {
        int n = 48_000;
        AudioBuffer bass = AudioBuffer.allocate(1, n);
        AudioBuffer kick = AudioBuffer.allocate(1, n);
        for (int i = 0; i < n; i++) {
            bass.set(0, i, (float) (0.1 * Math.sin(2 * Math.PI * 55 * i / RATE)));
            // a burst of 60 Hz for 100 ms every 500 ms
            kick.set(0, i, (i % 24_000) < 4800 ? (float) (0.9 * Math.sin(2 * Math.PI * 60 * i / RATE)) : 0f);
        }
        Track bassTrack = Track.builder("bass").clip(Clip.of(ClipSource.of(bass, RATE)))
                .inserts("compressor threshold=-30 ratio=10 attack=1 release=50").sideChain(0, "kick").build();
        Mix mix = Mix.builder(RATE).lengthSeconds(1)
                .track(Track.builder("kick").clip(Clip.of(ClipSource.of(kick, RATE))).mute(true).build())
                .track(bassTrack).build();
        AudioBuffer out = render(mix);
        double during = rms(out, 24_000 + 1000, 24_000 + 4500);
        double between = rms(out, 24_000 + 14_000, 24_000 + 20_000);
        assertTrue(20 * Math.log10(during / between) < -10,
                "the bass falls " + 20 * Math.log10(during / between) + " dB under the kick");
        // unkeyed, the same compressor hears only the quiet bass and leaves it nearly alone
        Mix unkeyed = mix.toBuilder().build();
        AudioBuffer plain = render(Mix.builder(RATE).lengthSeconds(1)
                .track(bassTrack.toBuilder().noSideChain().inserts("compressor threshold=-10 ratio=10").build()).build());
        assertEquals(rms(plain, 1000, 4500), rms(plain, 14_000, 20_000), 0.01 * rms(plain, 14_000, 20_000));
        assertTrue(unkeyed.equals(mix));
    }

    private static double rms(AudioBuffer b, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += b.get(0, i) * b.get(0, i);
        }
        return Math.sqrt(s / (to - from));
    }

    @Test
    void refusesWhatItCannotMixAndSaysWhy(@TempDir Path dir) throws IOException {
        Mix wrongRate = Mix.builder(RATE).track(Track.builder("vox")
                .clip(Clip.of(ClipSource.of(AudioBuffer.allocate(1, 100), 700))).build()).build();
        IOException e = assertThrows(IOException.class, wrongRate::open);
        assertTrue(e.getMessage().contains("a buffer") && e.getMessage().contains("700")
                && e.getMessage().contains("48000") && e.getMessage().contains("tracks[0].clips[0] (track 'vox')"), e.getMessage());
        Mix missing = Mix.builder(RATE).track(Track.builder("gtr").clip(Clip.of(dir.resolve("none.wav"), 0)).build()).build();
        IOException m = assertThrows(IOException.class, missing::open);
        assertTrue(m.getMessage().contains("none.wav") && m.getMessage().contains("clips[0]"), m.getMessage());
        ClipSource s = ClipSource.of(AudioBuffer.allocate(1, 10), RATE);
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> Mix.builder(RATE)
                .track(Track.builder("a").clip(Clip.of(s)).build()).bus(Bus.of("a")).build());
        assertTrue(dup.getMessage().contains("'a'"), dup.getMessage());
        IllegalArgumentException noBus = assertThrows(IllegalArgumentException.class, () -> Mix.builder(RATE)
                .track(Track.builder("a").clip(Clip.of(s)).send(Send.of("verb", 0)).build()).build());
        assertTrue(noBus.getMessage().contains("'verb'"), noBus.getMessage());
        IllegalArgumentException notKeyed = assertThrows(IllegalArgumentException.class, () -> Mix.builder(RATE)
                .track(Track.builder("k").clip(Clip.of(s)).build())
                .track(Track.builder("a").clip(Clip.of(s)).inserts("highpass freq=30").sideChain(0, "k").build()).build());
        assertTrue(notKeyed.getMessage().contains("takes no key"), notKeyed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Track.builder("a").pan(1.5));
        assertThrows(IllegalArgumentException.class, () -> Track.builder("a").inserts("compressor").sideChain(1, "k").build());
    }

    @Test
    void clipsAtOtherRatesAreConvertedToTheMixsRate(@TempDir Path dir) throws IOException {
        // a 1 kHz sine in a 44.1 kHz file and in a 96 kHz buffer, mixed at 48 kHz, whole and from 0.2 s in:
        // centred, each channel is cos(pi / 4) 0.5 sin(2 pi 1000 (j / 48000 + offset))
        Path file = dir.resolve("at44.wav");
        AudioBuffer at44 = AudioBuffer.allocate(1, 44_100);
        for (int i = 0; i < at44.frames(); i++) {
            at44.set(0, i, (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 44_100.0)));
        }
        try (WavWriter w = WavWriter.create(file, WavFormat.of(44_100, 1, SampleEncoding.FLOAT32), WriteOptions.defaults())) {
            w.write(at44);
            w.commit();
        }
        AudioBuffer at96 = AudioBuffer.allocate(1, 96_000);
        for (int i = 0; i < at96.frames(); i++) {
            at96.set(0, i, (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 96_000.0)));
        }
        for (ClipSource source : List.of(ClipSource.file(file), ClipSource.of(at96, 96_000))) {
            for (double offset : new double[] {0, 0.2}) {
                AudioBuffer out = render(Mix.builder(RATE)
                        .track(Track.builder("sine").clip(Clip.of(source).from(offset)).build()).build());
                assertEquals(Math.round((1 - offset) * RATE), out.frames(), source.describe());
                double worst = 0;
                for (int j = 2000; j < out.frames() - 2000; j++) {
                    double expected = Math.cos(Math.PI / 4) * 0.5 * Math.sin(2 * Math.PI * 1000 * (j / RATE + offset));
                    worst = Math.max(worst, Math.abs(out.get(0, j) - expected));
                }
                assertTrue(20 * Math.log10(worst / 0.5) < -100, source.describe() + " from " + offset + " s: "
                        + 20 * Math.log10(worst / 0.5) + " dB off");
            }
        }
    }

    @Test
    void aMixIsAMasterSource() throws IOException {
        Mix mix = Mix.builder(RATE)
                .track(Track.builder("a").clip(Clip.of(ClipSource.of(noise(1, 96_000, 4), RATE))).pan(-0.3).build())
                .track(Track.builder("b").clip(Clip.of(ClipSource.of(noise(2, 96_000, 5), RATE))).volumeDb(-6).build())
                .build();
        MasterResult r = Master.of(mix).withTarget(new MasterTarget(-16, -1)).renderToMemory();
        assertEquals(-16, r.output().integratedLufs(), Master.TOLERANCE_LU);
    }

    @Test
    void autoGainSetsEachTrackByTheStandardsSineFigure() throws IOException {
        // BS.1770-4: a 0 dBFS 997 Hz sine in one channel reads -3.01 LKFS; a mono track, centred at
        // constant power, puts half its power in each channel, which the meter sums back to the same
        int n = 96_000;
        AudioBuffer sine = AudioBuffer.allocate(1, n);
        AudioBuffer quiet = AudioBuffer.allocate(1, n);
        for (int i = 0; i < n; i++) {
            sine.set(0, i, (float) (0.5 * Math.sin(2 * Math.PI * 997 * i / RATE)));
            quiet.set(0, i, (float) (0.05 * Math.sin(2 * Math.PI * 997 * i / RATE)));
        }
        Mix mix = Mix.builder(RATE)
                .track(Track.builder("loud").clip(Clip.of(ClipSource.of(sine, RATE)).gainDb(2)).pan(0.7).build())
                .track(Track.builder("quiet").clip(Clip.of(ClipSource.of(quiet, RATE))).build())
                .track(Track.builder("silent").clip(Clip.of(ClipSource.of(AudioBuffer.allocate(1, 100), RATE))).build())
                .build();
        Mix balanced = mix.autoGain(-23);
        double loud = -3.01 + 20 * Math.log10(0.5) + 2;
        double soft = -3.01 + 20 * Math.log10(0.05);
        assertEquals(2 + (-23 - loud), balanced.tracks().get(0).clips().get(0).gainDb(), 0.02);
        assertEquals(-23 - soft, balanced.tracks().get(1).clips().get(0).gainDb(), 0.02);
        assertEquals(0, balanced.tracks().get(2).clips().get(0).gainDb());
        assertEquals(0.7, balanced.tracks().get(0).pan());
    }

    @Test
    void aCancelledMixLeavesNoFile(@TempDir Path dir) throws IOException {
        Mix mix = Mix.builder(RATE).track(Track.builder("a").clip(Clip.of(ClipSource.of(noise(2, 200_000, 3), RATE)))
                .inserts("reverb rt60=0.5").build()).build();
        Path target = dir.resolve("mix.wav");
        int[] blocks = {0};
        assertThrows(java.util.concurrent.CancellationException.class, () -> Render.of(mix.open()).withBlockFrames(8192)
                .onProgress(p -> blocks[0]++).cancelledWhen(() -> blocks[0] >= 3)
                .run(RenderSink.wav(target, SampleEncoding.PCM24, WriteOptions.defaults())));
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void generatedMixesRenderTheSameOnAnyNumberOfThreads() {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            org.quicktheories.QuickTheory.qt().withFixedSeed(9L).withExamples(10)
                    .forAll(org.quicktheories.generators.SourceDSL.longs().all()).checkAssert(seed -> {
                        SplittableRandom g = new SplittableRandom(seed);
                        Mix mix = generated(g, seed);
                        try {
                            AudioBuffer one = render(mix);
                            AudioBuffer many = render(mix.withThreads(pool, 2 + g.nextInt(3)));
                            assertTrue(one.sameSamples(many), "seed " + seed + ": the threads changed the output");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        } finally {
            pool.shutdown();
        }
    }

    private static final String[] CHAINS = {"", "compressor threshold=-24 ratio=4", "reverb rt60=0.4 mix=0.3",
            "delay time=30 feedback=0.5", "saturator type=tube drive=9 oversample=2", "lineq taps=4097",
            "gate threshold=-40 | highpass freq=120", "limiter ceiling=-3"};

    /**
     * A mix of 1 to 7 tracks of noise, inserts with latency and tails, 0 to 2 buses, sends, side-chains
     * (tracks keyed by a track, buses by a track or a bus), master inserts or none.
     */
    private static Mix generated(SplittableRandom g, long seed) {
        String[] chains = CHAINS;
        Mix.Builder mb = Mix.builder(RATE);
        int buses = g.nextInt(3);
        for (int j = 0; j < buses; j++) {
            Bus bus = Bus.of("b" + j, chains[1 + g.nextInt(chains.length - 1)]);
            if (g.nextInt(3) == 0) {
                // a bus keyed by a track keeps the tracks of the next block out of its phase; by a bus, not
                String key = j > 0 && g.nextBoolean() ? "b0" : "t0";
                bus = Bus.of("b" + j, "compressor threshold=-30 ratio=6").withSideChain(new SideChain(0, key));
            }
            mb.bus(bus);
        }
        int tracks = 1 + g.nextInt(7);
        for (int t = 0; t < tracks; t++) {
            Track.Builder tb = Track.builder("t" + t).pan(g.nextDouble() * 2 - 1).volumeDb(-g.nextInt(12))
                    .clip(Clip.of(ClipSource.of(noise(1 + g.nextInt(2), 4000 + g.nextInt(12_000), seed + t), RATE))
                            .at(g.nextInt(4000) / RATE).fadeIn(g.nextInt(100) / RATE));
            String chain = chains[g.nextInt(chains.length)];
            if (t > 0 && g.nextInt(3) == 0) {
                tb.inserts("compressor threshold=-30 ratio=6").sideChain(0, "t0");
            } else if (!chain.isEmpty()) {
                tb.inserts(chain);
            }
            for (int j = 0; j < buses; j++) {
                if (g.nextBoolean()) {
                    tb.send(new Send("b" + j, -g.nextInt(20), g.nextBoolean(), null));
                }
            }
            mb.track(tb.build());
        }
        return mb.master(g.nextBoolean() ? "compressor threshold=-12 ratio=2" : "").build();
    }

    /** The live threads that a mix renders on ({@code mixwright-mix}). */
    private static java.util.Set<Thread> mixThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("mixwright-mix") && t.isAlive())
                .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
    }

    @Test
    void aCancelledRenderLeavesNoFileAndNoThread(@TempDir Path dir) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            org.quicktheories.QuickTheory.qt().withFixedSeed(23L).withExamples(12)
                    .forAll(org.quicktheories.generators.SourceDSL.longs().all()).checkAssert(seed -> {
                        SplittableRandom g = new SplittableRandom(seed);
                        Mix mix = generated(g, seed);
                        if (g.nextBoolean()) {
                            mix = mix.withThreads(pool, 2 + g.nextInt(2));
                        }
                        java.util.Set<Thread> before = mixThreads();
                        Path folder = dir.resolve("s" + Long.toHexString(seed));
                        Path target = folder.resolve("mix.wav");
                        int stopAt = g.nextInt(6);
                        int[] calls = {0};
                        boolean cancelled;
                        try {
                            Files.createDirectories(folder);
                            // Render does not close its source: its owner does, which stops the mix's thread
                            try (io.github.mixwright.core.AudioSource source = mix.open()) {
                                Render.of(source).withBlockFrames(1024).onProgress(p -> calls[0]++)
                                        .cancelledWhen(() -> calls[0] >= stopAt)
                                        .run(RenderSink.wav(target, SampleEncoding.PCM24, WriteOptions.defaults()));
                            }
                            cancelled = false;
                        } catch (java.util.concurrent.CancellationException e) {
                            cancelled = true;
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
                            List<Path> left = files.collect(java.util.stream.Collectors.toList());
                            // cancelled: nothing, not even a temporary file; finished: the file alone
                            assertEquals(cancelled ? List.of() : List.of(target), left, "seed " + seed);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        assertTrue(cancelled || stopAt > 0, "seed " + seed + ": cancelled at once, yet it finished");
                        // the mix's own rendering thread is stopped and joined when the render closes the mix
                        java.util.Set<Thread> after = mixThreads();
                        after.removeAll(before);
                        assertEquals(java.util.Set.of(), after, "seed " + seed + " (stopped at " + stopAt + ", cancelled "
                                + cancelled + "): a mixwright-mix thread outlived its render");
                    });
        } finally {
            pool.shutdown();
        }
    }
}
