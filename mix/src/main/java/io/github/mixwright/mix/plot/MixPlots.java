package io.github.mixwright.mix.plot;

import io.github.mixwright.loudness.LoudnessSeries;
import io.github.mixwright.mix.Masking;
import io.github.mixwright.mix.MixReport;
import io.github.mixwright.mix.StripReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The mix report's pictures, 1200 px wide:
 * <ul>
 *   <li>{@code mix-spectra.png}: every track's long-term 1/3-octave spectrum overlaid on a log frequency
 *       axis, the mix in grey;</li>
 *   <li>{@code mix-loudness.png}: every track's short-term loudness (3 s) over time, and the mix's;</li>
 *   <li>{@code mix-masking.png}: the masking map, tracks by bands: how strong each track is in each band
 *       relative to its own loudest band, the clashes outlined, and the worst clashes with their
 *       suggestions.</li>
 * </ul>
 * Each is written atomically. Thread-safe; draws off-screen, with no global settings.
 */
public final class MixPlots {
    static final int WIDTH = 1200;
    /** Track colours, in the mix's order (then around again). */
    private static final Color[] PALETTE = {new Color(0x1f5fbf), new Color(0xd4570f), new Color(0x2e8b3a),
        new Color(0x8e3bb8), new Color(0xc0392b), new Color(0x138d90), new Color(0xb7950b), new Color(0x5d6d7e),
        new Color(0xe84393), new Color(0x6c5ce7)};
    private static final Color MIX = new Color(0x555555);
    /** The clash outline: black, which no track colour is. */
    static final Color CLASH = Color.BLACK;

    private MixPlots() {
    }

    /** Writes the three pictures into {@code dir}; returns the files. */
    public static List<Path> write(MixReport r, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(MasterPlots.png(spectra(r), dir.resolve("mix-spectra.png")));
        files.add(MasterPlots.png(loudness(r), dir.resolve("mix-loudness.png")));
        files.add(MasterPlots.png(masking(r), dir.resolve("mix-masking.png")));
        return files;
    }

    static Color colour(int track) {
        return PALETTE[track % PALETTE.length];
    }

    private static double[] centres() {
        return StripReport.BAND_CENTRES_HZ.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The tracks' spectra overlaid, and the mix's. */
    public static BufferedImage spectra(MixReport r) {
        double top = Double.NEGATIVE_INFINITY;
        for (StripReport s : all(r)) {
            top = Math.max(top, max(s.bandsDb()));
        }
        top = Double.isFinite(top) ? Math.ceil(top / 6) * 6 + 6 : 0;
        LinePlot p = LinePlot.of(LinePlot.Axis.FREQUENCY, 20, 20_000, "Level per 1/3 octave (dB re full-scale sine)",
                top - 72, top, 6)
                .with(new LinePlot.Series("Mix", centres(), r.master().bandsDb(), MIX, 4f, false));
        for (int i = 0; i < r.tracks().size(); i++) {
            StripReport s = r.tracks().get(i);
            p = p.with(new LinePlot.Series(s.name(), centres(), s.bandsDb(), colour(i), 2.2f, false));
        }
        return LinePlot.render(WIDTH, 720, "Spectra of the tracks",
                "long-term, 1/3-octave bands, each track after its fader, the mean of its channels", p);
    }

    /** The tracks' and the mix's short-term loudness over time. */
    public static BufferedImage loudness(MixReport r) {
        double top = Double.NEGATIVE_INFINITY;
        for (StripReport s : all(r)) {
            top = Math.max(top, max(s.loudness().shortTermLufs()));
        }
        top = Double.isFinite(top) ? Math.ceil(top / 6) * 6 + 3 : 0;
        LinePlot p = LinePlot.of(LinePlot.Axis.TIME, 0, Math.max(r.seconds(), 0.1), "Short-term loudness (LUFS, 3 s)",
                top - 48, top, 6)
                .with(new LinePlot.Series(String.format(Locale.ROOT, "Mix, %.1f LUFS", r.master().integratedLufs())
                        .replace('-', '\u2212'), times(r.master().loudness()), r.master().loudness().shortTermLufs(),
                        MIX, 4f, false));
        for (int i = 0; i < r.tracks().size(); i++) {
            StripReport s = r.tracks().get(i);
            String name = Double.isFinite(s.integratedLufs())
                    ? String.format(Locale.ROOT, "%s, %.1f LUFS", s.name(), s.integratedLufs()).replace('-', '\u2212')
                    : s.name() + ", silent";
            p = p.with(new LinePlot.Series(name, times(s.loudness()), s.loudness().shortTermLufs(), colour(i), 2f, false));
        }
        return LinePlot.render(WIDTH, 720, "Loudness of the tracks and the mix",
                "each track after its fader; integrated loudness in the legend (ITU-R BS.1770-4)", p);
    }

    /** The masking map. */
    public static BufferedImage masking(MixReport r) {
        List<StripReport> tracks = r.tracks();
        int bands = StripReport.BAND_NAMES.size();
        int left = 170;
        int right = 30;
        int cell = (WIDTH - left - right) / bands;
        int rowH = 34;
        int gridTop = 100;
        int gridH = Math.max(1, tracks.size()) * rowH;
        int shown = Math.min(8, r.masking().size());
        int height = gridTop + gridH + 60 + 40 + shown * 26 + 30;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            PlotText.clear(g, WIDTH, height, Color.WHITE);
            PlotText.drawTitle(g, WIDTH, "Masking map", r.masking().isEmpty() ? "no two tracks fight over a band"
                    : r.masking().size() + (r.masking().size() == 1 ? " clash" : " clashes") + ": bands where two tracks are both strong and within "
                    + (int) Masking.CLOSE_DB + " dB of each other (outlined)", 36, 61);
            boolean[][] clash = new boolean[tracks.size()][bands];
            for (Masking m : r.masking()) {
                for (int t = 0; t < tracks.size(); t++) {
                    if (tracks.get(t).name().equals(m.a()) || tracks.get(t).name().equals(m.b())) {
                        for (String b : m.bands()) {
                            clash[t][StripReport.BAND_NAMES.indexOf(b)] = true;
                        }
                    }
                }
            }
            Font label = PlotText.font(Font.PLAIN, 14);
            for (int t = 0; t < tracks.size(); t++) {
                double[] v = tracks.get(t).bandsDb();
                double top = max(v);
                int y = gridTop + t * rowH;
                g.setFont(label);
                g.setColor(colour(t));
                g.fillRect(14, y + 11, 12, 12);
                g.setColor(PlotText.TEXT);
                FontMetrics fm = g.getFontMetrics();
                g.drawString(PlotText.ellipsis(fm, tracks.get(t).name(), left - 44), 34, y + rowH / 2 + 5);
                for (int b = 0; b < bands; b++) {
                    int x = left + b * cell;
                    double below = Double.isFinite(v[b]) && Double.isFinite(top) ? top - v[b] : 99;
                    // strong (within 12 dB of the track's loudest band) is dark; 48 dB down is white
                    double s = Math.max(0, Math.min(1, 1 - below / 48));
                    g.setColor(shade(colour(t), s));
                    g.fillRect(x + 1, y + 1, cell - 2, rowH - 2);
                    if (clash[t][b]) {
                        g.setColor(CLASH);
                        g.setStroke(new BasicStroke(3f));
                        g.drawRect(x + 2, y + 2, cell - 4, rowH - 4);
                    }
                }
            }
            g.setStroke(new BasicStroke(1f));
            g.setFont(PlotText.font(Font.PLAIN, 12));
            g.setColor(PlotText.TICK_TEXT);
            for (int b = 0; b < bands; b += 1) {
                if (b % 3 == 2 || b == 0 || b == bands - 1) {
                    PlotText.centred(g, StripReport.BAND_NAMES.get(b), left + b * cell + cell / 2.0, gridTop + gridH + 18);
                }
            }
            PlotText.centred(g, "Hz (1/3-octave band centres); the darker, the nearer the track's own loudest band",
                    left + bands * cell / 2.0, gridTop + gridH + 40);
            g.setFont(PlotText.font(Font.BOLD, 15));
            g.setColor(PlotText.TEXT);
            int y = gridTop + gridH + 84;
            if (shown > 0) {
                g.drawString("Worst clashes", 34, y);
            }
            g.setFont(PlotText.font(Font.PLAIN, 14));
            for (int i = 0; i < shown; i++) {
                Masking m = r.masking().get(i);
                String line = (i + 1) + ". " + m.text() + ": " + m.suggestion();
                g.drawString(PlotText.ellipsis(g.getFontMetrics(), line, WIDTH - 68), 34, y + 26 * (i + 1));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Color shade(Color c, double s) {
        int r = (int) Math.round(255 + (c.getRed() - 255) * s);
        int gr = (int) Math.round(255 + (c.getGreen() - 255) * s);
        int b = (int) Math.round(255 + (c.getBlue() - 255) * s);
        return new Color(r, gr, b);
    }

    private static List<StripReport> all(MixReport r) {
        List<StripReport> all = new ArrayList<>(r.tracks());
        all.add(r.master());
        return all;
    }

    private static double[] times(LoudnessSeries s) {
        double[] t = new double[s.size()];
        for (int k = 0; k < t.length; k++) {
            t[k] = s.timeSeconds(k);
        }
        return t;
    }

    /** The largest finite value, or -Infinity if there is none. */
    private static double max(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).max().orElse(Double.NEGATIVE_INFINITY);
    }
}
