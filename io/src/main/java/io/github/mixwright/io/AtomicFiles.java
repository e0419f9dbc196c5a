package io.github.mixwright.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes files the way {@link WavWriter} writes audio: into a temporary file beside the target
 * ({@code .<name>.<random>.tmp}, created new, with a new file's permissions), moved onto the target when
 * complete (atomically where the file system can). A failure, or an exception thrown by the caller's
 * content, deletes the temporary file and leaves an existing target unchanged: no half-written file
 * ever appears at the target. Reports, plots and series use it; it is the library's one implementation
 * of this protocol.
 */
public final class AtomicFiles {
    /** Writes a file's content to a stream; may throw, which aborts the write. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Makes {@code target} the bytes {@code content} writes.
     *
     * @throws IOException if the target cannot be written, or {@code content} throws it; the target is
     *     then as it was
     */
    public static void write(Path target, Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        AtomicTarget file = AtomicTarget.create(Objects.requireNonNull(target, "target"));
        try {
            // Not closed here: commit closes the channel, abort too.
            OutputStream out = Channels.newOutputStream(file.channel());
            content.writeTo(out);
            out.flush();
            file.commit();
        } catch (IOException | RuntimeException | Error e) {
            file.abort(e);
            throw e;
        }
    }

    /**
     * Makes {@code target} a byte-for-byte copy of {@code source}; the file system may copy without
     * passing the bytes through the JVM.
     *
     * @throws IOException if {@code source} cannot be read or the target written; the target is then
     *     as it was
     */
    public static void copy(Path source, Path target) throws IOException {
        Objects.requireNonNull(source, "source");
        AtomicTarget file = AtomicTarget.create(Objects.requireNonNull(target, "target"));
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            FileChannel out = file.channel();
            long size = in.size();
            long done = 0;
            while (done < size) {
                long n = out.transferFrom(in, done, size - done);
                if (n <= 0) {
                    throw new IOException(source + ": ended after " + done + " of " + size + " bytes");
                }
                done += n;
            }
            file.commit();
        } catch (IOException | RuntimeException | Error e) {
            file.abort(e);
            throw e;
        }
    }
}
