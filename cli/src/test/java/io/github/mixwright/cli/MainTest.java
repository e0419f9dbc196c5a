package io.github.mixwright.cli;

import static io.github.mixwright.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.cli.CliTestSupport.Result;
import io.github.mixwright.core.ProcessorRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Global behaviour: version, help on every command, usage errors, lazy processor loading. */
class MainTest {

    @Test
    void versionNamesMixwrightAndItsVersion() {
        Result r = run("--version");

        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("mixwright 0.1.0-SNAPSHOT" + System.lineSeparator()), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"info", "convert", "process", "processors", "response", "loudness", "master", "presets", "demo"})
    void everyCommandHasHelpWithExamplesAndVersion(String command) {
        Result help = run(command, "--help");
        Result version = run(command, "--version");

        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: mixwright " + command), help.out());
        assertTrue(help.out().contains("Examples:"), help.out());
        assertTrue(help.out().contains("  mixwright " + command), help.out());
        assertTrue(help.out().contains("--debug"), help.out());
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("mixwright "), version.out());
    }

    @Test
    void topLevelHelpListsCommandsAndExitCodes() {
        Result r = run("--help");

        assertEquals(0, r.exitCode());
        for (String c : new String[] {"info", "convert", "process", "processors", "response", "loudness", "master", "presets", "demo"}) {
            assertTrue(r.out().contains("  " + c + " "), c);
        }
        assertTrue(r.out().contains("Exit codes:"), r.out());
        assertTrue(r.out().contains("3   the input file is unreadable or not valid audio"), r.out());
    }

    @Test
    void encodingChoicesAppearInHelp() {
        assertTrue(oneLine(run("convert", "--help").out())
                .contains("Output encoding: pcm8, pcm16, pcm24, pcm32, float32, float64. Default: the input's."));
        assertTrue(oneLine(run("process", "--help").out()).contains("Dither: none, tpdf."));
    }

    @Test
    void sharedFileOptionsKeepEachCommandsDitherDefaultInHelp() {
        String convert = oneLine(run("convert", "--help").out());
        String process = oneLine(run("process", "--help").out());

        for (String help : new String[] {convert, process}) {
            assertTrue(help.contains("IN The file to read. OUT The file to write (replaced if it exists, never the input)."), help);
            assertTrue(help.contains("[--dither=DITHER] [--encoding=ENCODING] IN OUT"), help);
        }
        assertTrue(convert.contains("--dither=DITHER Dither: none, tpdf. Default: tpdf when the output has fewer bits "
                + "than the input, none otherwise."), convert);
        assertTrue(process.contains("--dither=DITHER Dither: none, tpdf. Default: tpdf for integer encodings "
                + "(processing moves samples off the input's grid), none for float."), process);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }

    @Test
    void noCommandIsAUsageError() {
        Result r = run();

        assertEquals(2, r.exitCode());
        assertEquals("error: missing command: choose one of info, convert, process, processors, response, loudness, master, mix, presets, demo",
                r.errLines().get(0));
    }

    @Test
    void unknownCommandOrOptionIsAUsageError() {
        Result command = run("mx", "a.wav");
        Result option = run("info", "--jsn", "a.wav");

        assertEquals(2, command.exitCode());
        assertTrue(command.errLines().get(0).startsWith("error: Unmatched arguments"), command.err());
        assertEquals(2, option.exitCode());
        assertEquals("error: Unknown option: '--jsn'", option.errLines().get(0));
    }

    @Test
    void processorsAreLoadedOnlyByTheCommandsThatUseThem() {
        AtomicInteger loads = new AtomicInteger();
        PrintWriter w = new PrintWriter(new StringWriter());

        Main.run(w, w, () -> {
            loads.incrementAndGet();
            return ProcessorRegistry.load();
        }, "--version");
        Main.run(w, w, () -> {
            loads.incrementAndGet();
            return ProcessorRegistry.load();
        }, "info", "missing.wav");
        assertEquals(0, loads.get());

        Main.run(w, w, () -> {
            loads.incrementAndGet();
            return ProcessorRegistry.load();
        }, "processors");
        assertEquals(1, loads.get());
    }
}
