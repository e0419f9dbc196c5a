package io.github.mixwright.mix;

import java.util.Objects;

/**
 * A side-chain: insert number {@code insert} of a track or bus (a compressor, gate or de-esser: a
 * {@link io.github.mixwright.core.KeyedProcessor}) detects the level of {@code key}, another track or bus,
 * instead of its own input. Kick ducking bass: the bass's compressor keyed by the kick.
 *
 * <p>The key is the key's own signal before its inserts and fader (a track's clips, with their gains and
 * fades; a bus's summed sends), delayed to line up with the keyed insert's input, and folded to mono
 * (the channels' mean) when its width differs from the keyed signal's. A track may be keyed by a track;
 * a bus by a track or a bus.
 *
 * @param insert the keyed insert's index in its chain, from 0
 * @param key the name of the track or bus that keys it
 */
public record SideChain(int insert, String key) {
    /** @throws IllegalArgumentException if {@code insert} is negative */
    public SideChain {
        Objects.requireNonNull(key, "key");
        if (insert < 0) {
            throw new IllegalArgumentException("side-chain insert " + insert + " is out of range [0, inserts)");
        }
    }
}
