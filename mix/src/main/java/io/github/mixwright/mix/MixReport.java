package io.github.mixwright.mix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a mix render measured: each track (after its fader), each bus (after its fader), the master (after
 * its inserts), and the {@link Masking} clashes between tracks, worst first.
 *
 * @param seconds the rendered length
 * @param tracks in the mix's order
 * @param buses in the mix's order
 * @param master the mix's output
 * @param masking every clash, ranked
 */
public record MixReport(double seconds, List<StripReport> tracks, List<StripReport> buses, StripReport master,
        List<Masking> masking) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public MixReport {
        tracks = List.copyOf(tracks);
        buses = List.copyOf(buses);
        masking = List.copyOf(masking);
    }

    /**
     * The report as JSON: {@code seconds}, {@code bandsHz} (the band centres), {@code tracks}, {@code buses}
     * and {@code master} (each with {@code peakDbfs}, {@code rmsDbfs}, {@code integratedLufs},
     * {@code clippedSamples} and {@code bandsDb}), and {@code masking} (each with the two tracks, the bands,
     * {@code text} and {@code suggestion}). Levels below measurement are {@code null}.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("seconds", seconds);
        ArrayNode hz = root.putArray("bandsHz");
        StripReport.BAND_CENTRES_HZ.forEach(f -> hz.add(Math.round(f * 10) / 10.0));
        ArrayNode t = root.putArray("tracks");
        tracks.forEach(s -> strip(t.addObject(), s));
        ArrayNode b = root.putArray("buses");
        buses.forEach(s -> strip(b.addObject(), s));
        strip(root.putObject("master"), master);
        ArrayNode m = root.putArray("masking");
        for (Masking k : masking) {
            ObjectNode o = m.addObject();
            o.put("a", k.a()).put("b", k.b()).put("lowHz", round(k.lowHz())).put("highHz", round(k.highHz()));
            ArrayNode bands = o.putArray("bands");
            k.bands().forEach(bands::add);
            o.put("scoreDb", round(k.scoreDb())).put("cut", k.cut()).put("cutHz", round(k.cutHz()))
                    .put("pan", k.pan()).put("text", k.text()).put("suggestion", k.suggestion());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void strip(ObjectNode o, StripReport s) {
        o.put("name", s.name());
        number(o, "peakDbfs", s.peakDbfs());
        number(o, "rmsDbfs", s.rmsDbfs());
        number(o, "integratedLufs", s.integratedLufs());
        o.put("clippedSamples", s.clippedSamples());
        ArrayNode bands = o.putArray("bandsDb");
        for (double v : s.bandsDb()) {
            if (Double.isFinite(v)) {
                bands.add(round(v));
            } else {
                bands.addNull();
            }
        }
    }

    private static void number(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, round(v));
        } else {
            o.putNull(name);
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
