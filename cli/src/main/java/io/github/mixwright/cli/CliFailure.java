package io.github.mixwright.cli;

import io.github.mixwright.io.AudioFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A failure to report as one line, {@code error: <message>}, with its exit code. The message names
 * the file as the user typed it, whatever path the I/O layer resolved it to.
 */
final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** The input {@code file} could not be read or is not valid audio: exit code 3. */
    static CliFailure input(Path file, IOException e) {
        return input(file.toString(), e);
    }

    /** The input named {@code what} could not be read or is not valid audio: exit code 3. */
    static CliFailure input(String what, IOException e) {
        return new CliFailure(ExitCodes.BAD_INPUT, what + ": " + reason(e), e);
    }

    /** The input {@code file} is unusable for {@code reason}: exit code 3. */
    static CliFailure input(Path file, String reason) {
        return new CliFailure(ExitCodes.BAD_INPUT, file + ": " + reason, null);
    }

    /** Writing the output {@code file} failed (disk full, permissions): exit code 1. */
    static CliFailure output(Path file, IOException e) {
        return new CliFailure(ExitCodes.FAILURE, file + ": " + reason(e), e);
    }

    private static String reason(IOException e) {
        if (e instanceof AudioFormatException) {
            return ((AudioFormatException) e).problem();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        if (e instanceof EOFException) {
            return "unexpected end of file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
