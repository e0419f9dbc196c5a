package io.github.mixwright.cli;

import io.github.mixwright.io.WavReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Opening inputs and checking outputs the same way in every command. */
final class AudioFiles {
    private AudioFiles() {
    }

    /**
     * Opens {@code in} for reading.
     *
     * @throws CliFailure (exit code 3) naming the file and the reason
     */
    static WavReader open(Path in) throws CliFailure {
        return open(in, true);
    }

    /**
     * {@link #open(Path)}, reading ahead on a background thread or not: a {@link FileRender} reads on a
     * thread of its own and passes false (see {@link WavReader#open(Path, boolean)}).
     */
    static WavReader open(Path in, boolean readAhead) throws CliFailure {
        if (Files.isDirectory(in)) {
            throw CliFailure.input(in, "is a directory");
        }
        try {
            return WavReader.open(in, readAhead);
        } catch (IOException e) {
            throw CliFailure.input(in, e);
        }
    }

    /**
     * Checks that {@code out} can be written without harm: its directory exists, it is not a
     * directory and it is not the input (which must never be overwritten).
     *
     * @param label the parameter's name in the help, e.g. {@code "OUT"}
     * @throws ParameterException (exit code 2) naming the parameter and the problem
     */
    static void checkOutput(CommandLine cmd, String label, Path out, Path in) {
        String problem = outputProblem(label, out, in);
        if (problem != null) {
            throw new ParameterException(cmd, problem);
        }
    }

    /** What {@link #checkOutput} would report about {@code out}, or null if it can be written. */
    static String outputProblem(String label, Path out, Path in) {
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            Path shown = out.getParent() != null ? out.getParent() : dir;
            return label + " directory '" + shown + "' does not exist";
        }
        if (Files.isDirectory(out)) {
            return label + " '" + out + "' is a directory; give a file name";
        }
        if (in != null && Files.exists(out) && Files.exists(in) && isSameFile(in, out)) {
            return label + " '" + out + "' is the input file; write to another file"
                    + " (the input is never overwritten)";
        }
        return null;
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            // Unknown means we could not compare; opening the input will report what is wrong with it.
            return false;
        }
    }
}
