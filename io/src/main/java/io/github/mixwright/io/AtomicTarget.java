package io.github.mixwright.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A temporary file beside a target, moved onto it on commit and deleted on abort.
 *
 * <p>The temporary file is created with {@code CREATE_NEW} under a random name, so it can never be
 * another file, and with the default permissions (not the owner-only ones of
 * {@link Files#createTempFile}), so the committed file has the permissions of any new file.
 */
final class AtomicTarget {
    /** Keeps {@code .<name>.<random>.tmp} under the usual 255-byte limit on a file name. */
    private static final int MAX_NAME_PART = 200;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;

    private AtomicTarget(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    static AtomicTarget create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (absolute.getFileName() == null) {
            throw new FileSystemException(target.toString(), null, "is not a file name");
        }
        if (Files.isDirectory(absolute)) {
            throw new FileSystemException(target.toString(), null, "is a directory");
        }
        String name = absolute.getFileName().toString();
        if (name.length() > MAX_NAME_PART) {
            name = name.substring(0, MAX_NAME_PART);
        }
        Path dir = absolute.getParent();
        for (int attempt = 0; ; attempt++) {
            String random = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
            Path temp = dir.resolve("." + name + "." + random + ".tmp");
            try {
                FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new AtomicTarget(absolute, temp, channel);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    FileChannel channel() {
        return channel;
    }

    /** Closes the temporary file and renames it onto the target. */
    void commit() throws IOException {
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Closes and deletes the temporary file; failures are added to {@code cause} if given, else thrown.
     */
    void abort(Throwable cause) throws IOException {
        IOException failure = null;
        try {
            channel.close();
        } catch (IOException e) {
            failure = e;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            if (cause == null) {
                throw failure;
            }
            cause.addSuppressed(failure);
        }
    }
}
