package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.loudness.LoudnessResult;
import io.github.mixwright.loudness.LoudnessSeries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one master did, measured on what was written.
 *
 * @param name the output's name (a preset's id, or the one given)
 * @param target the loudness and ceiling asked for
 * @param file where it was written, or null for a master kept in memory
 * @param audio the master in memory, or null for one written to a file
 * @param input the input's figures
 * @param output the written master's figures, after quantisation and dither
 * @param gainDb the gain applied before the limiter
 * @param limiter what the limiter did
 * @param passes passes over the audio: the analysis, the written pass, and a correction when one was needed
 * @param targetReached whether the output is within {@value Master#TOLERANCE_LU} LU of the target (the
 *     ceiling always holds)
 * @param warnings what a musician should know, in words
 * @param platforms how the master fares on every platform
 * @param chain the chain, as chain-spec text
 * @param curves the series the pictures draw
 */
public record MasterResult(String name, MasterTarget target, Path file, AudioBuffer audio, LoudnessResult input,
        LoudnessResult output, double gainDb, Limiting limiter, int passes, boolean targetReached,
        List<String> warnings, List<PlatformCheck> platforms, String chain, Curves curves) {

    /**
     * What the limiter did to the master, frame by frame.
     *
     * @param maxReductionDb the largest gain reduction
     * @param meanReductionDb the mean over the whole master
     * @param secondsAbove1Db time with more than 1 dB of reduction
     * @param secondsAbove3Db more than 3 dB
     * @param secondsAbove6Db more than 6 dB
     */
    public record Limiting(double maxReductionDb, double meanReductionDb, double secondsAbove1Db,
            double secondsAbove3Db, double secondsAbove6Db) {
    }

    /**
     * Series over time for the pictures.
     *
     * @param input the input's momentary and short-term loudness
     * @param output the master's
     * @param reductionStepSeconds seconds per point of {@code reductionDb}
     * @param reductionDb the limiter's largest reduction in each step
     * @param bandsHz the centres of the 1/3-octave bands of the spectra, 20 Hz to 20 kHz
     * @param inputSpectrumDb the input's long-term spectrum per band, dB relative to a full-scale sine
     * @param outputSpectrumDb the master's
     * @param inputCorrelation the input's left-right correlation per 100 ms step (empty for mono)
     * @param inputSideToMidDb the input's side-to-mid balance per step
     * @param outputCorrelation the master's correlation
     * @param outputSideToMidDb the master's side-to-mid balance
     */
    public record Curves(LoudnessSeries input, LoudnessSeries output, double reductionStepSeconds, float[] reductionDb,
            double[] bandsHz, double[] inputSpectrumDb, double[] outputSpectrumDb, float[] inputCorrelation,
            float[] inputSideToMidDb, float[] outputCorrelation, float[] outputSideToMidDb) {
    }

    public MasterResult {
        warnings = List.copyOf(warnings);
        platforms = List.copyOf(platforms);
    }

    /** The report as JSON-ready maps and lists (see {@link Json}); {@link #toJson()} writes it. */
    public Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("file", file == null ? null : file.toString());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("integratedLufs", target.integratedLufs());
        t.put("ceilingDbtp", target.ceilingDbtp());
        r.put("target", t);
        r.put("input", figures(input));
        r.put("output", figures(output));
        r.put("gainDb", gainDb);
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("maxReductionDb", limiter.maxReductionDb());
        l.put("meanReductionDb", limiter.meanReductionDb());
        l.put("secondsAbove1Db", limiter.secondsAbove1Db());
        l.put("secondsAbove3Db", limiter.secondsAbove3Db());
        l.put("secondsAbove6Db", limiter.secondsAbove6Db());
        r.put("limiter", l);
        r.put("passes", passes);
        r.put("targetReached", targetReached);
        r.put("warnings", warnings);
        List<Object> p = new ArrayList<>();
        for (PlatformCheck c : platforms) {
            p.add(platform(c));
        }
        r.put("platforms", p);
        r.put("chain", chain);
        return r;
    }

    /** The report as JSON text. */
    public String toJson() {
        return Json.write(report());
    }

    static Map<String, Object> platform(PlatformCheck c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", c.name());
        o.put("targetLufs", c.targetLufs());
        o.put("ceilingDbtp", c.ceilingDbtp());
        o.put("compliant", c.compliant());
        o.put("playbackGainDb", c.playbackGainDb());
        o.put("playback", c.playback());
        o.put("basis", c.basis());
        return o;
    }

    /**
     * A loudness result as report fields: {@code integratedLufs}, {@code loudnessRangeLu},
     * {@code truePeakDbtp}, {@code samplePeakDbfs}, {@code maxMomentaryLufs}, {@code maxShortTermLufs},
     * {@code plrDb}; the same names everywhere the project reports loudness.
     */
    public static Map<String, Object> figures(LoudnessResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("integratedLufs", r.integratedLufs());
        o.put("loudnessRangeLu", r.loudnessRangeLu());
        o.put("truePeakDbtp", r.truePeakDbtp());
        o.put("samplePeakDbfs", r.samplePeakDbfs());
        o.put("maxMomentaryLufs", r.maxMomentaryLufs());
        o.put("maxShortTermLufs", r.maxShortTermLufs());
        o.put("plrDb", r.plrDb());
        return o;
    }
}
