package io.github.mixwright.io;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The outer file structure of a WAV file.
 *
 * <p>{@link #WAV} is the Microsoft RIFF/WAVE file, whose 32-bit sizes limit it to 4 GiB.
 * {@link #RF64} is EBU Tech 3306 RF64 (and its twin ITU-R BS.2088 BW64, which readers report as
 * RF64): the same chunks, with 64-bit sizes in a {@code ds64} chunk.
 *
 * <p>Immutable and thread-safe.
 */
public enum Container {
    /** RIFF/WAVE, up to 4 GiB. */
    WAV("wav"),
    /** RF64 (EBU Tech 3306) or BW64 (ITU-R BS.2088), any size. */
    RF64("rf64");

    private final String id;

    Container(String id) {
        this.id = id;
    }

    /** The name used on the command line: {@code "wav"} or {@code "rf64"}. */
    public String id() {
        return id;
    }

    /**
     * The container called {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException {@code "container 'x' is not one of wav, rf64"}
     */
    public static Container fromId(String id) {
        if (id != null) {
            String wanted = id.toLowerCase(Locale.ROOT);
            for (Container c : values()) {
                if (c.id.equals(wanted)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("container '" + id + "' is not one of "
                + Arrays.stream(values()).map(Container::id).collect(Collectors.joining(", ")));
    }
}
