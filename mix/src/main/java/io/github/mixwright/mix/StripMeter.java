package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.loudness.LoudnessMeter;

/**
 * Measures one track's, bus's or the master's stereo output while a mix renders: sample peak, RMS, clipped
 * samples, integrated loudness (BS.1770) and the long-term 1/3-octave spectrum. The first {@code lead}
 * frames (the lane's share of the compensation delay, before its signal arrives) are not measured. Not
 * thread-safe.
 */
final class StripMeter {
    private final String name;
    private final String kind;
    private final LoudnessMeter loudness;
    private final SpectrumMeter spectrum;
    private long lead;
    private double peak;
    private double sumSquares;
    private long samples;
    private long clipped;

    StripMeter(String name, String kind, double rate, long lead) {
        this.name = name;
        this.kind = kind;
        this.loudness = new LoudnessMeter(rate, 2);
        this.spectrum = new SpectrumMeter(rate);
        this.lead = lead;
    }

    void accept(AudioBuffer block) {
        AudioBuffer b = block;
        if (lead > 0) {
            int skip = (int) Math.min(lead, b.frames());
            lead -= skip;
            if (skip == b.frames()) {
                return;
            }
            b = b.view(skip, b.frames() - skip);
        }
        int n = b.frames();
        for (int c = 0; c < b.channels(); c++) {
            float[] x = b.channel(c);
            int off = b.offset();
            for (int i = 0; i < n; i++) {
                double v = Math.abs(x[off + i]);
                peak = Math.max(peak, v);
                sumSquares += v * v;
                if (v >= 1) {
                    clipped++;
                }
            }
        }
        samples += (long) n * b.channels();
        loudness.accept(b);
        spectrum.accept(b);
    }

    StripReport report() {
        double rms = samples == 0 ? 0 : Math.sqrt(sumSquares / samples);
        return new StripReport(name, kind, 20 * Math.log10(peak), 20 * Math.log10(rms), loudness.integratedLufs(),
                clipped, spectrum.bandsDb(), loudness.series());
    }
}
