package io.github.mixwright.mix.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.mix.Clip;
import io.github.mixwright.mix.ClipSource;
import io.github.mixwright.mix.Mix;
import io.github.mixwright.mix.MixReport;
import io.github.mixwright.mix.MixStream;
import io.github.mixwright.mix.Track;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mix pictures show what the report says: each track in its colour, the clashes outlined. */
class MixPlotsTest {
    private static final double RATE = 48_000;

    /** A four-track test mix: a kick and a bass that clash, a pad, hats; -Dmix.plots=DIR keeps the PNGs. */
    static MixReport report() throws IOException {
        int n = 12 * 48_000;
        SplittableRandom g = new SplittableRandom(3);
        float[] kick = new float[n];
        float[] bass = new float[n];
        float[] pad = new float[n];
        float[] hats = new float[n];
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double beat = (i % 24_000) / RATE;
            kick[i] = (float) (0.8 * Math.exp(-beat * 9) * Math.sin(2 * Math.PI * (55 + 60 * Math.exp(-beat * 30)) * beat));
            double note = 55 * (i % 96_000 < 48_000 ? 1 : 1.5);
            bass[i] = (float) (0.3 * Math.sin(2 * Math.PI * note * i / RATE) + 0.1 * Math.sin(4 * Math.PI * note * i / RATE));
            lp += 0.05 * (g.nextDouble() - 0.5 - lp);
            pad[i] = (float) (0.15 * (Math.sin(2 * Math.PI * 440 * i / RATE) + Math.sin(2 * Math.PI * 660 * i / RATE)
                    + Math.sin(2 * Math.PI * 880 * i / RATE)) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.1 * i / RATE)) + lp);
            double hat = (i % 12_000) / RATE;
            hats[i] = (float) (0.25 * Math.exp(-hat * 60) * (g.nextDouble() - 0.5) * (i > 4 * 48_000 ? 1 : 0));
        }
        Mix mix = Mix.builder(RATE)
                .track(Track.builder("kick").clip(Clip.of(source(kick))).build())
                .track(Track.builder("bass").clip(Clip.of(source(bass))).volumeDb(-2).build())
                .track(Track.builder("pad").clip(Clip.of(source(pad)).at(2).fadeIn(3)).pan(-0.3).volumeDb(-6).build())
                .track(Track.builder("hats").clip(Clip.of(source(hats))).inserts("highpass freq=5000").pan(0.4).build())
                .build();
        try (MixStream s = mix.openMeasured()) {
            AudioBuffer block = AudioBuffer.allocate(2, 8192);
            while (s.read(block) > 0) {
                // to the end
            }
            return s.report();
        }
    }

    private static ClipSource source(float[] x) {
        return ClipSource.of(AudioBuffer.wrap(new float[][] {x}), RATE);
    }

    @Test
    void thePicturesShowTheTracksAndTheClashes(@TempDir Path tmp) throws IOException {
        String keep = System.getProperty("mix.plots");
        Path dir = keep != null ? Files.createDirectories(Path.of(keep)) : tmp;
        MixReport r = report();
        assertTrue(r.masking().stream().anyMatch(m -> m.text().startsWith("kick and bass")), r.masking().toString());
        List<Path> files = MixPlots.write(r, dir);
        assertEquals(3, files.size());
        BufferedImage spectra = ImageIO.read(files.get(0).toFile());
        BufferedImage masking = ImageIO.read(files.get(2).toFile());
        Rectangle all = new Rectangle(0, 0, spectra.getWidth(), spectra.getHeight());
        for (int t = 0; t < 4; t++) {
            assertTrue(PlotPixels.pixelsOf(spectra, all, MixPlots.colour(t)) > 200, "track " + t + " drawn");
        }
        Rectangle map = new Rectangle(0, 0, masking.getWidth(), masking.getHeight());
        assertTrue(PlotPixels.pixelsOf(masking, map, MixPlots.CLASH) > 100, "clashes outlined");
    }
}
