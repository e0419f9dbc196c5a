package io.github.mixwright.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mixwright.loudness.LoudnessSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV text for measured series: quoting and numbers as RFC 4180 readers expect. */
class CsvTest {
    @Test
    void writesOneRowPerStepWithQuotedNamesAndPlainNumbers() {
        LoudnessSeries s = new LoudnessSeries(0.1, new double[] {-23.5, Double.NEGATIVE_INFINITY},
                new double[] {-20, -19.25});
        assertEquals("file,seconds,momentary_lufs,short_term_lufs\n"
                        + "\"a, \"\"b\"\".wav\",0.1,-23.5,-20\n"
                        + "\"a, \"\"b\"\".wav\",0.2,-Infinity,-19.25\n",
                Csv.loudnessSeries(List.of("a, \"b\".wav"), List.of(s)));
        assertEquals("plain.wav", Csv.field("plain.wav"));
        assertEquals("0.0000123456789", Csv.number(1.234567891e-5), "9 significant digits");
    }
}
