package io.github.mixwright.cli;

import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.io.Dither;
import io.github.mixwright.io.SampleEncoding;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Runs the commonest command lines without building picocli's model of the command, which costs
 * 120 to 150 ms of start-up on two cores (reading the annotations, spinning their proxy classes,
 * loading and verifying picocli's Java 5 class files, which the class-data archive cannot hold): a
 * third of a 20-minute conversion's time in SoX. It takes
 * <ul>
 *   <li>{@code convert IN OUT [--encoding E] [--dither D]} and</li>
 *   <li>{@code process IN OUT --chain C [--encoding E] [--dither D]},</li>
 * </ul>
 * in any order, each option at most once, as {@code --name value} or {@code --name=value}, with values
 * the converters accept (and none starting with {@code -} or {@code @}) and an OUT that
 * {@link AudioFiles#checkOutput} accepts. Every other command line, and every one that is wrong in a
 * way it can see before running, it declines, and picocli parses it as before: help, usage errors and
 * their messages stay picocli's. A command it runs reports a failure as picocli's handlers would:
 * through {@link ErrorHandler#executionFailure}, and a usage error found while running (a chain that
 * does not fit the file's channels) as the parameter handler prints it. {@code FastPathTest} checks
 * that it reads every command line it takes as picocli reads it, and that both paths print, exit and
 * write alike.
 */
final class FastPath {
    /** What {@link #run} returns for a command line it leaves to picocli. */
    static final int DECLINED = Integer.MIN_VALUE;

    static final String CONVERT = "convert";
    static final String PROCESS = "process";
    private static final String ENCODING = "--encoding";
    private static final String DITHER = "--dither";
    private static final String CHAIN = "--chain";

    private FastPath() {
    }

    /** A command line the fast path takes: the command, its files and encoding, and {@code process}'s chain. */
    record Parsed(String command, TranscodeOptions files, String chain) {
    }

    /** A usage error found while running: printed as picocli's parameter handler prints one. */
    private static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs {@code args} and returns the exit code, or {@link #DECLINED}; warnings and errors go to
     * {@code err}, and {@code process} takes its processors from {@code registry}.
     */
    static int run(PrintWriter err, Supplier<ProcessorRegistry> registry, String... args) {
        Parsed p = parse(args);
        if (p == null || AudioFiles.outputProblem("OUT", p.files().out, p.files().in) != null) {
            return DECLINED;
        }
        try {
            if (p.command().equals(CONVERT)) {
                return ConvertCommand.convert(p.files(), err);
            }
            return ProcessCommand.process(p.files(), p.chain(), null, registry.get(), err, UsageError::new);
        } catch (UsageError e) {
            err.println("error: " + e.getMessage());
            err.println("Try 'mixwright " + p.command() + " --help' for more information.");
            return ExitCodes.USAGE;
        } catch (Exception e) {
            return ErrorHandler.executionFailure(e, err, false, "mixwright " + p.command());
        } finally {
            err.flush();
        }
    }

    /** The command line {@code args} if the fast path takes it, else null. */
    static Parsed parse(String... args) {
        if (args.length < 3 || !(args[0].equals(CONVERT) || args[0].equals(PROCESS))) {
            return null;
        }
        boolean process = args[0].equals(PROCESS);
        String[] paths = new String[2];
        int positionals = 0;
        String encoding = null;
        String dither = null;
        String chain = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            String name = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
            boolean known = name.equals(ENCODING) || name.equals(DITHER) || process && name.equals(CHAIN);
            if (!known) {
                if (a.isEmpty() || a.startsWith("-") || a.startsWith("@") || positionals == 2) {
                    // Options it does not take, picocli's @argument files, a third positional.
                    return null;
                }
                paths[positionals++] = a;
                continue;
            }
            String value;
            if (name.length() < a.length()) {
                value = a.substring(name.length() + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                return null;
            }
            if (name.equals(ENCODING)) {
                if (encoding != null) {
                    return null;
                }
                encoding = value;
            } else if (name.equals(DITHER)) {
                if (dither != null) {
                    return null;
                }
                dither = value;
            } else {
                if (chain != null) {
                    return null;
                }
                chain = value;
            }
        }
        if (positionals != 2 || process && chain == null) {
            return null;
        }
        TranscodeOptions files = new TranscodeOptions();
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
        return new Parsed(args[0], files, chain);
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
