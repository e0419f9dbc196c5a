package io.github.mixwright.mix;

import io.github.mixwright.loudness.LoudnessSeries;
import io.github.mixwright.mix.plot.ResponseCurve;
import java.util.List;

/**
 * Writes CSV (RFC 4180) for the series the library measures: numbers to 9 significant digits without
 * exponent ({@code -Infinity}, {@code Infinity} and {@code NaN} where not finite, which Java, Python, NumPy
 * and JavaScript all parse), text fields quoted only when they must be. A response curve writes its own
 * ({@link ResponseCurve#csv()}).
 */
public final class Csv {
    private Csv() {
    }

    /**
     * Loudness over time: header {@code file,seconds,momentary_lufs,short_term_lufs}, one row per 100 ms
     * step of every series.
     *
     * @param names one per series, the {@code file} column
     */
    public static String loudnessSeries(List<String> names, List<LoudnessSeries> all) {
        if (names.size() != all.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + all.size() + " series");
        }
        StringBuilder s = new StringBuilder("file,seconds,momentary_lufs,short_term_lufs\n");
        for (int f = 0; f < all.size(); f++) {
            String name = field(names.get(f));
            LoudnessSeries ls = all.get(f);
            for (int k = 0; k < ls.size(); k++) {
                s.append(name).append(',').append(number(ls.timeSeconds(k))).append(',')
                        .append(number(ls.momentaryLufs()[k])).append(',')
                        .append(number(ls.shortTermLufs()[k])).append('\n');
            }
        }
        return s.toString();
    }

    /** {@code value} as a CSV number (see the class documentation). */
    public static String number(double value) {
        return ResponseCurve.number(value);
    }

    /** {@code text} as a CSV field: quoted, with quotes doubled, if it holds a comma, a quote or a line break. */
    public static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
