package io.github.mixwright.loudness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The figures of one programme made of several {@link LoudnessMeter}s, as if played one after the
 * other (EBU R128 album loudness): integrated loudness and loudness range gate the pooled gating
 * blocks and range windows of every meter; peaks and maxima are the largest of any meter. The meters
 * may differ in rate and layout, since only their window energies are pooled. Stateless.
 */
final class Album {
    private Album() {
    }

    /**
     * The album of {@code meters}; its true peak is NaN unless every meter measures true peak.
     *
     * @throws IllegalArgumentException if {@code meters} is empty
     */
    static LoudnessResult of(Collection<LoudnessMeter> meters) {
        if (meters.isEmpty()) {
            throw new IllegalArgumentException("album needs at least one meter");
        }
        List<double[]> blocks = new ArrayList<>();
        List<double[]> windows = new ArrayList<>();
        double tp = Double.NEGATIVE_INFINITY;
        double sp = Double.NEGATIVE_INFINITY;
        double maxM = Double.NEGATIVE_INFINITY;
        double maxS = Double.NEGATIVE_INFINITY;
        for (LoudnessMeter m : meters) {
            blocks.add(m.gatingBlocks());
            windows.add(m.rangeWindows());
            double t = m.truePeakDbtp();
            tp = Double.isNaN(tp) || Double.isNaN(t) ? Double.NaN : Math.max(tp, t);
            sp = Math.max(sp, m.samplePeakDbfs());
            maxM = Math.max(maxM, m.maxMomentaryLufs());
            maxS = Math.max(maxS, m.maxShortTermLufs());
        }
        double i = Gating.integratedLufs(blocks);
        return new LoudnessResult(i, LoudnessRange.rangeLu(windows), tp, sp, maxM, maxS,
                LoudnessMeter.plr(tp, i));
    }
}
