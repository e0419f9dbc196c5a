package io.github.mixwright.mix;

import io.github.mixwright.core.AudioSource;
import java.io.IOException;

/**
 * Where a {@link Master} reads its input: opened once per pass (an analysis pass, the written pass, at most
 * one correction), each time from the start, giving the same audio every time.
 */
@FunctionalInterface
public interface MasterSource {
    /** A new source positioned at the start; the master closes it. */
    AudioSource open() throws IOException;
}
