package io.github.mixwright.io;

import io.github.mixwright.core.AudioBuffer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Converts WAV to FLAC and FLAC to WAV from the command line, for bench/compare-flac.sh (the tests
 * do not use it): {@code FlacCodec encode in.wav out.flac [level]}, {@code FlacCodec decode in.flac out.wav}.
 * Both are bit-exact for 16- and 24-bit PCM.
 */
public final class FlacCodec {
    private FlacCodec() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: FlacCodec encode IN.wav OUT.flac [LEVEL] | decode IN.flac OUT.wav");
            System.exit(2);
        }
        Path in = Path.of(args[1]);
        Path out = Path.of(args[2]);
        AudioBuffer block = null;
        if (args[0].equals("encode")) {
            int level = args.length > 3 ? Integer.parseInt(args[3]) : FlacWriter.DEFAULT_LEVEL;
            try (WavReader r = WavReader.open(in);
                    FlacWriter w = FlacWriter.create(out, r.format().sampleRate(), r.channels(),
                            r.format().encoding().bits(), level, WriteOptions.defaults().withDither(Dither.NONE))) {
                block = AudioBuffer.allocate(r.channels(), 16384);
                for (int n; (n = r.read(block)) > 0; ) {
                    w.write(block.view(0, n));
                }
                w.commit();
            }
        } else {
            try (FlacReader r = FlacReader.open(in);
                    WavWriter w = WavWriter.create(out, WavFormat.of((int) r.sampleRate(), r.channels(),
                            r.bitsPerSample() == 16 ? SampleEncoding.PCM16 : SampleEncoding.PCM24),
                            WriteOptions.defaults().withDither(Dither.NONE))) {
                block = AudioBuffer.allocate(r.channels(), 16384);
                for (int n; (n = r.read(block)) > 0; ) {
                    w.write(block.view(0, n));
                }
                w.commit();
            }
        }
    }
}
