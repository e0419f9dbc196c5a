package io.github.mixwright.mix;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON, for reports and the command's {@code --json} output: objects ({@link Map}, in iteration order), lists, strings,
 * numbers, booleans and null. Objects and lists of objects are indented two spaces; lists of plain
 * values stay on one line. Non-finite numbers become null, which JSON has instead.
 */
public final class Json {
    private Json() {
    }

    /** {@code value} as JSON text, without a trailing newline. */
    public static String write(Object value) {
        StringBuilder s = new StringBuilder();
        write(s, value, 0);
        return s.toString();
    }

    private static void write(StringBuilder s, Object value, int depth) {
        if (value == null) {
            s.append("null");
        } else if (value instanceof String) {
            quote(s, (String) value);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            s.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (value instanceof Number || value instanceof Boolean) {
            s.append(value);
        } else if (value instanceof Map) {
            writeObject(s, (Map<?, ?>) value, depth);
        } else if (value instanceof List) {
            writeList(s, (List<?>) value, depth);
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static void writeObject(StringBuilder s, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            s.append("{}");
            return;
        }
        s.append('{');
        String sep = "\n";
        for (Map.Entry<?, ?> e : map.entrySet()) {
            s.append(sep);
            indent(s, depth + 1);
            quote(s, (String) e.getKey());
            s.append(": ");
            write(s, e.getValue(), depth + 1);
            sep = ",\n";
        }
        s.append('\n');
        indent(s, depth);
        s.append('}');
    }

    private static void writeList(StringBuilder s, List<?> list, int depth) {
        boolean nested = list.stream().anyMatch(v -> v instanceof Map || v instanceof List);
        s.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                s.append(nested ? "," : ", ");
            }
            if (nested) {
                s.append('\n');
                indent(s, depth + 1);
            }
            write(s, list.get(i), depth + 1);
        }
        if (nested && !list.isEmpty()) {
            s.append('\n');
            indent(s, depth);
        }
        s.append(']');
    }

    private static void indent(StringBuilder s, int depth) {
        s.append("  ".repeat(depth));
    }

    /** Appends {@code text} as a JSON string literal (RFC 8259 section 7). */
    static void quote(StringBuilder s, String text) {
        s.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    s.append("\\\"");
                    break;
                case '\\':
                    s.append("\\\\");
                    break;
                case '\n':
                    s.append("\\n");
                    break;
                case '\r':
                    s.append("\\r");
                    break;
                case '\t':
                    s.append("\\t");
                    break;
                case '\b':
                    s.append("\\b");
                    break;
                case '\f':
                    s.append("\\f");
                    break;
                default:
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
            }
        }
        s.append('"');
    }
}
