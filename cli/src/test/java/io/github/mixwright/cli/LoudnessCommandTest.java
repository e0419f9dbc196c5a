package io.github.mixwright.cli;

import io.github.mixwright.mix.plot.PlotPixels;
import io.github.mixwright.mix.plot.LoudnessPlot;
import static io.github.mixwright.cli.CliTestSupport.list;
import static io.github.mixwright.cli.CliTestSupport.read;
import static io.github.mixwright.cli.CliTestSupport.run;
import static io.github.mixwright.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.cli.CliTestSupport.Result;
import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WriteOptions;
import io.github.mixwright.loudness.KWeighting;
import io.github.mixwright.loudness.LoudnessMeter;
import io.github.mixwright.loudness.LoudnessResult;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loudness}: JSON and text against a meter run on the same samples and against the closed form
 * for a sine, several files as an album, the CSV series, the plot, and the errors.
 */
class LoudnessCommandTest {
    private static final int RATE = 48_000;
    private static final List<String> FILE_KEYS = List.of("file", "integratedLufs", "loudnessRangeLu", "truePeakDbtp",
            "samplePeakDbfs", "maxMomentaryLufs", "maxShortTermLufs", "plrDb", "sampleRate", "channels", "frames");
    private static final List<String> ALBUM_KEYS = List.of("integratedLufs", "loudnessRangeLu", "truePeakDbtp",
            "samplePeakDbfs", "maxMomentaryLufs", "maxShortTermLufs", "plrDb", "frames");

    @TempDir
    Path dir;

    /** A 997 Hz sine in every channel whose peak level (dBFS) is {@code dbfs[second % dbfs.length]} in each second. */
    static AudioBuffer sine(int channels, double seconds, double... dbfs) {
        int n = (int) Math.round(seconds * RATE);
        AudioBuffer b = AudioBuffer.allocate(channels, n);
        for (int i = 0; i < n; i++) {
            double a = Math.pow(10, dbfs[(i / RATE) % dbfs.length] / 20);
            float v = (float) (a * Math.sin(2 * Math.PI * 997 * i / RATE));
            for (int c = 0; c < channels; c++) {
                b.channel(c)[i] = v;
            }
        }
        return b;
    }

    private Path sineFile(String name, int channels, double seconds, double... dbfs) throws Exception {
        return write(dir.resolve(name), sine(channels, seconds, dbfs), SampleEncoding.FLOAT32);
    }

    private static LoudnessMeter meterOf(Path file) throws Exception {
        AudioBuffer samples = read(file);
        LoudnessMeter m = new LoudnessMeter(RATE, samples.channels());
        m.accept(samples);
        return m;
    }

    @Test
    void jsonOfAStereoSineHasTheDocumentedKeysAndTheMetersValues() throws Exception {
        Path file = sineFile("sine.wav", 2, 10, -20);

        Result r = run("loudness", file.toString(), "--json");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        Map<String, Object> json = MiniJson.object(r.out());
        assertEquals(FILE_KEYS, List.copyOf(json.keySet()));
        assertEquals(file.toString(), json.get("file"));
        assertEquals(48_000L, json.get("sampleRate"));
        assertEquals(2L, json.get("channels"));
        assertEquals(480_000L, json.get("frames"));
        // the same meter on the same samples gives the same doubles, whatever the blocks and threads
        assertResult(meterOf(file).result(), json);
        // and the closed form: -0.691 + 10 log10(sum over channels of G a^2 / 2 |K(997 Hz)|^2)
        double a = Math.pow(10, -20 / 20.0);
        double expected = -0.691 + 10 * Math.log10(2 * a * a / 2 * KWeighting.of(RATE).powerGain(997));
        assertEquals(expected, (Double) json.get("integratedLufs"), 0.02);
        assertEquals(expected, (Double) json.get("maxShortTermLufs"), 0.02);
        assertEquals(0, (Double) json.get("loudnessRangeLu"), 0.01);
        assertEquals(-20, (Double) json.get("samplePeakDbfs"), 0.01);
        assertEquals(-20, (Double) json.get("truePeakDbtp"), 0.05);
        assertEquals((Double) json.get("truePeakDbtp") - (Double) json.get("integratedLufs"),
                (Double) json.get("plrDb"), 1e-9);
    }

    private static void assertResult(LoudnessResult expected, Map<String, Object> json) {
        assertEquals(expected.integratedLufs(), json.get("integratedLufs"));
        assertEquals(expected.loudnessRangeLu(), json.get("loudnessRangeLu"));
        assertEquals(expected.truePeakDbtp(), json.get("truePeakDbtp"));
        assertEquals(expected.samplePeakDbfs(), json.get("samplePeakDbfs"));
        assertEquals(expected.maxMomentaryLufs(), json.get("maxMomentaryLufs"));
        assertEquals(expected.maxShortTermLufs(), json.get("maxShortTermLufs"));
        assertEquals(expected.plrDb(), json.get("plrDb"));
    }

    @Test
    void textIsAnAlignedTableToTwoDecimals() throws Exception {
        Path file = sineFile("song.wav", 2, 75, -20);
        LoudnessResult m = meterOf(file).result();

        Result r = run("loudness", file.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(String.join("\n",
                file.toString(),
                String.format(Locale.ROOT, "  integrated      %9.2f LUFS", m.integratedLufs()),
                "  loudness range       0.00 LU",
                String.format(Locale.ROOT, "  true peak       %9.2f dBTP", m.truePeakDbtp()),
                "  sample peak        -20.00 dBFS",
                String.format(Locale.ROOT, "  max momentary   %9.2f LUFS", m.maxMomentaryLufs()),
                String.format(Locale.ROOT, "  max short-term  %9.2f LUFS", m.maxShortTermLufs()),
                String.format(Locale.ROOT, "  PLR             %9.2f dB", m.plrDb()),
                "  sample rate         48000 Hz",
                "  channels                2",
                "  duration           75.000 s (1:15.000)",
                ""), r.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void silenceIsMinusInfInTextNullInJsonAndMinusInfinityInTheCsv() throws Exception {
        Path file = write(dir.resolve("silence.wav"), AudioBuffer.allocate(2, RATE), SampleEncoding.PCM16);
        Path csv = dir.resolve("silence.csv");

        Result text = run("loudness", file.toString());
        Result json = run("loudness", file.toString(), "--json", "--series", csv.toString());

        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("  integrated           -inf LUFS"), text.out());
        assertTrue(text.out().contains("  true peak            -inf dBTP"), text.out());
        assertTrue(text.out().contains("  PLR                   n/a dB"), text.out());
        Map<String, Object> o = MiniJson.object(json.out());
        assertEquals(FILE_KEYS, List.copyOf(o.keySet()));
        assertNull(o.get("integratedLufs"));
        assertNull(o.get("samplePeakDbfs"));
        assertNull(o.get("plrDb"));
        assertEquals(0.0, o.get("loudnessRangeLu"));
        List<String> rows = Files.readAllLines(csv);
        assertEquals(11, rows.size());
        assertEquals(file + ",0.1,-Infinity,-Infinity", rows.get(1));
    }

    @Test
    void nonFiniteSamplesAreMeasuredAsSilenceWithAWarning() throws Exception {
        AudioBuffer samples = sine(2, 4, -20);
        samples.channel(0)[1000] = Float.NaN;
        samples.channel(1)[2000] = Float.POSITIVE_INFINITY;
        Path file = write(dir.resolve("nan.wav"), samples, SampleEncoding.FLOAT32);

        Result r = run("loudness", file.toString(), "--json");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("warning: " + file + ": 2 non-finite samples (NaN or infinity) measured as silence"),
                r.errLines());
        assertEquals(-20, (Double) MiniJson.object(r.out()).get("samplePeakDbfs"), 0.01);
    }

    @Test
    void severalFilesGiveAnArrayAndAnAlbumOfTheSameLoudnessWhenTheyAreAlike() throws Exception {
        Path a = sineFile("a.wav", 2, 5, -20, -26);
        Path b = sineFile("b.wav", 2, 5, -20, -26);

        Result r = run("loudness", a.toString(), b.toString(), "--json");

        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> json = MiniJson.object(r.out());
        assertEquals(List.of("files", "album"), List.copyOf(json.keySet()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) json.get("files");
        assertEquals(2, files.size());
        assertEquals(a.toString(), files.get(0).get("file"));
        assertEquals(b.toString(), files.get(1).get("file"));
        assertEquals(FILE_KEYS, List.copyOf(files.get(1).keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> album = (Map<String, Object>) json.get("album");
        assertEquals(ALBUM_KEYS, List.copyOf(album.keySet()));
        assertEquals(480_000L, album.get("frames"));
        double each = (Double) files.get(0).get("integratedLufs");
        assertEquals(each, (Double) files.get(1).get("integratedLufs"), 0);
        assertEquals(each, (Double) album.get("integratedLufs"), 1e-9);
        assertEquals(files.get(0).get("truePeakDbtp"), album.get("truePeakDbtp"));
        assertEquals(files.get(0).get("maxMomentaryLufs"), album.get("maxMomentaryLufs"));
        assertResult(LoudnessMeter.album(List.of(meterOf(a), meterOf(b))), album);
    }

    @Test
    void severalFilesInTextEndWithAnAlbumBlock() throws Exception {
        Path a = sineFile("a.wav", 2, 4, -20);
        Path b = sineFile("b.wav", 1, 6, -30);

        Result r = run("loudness", a.toString(), b.toString());

        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(a.toString(), lines.get(0));
        assertEquals("", lines.get(11));
        assertEquals(b.toString(), lines.get(12));
        assertEquals("album (2 files, one after the other)", lines.get(24));
        assertTrue(lines.get(25).startsWith("  integrated "), r.out());
        assertEquals("  duration           10.000 s (0:10.000)", lines.get(lines.size() - 1));
    }

    @Test
    void seriesHasOneRowPer100MsOfEveryFileWithTheFileName() throws Exception {
        Path a = sineFile("a.wav", 2, 10, -20, -30);
        Path b = sineFile("b, \"live\".wav", 2, 4.05, -25);
        Path csv = dir.resolve("series.csv");

        Result r = run("loudness", a.toString(), b.toString(), "--series", csv.toString());

        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("file,seconds,momentary_lufs,short_term_lufs", rows.get(0));
        assertEquals(1 + 100 + 40, rows.size());
        String quoted = "\"" + b.toString().replace("\"", "\"\"") + "\"";
        assertTrue(rows.get(101).startsWith(quoted + ",0.1,"), rows.get(101));
        LoudnessMeter meter = meterOf(a);
        double previous = 0;
        for (int k = 0; k < 100; k++) {
            String[] cells = rows.get(1 + k).split(",");
            assertEquals(a.toString(), cells[0]);
            double seconds = Double.parseDouble(cells[1]);
            assertTrue(seconds > previous, rows.get(1 + k));
            assertEquals((k + 1) * 0.1, seconds, 1e-9);
            assertEquals(meter.series().momentaryLufs()[k], Double.parseDouble(cells[2]), 1e-6);
            assertEquals(meter.series().shortTermLufs()[k], Double.parseDouble(cells[3]), 1e-6);
            previous = seconds;
        }
        assertEquals(List.of("a.wav", "b, \"live\".wav", "series.csv"), list(dir));
    }

    @Test
    void pngIsA1200By800PlotWithBothLoudnessLines() throws Exception {
        Path file = sineFile("song.wav", 2, 12, -12, -30);
        Path png = dir.resolve("loudness.png");

        Result r = run("loudness", file.toString(), "--png", png.toString(), "--target", "-14");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("loudness.png", "song.wav"), list(dir));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(800, image.getHeight());
        assertTrue(PlotPixels.tinted(image, LoudnessPlot.PANEL, LoudnessPlot.SHORT_TERM) > 1000);
        assertTrue(PlotPixels.tinted(image, LoudnessPlot.PANEL, LoudnessPlot.MOMENTARY) > 500);
        assertTrue(PlotPixels.tinted(image, LoudnessPlot.PANEL, LoudnessPlot.INTEGRATED) > 300);
        assertTrue(PlotPixels.tinted(image, LoudnessPlot.PANEL, LoudnessPlot.TARGET) > 300);
    }

    @Test
    void severalFilesArePlottedOneAfterTheOther() throws Exception {
        Path a = sineFile("a.wav", 2, 5, -20);
        Path b = sineFile("b.wav", 2, 5, -30);
        Path png = dir.resolve("album.png");

        Result r = run("loudness", a.toString(), b.toString(), "--png", png.toString());

        assertEquals(0, r.exitCode(), r.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        Rectangle p = LoudnessPlot.PANEL;
        Rectangle left = new Rectangle(p.x, p.y, p.width / 2 - 10, p.height);
        Rectangle right = new Rectangle(p.x + p.width / 2 + 10, p.y, p.width / 2 - 10, p.height);
        assertTrue(PlotPixels.tinted(image, left, LoudnessPlot.SHORT_TERM) > 500);
        assertTrue(PlotPixels.tinted(image, right, LoudnessPlot.SHORT_TERM) > 500);
    }

    @Test
    void weightsOverrideTheLayout() throws Exception {
        Path file = sineFile("sine.wav", 2, 5, -20);

        Map<String, Object> both = MiniJson.object(run("loudness", file.toString(), "--json").out());
        Result r = run("loudness", file.toString(), "--json", "--weights", "1,0");

        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> left = MiniJson.object(r.out());
        // one channel of two: half the power, 3.01 dB less
        assertEquals((Double) both.get("integratedLufs") - 10 * Math.log10(2), (Double) left.get("integratedLufs"), 1e-6);
    }

    @Test
    void threeChannelsWithoutAMaskAreAUsageErrorNamingTheKnownLayouts() throws Exception {
        Path file = write(dir.resolve("lcr.wav"), sine(3, 4, -20), WavFormat.of(RATE, 3, SampleEncoding.FLOAT32),
                WriteOptions.defaults());

        Result r = run("loudness", file.toString());

        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("error: FILE '" + file + "' has 3 channels and no speaker mask, so its channel "
                + "weights are unknown: give one per channel with --weights, e.g. --weights 1,1,1"), line);
        assertTrue(line.contains("1 channel (mono), 2 (stereo), 6 (5.1: L R C LFE Ls Rs), 8 (7.1"), line);
        assertTrue(r.errLines().get(1).startsWith("Try 'mixwright loudness --help'"), r.err());

        Result weighted = run("loudness", file.toString(), "--weights", "1,1,1", "--json");
        assertEquals(0, weighted.exitCode(), weighted.err());
        assertEquals(3L, MiniJson.object(weighted.out()).get("channels"));
    }

    @Test
    void aSpeakerMaskGivesTheWeights() throws Exception {
        // front left, front right, LFE: the LFE does not count
        Path masked = write(dir.resolve("lr-lfe.wav"), sine(3, 4, -20),
                new WavFormat(RATE, 3, SampleEncoding.FLOAT32, 0x1 | 0x2 | 0x8), WriteOptions.defaults());
        Path stereo = sineFile("lr.wav", 2, 4, -20);

        Result r = run("loudness", masked.toString(), "--json");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(MiniJson.object(run("loudness", stereo.toString(), "--json").out()).get("integratedLufs"),
                MiniJson.object(r.out()).get("integratedLufs"));
    }

    @Test
    void badWeightsAreUsageErrors() throws Exception {
        Path file = sineFile("sine.wav", 2, 1, -20);

        Result count = run("loudness", file.toString(), "--weights", "1,1,1");
        Result range = run("loudness", file.toString(), "--weights", "1,101");
        Result negative = run("loudness", file.toString(), "--weights=-1,1");

        assertEquals(2, count.exitCode());
        assertEquals("error: --weights has 3 values but FILE '" + file + "' has 2 channels: give one weight per channel",
                count.errLines().get(0));
        assertEquals(2, range.exitCode());
        assertEquals("error: --weights: weight 101 of channel 2 is out of range [0, 100]", range.errLines().get(0));
        assertEquals(2, negative.exitCode());
        assertEquals("error: --weights: weight -1 of channel 1 is out of range [0, 100]", negative.errLines().get(0));
    }

    @Test
    void missingOrCorruptFilesAreExitCode3WithOneLine() throws Exception {
        Path good = sineFile("good.wav", 2, 1, -20);
        Path missing = dir.resolve("missing.wav");
        Path bad = Files.writeString(dir.resolve("notes.wav"), "these are not audio samples, just text\n");
        Path png = dir.resolve("out.png");

        Result m = run("loudness", good.toString(), missing.toString(), "--png", png.toString());
        Result b = run("loudness", bad.toString(), "--json");

        assertEquals(3, m.exitCode());
        assertEquals("", m.out());
        assertEquals(List.of("error: " + missing + ": no such file"), m.errLines());
        assertFalse(Files.exists(png));
        assertEquals(3, b.exitCode());
        assertEquals(1, b.errLines().size(), b.err());
        assertTrue(b.errLines().get(0).startsWith("error: " + bad + ": "), b.err());
    }

    @Test
    void truncatedFileIsExitCode3() throws Exception {
        Path file = sineFile("cut.wav", 2, 2, -20);
        byte[] all = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut-short.wav"), Arrays.copyOf(all, all.length / 2));

        Result r = run("loudness", cut.toString());

        assertEquals(3, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("error: " + cut + ": file truncated"), r.err());
    }

    @Test
    void aRateTheMeterCannotMeasureIsExitCode3() throws Exception {
        Path file = write(dir.resolve("low.wav"), sine(1, 1, -20), WavFormat.of(4_000, 1, SampleEncoding.PCM16),
                WriteOptions.defaults());

        Result r = run("loudness", file.toString());

        assertEquals(3, r.exitCode());
        assertEquals(List.of("error: " + file + ": sample rate 4000 Hz is out of range [8000, 384000] for loudness "
                + "measurement"), r.errLines());
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        Path file = sineFile("sine.wav", 2, 1, -20);
        Path same = dir.resolve("x");

        assertUsage("error: --target -80 is out of range [-70, 0] (LUFS)", file.toString(), "--target", "-80");
        assertUsage("error: --target 3 is out of range [-70, 0] (LUFS)", file.toString(), "--target", "3");
        assertUsage("error: --png and --series name the same file '" + same + "'", file.toString(),
                "--png", same.toString(), "--series", same.toString());
        assertUsage("error: --png '" + file + "' is the input file; write to another file (the input is never "
                + "overwritten)", file.toString(), "--png", file.toString());
        assertUsage("error: --series directory '" + dir.resolve("missing") + "' does not exist", file.toString(),
                "--series", dir.resolve("missing/s.csv").toString());
        assertUsage("error: Missing required parameter: 'FILE'");
    }

    private void assertUsage(String message, String... args) {
        List<String> all = new ArrayList<>(List.of("loudness"));
        all.addAll(List.of(args));
        Result r = run(all.toArray(new String[0]));
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(message, r.errLines().get(0));
    }

    @Test
    void helpHasExamplesAndTheJsonKeys() {
        Result r = run("loudness", "--help");

        assertEquals(0, r.exitCode());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(r.out().startsWith("Usage: mixwright loudness"), r.out());
        assertTrue(help.contains("Examples: mixwright loudness song.wav"), help);
        assertTrue(help.contains("JSON keys of a file: file, integratedLufs, loudnessRangeLu, truePeakDbtp, "
                + "samplePeakDbfs, maxMomentaryLufs, maxShortTermLufs, plrDb, sampleRate, channels, frames."), help);
        assertTrue(help.contains("written as null"), help);
        assertTrue(help.contains("--target=LUFS"), help);
        assertTrue(help.contains("Default: -23"), help);
        assertTrue(help.contains("--debug"), help);
    }
}
