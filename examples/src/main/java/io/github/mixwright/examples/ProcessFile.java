package io.github.mixwright.examples;

import io.github.mixwright.core.AdaptedChain;
import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Automation;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.Gain;
import io.github.mixwright.core.Panner;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.StereoWidth;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.io.WavWriter;
import io.github.mixwright.io.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a mono or stereo WAV, runs it through a small chain block by block and writes the result.
 *
 * <p>What it shows:
 * <ul>
 *   <li>streaming: memory stays constant however long the file is;</li>
 *   <li>the processor contract: prepare once, then process blocks in place;</li>
 *   <li>configuration: unit-named setters that chain, and settings printed as chain syntax;</li>
 *   <li>automation: a fade-in on the gain, evaluated at every sample;</li>
 *   <li>channel rules: {@link AdaptedChain} makes a mono file dual mono before the stereo stages;</li>
 *   <li>safe output: nothing appears at the target until {@code commit()}.</li>
 * </ul>
 *
 * <p>Run it on the demo's mix (after {@code ./mixwright demo} and {@code mvn -B verify}):
 * <pre>
 * java -cp cli/target/mixwright-cli-0.1.0-SNAPSHOT-all.jar:examples/target/classes \
 *     io.github.mixwright.examples.ProcessFile demo-output/mix.wav demo-output/mix-processed.wav
 * </pre>
 */
public final class ProcessFile {
    private static final int BLOCK = 4096;

    private ProcessFile() {
    }

    /**
     * Processes {@code args[0]} into {@code args[1]}.
     *
     * @param args input and output paths
     * @throws IOException if the input cannot be read or the output written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ProcessFile IN.wav OUT.wav (IN mono or stereo)");
            System.exit(2);
        }
        try (WavReader in = WavReader.open(Path.of(args[0]))) {
            // Two seconds of fade-in, shaped so the ear hears an even rise, then unity gain.
            Gain fader = new Gain().automate("db", Automation.builder(0, -60).sCurveTo(2, 0).build());
            Chain chain = Chain.of(fader, new Panner().setPosition(-0.3), new StereoWidth().setAmount(1.2));
            System.out.println("chain: " + chain);   // gain | pan position=-0.3 | width amount=1.2
            AdaptedChain fitted = AdaptedChain.of(chain, in.channels());
            int channels = fitted.outputChannels();
            fitted.prepare(new ProcessSpec(in.sampleRate(), BLOCK, channels));

            AudioBuffer block = AudioBuffer.allocate(channels, BLOCK);
            AudioBuffer input = block.channelView(0, in.channels());
            WavFormat format = channels == in.channels() ? in.format()
                    : WavFormat.of(in.format().sampleRate(), channels, in.format().encoding());
            try (WavWriter out = WavWriter.create(Path.of(args[1]), format, WriteOptions.defaults())) {
                for (int n; (n = in.read(input)) > 0; ) {
                    AudioBuffer part = block.view(0, n);
                    fitted.process(part);
                    out.write(part);
                }
                out.commit();
                if (out.clippedSamples() > 0) {
                    System.err.println("warning: " + out.clippedSamples() + " samples clipped");
                }
            }
        }
    }
}
