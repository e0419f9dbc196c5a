package io.github.mixwright.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that is not a well-formed audio file of a supported kind: its message reads
 * {@code "<file>: <problem>"}, e.g. {@code "take1.wav: file truncated: expected 4000 bytes of
 * data, found 120"}.
 *
 * <p>Immutable and thread-safe.
 */
public final class AudioFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /**
     * @param file the offending file
     * @param problem what is wrong, in words, without the file name
     */
    public AudioFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    AudioFormatException(Path file, String problem, Throwable cause) {
        this(file, problem);
        initCause(cause);
    }

    /** The offending file. */
    public Path file() {
        return file;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }
}
