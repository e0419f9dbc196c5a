package io.github.mixwright.mix;

import io.github.mixwright.loudness.LoudnessResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an album master did.
 *
 * @param tracks each track's master, in order; their {@code targetReached} is the album's
 * @param input the album's figures before mastering (the tracks pooled, EBU R128)
 * @param output the album's figures as written
 * @param gainDb the one gain every track got before the limiter
 * @param passes passes over the album
 * @param targetReached whether the album's loudness is within {@value Master#TOLERANCE_LU} LU of the target
 * @param warnings what a musician should know about the album as a whole
 */
public record AlbumResult(List<MasterResult> tracks, LoudnessResult input, LoudnessResult output, double gainDb,
        int passes, boolean targetReached, List<String> warnings) {
    public AlbumResult {
        tracks = List.copyOf(tracks);
        warnings = List.copyOf(warnings);
    }

    /** The report: the album's figures, then every track's own report. */
    public Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, Object> album = new LinkedHashMap<>();
        album.put("input", MasterResult.figures(input));
        album.put("output", MasterResult.figures(output));
        album.put("gainDb", gainDb);
        album.put("passes", passes);
        album.put("targetReached", targetReached);
        album.put("warnings", warnings);
        album.put("platforms", reports(PlatformCheck.all(output)));
        r.put("album", album);
        List<Object> list = new ArrayList<>();
        for (MasterResult t : tracks) {
            list.add(t.report());
        }
        r.put("tracks", list);
        return r;
    }

    private static List<Object> reports(List<PlatformCheck> checks) {
        List<Object> list = new ArrayList<>();
        for (PlatformCheck c : checks) {
            list.add(MasterResult.platform(c));
        }
        return list;
    }

    /** The report as JSON text. */
    public String toJson() {
        return Json.write(report());
    }
}
