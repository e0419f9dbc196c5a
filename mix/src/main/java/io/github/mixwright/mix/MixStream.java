package io.github.mixwright.mix;

import io.github.mixwright.core.AudioSource;

/**
 * A mix rendering that measures what it renders ({@link Mix#openMeasured}): once it has been read to its
 * end, {@link #report} tells every track's, bus's and the master's levels and spectra, and where tracks
 * mask each other.
 */
public interface MixStream extends AudioSource {
    /**
     * The report of everything read so far.
     *
     * @throws IllegalStateException if the mix has not been read to its end
     */
    MixReport report();
}
