package io.github.mixwright.examples;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.loudness.LoudnessMeter;
import io.github.mixwright.loudness.LoudnessResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Measures the loudness of one or more WAV files the way streaming platforms do (ITU-R BS.1770,
 * EBU R128), and their loudness as an album.
 *
 * <p>What it shows:
 * <ul>
 *   <li>streaming measurement: blocks of any size, constant memory apart from 16 bytes per 100 ms;</li>
 *   <li>channel weights from the file's WAV channel mask (5.1 and 7.1 surrounds weigh 1.41, the LFE
 *       nothing);</li>
 *   <li>both cores: an executor measures the channels of each block in parallel, with results
 *       bit-identical to a single thread;</li>
 *   <li>album loudness: {@link LoudnessMeter#album} pools the gating blocks of several meters;</li>
 *   <li>how far a master is from a target: the gain to reach -14 LUFS and the true peak it would
 *       then have.</li>
 * </ul>
 *
 * <p>Run it on the demo's mix (after {@code ./mixwright demo} and {@code mvn -B verify}):
 * <pre>
 * java -cp cli/target/mixwright-cli-0.1.0-SNAPSHOT-all.jar:examples/target/classes \
 *     io.github.mixwright.examples.MeasureLoudness demo-output/mix.wav
 * </pre>
 */
public final class MeasureLoudness {
    private static final int BLOCK = 16_384;
    private static final double TARGET_LUFS = -14;

    private MeasureLoudness() {
    }

    /**
     * Measures every file named in {@code args}.
     *
     * @param args WAV or RF64 files
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: MeasureLoudness FILE.wav...");
            System.exit(2);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<LoudnessMeter> meters = new ArrayList<>();
            for (String name : args) {
                try (WavReader in = WavReader.open(Path.of(name))) {
                    LoudnessMeter meter = LoudnessMeter.builder(in.sampleRate(), in.channels())
                            .weights(LoudnessMeter.weightsForWaveMask(in.format().channelMask(), in.channels()))
                            .executor(pool)
                            .build();
                    AudioBuffer block = AudioBuffer.allocate(in.channels(), BLOCK);
                    for (int n; (n = in.read(block)) > 0; ) {
                        meter.accept(block.view(0, n));
                    }
                    meters.add(meter);
                    print(name, meter.result());
                }
            }
            if (meters.size() > 1) {
                print("album", LoudnessMeter.album(meters));
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void print(String what, LoudnessResult r) {
        System.out.printf(Locale.ROOT, "%s%n  integrated %.1f LUFS, range %.1f LU, true peak %.1f dBTP%n",
                what, r.integratedLufs(), r.loudnessRangeLu(), r.truePeakDbtp());
        if (Double.isFinite(r.integratedLufs())) {
            double gain = TARGET_LUFS - r.integratedLufs();
            System.out.printf(Locale.ROOT, "  to reach %.0f LUFS: %+.1f dB, true peak would be %.1f dBTP%s%n",
                    TARGET_LUFS, gain, r.truePeakDbtp() + gain,
                    r.truePeakDbtp() + gain > -1 ? " (over -1 dBTP: a limiter is needed)" : "");
        }
    }
}
