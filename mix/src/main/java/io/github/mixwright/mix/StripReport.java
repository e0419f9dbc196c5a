package io.github.mixwright.mix;

import java.util.Arrays;
import java.util.List;

/**
 * What a track, a bus or the master put out in a mix render, measured after its fader (the master after
 * its inserts).
 *
 * @param name the track's or bus's name, or {@code "master"}
 * @param kind {@code "track"}, {@code "bus"} or {@code "master"}
 * @param peakDbfs the largest sample magnitude, dBFS ({@code -Infinity} for silence)
 * @param rmsDbfs the RMS of both channels' samples, dBFS
 * @param integratedLufs integrated loudness, ITU-R BS.1770-4 ({@code -Infinity} below the gate)
 * @param clippedSamples samples at or beyond full scale, both channels counted
 * @param bandsDb the long-term spectrum in the 31 1/3-octave bands of {@link #BAND_CENTRES_HZ}, dB relative
 *     to a full-scale sine in the band (NaN where nothing was measured: shorter than 16,384 frames)
 * @param loudness momentary and short-term loudness every 100 ms, for plots
 */
public record StripReport(String name, String kind, double peakDbfs, double rmsDbfs, double integratedLufs,
        long clippedSamples, double[] bandsDb, io.github.mixwright.loudness.LoudnessSeries loudness) {
    /** The exact band centres, Hz: {@code 1000 * 2^(k/3)} for k from -17 to 13 (20 Hz to 20 kHz). */
    public static final List<Double> BAND_CENTRES_HZ = Arrays.stream(SpectrumMeter.CENTRES).boxed().toList();

    /** The bands' nominal names (IEC 61260): {@code 20}, {@code 25}, {@code 31.5} ... {@code 20k}. */
    public static final List<String> BAND_NAMES = List.of("20", "25", "31.5", "40", "50", "63", "80", "100",
            "125", "160", "200", "250", "315", "400", "500", "630", "800", "1k", "1.25k", "1.6k", "2k", "2.5k",
            "3.15k", "4k", "5k", "6.3k", "8k", "10k", "12.5k", "16k", "20k");

    public StripReport {
        bandsDb = bandsDb.clone();
    }

    @Override
    public double[] bandsDb() {
        return bandsDb.clone();
    }
}
