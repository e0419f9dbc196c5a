package io.github.mixwright.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a small non-audio output (a PNG, a CSV) the way every output is written: into a temporary
 * file beside the target, moved onto it when complete, so a failure leaves no half-written file and
 * an existing target unchanged.
 */
final class AtomicOutput {
    /** Writes the content to a stream; may throw. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicOutput() {
    }

    /**
     * Writes {@code target} with {@code content}.
     *
     * @throws CliFailure exit code 1, naming {@code target} as given
     */
    static void write(Path target, Content content) throws CliFailure {
        replace(target, tmp -> {
            // Not Files.createTempFile, which is owner-only: the output gets a new file's permissions.
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
        });
    }

    /**
     * Makes {@code target} a byte-for-byte copy of {@code source} (which the file system may copy
     * without passing the bytes through the JVM).
     *
     * @throws CliFailure exit code 1, naming {@code target} as given
     */
    static void copy(Path source, Path target) throws CliFailure {
        replace(target, tmp -> Files.copy(source, tmp));
    }

    /** Creates a file at a path; must fail with FileAlreadyExistsException if the path exists. */
    @FunctionalInterface
    private interface Creator {
        void create(Path tmp) throws IOException;
    }

    private static void replace(Path target, Creator creator) throws CliFailure {
        Path absolute = target.toAbsolutePath();
        Path tmp = null;
        try {
            boolean created = false;
            while (!created) {
                tmp = absolute.resolveSibling("." + absolute.getFileName() + "."
                        + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + ".tmp");
                try {
                    creator.create(tmp);
                    created = true;
                } catch (FileAlreadyExistsException e) {
                    // another run's temporary file, not ours to delete: pick another name
                    tmp = null;
                }
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw CliFailure.output(target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the failure being reported matters more than a stray temporary file
                }
            }
        }
    }
}
