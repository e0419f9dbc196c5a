package io.github.mixwright.cli;

import io.github.mixwright.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The command's non-audio outputs (a PNG, a CSV) and verbatim copies, written through the library's
 * {@link AtomicFiles} (into a temporary file beside the target, moved onto it when complete), with a
 * failure reported as the command reports one: {@link CliFailure} exit code 1, naming the target.
 */
final class AtomicOutput {
    private AtomicOutput() {
    }

    /**
     * Writes {@code target} with {@code content}.
     *
     * @throws CliFailure exit code 1, naming {@code target} as given
     */
    static void write(Path target, AtomicFiles.Content content) throws CliFailure {
        try {
            AtomicFiles.write(target, content);
        } catch (IOException e) {
            throw CliFailure.output(target, e);
        }
    }

    /**
     * Makes {@code target} a byte-for-byte copy of {@code source}.
     *
     * @throws CliFailure exit code 1, naming {@code target} as given
     */
    static void copy(Path source, Path target) throws CliFailure {
        try {
            AtomicFiles.copy(source, target);
        } catch (IOException e) {
            throw CliFailure.output(target, e);
        }
    }
}
