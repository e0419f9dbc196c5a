package io.github.mixwright.loudness;

import java.util.Arrays;
import java.util.List;

/**
 * Loudness range after EBU Tech 3342, for {@link LoudnessMeter}: over the energies of complete 3 s
 * short-term windows, one every 100 ms, the windows above the absolute gate (-70 LUFS), then those
 * above {@value LoudnessMeter#RANGE_RELATIVE_GATE_LU} LU below their power mean; the range is the
 * difference between the {@value LoudnessMeter#RANGE_HIGH_PERCENTILE} and
 * {@value LoudnessMeter#RANGE_LOW_PERCENTILE} percentiles of what remains, by nearest rank on the
 * sorted values (index {@code round((n - 1) p)}), in LU. Gates pass windows strictly above them
 * ({@link Gating}). Stateless.
 */
final class LoudnessRange {
    private LoudnessRange() {
    }

    /** The range of the pooled windows of every list, LU; 0 when no window passes the absolute gate. */
    static double rangeLu(List<double[]> windowLists) {
        double absolutelyGated = Gating.meanAbove(windowLists, Gating.ABSOLUTE_GATE_ENERGY);
        if (Double.isNaN(absolutelyGated)) {
            return 0;
        }
        double gate = Math.max(Gating.ABSOLUTE_GATE_ENERGY,
                absolutelyGated * Math.pow(10, LoudnessMeter.RANGE_RELATIVE_GATE_LU / 10));
        double[] gated = windowLists.stream().flatMapToDouble(Arrays::stream).filter(e -> e > gate).sorted()
                .toArray();
        int m = gated.length;
        double low = gated[(int) Math.round((m - 1) * LoudnessMeter.RANGE_LOW_PERCENTILE)];
        double high = gated[(int) Math.round((m - 1) * LoudnessMeter.RANGE_HIGH_PERCENTILE)];
        return 10 * Math.log10(high / low);
    }
}
