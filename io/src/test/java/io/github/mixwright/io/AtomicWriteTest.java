package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output appears complete or not at all, and nothing else in the directory is touched. */
class AtomicWriteTest {
    private static final WavFormat FORMAT = WavFormat.of(48_000, 2, SampleEncoding.PCM24);
    private static final AudioBuffer AUDIO = TestAudio.onGrid(SampleEncoding.PCM24, 2, 100_000, 1);

    @TempDir
    Path dir;

    @Test
    void closeWithoutCommitLeavesNoTargetAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("out.wav");
        try (WavWriter w = WavWriter.create(target, FORMAT, WriteOptions.defaults())) {
            TestAudio.writeBlocks(w, AUDIO, 4096);
            List<Path> during = list();
            assertEquals(1, during.size());
            String temp = during.get(0).getFileName().toString();
            assertTrue(temp.startsWith(".out.wav.") && temp.endsWith(".tmp"), temp);
            assertFalse(Files.exists(target));
        }
        assertEquals(List.of(), list());
    }

    @Test
    void existingTargetSurvivesAnAbortedWriteUnchanged() throws Exception {
        Path target = dir.resolve("keep.wav");
        byte[] before = "precious take".getBytes("US-ASCII");
        Files.write(target, before);
        try (WavWriter w = WavWriter.create(target, FORMAT, WriteOptions.defaults())) {
            TestAudio.writeBlocks(w, AUDIO, 1000);
        }
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void exceptionThrownByTheCallerMidWriteLeavesNoFile() {
        Path target = dir.resolve("crash.wav");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (WavWriter w = WavWriter.create(target, FORMAT, WriteOptions.defaults())) {
                w.write(AUDIO.view(0, 50_000));
                throw new IllegalStateException("render failed");
            }
        });
        assertEquals("render failed", thrown.getMessage());
        assertEquals(List.of(), list());
    }

    @Test
    void commitReplacesTheTargetAndLeavesOtherFilesAlone() throws Exception {
        Path target = dir.resolve("mix.wav");
        Path neighbour = dir.resolve("mix.wav.bak");
        Files.write(target, new byte[] {1, 2, 3});
        Files.write(neighbour, new byte[] {4, 5, 6});
        TestAudio.write(target, FORMAT, WriteOptions.defaults().withDither(Dither.NONE), AUDIO, 3000);
        assertTrue(AUDIO.sameSamples(TestAudio.readAll(target)));
        assertArrayEquals(new byte[] {4, 5, 6}, Files.readAllBytes(neighbour));
        assertEquals(List.of(target, neighbour), list());
    }

    @Test
    void writerStateIsEnforced() throws Exception {
        Path target = dir.resolve("s.wav");
        WavWriter w = WavWriter.create(target, FORMAT, WriteOptions.defaults());
        assertThrows(IllegalArgumentException.class, () -> w.write(AudioBuffer.allocate(1, 10)));
        w.write(AUDIO.view(0, 10));
        w.commit();
        assertEquals(10, w.framesWritten());
        assertThrows(IllegalStateException.class, () -> w.write(AUDIO.view(0, 10)));
        assertThrows(IllegalStateException.class, w::commit);
        w.close();
        w.close();
        assertEquals(10, TestAudio.readAll(target).frames(), "close after commit keeps the file");
    }

    @Test
    void badTargetsFailAtCreateAndCreateNothing() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub.wav"));
        assertThrows(FileSystemException.class, () -> WavWriter.create(sub, FORMAT, WriteOptions.defaults()));
        assertThrows(NoSuchFileException.class,
                () -> WavWriter.create(dir.resolve("missing/out.wav"), FORMAT, WriteOptions.defaults()));
        assertEquals(List.of(sub), list());
        try (Stream<Path> s = Files.list(sub)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void failedCommitLeavesTargetUntouchedAndCleansUp() throws Exception {
        Path target = dir.resolve("gone.wav");
        WavWriter w = WavWriter.create(target, FORMAT, WriteOptions.defaults());
        w.write(AUDIO.view(0, 10));
        // A directory where the file should go makes the final rename fail.
        Files.createDirectory(target);
        Files.write(target.resolve("inside"), new byte[] {1});
        assertThrows(IOException.class, w::commit);
        w.close();
        assertEquals(List.of(target), list());
        assertTrue(Files.exists(target.resolve("inside")));
    }

    private List<Path> list() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
