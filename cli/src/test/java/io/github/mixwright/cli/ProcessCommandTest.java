package io.github.mixwright.cli;

import io.github.mixwright.mix.Render;
import static io.github.mixwright.cli.CliTestSupport.encodingOf;
import static io.github.mixwright.cli.CliTestSupport.list;
import static io.github.mixwright.cli.CliTestSupport.noise;
import static io.github.mixwright.cli.CliTestSupport.read;
import static io.github.mixwright.cli.CliTestSupport.run;
import static io.github.mixwright.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.cli.CliTestSupport.Result;
import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.Gain;
import io.github.mixwright.core.Panner;
import io.github.mixwright.core.Polarity;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.core.StereoWidth;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.filters.LinearChains;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code process}: the chain really runs, channels are adapted, latency is compensated, errors are usage errors. */
class ProcessCommandTest {
    private static final int FRAMES = Render.MAX_BLOCK_FRAMES + 4321;

    @TempDir
    Path dir;

    @Test
    void gainOfMinus6Point0206DbHalvesEverySample() throws Exception {
        AudioBuffer signal = noise(2, FRAMES, 0.9, 1);
        Path in = write(dir.resolve("in.wav"), signal, SampleEncoding.FLOAT32);
        Path out = dir.resolve("out.wav");

        Result r = run("process", in.toString(), out.toString(), "--chain", "gain db=-6.0206");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err() + r.out());
        AudioBuffer result = read(out);
        assertEquals(signal.frames(), result.frames());
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < FRAMES; i++) {
                float x = signal.get(c, i);
                assertEquals(x / 2, result.get(c, i), 1e-6 * Math.abs(x) + 1e-30, "frame " + i);
            }
        }
    }

    @Test
    void chainOfSeveralStagesMatchesTheProcessorsRunDirectly() throws Exception {
        AudioBuffer signal = noise(2, 5000, 0.5, 2);
        Path in = write(dir.resolve("in.wav"), signal, SampleEncoding.FLOAT32);
        Path out = dir.resolve("out.wav");

        Result r = run("process", in.toString(), out.toString(),
                "--chain", "gain db=-3 | pan position=-0.3 | width amount=1.2 | polarity channels=right");

        assertEquals(0, r.exitCode(), r.err());
        AudioBuffer expected = signal.copy();
        Chain chain = ChainSpec
                .parse("gain db=-3 | pan position=-0.3 | width amount=1.2 | polarity channels=right",
                        ProcessorRegistry.load()).build();
        chain.prepare(new ProcessSpec(48_000, 5000, 2));
        chain.process(expected);
        assertTrue(expected.sameSamples(read(out)));
    }

    @Test
    void integerOutputIsDitheredByDefaultAndKeepsTheInputEncoding() throws Exception {
        Path in = write(dir.resolve("in.wav"), noise(1, 20_000, 0.5, 3), SampleEncoding.PCM16);
        Path plain = dir.resolve("plain.wav");
        Path dithered = dir.resolve("dithered.wav");

        assertEquals(0, run("process", in.toString(), plain.toString(), "--chain", "gain db=-1", "--dither", "none")
                .exitCode());
        assertEquals(0, run("process", in.toString(), dithered.toString(), "--chain", "gain db=-1").exitCode());

        assertEquals(SampleEncoding.PCM16, encodingOf(plain));
        AudioBuffer x = read(in);
        AudioBuffer p = read(plain);
        AudioBuffer d = read(dithered);
        float g = (float) Math.pow(10, -1 / 20.0);
        int differing = 0;
        for (int i = 0; i < x.frames(); i++) {
            assertEquals(Math.floor(x.get(0, i) * g * 32768.0 + 0.5) / 32768, p.get(0, i), 1e-12);
            differing += p.get(0, i) != d.get(0, i) ? 1 : 0;
        }
        assertTrue(differing > x.frames() / 4, "dither changed " + differing + " samples");
    }

    @Test
    void identityChainWithoutDitherIsBitExact() throws Exception {
        Path in = write(dir.resolve("in.wav"), noise(2, FRAMES, 0.9, 4), SampleEncoding.PCM24);
        Path out = dir.resolve("out.wav");

        Result r = run("process", in.toString(), out.toString(), "--chain", "gain db=0 | width amount=1",
                "--dither", "none");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(-1, Files.mismatch(in, out));
    }

    @Test
    void monoInputIsMadeStereoForAStereoStage() throws Exception {
        AudioBuffer mono = noise(1, 3000, 0.5, 5);
        Path in = write(dir.resolve("in.wav"), mono, SampleEncoding.FLOAT32);
        Path out = dir.resolve("out.wav");

        Result r = run("process", in.toString(), out.toString(), "--chain", "pan position=-1");

        assertEquals(0, r.exitCode(), r.err());
        AudioBuffer stereo = read(out);
        assertEquals(2, stereo.channels());
        for (int i = 0; i < mono.frames(); i++) {
            // The mono channel is copied to both sides; balance mode hard left keeps left, silences right.
            assertEquals(mono.get(0, i), stereo.get(0, i));
            assertEquals(0, stereo.get(1, i), 0);
        }
    }

    @Test
    void stereoStageOnMultichannelInputIsAUsageError() throws Exception {
        Path in = write(dir.resolve("in.wav"), noise(6, 100, 0.5, 6), SampleEncoding.PCM16);

        Result r = run("process", in.toString(), dir.resolve("out.wav").toString(), "--chain", "width amount=0.5");

        assertEquals(2, r.exitCode());
        assertEquals("error: --chain: stage 1 (width) needs 2 channels; the signal has 6 there (IN '" + in
                + "' has 6 channels)", r.errLines().get(0));
        assertEquals(List.of("in.wav"), list(dir));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, Render.MAX_BLOCK_FRAMES, Render.MAX_BLOCK_FRAMES + 17})
    void latencyIsCompensatedSoOutputIsAlignedAndAsLong(int latency) throws Exception {
        ProcessorRegistry registry = ProcessorRegistry.of(List.of(Gain.DESCRIPTOR, Panner.DESCRIPTOR,
                StereoWidth.DESCRIPTOR, Polarity.DESCRIPTOR, LookaheadProcessor.DESCRIPTOR));
        AudioBuffer signal = noise(2, FRAMES, 0.5, 7);
        Path in = write(dir.resolve("in.wav"), signal, SampleEncoding.FLOAT32);
        Path out = dir.resolve("out.wav");

        Result r = run(registry, "process", in.toString(), out.toString(),
                "--chain", "lookahead frames=" + latency + " | polarity");

        assertEquals(0, r.exitCode(), r.err());
        AudioBuffer result = read(out);
        assertEquals(FRAMES, result.frames());
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < FRAMES; i++) {
                assertEquals(-signal.get(c, i), result.get(c, i), "channel " + c + " frame " + i);
            }
        }
    }

    @Test
    void outOfRangeParameterIsAUsageErrorNamingParameterAndRange() throws Exception {
        Path in = write(dir.resolve("in.wav"), noise(2, 100, 0.5, 8), SampleEncoding.PCM16);

        Result r = run("process", in.toString(), dir.resolve("out.wav").toString(), "--chain", "gain db=99");

        assertEquals(2, r.exitCode());
        assertEquals(List.of("error: stage 1 (gain): db 99 is out of range [-120, 24]",
                "Try 'mixwright process --help' for more information."), r.errLines());
        assertEquals(List.of("in.wav"), list(dir));
    }

    @Test
    void unknownProcessorAndParameterAreUsageErrors() throws Exception {
        Path in = write(dir.resolve("in.wav"), noise(2, 100, 0.5, 8), SampleEncoding.PCM16);
        String out = dir.resolve("out.wav").toString();

        Result processor = run("process", in.toString(), out, "--chain", "gain | plate size=2");
        Result range = run("process", in.toString(), out, "--chain", "gain | reverb size=2");
        Result parameter = run("process", in.toString(), out, "--chain", "pan angle=3");

        assertEquals(2, processor.exitCode());
        assertEquals("error: stage 2 (reverb): size 2 is out of range [0.2, 1]", range.errLines().get(0));
        assertEquals("error: stage 2: unknown processor 'plate'; known processors are "
                + String.join(", ", ProcessorRegistry.load().all().stream().map(d -> d.name()).toList()),
                processor.errLines().get(0));
        assertTrue(processor.errLines().get(0).contains("gain, "), processor.err());
        assertEquals(2, parameter.exitCode());
        assertEquals("error: stage 1 (pan): pan has no parameter 'angle'; its parameters are position, law, mode",
                parameter.errLines().get(0));
    }

    @Test
    void theConvolverReadsItsResponseAndRefusesOneAtAnotherRate() throws Exception {
        AudioBuffer signal = noise(2, 3000, 0.5, 9);
        Path in = write(dir.resolve("in.wav"), signal, SampleEncoding.FLOAT32);
        AudioBuffer echo = AudioBuffer.allocate(1, 11);
        echo.channel(0)[10] = 0.5f;
        Files.createDirectories(dir.resolve("my irs"));
        Path ir = write(dir.resolve("my irs/echo.wav"), echo, SampleEncoding.FLOAT32);
        Path out = dir.resolve("out.wav");

        Result r = run("process", in.toString(), out.toString(), "--chain", "convolver ir=\"" + ir + "\" mix=1");

        assertEquals(0, r.exitCode(), r.err());
        AudioBuffer result = read(out);
        assertEquals(signal.frames(), result.frames());
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < signal.frames(); i++) {
                // the latency is compensated: the wet is the input half as loud, ten frames late
                assertEquals(i < 10 ? 0 : 0.5 * signal.get(c, i - 10), result.get(c, i), 1e-7, "frame " + i);
            }
        }

        Path other = dir.resolve("at44.wav");
        write(other, echo, io.github.mixwright.io.WavFormat.of(44_100, 1, SampleEncoding.FLOAT32),
                io.github.mixwright.io.WriteOptions.defaults());
        Path out2 = dir.resolve("out2.wav");
        // a response at another rate is converted to the stream's
        Result otherRate = run("process", in.toString(), out2.toString(), "--chain", "convolver ir=" + other);
        assertEquals(0, otherRate.exitCode(), otherRate.err());
        assertTrue(Files.exists(out2));

    }

    @Test
    void chainIsRequired() throws Exception {
        Result r = run("process", "a.wav", "b.wav");

        assertEquals(2, r.exitCode());
        assertEquals("error: Missing required option: '--chain=CHAIN'", r.errLines().get(0));
    }

    @Test
    void badChainIsReportedBeforeTheInputIsRead() {
        Path missing = dir.resolve("missing.wav");

        Result r = run("process", missing.toString(), dir.resolve("out.wav").toString(), "--chain", "gain db=x");

        assertEquals(2, r.exitCode());
        assertEquals("error: stage 1 (gain): db 'x' is not a number; allowed range [-120, 24] dB", r.errLines().get(0));
    }

    @Test
    void missingInputIsExitCode3() {
        Path missing = dir.resolve("missing.wav");
        Path out = dir.resolve("out.wav");

        Result r = run("process", missing.toString(), out.toString(), "--chain", "gain db=-3");

        assertEquals(3, r.exitCode());
        assertEquals(List.of("error: " + missing + ": no such file"), r.errLines());
        assertFalse(Files.exists(out));
    }

    @Test
    void linearPhaseReplacesTheChainByASymmetricFirWithItsMagnitude() throws Exception {
        int frames = 16_384;
        int at = 6_000;
        AudioBuffer impulse = AudioBuffer.allocate(1, frames);
        impulse.set(0, at, 0.5f);
        Path in = write(dir.resolve("impulse.wav"), impulse, SampleEncoding.FLOAT32);
        Path out = dir.resolve("out.wav");
        String chainText = "peak freq=1000 gain=6 q=1 | highshelf freq=8000 gain=-4 q=0.7071";

        Result r = run("process", in.toString(), out.toString(), "--linear-phase", "4096", "--chain", chainText);

        assertEquals(0, r.exitCode(), r.err());
        AudioBuffer y = read(out);
        assertEquals(frames, y.frames());
        // Latency is compensated and the filter is linear phase: the response is centred on the impulse.
        for (int k = 1; k < 2047; k++) {
            assertEquals(y.get(0, at - k), y.get(0, at + k), 1e-6, "taps " + k + " either side");
        }
        io.github.mixwright.core.FrequencyResponse target = LinearChains.response(
                ChainSpec.parse(chainText, ProcessorRegistry.load()).build(), 48_000);
        for (double hz : new double[] {200, 1000, 3000, 8000, 15000}) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < frames; i++) {
                double w = 2 * Math.PI * hz * (i - at) / 48_000;
                re += y.get(0, i) * Math.cos(w);
                im -= y.get(0, i) * Math.sin(w);
            }
            assertEquals(target.magnitudeDb(hz), 20 * Math.log10(Math.hypot(re, im) / 0.5), 0.1, hz + " Hz");
            assertEquals(0, Math.atan2(im, re), 1e-3, "phase at " + hz + " Hz");
        }
    }

    @Test
    void linearPhaseNeedsLinearStagesAndAValidLength() throws Exception {
        Path in = write(dir.resolve("in.wav"), noise(2, 1000, 0.5, 9), SampleEncoding.FLOAT32);
        Path out = dir.resolve("out.wav");

        Result shortFir = run("process", in.toString(), out.toString(), "--linear-phase", "100", "--chain", "peak");
        assertEquals(2, shortFir.exitCode());
        assertTrue(shortFir.err().startsWith("error: --linear-phase 100 is out of range [4096, 65536]"), shortFir.err());

        Result pan = run("process", in.toString(), out.toString(), "--linear-phase", "--chain", "peak | pan");
        assertEquals(2, pan.exitCode());
        assertTrue(pan.err().startsWith("error: stage 2 (pan) has no frequency response: it is not a linear filter"),
                pan.err());
        assertFalse(Files.exists(out));
    }
}
