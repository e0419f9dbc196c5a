package io.github.mixwright.cli;

import io.github.mixwright.core.ProcessorRegistry;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Entry point of the {@code mixwright} command: {@code info}, {@code convert}, {@code process},
 * {@code processors}, {@code response}, {@code loudness}, {@code presets} and {@code demo}.
 *
 * <p>Exit codes: 0 success, 1 failure while writing or an internal error, 2 usage error (bad option,
 * parameter, chain or output path), 3 unreadable or invalid input file. Errors are one line on
 * standard error, {@code error: ...}; {@code --debug} adds the stack trace.
 */
public final class Main {
    private Main() {
    }

    /** Runs the command and exits with its exit code. */
    public static void main(String[] args) {
        // The command draws its plots off screen and never opens a window: headless, so that it runs on
        // servers and CI without a display (and, on macOS, without a Dock icon). Set here, for this
        // process only, not by the plots, which a GUI application may load.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // picocli's own writer for standard error: its encoding, line by line.
        PrintWriter err = new PrintWriter(
                new BufferedWriter(new OutputStreamWriter(System.err, stderrCharset())), true);
        int code = FastPath.run(err, ProcessorRegistry::load, args);
        System.exit(code != FastPath.DECLINED ? code : commandLine(ProcessorRegistry::load, args).execute(args));
    }

    /** The encoding picocli writes standard error in: {@code sun.stderr.encoding}, else the default. */
    private static Charset stderrCharset() {
        String name = System.getProperty("sun.stderr.encoding");
        if (name != null) {
            try {
                return Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
            } catch (IllegalArgumentException e) {
                // As picocli: the default charset when the named one is unavailable.
            }
        }
        return Charset.defaultCharset();
    }

    /**
     * The command line configured for {@code args}. The registry supplier is called only by the
     * commands that need processors, so that {@code info}, {@code convert} and {@code --version} start
     * without scanning for service providers.
     */
    static CommandLine commandLine(Supplier<ProcessorRegistry> registry, String... args) {
        skipUnusedConverters();
        CommandLine cmd = new CommandLine(new MixwrightCommand(registry));
        for (Map.Entry<String, Supplier<Object>> e : subcommandsFor(args).entrySet()) {
            cmd.addSubcommand(e.getKey(), e.getValue().get());
        }
        ErrorHandler handler = new ErrorHandler();
        cmd.setParameterExceptionHandler(handler);
        cmd.setExecutionExceptionHandler(handler);
        return cmd;
    }

    /**
     * picocli registers type converters for java.time and java.sql types by reflection when a command
     * line is first built, which loads and initialises those classes (java.time's formatters alone
     * spin up dozens of lambdas): about 20 ms of start-up on a 2-core machine. No option here has such
     * a type. A value the user set on the command line ({@code -Dpicocli.converters.excludes}) wins.
     */
    private static void skipUnusedConverters() {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, "java\\.time\\..*|java\\.sql\\..*");
        }
    }

    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /**
     * The subcommands {@code args} can use: the one they name; none when they name none and ask for
     * no help (so {@code --version} builds one command model, not six); all otherwise, for the
     * command list in the help and for suggestions after a mistyped name.
     */
    static Map<String, Supplier<Object>> subcommandsFor(String... args) {
        Map<String, Supplier<Object>> all = MixwrightCommand.SUBCOMMANDS;
        for (String a : args) {
            if (!a.startsWith("-")) {
                return all.containsKey(a) ? Map.of(a, all.get(a)) : all;
            }
            if (a.equals("--help") || !a.startsWith("--") && a.indexOf('h') > 0) {
                return all;
            }
        }
        return Map.of();
    }

    /** Runs {@code args} in-process with the given streams; returns the exit code. */
    static int run(PrintWriter out, PrintWriter err, Supplier<ProcessorRegistry> registry, String... args) {
        int fast = FastPath.run(err, registry, args);
        if (fast != FastPath.DECLINED) {
            out.flush();
            return fast;
        }
        CommandLine cmd = commandLine(registry, args);
        cmd.setOut(out);
        cmd.setErr(err);
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
