package io.github.mixwright.cli;

import io.github.mixwright.io.Dither;
import io.github.mixwright.io.SampleEncoding;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Runs the commonest command lines without building picocli's model of the command, which costs
 * 120 to 150 ms of start-up on two cores (reading the annotations, spinning their proxy classes,
 * loading and verifying picocli's Java 5 class files, which the class-data archive cannot hold): a
 * third of a 20-minute conversion's time in SoX. It takes
 * {@code convert IN OUT [--encoding E] [--dither D]}, each option at most once, as
 * {@code --encoding E} or {@code --encoding=E}, with values the converters accept and an OUT that
 * {@link AudioFiles#checkOutput} accepts. Every other command line, and every one that is wrong in
 * any way, it declines, and picocli parses it as before: help, usage errors and their messages stay
 * picocli's. A command it runs reports failures as picocli's execution handler does
 * ({@link ErrorHandler#executionFailure}). {@code FastPathTest} checks that it reads every command
 * line it takes as picocli reads it.
 */
final class FastPath {
    /** What {@link #run} returns for a command line it leaves to picocli. */
    static final int DECLINED = Integer.MIN_VALUE;

    private static final String CONVERT = "convert";
    private static final String ENCODING = "--encoding";
    private static final String DITHER = "--dither";

    private FastPath() {
    }

    /** Runs {@code args} and returns the exit code, or {@link #DECLINED}; warnings and errors go to {@code err}. */
    static int run(PrintWriter err, String... args) {
        TranscodeOptions files = convertOptions(args);
        if (files == null || AudioFiles.outputProblem("OUT", files.out, files.in) != null) {
            return DECLINED;
        }
        try {
            return ConvertCommand.convert(files, err);
        } catch (Exception e) {
            return ErrorHandler.executionFailure(e, err, false, "mixwright " + CONVERT);
        } finally {
            err.flush();
        }
    }

    /** The options of a {@code convert} command line this class takes, or null if it declines it. */
    static TranscodeOptions convertOptions(String... args) {
        if (args.length < 3 || !args[0].equals(CONVERT)) {
            return null;
        }
        TranscodeOptions files = new TranscodeOptions();
        String[] paths = new String[2];
        int positionals = 0;
        String encoding = null;
        String dither = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String value;
            String name;
            if (a.startsWith(ENCODING + "=") || a.startsWith(DITHER + "=")) {
                name = a.substring(0, a.indexOf('='));
                value = a.substring(name.length() + 1);
            } else if (a.equals(ENCODING) || a.equals(DITHER)) {
                if (i + 1 == args.length) {
                    return null;
                }
                name = a;
                value = args[++i];
            } else if (a.isEmpty() || a.startsWith("-") || a.startsWith("@") || positionals == 2) {
                // Options it does not take, picocli's @argument files, a third positional.
                return null;
            } else {
                paths[positionals++] = a;
                continue;
            }
            if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                return null;
            }
            if (name.equals(ENCODING)) {
                if (encoding != null) {
                    return null;
                }
                encoding = value;
            } else {
                if (dither != null) {
                    return null;
                }
                dither = value;
            }
        }
        if (positionals != 2) {
            return null;
        }
        try {
            files.in = Path.of(paths[0]);
            files.out = Path.of(paths[1]);
        } catch (InvalidPathException e) {
            return null;
        }
        if (encoding != null) {
            files.encoding = encodingOf(encoding);
            if (files.encoding == null) {
                return null;
            }
        }
        if (dither != null) {
            files.dither = ditherOf(dither);
            if (files.dither == null) {
                return null;
            }
        }
        return files;
    }

    /** The encoding {@link EncodingConverter} reads from {@code id}, or null where it would fail. */
    private static SampleEncoding encodingOf(String id) {
        for (SampleEncoding e : SampleEncoding.values()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return null;
    }

    /** The dither {@link DitherConverter} reads from {@code id}, or null where it would fail. */
    private static Dither ditherOf(String id) {
        for (Dither d : Dither.values()) {
            if (DitherConverter.id(d).equals(id)) {
                return d;
            }
        }
        return null;
    }
}
