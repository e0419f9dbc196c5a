package io.github.mixwright.loudness;

import java.util.List;

/**
 * The gates of BS.1770-4 section 2.8 over mean-square energies, for {@link LoudnessMeter}'s integrated
 * loudness and, with its own relative gate, {@link LoudnessRange}. The energies are those of whole
 * windows (400 ms gating blocks, or 3 s range windows), kept exactly, never binned.
 *
 * <p>A window passes a gate when its energy is strictly above the gate's: BS.1770-4 says "above"
 * (libebur128 keeps windows at a gate too; the two differ only for a window exactly at one).
 *
 * <p>The energies may come in several lists (one per meter of an album): they are gated as one pool,
 * in list order. Stateless.
 */
final class Gating {
    /** Loudness of a mean square: {@code -0.691 + 10 log10(z)} (BS.1770-4 equation 2), LUFS. */
    static final double OFFSET_DB = -0.691;
    /** Mean square whose loudness is the absolute gate. */
    static final double ABSOLUTE_GATE_ENERGY = Math.pow(10, (LoudnessMeter.ABSOLUTE_GATE_LUFS - OFFSET_DB) / 10);

    private Gating() {
    }

    /** Loudness of a mean-square energy, LUFS; {@code -Infinity} for 0. */
    static double lufs(double energy) {
        return OFFSET_DB + 10 * Math.log10(energy);
    }

    /**
     * Integrated loudness of the gating blocks, LUFS: the mean of the blocks above the absolute gate,
     * then of those above both the absolute gate and {@value LoudnessMeter#RELATIVE_GATE_LU} LU below
     * that mean; {@code -Infinity} when no block passes the absolute gate.
     */
    static double integratedLufs(List<double[]> blockLists) {
        double absolutelyGated = meanAbove(blockLists, ABSOLUTE_GATE_ENERGY);
        if (Double.isNaN(absolutelyGated)) {
            return Double.NEGATIVE_INFINITY;
        }
        double relativeGate = absolutelyGated * Math.pow(10, LoudnessMeter.RELATIVE_GATE_LU / 10);
        return lufs(meanAbove(blockLists, Math.max(ABSOLUTE_GATE_ENERGY, relativeGate)));
    }

    /** Mean of the energies strictly above {@code gate}; NaN when there are none. */
    static double meanAbove(List<double[]> lists, double gate) {
        double sum = 0;
        long n = 0;
        for (double[] energies : lists) {
            for (double e : energies) {
                if (e > gate) {
                    sum += e;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
