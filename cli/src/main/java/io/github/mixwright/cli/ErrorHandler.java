package io.github.mixwright.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into the documented exit code and a short message on standard error. Users
 * see one {@code error:} line (plus a pointer to {@code --help} for usage errors); the stack trace
 * only with {@code --debug}, because for a bad file or option it is noise.
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (Arrays.asList(args).contains(MixwrightCommand.DEBUG)) {
            ex.printStackTrace(err);
        }
        err.println("error: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        printHelpHint(cmd.getCommandSpec().qualifiedName(), err);
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        return executionFailure(ex, cmd.getErr(), debug(parseResult), cmd.getCommandSpec().qualifiedName());
    }

    /**
     * Reports a command's failure on {@code err} and returns its exit code; {@code command} is the
     * command's full name ({@code mixwright convert}) for the pointer to its help.
     */
    static int executionFailure(Exception ex, PrintWriter err, boolean debug, String command) {
        if (debug) {
            ex.printStackTrace(err);
        }
        if (ex instanceof CliFailure) {
            err.println("error: " + ex.getMessage());
            return ((CliFailure) ex).exitCode();
        }
        if (ex instanceof IllegalArgumentException) {
            // The core's argument checks name the parameter, the value and the allowed range.
            err.println("error: " + ex.getMessage());
            printHelpHint(command, err);
            return ExitCodes.USAGE;
        }
        err.println("error: " + ex);
        if (!debug) {
            err.println("(run with " + MixwrightCommand.DEBUG + " for the stack trace)");
        }
        return ExitCodes.FAILURE;
    }

    private static void printHelpHint(String command, PrintWriter err) {
        err.println("Try '" + command + " --help' for more information.");
    }

    private static boolean debug(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(MixwrightCommand.DEBUG)) {
                return true;
            }
        }
        return false;
    }
}
