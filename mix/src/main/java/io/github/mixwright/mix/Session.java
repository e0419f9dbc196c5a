package io.github.mixwright.mix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mixwright.core.Automation;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.PanLaw;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.core.ProcessorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A session file: a {@link Mix} in JSON, and optionally the master's target. It says what the builder
 * says; {@link #load}, {@link #save} and {@link #load} again give an equal session.
 *
 * <pre>{@code
 * {
 *   "sampleRate": 48000,
 *   "tracks": [
 *     {"name": "kick", "clips": [{"file": "kick.wav", "start": 0.0}], "volumeDb": -3, "pan": 0,
 *      "inserts": ["highpass freq=30", "compressor threshold=-18 ratio=4"]},
 *     {"name": "bass", "clips": [{"file": "bass.wav", "start": 0.0, "fadeIn": 0.01, "fadeOut": 2.0}],
 *      "volumeDb": -6, "pan": -0.1, "inserts": ["compressor threshold=-24 ratio=3"],
 *      "sidechain": {"processor": 0, "key": "kick"}},
 *     {"name": "vocal", "clips": [{"file": "vocal.wav", "start": 4.0}], "pan": 0.2,
 *      "automation": {"volumeDb": [[0, -60], [4, 0, "s-curve"], [30, 0], [32, -60, "linear"]]},
 *      "sends": [{"bus": "verb", "levelDb": -12, "pre": false}]}
 *   ],
 *   "buses": [{"name": "verb", "inserts": ["reverb rt60=1.8 mix=1"]}],
 *   "master": {"inserts": ["compressor threshold=-12 ratio=2"], "target": "spotify"}
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Inserts are in the chain syntax of {@code mixwright process --chain}, one or more stages per
 *       string; {@code sidechain.processor} counts the stages from 0.</li>
 *   <li>A fade is seconds (an S-curve) or {@code {"seconds": 2, "shape": "equal-power"}}.</li>
 *   <li>Automation points are {@code [seconds, value, shape]}, the shape ({@code hold}, {@code linear}
 *       (the default), {@code exponential}, {@code s-curve}) being that of the segment ending there.</li>
 *   <li>{@code master.target} is a preset name or {@code {"lufs": -14, "ceilingDbtp": -1}}; without one
 *       the mix is rendered with no mastering.</li>
 *   <li>Relative paths (clips' files, inserts' path parameters) resolve against the session file's
 *       folder.</li>
 *   <li>Errors name the field by its path: {@code tracks[2].inserts[0]: ratio 0.5 is out of range [1, 1000]}.</li>
 * </ul>
 *
 * <p>Jackson reads and writes the JSON: it reports syntax errors with their line and column, and its tree
 * model lets every error here carry the field's path. Immutable and thread-safe.
 */
public final class Session {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Mix mix;
    private final MasterTarget target;
    private final String targetName;

    private Session(Mix mix, MasterTarget target, String targetName) {
        this.mix = Objects.requireNonNull(mix, "mix");
        this.target = target;
        this.targetName = targetName;
    }

    /** A session of {@code mix} with no mastering. */
    public static Session of(Mix mix) {
        return new Session(mix, null, null);
    }

    /** A session of {@code mix} mastered to {@code target}. */
    public static Session of(Mix mix, MasterTarget target) {
        return new Session(mix, Objects.requireNonNull(target, "target"), null);
    }

    /** A session of {@code mix} mastered to {@code preset}'s target (saved by its name). */
    public static Session of(Mix mix, Preset preset) {
        return new Session(mix, preset.target(), preset.id());
    }

    public Mix mix() {
        return mix;
    }

    /** The master's target, or null for no mastering. */
    public MasterTarget target() {
        return target;
    }

    /**
     * The preset {@code master.target} names, or null when the target is given by its numbers or there is
     * none. {@code Master.withPreset(session.preset())} puts the platform's name and rules in the report.
     */
    public Preset preset() {
        return targetName == null ? null : Preset.of(targetName);
    }

    /**
     * Reads a session file.
     *
     * @throws SessionException naming the file, and the field's path when a value is wrong
     * @throws IOException if the file cannot be read
     */
    public static Session load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SessionException(file + ": no such session file");
        }
        Path folder = file.toAbsolutePath().getParent();
        try {
            return parse(text, folder);
        } catch (SessionException e) {
            throw new SessionException(file + ": " + e.getMessage());
        }
    }

    /**
     * Reads a session from JSON text, resolving relative paths against {@code folder} (null: as they are).
     *
     * @throws SessionException naming the field's path when a value is wrong
     */
    public static Session parse(String json, Path folder) throws SessionException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SessionException("not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        return new Reader(folder).session(root);
    }

    /** Writes the session as JSON to {@code file} (replacing it), files relative to its folder where they can be. */
    public void save(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(folder, ".session", ".tmp");
        try {
            Files.writeString(tmp, toJson(folder));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The session as JSON, file paths relative to {@code folder} where they lie under it (null: as they are).
     *
     * @throws IllegalStateException if a clip's source is a buffer or a generator, which a file cannot hold
     */
    public String toJson(Path folder) {
        ObjectNode root = JSON.createObjectNode();
        root.put("sampleRate", mix.sampleRate());
        if (mix.panLaw() != PanLaw.CONSTANT_POWER) {
            root.put("panLaw", mix.panLaw().id());
        }
        if (!Double.isNaN(mix.lengthSeconds())) {
            root.put("lengthSeconds", mix.lengthSeconds());
        }
        ArrayNode tracks = root.putArray("tracks");
        for (Track t : mix.tracks()) {
            ObjectNode o = tracks.addObject();
            o.put("name", t.name());
            ArrayNode clips = o.putArray("clips");
            for (Clip c : t.clips()) {
                clips.add(clip(c, folder, t));
            }
            o.put("volumeDb", t.volumeDb());
            o.put("pan", t.pan());
            if (t.mute()) {
                o.put("mute", true);
            }
            if (t.solo()) {
                o.put("solo", true);
            }
            if (t.invert()) {
                o.put("invert", true);
            }
            inserts(o, t.inserts(), folder);
            if (t.sideChain() != null) {
                o.putObject("sidechain").put("processor", t.sideChain().insert()).put("key", t.sideChain().key());
            }
            if (t.volumeAutomation() != null || t.panAutomation() != null) {
                ObjectNode a = o.putObject("automation");
                if (t.volumeAutomation() != null) {
                    a.set("volumeDb", curve(t.volumeAutomation()));
                }
                if (t.panAutomation() != null) {
                    a.set("pan", curve(t.panAutomation()));
                }
            }
            if (!t.sends().isEmpty()) {
                ArrayNode sends = o.putArray("sends");
                for (Send s : t.sends()) {
                    ObjectNode so = sends.addObject().put("bus", s.bus()).put("levelDb", s.levelDb()).put("pre", s.pre());
                    if (s.automation() != null) {
                        so.set("automation", curve(s.automation()));
                    }
                }
            }
        }
        ArrayNode buses = root.putArray("buses");
        for (Bus b : mix.buses()) {
            ObjectNode o = buses.addObject();
            o.put("name", b.name());
            inserts(o, b.inserts(), folder);
            o.put("volumeDb", b.volumeDb());
            o.put("pan", b.pan());
            if (b.mute()) {
                o.put("mute", true);
            }
            if (b.sideChain() != null) {
                o.putObject("sidechain").put("processor", b.sideChain().insert()).put("key", b.sideChain().key());
            }
        }
        ObjectNode master = root.putObject("master");
        inserts(master, mix.master(), folder);
        if (targetName != null) {
            master.put("target", targetName);
        } else if (target != null) {
            master.putObject("target").put("lufs", target.integratedLufs()).put("ceilingDbtp", target.ceilingDbtp());
        }
        return SessionText.write(root);
    }

    private static ObjectNode clip(Clip c, Path folder, Track t) {
        Path file = c.source().path();
        if (file == null) {
            throw new IllegalStateException("track '" + t.name() + "': " + c + " plays " + c.source().describe()
                    + ", which a session file cannot hold; only files can be saved");
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("file", relative(file, folder));
        o.put("start", c.start());
        if (c.offset() != 0) {
            o.put("offset", c.offset());
        }
        if (Double.isFinite(c.length())) {
            o.put("length", c.length());
        }
        if (c.gainDb() != 0) {
            o.put("gainDb", c.gainDb());
        }
        fade(o, "fadeIn", c.fadeIn());
        fade(o, "fadeOut", c.fadeOut());
        return o;
    }

    private static void fade(ObjectNode o, String name, Fade f) {
        if (f.seconds() == 0) {
            return;
        }
        if (f.shape() == FadeShape.S_CURVE) {
            o.put(name, f.seconds());
        } else {
            o.putObject(name).put("seconds", f.seconds()).put("shape", f.shape().id());
        }
    }

    private static void inserts(ObjectNode o, ChainSpec spec, Path folder) {
        ArrayNode a = o.putArray("inserts");
        for (ProcessorSettings s : spec.stages()) {
            a.add(folder == null ? s.toString() : s.relativizePaths(folder).toString());
        }
    }

    private static ArrayNode curve(Automation a) {
        ArrayNode points = JSON.createArrayNode();
        for (int i = 0; i < a.size(); i++) {
            ArrayNode p = points.addArray().add(a.time(i)).add(a.value(i));
            if (i > 0) {
                p.add(shapeName(a.shape(i)));
            }
        }
        return points;
    }

    static String shapeName(Automation.Shape s) {
        return s == Automation.Shape.S_CURVE ? "s-curve" : s.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String relative(Path file, Path folder) {
        if (folder != null && file.isAbsolute() && file.normalize().startsWith(folder.normalize())) {
            return folder.normalize().relativize(file.normalize()).toString().replace('\\', '/');
        }
        return file.toString();
    }

    /** Sessions are equal when their mixes and targets are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Session && mix.equals(((Session) o).mix) && Objects.equals(target, ((Session) o).target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mix, target);
    }

    @Override
    public String toString() {
        return "session: " + mix + (target == null ? "" : ", mastered to " + target);
    }

    /** Reads the tree, keeping the path of the field being read for every message. */
    private static final class Reader {
        private final Path folder;
        private final ProcessorRegistry registry = ProcessorRegistry.load();

        Reader(Path folder) {
            this.folder = folder;
        }

        Session session(JsonNode root) throws SessionException {
            object(root, "the session");
            known(root, "", "sampleRate", "panLaw", "lengthSeconds", "tracks", "buses", "master");
            Mix.Builder b;
            try {
                b = Mix.builder(number(root, "sampleRate", "", Double.NaN));
            } catch (IllegalArgumentException e) {
                throw new SessionException("sampleRate: " + e.getMessage());
            }
            if (root.has("panLaw")) {
                String law = text(root, "panLaw", "");
                PanLaw found = null;
                for (PanLaw p : PanLaw.values()) {
                    if (p.id().equalsIgnoreCase(law)) {
                        found = p;
                    }
                }
                if (found == null) {
                    throw new SessionException("panLaw: '" + law + "' is not one of 0db, -3db, -4.5db, -6db");
                }
                b.panLaw(found);
            }
            if (root.has("lengthSeconds")) {
                double len = number(root, "lengthSeconds", "", Double.NaN);
                wrap("lengthSeconds", () -> b.lengthSeconds(len));
            }
            JsonNode tracks = array(root, "tracks", "");
            for (int i = 0; i < tracks.size(); i++) {
                b.track(track(tracks.get(i), "tracks[" + i + "]"));
            }
            JsonNode buses = root.has("buses") ? array(root, "buses", "") : JSON.createArrayNode();
            for (int j = 0; j < buses.size(); j++) {
                b.bus(bus(buses.get(j), "buses[" + j + "]"));
            }
            MasterTarget target = null;
            String targetName = null;
            if (root.has("master")) {
                JsonNode m = root.get("master");
                object(m, "master");
                known(m, "master.", "inserts", "target");
                ChainSpec master = inserts(m, "master");
                b.master(master);
                if (m.has("target")) {
                    JsonNode t = m.get("target");
                    if (t.isTextual()) {
                        try {
                            Preset p = Preset.of(t.asText());
                            target = p.target();
                            targetName = p.id();
                        } catch (IllegalArgumentException e) {
                            throw new SessionException("master.target: " + e.getMessage());
                        }
                    } else {
                        object(t, "master.target");
                        known(t, "master.target.", "lufs", "ceilingDbtp");
                        double lufs = number(t, "lufs", "master.target.", Double.NaN);
                        double ceiling = number(t, "ceilingDbtp", "master.target.", -1);
                        try {
                            target = new MasterTarget(lufs, ceiling);
                        } catch (IllegalArgumentException e) {
                            throw new SessionException("master.target: " + e.getMessage());
                        }
                    }
                }
            }
            Mix mix;
            try {
                mix = b.build();
            } catch (IllegalArgumentException e) {
                throw new SessionException(e.getMessage());
            }
            return new Session(mix, target, targetName);
        }

        private Track track(JsonNode node, String at) throws SessionException {
            object(node, at);
            known(node, at + ".", "name", "clips", "volumeDb", "pan", "mute", "solo", "invert", "inserts",
                    "sidechain", "automation", "sends");
            String name = text(node, "name", at + ".");
            Track.Builder t;
            try {
                t = Track.builder(name);
            } catch (IllegalArgumentException e) {
                throw new SessionException(at + ".name: " + e.getMessage());
            }
            JsonNode clips = node.has("clips") ? array(node, "clips", at + ".") : JSON.createArrayNode();
            for (int c = 0; c < clips.size(); c++) {
                t.clip(clip(clips.get(c), at + ".clips[" + c + "]"));
            }
            double volume = number(node, "volumeDb", at + ".", 0);
            double pan = number(node, "pan", at + ".", 0);
            wrap(at + ".volumeDb", () -> t.volumeDb(volume));
            wrap(at + ".pan", () -> t.pan(pan));
            t.mute(bool(node, "mute", at + ".")).solo(bool(node, "solo", at + ".")).invert(bool(node, "invert", at + "."));
            t.inserts(inserts(node, at));
            if (node.has("sidechain")) {
                SideChain sc = sideChain(node.get("sidechain"), at + ".sidechain");
                t.sideChain(sc.insert(), sc.key());
            }
            if (node.has("automation")) {
                JsonNode a = node.get("automation");
                object(a, at + ".automation");
                known(a, at + ".automation.", "volumeDb", "pan");
                if (a.has("volumeDb")) {
                    t.volumeAutomation(curve(a.get("volumeDb"), at + ".automation.volumeDb"));
                }
                if (a.has("pan")) {
                    Automation p = curve(a.get("pan"), at + ".automation.pan");
                    wrap(at + ".automation.pan", () -> t.panAutomation(p));
                }
            }
            if (node.has("sends")) {
                JsonNode sends = array(node, "sends", at + ".");
                for (int s = 0; s < sends.size(); s++) {
                    String sat = at + ".sends[" + s + "]";
                    JsonNode so = sends.get(s);
                    object(so, sat);
                    known(so, sat + ".", "bus", "levelDb", "pre", "automation");
                    String bus = text(so, "bus", sat + ".");
                    double level = number(so, "levelDb", sat + ".", 0);
                    boolean pre = bool(so, "pre", sat + ".");
                    Automation curve = so.has("automation") ? curve(so.get("automation"), sat + ".automation") : null;
                    try {
                        t.send(new Send(bus, level, pre, curve));
                    } catch (IllegalArgumentException e) {
                        throw new SessionException(sat + ": " + e.getMessage());
                    }
                }
            }
            try {
                return t.build();
            } catch (IllegalArgumentException e) {
                throw new SessionException(at + ": " + e.getMessage());
            }
        }

        private Bus bus(JsonNode node, String at) throws SessionException {
            object(node, at);
            known(node, at + ".", "name", "inserts", "volumeDb", "pan", "mute", "sidechain");
            String name = text(node, "name", at + ".");
            try {
                Bus b = Bus.of(name).withInserts(inserts(node, at)).withVolumeDb(number(node, "volumeDb", at + ".", 0))
                        .withPan(number(node, "pan", at + ".", 0)).withMute(bool(node, "mute", at + "."));
                return node.has("sidechain") ? b.withSideChain(sideChain(node.get("sidechain"), at + ".sidechain")) : b;
            } catch (IllegalArgumentException e) {
                throw new SessionException(at + ": " + e.getMessage());
            }
        }

        private Clip clip(JsonNode node, String at) throws SessionException {
            object(node, at);
            known(node, at + ".", "file", "start", "offset", "length", "gainDb", "fadeIn", "fadeOut");
            String file = text(node, "file", at + ".");
            Path path = Path.of(file);
            Clip c = Clip.of(ClipSource.file(folder == null || path.isAbsolute() ? path : folder.resolve(path)));
            try {
                c = c.at(number(node, "start", at + ".", 0)).from(number(node, "offset", at + ".", 0));
                if (node.has("length")) {
                    c = c.length(number(node, "length", at + ".", Double.NaN));
                }
                c = c.gainDb(number(node, "gainDb", at + ".", 0));
            } catch (IllegalArgumentException e) {
                throw new SessionException(at + ": " + e.getMessage());
            }
            if (node.has("fadeIn")) {
                c = c.fadeIn(fade(node.get("fadeIn"), at + ".fadeIn"));
            }
            if (node.has("fadeOut")) {
                c = c.fadeOut(fade(node.get("fadeOut"), at + ".fadeOut"));
            }
            return c;
        }

        private Fade fade(JsonNode node, String at) throws SessionException {
            try {
                if (node.isNumber()) {
                    return Fade.of(node.asDouble());
                }
                object(node, at);
                known(node, at + ".", "seconds", "shape");
                double seconds = number(node, "seconds", at + ".", Double.NaN);
                FadeShape shape = node.has("shape") ? FadeShape.of(text(node, "shape", at + ".")) : FadeShape.S_CURVE;
                return new Fade(seconds, shape);
            } catch (IllegalArgumentException e) {
                throw new SessionException(at + ": " + e.getMessage());
            }
        }

        private ChainSpec inserts(JsonNode node, String at) throws SessionException {
            List<ProcessorSettings> stages = new ArrayList<>();
            if (!node.has("inserts")) {
                return ChainSpec.of(stages);
            }
            JsonNode list = array(node, "inserts", at + ".");
            for (int i = 0; i < list.size(); i++) {
                String where = at + ".inserts[" + i + "]";
                JsonNode s = list.get(i);
                if (!s.isTextual()) {
                    throw new SessionException(where + ": an insert is a string in the chain syntax, e.g. "
                            + "\"compressor threshold=-18 ratio=4\"");
                }
                try {
                    for (ProcessorSettings p : ChainSpec.parse(s.asText(), registry).stages()) {
                        stages.add(folder == null ? p : p.resolvePaths(folder));
                    }
                } catch (IllegalArgumentException e) {
                    throw new SessionException(where + ": " + e.getMessage());
                }
            }
            return ChainSpec.of(stages);
        }

        private SideChain sideChain(JsonNode node, String at) throws SessionException {
            object(node, at);
            known(node, at + ".", "processor", "key");
            double index = number(node, "processor", at + ".", Double.NaN);
            if (index != Math.rint(index)) {
                throw new SessionException(at + ".processor: " + index + " is not a whole number");
            }
            try {
                return new SideChain((int) index, text(node, "key", at + "."));
            } catch (IllegalArgumentException e) {
                throw new SessionException(at + ": " + e.getMessage());
            }
        }

        private Automation curve(JsonNode node, String at) throws SessionException {
            if (!node.isArray() || node.size() == 0) {
                throw new SessionException(at + ": automation is a list of points [seconds, value, shape]");
            }
            Automation.Builder b = null;
            for (int i = 0; i < node.size(); i++) {
                String where = at + "[" + i + "]";
                JsonNode p = node.get(i);
                if (!p.isArray() || p.size() < 2 || p.size() > 3 || !p.get(0).isNumber() || !p.get(1).isNumber()
                        || (p.size() == 3 && !p.get(2).isTextual())) {
                    throw new SessionException(where + ": a point is [seconds, value] or [seconds, value, shape]");
                }
                Automation.Shape shape = p.size() == 3 ? shape(p.get(2).asText(), where) : Automation.Shape.LINEAR;
                try {
                    b = b == null ? Automation.builder(p.get(0).asDouble(), p.get(1).asDouble())
                            : b.to(shape, p.get(0).asDouble(), p.get(1).asDouble());
                } catch (IllegalArgumentException e) {
                    throw new SessionException(where + ": " + e.getMessage());
                }
            }
            return b.build();
        }

        private static Automation.Shape shape(String name, String at) throws SessionException {
            for (Automation.Shape s : Automation.Shape.values()) {
                if (shapeName(s).equalsIgnoreCase(name)) {
                    return s;
                }
            }
            throw new SessionException(at + ": shape '" + name + "' is not one of hold, linear, exponential, s-curve");
        }

        private static void object(JsonNode node, String at) throws SessionException {
            if (node == null || !node.isObject()) {
                throw new SessionException(at + ": expected an object {...}");
            }
        }

        private static JsonNode array(JsonNode node, String field, String at) throws SessionException {
            JsonNode v = node.get(field);
            if (v == null || !v.isArray()) {
                throw new SessionException(at + field + ": expected a list [...]");
            }
            return v;
        }

        private static double number(JsonNode node, String field, String at, double otherwise)
                throws SessionException {
            JsonNode v = node.get(field);
            if (v == null) {
                if (Double.isNaN(otherwise)) {
                    throw new SessionException(at + field + ": missing (a number)");
                }
                return otherwise;
            }
            if (!v.isNumber()) {
                throw new SessionException(at + field + ": " + v + " is not a number");
            }
            return v.asDouble();
        }

        private static String text(JsonNode node, String field, String at) throws SessionException {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual()) {
                throw new SessionException(at + field + ": " + (v == null ? "missing" : v + " is not a string"));
            }
            return v.asText();
        }

        private static boolean bool(JsonNode node, String field, String at) throws SessionException {
            JsonNode v = node.get(field);
            if (v == null) {
                return false;
            }
            if (!v.isBoolean()) {
                throw new SessionException(at + field + ": " + v + " is not true or false");
            }
            return v.asBoolean();
        }

        private static void known(JsonNode node, String at, String... fields) throws SessionException {
            List<String> allowed = List.of(fields);
            var names = node.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!allowed.contains(n)) {
                    throw new SessionException(at + n + ": unknown field; the fields here are "
                            + String.join(", ", allowed));
                }
            }
        }

        private interface Step {
            void run();
        }

        private static void wrap(String at, Step step) throws SessionException {
            try {
                step.run();
            } catch (IllegalArgumentException e) {
                throw new SessionException(at + ": " + e.getMessage());
            }
        }
    }
}
