package io.github.mixwright.mix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a session's JSON tree as a person would: an object or array that fits on one line of
 * {@value #WIDTH} characters stays on one line ({@code {"file": "kick.wav", "start": 0}}), others
 * open one member per line, indented two spaces. Whole numbers are written without a fraction
 * ({@code 48000}, {@code -3}); others as Java's shortest round-tripping decimal ({@code 0.01}).
 */
final class SessionText {
    /** The longest line a compact member may make, indentation included. */
    static final int WIDTH = 110;

    private SessionText() {
    }

    /** {@code root} as text, with a trailing newline. */
    static String write(JsonNode root) {
        StringBuilder s = new StringBuilder();
        write(s, root, 0, 0);
        return s.append('\n').toString();
    }

    /**
     * @param used characters already on the current line before the value (indentation and key)
     */
    private static void write(StringBuilder s, JsonNode node, int indent, int used) {
        if (!node.isContainerNode() || node.isEmpty()) {
            s.append(compact(node));
            return;
        }
        String one = compact(node);
        if (used + one.length() + 1 <= WIDTH) {
            s.append(one);
            return;
        }
        String pad = " ".repeat(indent + 2);
        boolean object = node.isObject();
        s.append(object ? "{\n" : "[\n");
        if (object) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String key = quote(f.getKey()) + ": ";
                s.append(pad).append(key);
                write(s, f.getValue(), indent + 2, pad.length() + key.length());
                s.append(fields.hasNext() ? ",\n" : "\n");
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                s.append(pad);
                write(s, node.get(i), indent + 2, pad.length());
                s.append(i + 1 < node.size() ? ",\n" : "\n");
            }
        }
        s.append(" ".repeat(indent)).append(object ? '}' : ']');
    }

    /** {@code node} on one line. */
    private static String compact(JsonNode node) {
        if (node.isObject()) {
            StringBuilder s = new StringBuilder("{");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                s.append(quote(f.getKey())).append(": ").append(compact(f.getValue()));
                if (fields.hasNext()) {
                    s.append(", ");
                }
            }
            return s.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                s.append(i > 0 ? ", " : "").append(compact(node.get(i)));
            }
            return s.append(']').toString();
        }
        if (node.isFloatingPointNumber()) {
            double d = node.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        // strings (quoted and escaped), integers, booleans and null
        return node.toString();
    }

    private static String quote(String key) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(key).toString();
    }
}
