package io.github.mixwright.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.mix.TestMusic.Kind;
import io.github.mixwright.mix.plot.LinePlot;
import io.github.mixwright.mix.plot.MasterPlots;
import io.github.mixwright.mix.plot.PlotPixels;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meters behind the master's pictures against closed forms, and the pictures drawn where they belong. */
class MasterPicturesTest {
    @TempDir
    Path dir;

    @Test
    void aFullScaleSineReadsItsLevelInItsBandAndNothingFarAway() {
        AudioBuffer b = AudioBuffer.allocate(2, 48_000 * 4);
        for (int i = 0; i < b.frames(); i++) {
            float v = (float) Math.sin(2 * Math.PI * 1000 * i / 48_000.0);
            b.set(0, i, v);
            b.set(1, i, v);
        }
        SpectrumMeter m = new SpectrumMeter(48_000);
        m.accept(b);
        double[] db = m.bandsDb();
        int k1000 = 17;
        assertEquals(1000, SpectrumMeter.CENTRES[k1000], 1e-9);
        assertEquals(0, db[k1000], 0.1, "a full-scale sine in its band");
        assertTrue(db[k1000 - 6] < -60 && db[k1000 + 6] < -60, db[k1000 - 6] + " " + db[k1000 + 6]);
    }

    @Test
    void correlationAndSideToMidFollowTheirDefinitions() {
        AudioBuffer b = AudioBuffer.allocate(2, 4800 * 3);
        for (int i = 0; i < b.frames(); i++) {
            float v = (float) Math.sin(0.01 * i);
            int step = i / 4800;
            b.set(0, i, v);
            // step 0: mono; step 1: out of phase; step 2: right at half the left's level
            b.set(1, i, step == 0 ? v : step == 1 ? -v : 0.5f * v);
        }
        StereoMeter m = new StereoMeter(48_000);
        m.accept(b);
        float[] r = m.correlation();
        float[] sm = m.sideToMidDb();
        assertEquals(1, r[0], 1e-6);
        assertEquals(-1, r[1], 1e-6);
        assertEquals(1, r[2], 1e-6);
        assertTrue(sm[0] < -200, "mono has no side: " + sm[0]);
        assertTrue(sm[1] > 200, "out of phase has no mid: " + sm[1]);
        // M = 0.75 x, S = 0.25 x: 20 log10(1/3)
        assertEquals(20 * Math.log10(1 / 3.0), sm[2], 1e-4);
    }

    @Test
    void theFourPicturesShowTheMixAndTheMaster() throws IOException {
        String headless = System.getProperty("java.awt.headless");
        AudioBuffer mix = TestMusic.make(Kind.VERY_DYNAMIC, 2, 48_000, 8, 21);
        MasterResult r = Master.of(mix, 48_000).withTarget(new MasterTarget(-10, -1)).renderToMemory();
        List<Path> files = MasterPlots.write(r, dir);
        assertEquals(List.of("custom-loudness.png", "custom-spectrum.png", "custom-limiter.png", "custom-stereo.png"),
                files.stream().map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toList()));
        assertEquals(headless, System.getProperty("java.awt.headless"), "drawing leaves java.awt.headless alone");
        BufferedImage loudness = ImageIO.read(files.get(0).toFile());
        assertEquals(1200, loudness.getWidth());
        Rectangle panel = new Rectangle(100, 80 + 44, 1060, 720 - 44 - 58);
        assertTrue(PlotPixels.pixelsOf(loudness, panel, LinePlot.AFTER) > 1000, "the master's loudness");
        assertTrue(PlotPixels.pixelsOf(loudness, panel, LinePlot.BEFORE) > 1000, "the mix's loudness");
        BufferedImage spectrum = ImageIO.read(files.get(1).toFile());
        assertTrue(PlotPixels.pixelsOf(spectrum, panel, LinePlot.AFTER) > 500);
        BufferedImage limiter = ImageIO.read(files.get(2).toFile());
        assertTrue(r.limiter().maxReductionDb() > 1, "this master is limited");
        assertTrue(PlotPixels.tinted(limiter, new Rectangle(100, 124, 1060, 560 - 44 - 58), LinePlot.SECOND) > 300,
                "the reduction is drawn");
        BufferedImage stereo = ImageIO.read(files.get(3).toFile());
        assertEquals(80 + 2 * 440, stereo.getHeight());

        AudioBuffer mono = TestMusic.make(Kind.TYPICAL, 1, 48_000, 4, 22);
        MasterResult m = Master.of(mono, 48_000).renderToMemory();
        assertEquals(3, MasterPlots.write(m, dir).size(), "no stereo picture of a mono master");
    }
}
