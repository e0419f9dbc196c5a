package io.github.mixwright.mix;

import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.ProcessorRegistry;
import java.util.Objects;

/**
 * A stereo bus of a {@link Mix}: the sum of the sends to it, through its inserts (a reverb bus, a drum
 * bus), then its fader (volume in dB and balance) into the master. A bus may be keyed by a track or a bus
 * ({@link SideChain}).
 *
 * <p>Immutable and thread-safe.
 */
public final class Bus {
    private final String name;
    private final ChainSpec inserts;
    private final double volumeDb;
    private final double pan;
    private final boolean mute;
    private final SideChain sideChain;

    private Bus(String name, ChainSpec inserts, double volumeDb, double pan, boolean mute, SideChain sideChain) {
        this.name = Names.check("bus", name);
        this.inserts = Objects.requireNonNull(inserts, "inserts");
        if (!Double.isFinite(volumeDb)) {
            throw new IllegalArgumentException("bus '" + name + "': volume " + volumeDb + " dB is not a finite number");
        }
        if (!(pan >= -1 && pan <= 1)) {
            throw new IllegalArgumentException("bus '" + name + "': pan " + pan + " is out of range [-1, 1]");
        }
        if (sideChain != null && sideChain.insert() >= inserts.stages().size()) {
            throw new IllegalArgumentException("bus '" + name + "': side-chain insert " + sideChain.insert()
                    + " is out of range [0, " + inserts.stages().size() + ")");
        }
        this.volumeDb = volumeDb;
        this.pan = pan;
        this.mute = mute;
        this.sideChain = sideChain;
    }

    /** A bus named {@code name} with no inserts, at 0 dB, centred. */
    public static Bus of(String name) {
        return new Bus(name, ChainSpec.of(java.util.List.of()), 0, 0, false, null);
    }

    /** A bus with {@code inserts} in the chain syntax, e.g. {@code "reverb rt60=1.8 mix=1"}. */
    public static Bus of(String name, String inserts) {
        return of(name).withInserts(ChainSpec.parse(inserts, ProcessorRegistry.load()));
    }

    public Bus withInserts(ChainSpec chain) {
        return new Bus(name, chain, volumeDb, pan, mute, sideChain);
    }

    public Bus withVolumeDb(double db) {
        return new Bus(name, inserts, db, pan, mute, sideChain);
    }

    /** Sets the balance, -1 (left) to 1 (right). */
    public Bus withPan(double position) {
        return new Bus(name, inserts, volumeDb, position, mute, sideChain);
    }

    public Bus withMute(boolean on) {
        return new Bus(name, inserts, volumeDb, pan, on, sideChain);
    }

    /** Keys insert {@code insert} by the track or bus {@code key}; null removes the side-chain. */
    public Bus withSideChain(SideChain chain) {
        return new Bus(name, inserts, volumeDb, pan, mute, chain);
    }

    public String name() {
        return name;
    }

    public ChainSpec inserts() {
        return inserts;
    }

    public double volumeDb() {
        return volumeDb;
    }

    public double pan() {
        return pan;
    }

    public boolean mute() {
        return mute;
    }

    /** The side-chain, or null. */
    public SideChain sideChain() {
        return sideChain;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Bus)) {
            return false;
        }
        Bus b = (Bus) o;
        return name.equals(b.name) && inserts.stages().equals(b.inserts.stages()) && volumeDb == b.volumeDb
                && pan == b.pan && mute == b.mute && Objects.equals(sideChain, b.sideChain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, inserts.stages(), volumeDb, pan, mute, sideChain);
    }

    @Override
    public String toString() {
        return "bus '" + name + "'";
    }
}
