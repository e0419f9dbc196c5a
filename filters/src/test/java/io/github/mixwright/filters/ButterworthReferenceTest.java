package io.github.mixwright.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Butterworth designs match scipy.signal.butter (reference/butterworth.csv, made by
 * reference/make_butterworth.py; see reference/README-butterworth.md) in magnitude and phase. Responses rather
 * than raw sections are compared because scipy pairs and orders sections differently.
 */
class ButterworthReferenceTest {
    /** Above this level both tools compute the response to near double precision (relative to the condition). */
    private static final double DEEP_DB = -120;

    @Test
    void matchesScipy() throws IOException {
        int rows = 0;
        double worstDb = 0;
        double worstPhase = 0;
        try (InputStream in = getClass().getResourceAsStream("/reference/butterworth.csv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("type")) {
                    continue;
                }
                String[] f = line.split(",");
                int order = Integer.parseInt(f[1]);
                double fs = Double.parseDouble(f[2]);
                double cutoff = Double.parseDouble(f[3]);
                double hz = Double.parseDouble(f[4]);
                double db = Double.parseDouble(f[5]);
                double phase = Double.parseDouble(f[6]);
                SecondOrderSections s = f[0].equals("lowpass") ? Butterworth.lowPass(fs, cutoff, order)
                        : Butterworth.highPass(fs, cutoff, order);
                double actualDb = s.magnitudeDb(hz);
                String where = line + " -> " + actualDb + " dB, " + s.phaseRadians(hz) + " rad";
                double tolerance = Conditioning.tolerance(fs, cutoff, hz, order);
                if (db > DEEP_DB) {
                    assertEquals(db, actualDb, tolerance, where);
                    double dp = Math.IEEEremainder(s.phaseRadians(hz) - phase, 2 * Math.PI);
                    assertEquals(0, dp, tolerance, where);
                    if (db > -3.5 && hz >= 100) {
                        worstDb = Math.max(worstDb, Math.abs(db - actualDb));
                        worstPhase = Math.max(worstPhase, Math.abs(dp));
                    }
                } else {
                    // Deep stop band (down to -1400 dB): (1 + cos w) near Nyquist cancels in both tools.
                    assertEquals(db, actualDb, 1e-6 * Math.abs(db), where);
                }
                rows++;
            }
        }
        assertTrue(rows > 2000, "rows read: " + rows);
        // In the pass band, away from the ill-conditioned corners, agreement is to 1e-9 dB and rad.
        assertTrue(worstDb < 1e-9 && worstPhase < 1e-9, worstDb + " dB, " + worstPhase + " rad");
    }
}
