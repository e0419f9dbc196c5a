package io.github.mixwright.cli;

import static io.github.mixwright.cli.CliTestSupport.noise;
import static io.github.mixwright.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.io.SampleEncoding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The command lines {@link FastPath} runs without picocli, against picocli itself: every one it takes,
 * picocli parses to the same options, and what it runs prints and writes what picocli's path does.
 */
class FastPathTest {
    @TempDir
    Path dir;

    /**
     * Tokens a {@code convert} command line is drawn from: paths, values and options right and wrong,
     * the right ones twice, so that the draw reaches the command lines the fast path takes.
     */
    private static final List<String> TOKENS = List.of("in.wav", "out.wav", "sub dir/x.wav", "convert",
            "--encoding", "pcm16", "float32", "--dither", "none", "--encoding=pcm24", "--chain", "gain db=1",
            "--chain=gain db=-1 | limiter", "--chain=", "--linear-phase", "8192",
            "--encoding", "--encoding=pcm16", "--encoding=float32", "--encoding=", "pcm16", "pcm24", "float32",
            "PCM16", "--dither", "--dither=none", "--dither=tpdf", "none", "tpdf", "--debug", "--help", "-h",
            "--version", "--", "-", "@args.txt", "--enc", "--encoding=pcm8", "", "--force");

    /** picocli's reading of {@code args}: the command's options and chain, or null if it refuses them. */
    private static FastPath.Parsed picocli(String... args) {
        CommandLine cmd = Main.commandLine(ProcessorRegistry::load, args);
        try {
            ParseResult r = cmd.parseArgs(args);
            if (r.subcommand() == null || r.isUsageHelpRequested() || r.isVersionHelpRequested()
                    || r.subcommand().isUsageHelpRequested() || r.subcommand().isVersionHelpRequested()) {
                return null;
            }
            Object command = r.subcommand().commandSpec().userObject();
            if (command instanceof ProcessCommand) {
                ProcessCommand p = (ProcessCommand) command;
                return p.linearPhaseTaps != null ? null : new FastPath.Parsed(FastPath.PROCESS, p.files, p.chainText);
            }
            return new FastPath.Parsed(FastPath.CONVERT, ((ConvertCommand) command).files, null);
        } catch (CommandLine.ParameterException e) {
            return null;
        }
    }

    /**
     * A command, two paths, then up to five tokens, shuffled: most such command lines are ones the fast
     * path takes or nearly.
     */
    @Test
    void everyCommandLineItTakesPicocliReadsTheSame() {
        List<String> paths = List.of("in.wav", "out.wav", "sub dir/x.wav", "pcm16", "none", "-x.wav", "@list");
        AtomicInteger taken = new AtomicInteger();
        qt().withFixedSeed(61L).withExamples(4000)
                .forAll(lists().of(integers().between(0, TOKENS.size() - 1)).ofSizeBetween(0, 5),
                        integers().between(0, paths.size() * paths.size() - 1), longs().all())
                .checkAssert((picks, pathPick, order) -> {
                    List<String> tokens = new ArrayList<>();
                    tokens.add(paths.get(pathPick % paths.size()));
                    tokens.add(paths.get(pathPick / paths.size()));
                    for (int p : picks) {
                        tokens.add(TOKENS.get(p));
                    }
                    Random random = new Random(order);
                    Collections.shuffle(tokens, random);
                    tokens.add(0, random.nextBoolean() ? FastPath.CONVERT : FastPath.PROCESS);
                    String[] args = tokens.toArray(new String[0]);
                    FastPath.Parsed fast = FastPath.parse(args);
                    if (fast != null) {
                        taken.incrementAndGet();
                        FastPath.Parsed slow = picocli(args);
                        String where = Arrays.toString(args);
                        assertNotNull(slow, "picocli refuses " + where);
                        assertEquals(slow.command(), fast.command(), where);
                        assertEquals(slow.files().in, fast.files().in, where);
                        assertEquals(slow.files().out, fast.files().out, where);
                        assertEquals(slow.files().encoding, fast.files().encoding, where);
                        assertEquals(slow.files().dither, fast.files().dither, where);
                        assertEquals(slow.chain(), fast.chain(), where);
                    }
                });
        // The draw must reach the command lines it takes, not only those it declines.
        assertTrue(taken.get() >= 200, taken + " of 4000 taken");
    }

    @Test
    void itTakesTheUsualFormsAndLeavesTheRestToPicocli() {
        for (String[] args : new String[][] {
            {"convert", "a.wav", "b.wav"},
            {"convert", "a.wav", "b.wav", "--encoding", "pcm16"},
            {"convert", "--encoding=float32", "a.wav", "b.wav"},
            {"convert", "a.wav", "--dither", "none", "b.wav", "--encoding", "pcm24"},
            {"process", "a.wav", "b.wav", "--chain", "gain db=1"},
            {"process", "--chain=gain db=-3 | limiter ceiling=-1", "a.wav", "b.wav", "--encoding", "float32"},
        }) {
            assertNotNull(FastPath.parse(args), Arrays.toString(args));
        }
        for (String[] args : new String[][] {
            {"convert", "a.wav"},
            {"convert", "a.wav", "b.wav", "c.wav"},
            {"convert", "a.wav", "b.wav", "--help"},
            {"convert", "a.wav", "b.wav", "--debug"},
            {"convert", "a.wav", "b.wav", "--encoding"},
            {"convert", "a.wav", "b.wav", "--encoding", "mp3"},
            {"convert", "a.wav", "b.wav", "--encoding", "pcm16", "--encoding", "pcm24"},
            {"convert", "a.wav", "b.wav", "--dither", "loud"},
            {"convert", "@options", "b.wav"},
            {"convert", "--", "a.wav", "b.wav"},
            {"--debug", "convert", "a.wav", "b.wav"},
            {"process", "a.wav", "b.wav"},
            {"process", "a.wav", "b.wav", "--chain", "gain db=1", "--linear-phase"},
            {"process", "a.wav", "b.wav", "--chain", "gain db=1", "--chain", "gain db=2"},
            {"convert", "a.wav", "b.wav", "--chain", "gain db=1"},
            {"loudness", "a.wav"},
        }) {
            assertNull(FastPath.parse(args), Arrays.toString(args));
        }
    }

    @Test
    void anOutputPicocliWouldRefuseIsLeftToIt() throws Exception {
        Path in = write(dir.resolve("in.wav"), noise(1, 100, 0.5, 1), SampleEncoding.PCM16);
        StringWriter err = new StringWriter();
        PrintWriter w = new PrintWriter(err);
        for (String out : new String[] {in.toString(), dir.resolve("missing/out.wav").toString(), dir.toString()}) {
            assertEquals(FastPath.DECLINED, FastPath.run(w, ProcessorRegistry::load, "convert", in.toString(), out));
            assertEquals(FastPath.DECLINED, FastPath.run(w, ProcessorRegistry::load, "process", in.toString(), out,
                    "--chain", "gain db=1"));
        }
        w.flush();
        assertEquals("", err.toString());
    }

    /** Exit code, standard error and output bytes of {@code args} by one path or the other. */
    private record Outcome(int code, String err, byte[] output) {
    }

    private Outcome outcome(boolean fast, Path out, String... args) throws Exception {
        Files.deleteIfExists(out);
        StringWriter err = new StringWriter();
        PrintWriter w = new PrintWriter(err);
        int code;
        if (fast) {
            code = FastPath.run(w, ProcessorRegistry::load, args);
        } else {
            CommandLine cmd = Main.commandLine(ProcessorRegistry::load, args);
            cmd.setErr(w);
            code = cmd.execute(args);
        }
        w.flush();
        return new Outcome(code, err.toString(), Files.exists(out) ? Files.readAllBytes(out) : null);
    }

    @Test
    void whatItRunsPrintsAndWritesWhatPicocliRuns() throws Exception {
        AudioBuffer loud = noise(2, 3000, 1.2, 7);
        Path clipping = write(dir.resolve("loud.wav"), loud, SampleEncoding.FLOAT32);
        Path whole = write(dir.resolve("whole.wav"), noise(2, 30_000, 0.5, 2), SampleEncoding.PCM24);
        Path cut = dir.resolve("cut.wav");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 50_000));
        Path six = write(dir.resolve("six.wav"), noise(6, 100, 0.5, 6), SampleEncoding.PCM16);
        Path out = dir.resolve("out.wav");
        for (String[] args : new String[][] {
            {"convert", whole.toString(), out.toString()},
            {"convert", whole.toString(), out.toString(), "--encoding", "float32"},
            {"convert", whole.toString(), out.toString(), "--encoding=pcm16"},
            {"convert", whole.toString(), out.toString(), "--encoding", "pcm16", "--dither", "none"},
            {"convert", clipping.toString(), out.toString(), "--encoding", "pcm24"},
            {"convert", cut.toString(), out.toString(), "--encoding", "float32"},
            {"convert", dir.resolve("absent.wav").toString(), out.toString()},
            {"process", whole.toString(), out.toString(), "--chain", "gain db=-1 | limiter ceiling=-1"},
            {"process", whole.toString(), out.toString(), "--chain=highpass freq=80", "--encoding", "float32"},
            {"process", clipping.toString(), out.toString(), "--chain", "gain db=6", "--dither", "none"},
            {"process", whole.toString(), out.toString(), "--chain", "nonsense"},
            {"process", whole.toString(), out.toString(), "--chain", "gain db=99"},
            {"process", six.toString(), out.toString(), "--chain", "width amount=0.5"},
            {"process", cut.toString(), out.toString(), "--chain", "gain db=1"},
        }) {
            Outcome fast = outcome(true, out, args);
            Outcome slow = outcome(false, out, args);
            String where = Arrays.toString(args);
            assertEquals(slow.code(), fast.code(), where);
            assertEquals(slow.err(), fast.err(), where);
            assertArrayEquals(slow.output(), fast.output(), where);
        }
    }
}
