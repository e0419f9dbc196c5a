package io.github.mixwright.cli;


import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.core.testing.ProcessorContract;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavWriter;
import io.github.mixwright.io.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.SplittableRandom;
import java.util.Map;

/**
 * Every processor the command can reach, from every module on the class path, keeps the
 * processor contract: the command line sees exactly what the registry offers, so this is the list
 * that has to be right.
 */
class AllProcessorsContractTest extends ProcessorContract {
    @Override
    protected Collection<ProcessorDescriptor> descriptors() {
        return ProcessorRegistry.load().all();
    }

    /** Every module's processors: the command must see all of them, and no others. */
    @Override
    protected Map<String, String> identities() {
        return Map.ofEntries(
                // core
                Map.entry("gain", "db=0"), Map.entry("pan", "position=0 mode=balance"), Map.entry("width", "amount=1"),
                Map.entry("polarity", NO_IDENTITY),
                // filters
                Map.entry("lowpass", NO_IDENTITY), Map.entry("highpass", NO_IDENTITY),
                Map.entry("bandpass", NO_IDENTITY), Map.entry("notch", NO_IDENTITY),
                Map.entry("allpass", NO_IDENTITY), Map.entry("peak", "gain=0"),
                Map.entry("lowshelf", "gain=0"), Map.entry("highshelf", "gain=0"),
                Map.entry("lowpass1", NO_IDENTITY), Map.entry("highpass1", NO_IDENTITY),
                Map.entry("lowshelf1", "gain=0"), Map.entry("highshelf1", "gain=0"),
                Map.entry("svf", "mode=bell gain=0"), Map.entry("dcblock", NO_IDENTITY),
                Map.entry("butterworth", NO_IDENTITY), Map.entry("linkwitz-riley", NO_IDENTITY),
                Map.entry("eq", "b1type=peak b1gain=0"), Map.entry("lineq", "taps=4096"),
                // dynamics
                Map.entry("compressor", "ratio=1"), Map.entry("gate", "range=0"), Map.entry("deesser", "range=0"),
                Map.entry("multiband", NO_IDENTITY), Map.entry("limiter", "ceiling=0"),
                // effects
                Map.entry("delay", "mix=0"), Map.entry("saturator", "mix=0"), Map.entry("exciter", "mix=0"),
                Map.entry("chorus", "mix=0"), Map.entry("flanger", "mix=0"), Map.entry("reverb", "mix=0"),
                Map.entry("convolver", "mix=0"));
    }

    /** The convolver needs a response: a 1500-frame decaying mono one, written once for the run. */
    @Override
    protected Map<String, String> required() {
        return Map.of("convolver", "ir=\"" + response() + "\"");
    }

    private static Path response;

    private static synchronized Path response() {
        if (response == null) {
            try {
                Path folder = Files.createTempDirectory("mixwright contract");
                AudioBuffer ir = AudioBuffer.allocate(1, 1500);
                SplittableRandom r = new SplittableRandom(3);
                for (int i = 0; i < ir.frames(); i++) {
                    ir.channel(0)[i] = (float) ((r.nextDouble() * 2 - 1) * Math.exp(-i / 300.0));
                }
                response = folder.resolve("room ir.wav");
                try (WavWriter w = WavWriter.create(response, WavFormat.of(48_000, 1, SampleEncoding.FLOAT32),
                        WriteOptions.defaults())) {
                    w.write(ir);
                    w.commit();
                }
                response.toFile().deleteOnExit();
                folder.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return response;
    }
}
