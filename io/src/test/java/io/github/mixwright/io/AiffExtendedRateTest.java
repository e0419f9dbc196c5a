package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The 80-bit extended sample rate of AIFF's COMM chunk, both directions, against values worked
 * out by hand: rate = mantissa * 2^(exponent - 16383 - 63), e.g. 44100 = 0xAC44 * 2^0 with the
 * top bit of 0xAC44 at 2^15, so exponent 16383 + 15 = 0x400E and mantissa 0xAC44 followed by zeros.
 */
class AiffExtendedRateTest {
    @ParameterizedTest
    @CsvSource({
        "44100,   400EAC44000000000000",
        "48000,   400EBB80000000000000",
        "96000,   400FBB80000000000000",
        "22050,   400DAC44000000000000",
        "8000,    400BFA00000000000000",
        "192000,  4010BB80000000000000",
        "11025,   400CAC44000000000000",
        // 44100.5 = 88201 / 2 = 0x15889 * 2^-1: 17 significant bits, top at 2^15.
        "44100.5, 400EAC44800000000000",
        // 0.75 = 0b0.11: top bit at 2^-1, exponent 16382.
        "0.75,    3FFEC000000000000000",
    })
    void convertsBothWays(double rate, String hex) {
        byte[] expected = HexFormat.of().parseHex(hex);
        assertEquals(rate, Extended80.toDouble(expected, 0));
        byte[] written = new byte[Extended80.BYTES];
        Extended80.fromDouble(rate, written, 0);
        assertArrayEquals(expected, written);
    }

    @Test
    void readsAtAnOffsetAndRoundsWideMantissas() {
        byte[] b = HexFormat.of().parseHex("FFFF400EAC44000000000001");
        // The last mantissa bit is 2^(15-63): far below a double's 53 bits, so it rounds away.
        assertEquals(44100.0, Extended80.toDouble(b, 2));
        assertEquals(-44100.0, Extended80.toDouble(HexFormat.of().parseHex("C00EAC44000000000000"), 0));
    }

    @Test
    void specialValuesComeBackForTheCallerToRefuse() {
        assertEquals(0.0, Extended80.toDouble(new byte[10], 0));
        assertEquals(Double.POSITIVE_INFINITY, Extended80.toDouble(HexFormat.of().parseHex("7FFF8000000000000000"), 0));
        assertTrue(Double.isNaN(Extended80.toDouble(HexFormat.of().parseHex("7FFFC000000000000000"), 0)));
        assertThrows(IllegalArgumentException.class, () -> Extended80.fromDouble(0, new byte[10], 0));
        assertThrows(IllegalArgumentException.class, () -> Extended80.fromDouble(Double.NaN, new byte[10], 0));
        assertThrows(IllegalArgumentException.class,
                () -> Extended80.fromDouble(Double.POSITIVE_INFINITY, new byte[10], 0));
    }
}
