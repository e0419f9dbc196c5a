package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written or copied through {@link AtomicFiles} appear complete or not at all. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> list() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    @Test
    void writeMakesTheTargetTheContentAndLeavesNothingElse() throws Exception {
        Path target = dir.resolve("report.json");
        byte[] content = bytes(300_000, 1);
        AtomicFiles.write(target, out -> {
            // In pieces, as a writer would.
            for (int at = 0; at < content.length; at += 4096) {
                out.write(content, at, Math.min(4096, content.length - at));
            }
        });
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(List.of(target), list());
        // Again over the existing file.
        AtomicFiles.write(target, out -> out.write("{}".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("{}", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void aFailingContentLeavesAnExistingTargetUnchangedAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("plot.png");
        byte[] before = bytes(1000, 2);
        Files.write(target, before);
        IOException io = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(bytes(50_000, 3));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", io.getMessage());
        IllegalStateException runtime = assertThrows(IllegalStateException.class,
                () -> AtomicFiles.write(target, out -> {
                    out.write(1);
                    throw new IllegalStateException("renderer broke");
                }));
        assertEquals("renderer broke", runtime.getMessage());
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), list());
        Path fresh = dir.resolve("fresh.csv");
        assertThrows(IOException.class, () -> AtomicFiles.write(fresh, out -> {
            throw new IOException("nothing to write");
        }));
        assertEquals(List.of(target), list());
    }

    @Test
    void copyIsByteForByteAndReplacesTheTarget() throws Exception {
        Path source = dir.resolve("in.wav");
        byte[] content = bytes(1 << 20, 4);
        Files.write(source, content);
        Path target = dir.resolve("out.wav");
        Files.write(target, bytes(10, 5));
        AtomicFiles.copy(source, target);
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(List.of(source, target), list());
        Path empty = dir.resolve("empty.wav");
        Files.write(empty, new byte[0]);
        Path emptyCopy = dir.resolve("empty-copy.wav");
        AtomicFiles.copy(empty, emptyCopy);
        assertEquals(0, Files.size(emptyCopy));
    }

    @Test
    void aCopyThatCannotReadLeavesTheTargetAsItWas() throws Exception {
        Path target = dir.resolve("out.wav");
        byte[] before = bytes(100, 6);
        Files.write(target, before);
        assertThrows(NoSuchFileException.class, () -> AtomicFiles.copy(dir.resolve("absent.wav"), target));
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void badTargetsFailAndCreateNothing() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(sub, out -> out.write(1)));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("missing/x.png"), out -> out.write(1)));
        assertEquals(List.of(sub), list());
    }

    @Test
    void aLongNameStillGetsATemporaryFileBesideIt() throws Exception {
        // 250 bytes: with the temporary file's prefix and suffix over the usual 255-byte limit.
        Path target = dir.resolve("m".repeat(246) + ".png");
        AtomicFiles.write(target, out -> out.write(7));
        assertEquals(1, Files.size(target));
        assertEquals(List.of(target), list());
    }
}
