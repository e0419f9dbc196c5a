package io.github.mixwright.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Session files read as if written by hand: short members on one line, whole numbers without ".0". */
class SessionTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shortMembersStayOnOneLineAndLongOnesOpen() throws Exception {
        String in = "{\"sampleRate\": 48000.0, \"tracks\": [{\"name\": \"kick\", \"clips\": [{\"file\": \"kick.wav\", "
                + "\"start\": 0.0, \"fadeIn\": 0.01}], \"volumeDb\": -3.0, \"inserts\": [\"highpass freq=30\", "
                + "\"compressor threshold=-18 ratio=4 attack=5 release=80 makeup=2 knee=6 detector=rms window=10\"]}],"
                + " \"master\": {\"target\": \"spotify\"}, \"x\": [], \"y\": {}, \"q\": \"a \\\"b\\\" \\\\ c\", \"big\": 1e300}";

        String out = SessionText.write(JSON.readTree(in));

        assertEquals("{\n"
                + "  \"sampleRate\": 48000,\n"
                + "  \"tracks\": [\n"
                + "    {\n"
                + "      \"name\": \"kick\",\n"
                + "      \"clips\": [{\"file\": \"kick.wav\", \"start\": 0, \"fadeIn\": 0.01}],\n"
                + "      \"volumeDb\": -3,\n"
                + "      \"inserts\": [\n"
                + "        \"highpass freq=30\",\n"
                + "        \"compressor threshold=-18 ratio=4 attack=5 release=80 makeup=2 knee=6 detector=rms window=10\"\n"
                + "      ]\n"
                + "    }\n"
                + "  ],\n"
                + "  \"master\": {\"target\": \"spotify\"},\n"
                + "  \"x\": [],\n"
                + "  \"y\": {},\n"
                + "  \"q\": \"a \\\"b\\\" \\\\ c\",\n"
                + "  \"big\": 1.0E300\n"
                + "}\n", out);
        // the same tree, numbers compared by value (48000.0 reads back as 48000)
        java.util.Comparator<com.fasterxml.jackson.databind.JsonNode> byValue = (a, b) -> a.equals(b)
                || a.isNumber() && b.isNumber() && a.doubleValue() == b.doubleValue() ? 0 : 1;
        assertEquals(true, JSON.readTree(in).equals(byValue, JSON.readTree(out)));
    }
}
