package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The limiter's ceiling judged by libebur128: the outputs of {@link LimiterReferenceCases} were measured
 * with Debian's libebur128 1.2.6 ({@code reference/limiter-ebur128.csv}; how, in
 * {@code README-limiter-ebur128.md}). Each case is run again here; its CRC-32 must match the measured
 * output's, so the committed measurement applies to what the limiter produces today, and libebur128's
 * true peak must not exceed the ceiling.
 */
class TruePeakLimiterEbur128Test {
    record Row(int index, double ceilingDb, long crc, double ebur128TruePeakDb) {
        @Override
        public String toString() {
            return "case " + index + ", ceiling " + ceilingDb + " dBTP";
        }
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                TruePeakLimiterEbur128Test.class.getResourceAsStream("/reference/limiter-ebur128.csv")),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("#") || line.startsWith("case")) {
                    continue;
                }
                String[] f = line.split(",");
                rows.add(new Row(Integer.parseInt(f[0]), Double.parseDouble(f[3]), Long.parseLong(f[4]),
                        Double.parseDouble(f[5])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows.stream();
    }

    @ParameterizedTest
    @MethodSource("rows")
    void libebur128ReadsTheOutputAtOrBelowTheCeiling(Row row) {
        LimiterReferenceCases.Case c = LimiterReferenceCases.cases().get(row.index());
        assertEquals(row.ceilingDb(), c.settings().ceilingDb(), 0);
        AudioBuffer y = LimiterReferenceCases.output(c);
        assertEquals(row.crc(), LimiterReferenceCases.crc(y), "the limiter's output changed since it was measured:"
                + " measure it again with libebur128 (reference/README-limiter-ebur128.md)");
        assertTrue(row.ebur128TruePeakDb() <= row.ceilingDb() + TruePeakLimiterCeilingTest.ROUNDING_DB,
                "libebur128 reads " + row.ebur128TruePeakDb() + " dBTP");
        double meterDb = 20 * Math.log10(TruePeakLimiterCeilingTest.meterTruePeak(y, c.signal().rate()));
        assertTrue(meterDb <= row.ceilingDb() + TruePeakLimiterCeilingTest.ROUNDING_DB, "the meter reads " + meterDb);
    }
}
