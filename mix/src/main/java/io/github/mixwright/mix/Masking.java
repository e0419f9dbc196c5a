package io.github.mixwright.mix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two tracks fighting over a stretch of the spectrum: bands where both are strong (within
 * {@value #STRONG_DB} dB of their own loudest band) and within {@value #CLOSE_DB} dB of each other, so
 * neither stands clear of the other. Ranked by {@link #scoreDb}: the quieter of the two levels, averaged
 * over the stretch, plus 10 log10 of its bands, so that a loud and wide clash ranks first.
 *
 * @param a the first track (in the mix's order)
 * @param b the second track
 * @param lowHz the lowest band's centre
 * @param highHz the highest band's centre
 * @param bands the bands' nominal names
 * @param scoreDb the rank
 * @param cut the track to cut in this stretch: the one for which it lies further below its own peak,
 *     which loses less of itself by a cut
 * @param cutHz the centre to cut at: the stretch's geometric centre
 * @param pan whether panning them apart would serve better: both are within 0.3 of each other in pan
 *     and the stretch lies above 150 Hz (bass stays centred)
 */
public record Masking(String a, String b, double lowHz, double highHz, List<String> bands, double scoreDb,
        String cut, double cutHz, boolean pan) {
    /** How far below its loudest band a band still counts as strong, dB. */
    public static final double STRONG_DB = 12;
    /** How close two strong levels must be to mask each other, dB. */
    public static final double CLOSE_DB = 6;

    /** {@code "kick and bass both dominate 63-100 Hz"}. */
    public String text() {
        return a + " and " + b + " both dominate " + bands.get(0) + (bands.size() > 1 ? "-" + bands.get(bands.size() - 1) : "")
                + " Hz";
    }

    /** {@code "cut bass by 3 dB around 80 Hz (peak q=2)"}, or a pan suggestion. */
    public String suggestion() {
        double octaves = Math.log(highHz / lowHz) / Math.log(2) + 1 / 3.0;
        double q = Math.sqrt(Math.pow(2, octaves)) / (Math.pow(2, octaves) - 1);
        String eq = String.format(Locale.ROOT, "cut %s by 3 dB around %s Hz (peak freq=%.0f gain=-3 q=%.1f)", cut,
                hz(cutHz), cutHz, q);
        return pan ? "pan " + a + " and " + b + " apart, or " + eq : eq;
    }

    private static String hz(double f) {
        return f >= 1000 ? String.format(Locale.ROOT, "%.1fk", f / 1000) : String.format(Locale.ROOT, "%.0f", f);
    }

    /** Every clash between the tracks' spectra, best ranked first. */
    static List<Masking> find(List<StripReport> tracks, Map<String, Double> pans) {
        List<Masking> found = new ArrayList<>();
        double[] centres = SpectrumMeter.CENTRES;
        for (int i = 0; i < tracks.size(); i++) {
            for (int j = i + 1; j < tracks.size(); j++) {
                StripReport x = tracks.get(i);
                StripReport y = tracks.get(j);
                double[] lx = x.bandsDb();
                double[] ly = y.bandsDb();
                double mx = max(lx);
                double my = max(ly);
                if (!Double.isFinite(mx) || !Double.isFinite(my)) {
                    continue;
                }
                int k = 0;
                while (k < centres.length) {
                    if (!clash(lx[k], ly[k], mx, my)) {
                        k++;
                        continue;
                    }
                    int from = k;
                    double sum = 0;
                    double belowX = 0;
                    double belowY = 0;
                    List<String> names = new ArrayList<>();
                    while (k < centres.length && clash(lx[k], ly[k], mx, my)) {
                        sum += Math.min(lx[k], ly[k]);
                        belowX += mx - lx[k];
                        belowY += my - ly[k];
                        names.add(StripReport.BAND_NAMES.get(k));
                        k++;
                    }
                    int count = k - from;
                    double score = sum / count + 10 * Math.log10(count);
                    double lo = centres[from];
                    double hi = centres[k - 1];
                    String cut = belowX >= belowY ? x.name() : y.name();
                    double px = pans.getOrDefault(x.name(), 0.0);
                    double py = pans.getOrDefault(y.name(), 0.0);
                    boolean pan = Math.abs(px - py) < 0.3 && lo > 150;
                    found.add(new Masking(x.name(), y.name(), lo, hi, List.copyOf(names), score, cut, Math.sqrt(lo * hi),
                            pan));
                }
            }
        }
        found.sort(Comparator.comparingDouble(Masking::scoreDb).reversed());
        return found;
    }

    private static boolean clash(double a, double b, double maxA, double maxB) {
        return Double.isFinite(a) && Double.isFinite(b) && a >= maxA - STRONG_DB && b >= maxB - STRONG_DB
                && Math.abs(a - b) <= CLOSE_DB;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, x);
            }
        }
        return m;
    }
}
