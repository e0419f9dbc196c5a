package io.github.mixwright.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The lexical rules of chain syntax, shared by {@link ChainSpec} and {@link ProcessorSettings}:
 * stages are separated by {@code |}, words by white space, and a value may be written in double
 * quotes to hold white space, {@code |} or nothing at all ({@code ir="My IRs/Hall 2.wav"},
 * {@code ir=""}); inside quotes a doubled quote ({@code ""}) stands for one. Nothing else is special,
 * so Windows paths need no escaping.
 */
final class ChainSyntax {
    private ChainSyntax() {
    }

    /** One word of a stage, quotes removed; {@code quoted} tells {@code ir=""} from {@code ir=}. */
    record Word(String text, boolean quoted) {
    }

    /** The stages of {@code text}, split at every {@code |} outside quotes (empty stages kept). */
    static List<String> stages(String text) {
        List<String> out = new ArrayList<>();
        boolean inQuotes = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                inQuotes = !inQuotes;
            } else if (ch == '|' && !inQuotes) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    /**
     * The words of one stage.
     *
     * @throws IllegalArgumentException if a quote is not closed
     */
    static List<Word> words(String stage) {
        List<Word> out = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        int i = 0;
        int n = stage.length();
        while (i < n) {
            char ch = stage.charAt(i);
            if (ch == '"') {
                int close = i + 1;
                StringBuilder inner = new StringBuilder();
                while (true) {
                    if (close >= n) {
                        throw new IllegalArgumentException("the quote opened at position " + (i + 1) + " of '"
                                + stage.trim() + "' is not closed");
                    }
                    char c = stage.charAt(close);
                    if (c == '"') {
                        if (close + 1 < n && stage.charAt(close + 1) == '"') {
                            inner.append('"');
                            close += 2;
                            continue;
                        }
                        break;
                    }
                    inner.append(c);
                    close++;
                }
                word = word == null ? new StringBuilder() : word;
                word.append(inner);
                quoted = true;
                i = close + 1;
            } else if (Character.isWhitespace(ch)) {
                if (word != null) {
                    out.add(new Word(word.toString(), quoted));
                    word = null;
                    quoted = false;
                }
                i++;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(ch);
                i++;
            }
        }
        if (word != null) {
            out.add(new Word(word.toString(), quoted));
        }
        return out;
    }

    /** {@code text} as a value that {@link #words} reads back to itself: quoted when it has to be. */
    static String quote(String text) {
        boolean plain = !text.isEmpty();
        for (int i = 0; i < text.length() && plain; i++) {
            char ch = text.charAt(i);
            plain = !Character.isWhitespace(ch) && ch != '"' && ch != '|';
        }
        return plain ? text : '"' + text.replace("\"", "\"\"") + '"';
    }
}
