package io.github.mixwright.mix;

import io.github.mixwright.core.Automation;
import java.util.Objects;

/**
 * A track's send to a bus: its level in dB, taken before the fader ({@code pre}: after the inserts, before
 * volume and pan's gain) or after it, optionally automated (dB over seconds; the automation replaces the
 * fixed level).
 *
 * @param bus the bus's name
 * @param levelDb the send's level, dB (finite)
 * @param pre true for a pre-fader send
 * @param automation the level over time, dB, or null for the fixed level
 */
public record Send(String bus, double levelDb, boolean pre, Automation automation) {
    /** @throws IllegalArgumentException if the level is not finite or the bus name is blank */
    public Send {
        Objects.requireNonNull(bus, "bus");
        if (bus.isBlank()) {
            throw new IllegalArgumentException("a send names no bus");
        }
        if (!Double.isFinite(levelDb)) {
            throw new IllegalArgumentException("send level " + levelDb + " dB is not a finite number");
        }
    }

    /** A post-fader send at {@code levelDb}. */
    public static Send of(String bus, double levelDb) {
        return new Send(bus, levelDb, false, null);
    }

    /** A pre-fader send at {@code levelDb}. */
    public static Send pre(String bus, double levelDb) {
        return new Send(bus, levelDb, true, null);
    }

    /** This send with its level automated (dB). */
    public Send automated(Automation levelDb) {
        return new Send(bus, this.levelDb, pre, Objects.requireNonNull(levelDb, "levelDb"));
    }
}
