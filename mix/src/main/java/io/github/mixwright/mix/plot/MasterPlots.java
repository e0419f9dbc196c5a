package io.github.mixwright.mix.plot;

import io.github.mixwright.core.Checks;
import io.github.mixwright.io.AtomicFiles;
import io.github.mixwright.loudness.LoudnessSeries;
import io.github.mixwright.mix.MasterResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The pictures of a master, each a PNG a musician reads at a glance, the mix in grey and the master in blue:
 * <ul>
 *   <li>{@code NAME-loudness.png}: short-term loudness over time before and after, the master's momentary
 *       loudness, and the target;</li>
 *   <li>{@code NAME-spectrum.png}: the long-term spectrum before and after in 1/3-octave bands on a
 *       log-frequency axis;</li>
 *   <li>{@code NAME-limiter.png}: the limiter's gain reduction over time (the largest in each 100 ms);</li>
 *   <li>{@code NAME-stereo.png} (two or more channels): the left-right correlation over time, with 0 as the
 *       mono-compatibility line, and the side-to-mid balance.</li>
 * </ul>
 * Each is written atomically.
 */
public final class MasterPlots {
    static final int WIDTH = 1200;

    private MasterPlots() {
    }

    /** Writes the pictures of {@code r} into {@code dir}, named after the master; returns the files. */
    public static List<Path> write(MasterResult r, Path dir) throws IOException {
        String name = r.file() != null ? r.file().getFileName().toString().replaceFirst("(?i)\\.wav$", "") : r.name();
        List<Path> files = new ArrayList<>();
        files.add(png(loudness(r), dir.resolve(name + "-loudness.png")));
        files.add(png(spectrum(r), dir.resolve(name + "-spectrum.png")));
        files.add(png(limiter(r), dir.resolve(name + "-limiter.png")));
        if (r.curves().outputCorrelation().length > 0) {
            files.add(png(stereo(r), dir.resolve(name + "-stereo.png")));
        }
        return files;
    }

    /** Writes {@code image} as a PNG to {@code file}, atomically. */
    static Path png(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
        return file;
    }

    private static String title(MasterResult r, String what) {
        return what + ": " + (r.file() != null ? r.file().getFileName().toString() : r.name());
    }

    private static String figures(MasterResult r) {
        return String.format(Locale.ROOT, "mix %.1f LUFS, %.1f dBTP  \u2192  master %.1f LUFS, %.1f dBTP (target %s)",
                r.input().integratedLufs(), r.input().truePeakDbtp(), r.output().integratedLufs(),
                r.output().truePeakDbtp(), r.target()).replaceAll("-(?=[0-9])", "\u2212");
    }

    /** Loudness over time, before and after, with the target. */
    public static BufferedImage loudness(MasterResult r) {
        MasterResult.Curves c = r.curves();
        double[] t = times(c.output());
        double[] mo = c.output().momentaryLufs();
        double[] so = c.output().shortTermLufs();
        double[] si = c.input().shortTermLufs();
        double top = Math.max(max(so), Math.max(max(si), max(mo)));
        top = Math.max(top, r.target().integratedLufs()) + 3;
        double bottom = Math.min(r.target().integratedLufs(), Math.min(min(si, -60), min(so, -60))) - 6;
        bottom = Math.max(bottom, top - 60);
        double end = Math.max(t.length == 0 ? 1 : t[t.length - 1], 0.1);
        LinePlot p = LinePlot.of(LinePlot.Axis.TIME, 0, end, "Loudness (LUFS)", bottom, top, 6)
                .with(new LinePlot.Series("Mix, short-term (3 s)", times(c.input()), si, LinePlot.BEFORE, 3.2f, false))
                .with(new LinePlot.Series("Master, momentary (400 ms)", t, mo, new java.awt.Color(0x9fc7e8), 1.2f,
                        false))
                .with(new LinePlot.Series("Master, short-term (3 s)", t, so, LinePlot.AFTER, 2.6f, false))
                .with(new LinePlot.Reference(("Target " + Checks.format(r.target().integratedLufs()) + " LUFS")
                        .replace('-', '\u2212'),
                        r.target().integratedLufs(), LinePlot.LIMIT));
        return LinePlot.render(WIDTH, 720, title(r, "Loudness"), figures(r), p);
    }

    /** The long-term spectrum before and after. */
    public static BufferedImage spectrum(MasterResult r) {
        MasterResult.Curves c = r.curves();
        double top = Math.max(max(c.inputSpectrumDb()), max(c.outputSpectrumDb()));
        top = Math.ceil(top / 6) * 6 + 6;
        double bottom = Math.max(top - 84, Math.min(min(c.inputSpectrumDb(), top - 84), min(c.outputSpectrumDb(), top - 84)) - 6);
        LinePlot p = LinePlot.of(LinePlot.Axis.FREQUENCY, 20, 20_000, "Level per 1/3 octave (dB re full-scale sine)",
                bottom, top, 6)
                .with(new LinePlot.Series("Mix", c.bandsHz(), c.inputSpectrumDb(), LinePlot.BEFORE, 3.6f, false))
                .with(new LinePlot.Series("Master", c.bandsHz(), c.outputSpectrumDb(), LinePlot.AFTER, 2.6f, false));
        return LinePlot.render(WIDTH, 720, title(r, "Long-term spectrum"),
                String.format(Locale.ROOT, "1/3-octave bands, the mean of the channels; gain %+.1f dB, limiter up to %.1f dB",
                        r.gainDb(), r.limiter().maxReductionDb()).replaceAll("-(?=[0-9])", "\u2212"), p);
    }

    /** The limiter's gain reduction over time. */
    public static BufferedImage limiter(MasterResult r) {
        MasterResult.Curves c = r.curves();
        float[] red = c.reductionDb();
        double[] t = new double[red.length];
        double[] y = new double[red.length];
        for (int i = 0; i < red.length; i++) {
            t[i] = (i + 0.5) * c.reductionStepSeconds();
            y[i] = -red[i];
        }
        double deepest = Math.max(3, Math.ceil(r.limiter().maxReductionDb()) + 1);
        double end = Math.max(red.length * c.reductionStepSeconds(), 0.1);
        LinePlot p = LinePlot.of(LinePlot.Axis.TIME, 0, end, "Gain reduction (dB)", -deepest, 0,
                deepest > 12 ? 3 : 1)
                .with(new LinePlot.Series("Limiter gain reduction (largest per 100 ms)", t, y, LinePlot.SECOND, 1.6f,
                        true))
                .fillTo(0);
        String sub = String.format(Locale.ROOT, "largest %.1f dB, mean %.2f dB; %.1f s above 1 dB, %.1f s above 3 dB, "
                + "%.1f s above 6 dB", r.limiter().maxReductionDb(), r.limiter().meanReductionDb(),
                r.limiter().secondsAbove1Db(), r.limiter().secondsAbove3Db(), r.limiter().secondsAbove6Db());
        return LinePlot.render(WIDTH, 560, title(r, "Limiter"), sub, p);
    }

    /** Correlation and side-to-mid balance over time, before and after. */
    public static BufferedImage stereo(MasterResult r) {
        MasterResult.Curves c = r.curves();
        double[] ti = steps(c.inputCorrelation().length);
        double[] to = steps(c.outputCorrelation().length);
        double end = Math.max(to.length * 0.1, 0.1);
        LinePlot corr = LinePlot.of(LinePlot.Axis.TIME, 0, end, "Correlation", -1, 1, 0.5)
                .with(new LinePlot.Series("Mix", ti, doubles(c.inputCorrelation()), LinePlot.BEFORE, 3.4f, false))
                .with(new LinePlot.Series("Master", to, doubles(c.outputCorrelation()), LinePlot.AFTER, 1.8f, false))
                .with(new LinePlot.Reference("below 0: parts cancel in mono", 0, LinePlot.LIMIT));
        double[] si = doubles(c.inputSideToMidDb());
        double[] so = doubles(c.outputSideToMidDb());
        double low = Math.max(-40, Math.min(min(si, -40), min(so, -40)) - 3);
        double high = Math.min(12, Math.max(max(si), max(so)) + 3);
        LinePlot balance = LinePlot.of(LinePlot.Axis.TIME, 0, end, "Side \u2212 mid (dB)", low, Math.max(high, low + 6), 6)
                .with(new LinePlot.Series("Mix", ti, si, LinePlot.BEFORE, 3.4f, false))
                .with(new LinePlot.Series("Master", to, so, LinePlot.AFTER, 1.8f, false))
                .with(new LinePlot.Reference("as much side as mid", 0, LinePlot.LIMIT));
        return LinePlot.render(WIDTH, 440, title(r, "Stereo picture"),
                "correlation (1 mono, 0 wide, below 0 cancels in mono) and side-to-mid balance per 100 ms; quiet passages left out",
                corr, balance);
    }

    private static double[] times(LoudnessSeries s) {
        double[] t = new double[s.size()];
        for (int k = 0; k < t.length; k++) {
            t[k] = s.timeSeconds(k);
        }
        return t;
    }

    private static double[] steps(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (i + 0.5) * 0.1;
        }
        return t;
    }

    private static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, x);
            }
        }
        return Double.isFinite(m) ? m : 0;
    }

    private static double min(double[] v, double floor) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x) && x >= floor) {
                m = Math.min(m, x);
            }
        }
        return Double.isFinite(m) ? m : floor;
    }
}
