package io.github.mixwright.mix;

import io.github.mixwright.core.Automation;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.ProcessorRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A track of a {@link Mix}: clips on a timeline, an insert chain, a fader (volume in dB and pan, each
 * fixed or automated), mute, solo, polarity, sends to buses and an optional side-chain.
 *
 * <p>The signal path, in order: the clips (each with its gain and fades; where two overlap, the earlier
 * fades out and the later fades in over the overlap with equal power, on top of their own fades), the
 * polarity, the inserts, then the fader. Pre-fader sends leave after the inserts, post-fader sends after
 * the fader. A mono track pans by the mix's pan law; a stereo track's pan is a balance. Mute silences the
 * track and its sends; when any track is soloed, only soloed tracks play.
 *
 * <p>The track has as many channels as its widest clip, or two if an insert needs two. Immutable and
 * thread-safe; build with {@link #builder}.
 */
public final class Track {
    private final String name;
    private final List<Clip> clips;
    private final ChainSpec inserts;
    private final double volumeDb;
    private final double pan;
    private final Automation volumeAutomation;
    private final Automation panAutomation;
    private final boolean mute;
    private final boolean solo;
    private final boolean invert;
    private final List<Send> sends;
    private final SideChain sideChain;

    private Track(Builder b) {
        this.name = b.name;
        this.clips = List.copyOf(b.clips);
        this.inserts = b.inserts;
        this.volumeDb = b.volumeDb;
        this.pan = b.pan;
        this.volumeAutomation = b.volumeAutomation;
        this.panAutomation = b.panAutomation;
        this.mute = b.mute;
        this.solo = b.solo;
        this.invert = b.invert;
        this.sends = List.copyOf(b.sends);
        this.sideChain = b.sideChain;
        if (sideChain != null && sideChain.insert() >= inserts.stages().size()) {
            throw new IllegalArgumentException("track '" + name + "': side-chain insert " + sideChain.insert()
                    + " is out of range [0, " + inserts.stages().size() + "): the track has "
                    + inserts.stages().size() + " inserts");
        }
    }

    /** A builder for a track named {@code name} (not blank; unique in its mix). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this track's values. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.clips.addAll(clips);
        b.inserts = inserts;
        b.volumeDb = volumeDb;
        b.pan = pan;
        b.volumeAutomation = volumeAutomation;
        b.panAutomation = panAutomation;
        b.mute = mute;
        b.solo = solo;
        b.invert = invert;
        b.sends.addAll(sends);
        b.sideChain = sideChain;
        return b;
    }

    public String name() {
        return name;
    }

    public List<Clip> clips() {
        return clips;
    }

    public ChainSpec inserts() {
        return inserts;
    }

    /** The fader's fixed level, dB (used when {@link #volumeAutomation()} is null). */
    public double volumeDb() {
        return volumeDb;
    }

    /** The fixed pan, -1 (left) to 1 (right) (used when {@link #panAutomation()} is null). */
    public double pan() {
        return pan;
    }

    /** The fader's level over time, dB, or null. */
    public Automation volumeAutomation() {
        return volumeAutomation;
    }

    /** The pan over time, or null. */
    public Automation panAutomation() {
        return panAutomation;
    }

    public boolean mute() {
        return mute;
    }

    public boolean solo() {
        return solo;
    }

    /** Whether the polarity is inverted. */
    public boolean invert() {
        return invert;
    }

    public List<Send> sends() {
        return sends;
    }

    /** The side-chain, or null. */
    public SideChain sideChain() {
        return sideChain;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Track)) {
            return false;
        }
        Track t = (Track) o;
        return name.equals(t.name) && clips.equals(t.clips) && inserts.stages().equals(t.inserts.stages())
                && volumeDb == t.volumeDb && pan == t.pan && Objects.equals(volumeAutomation, t.volumeAutomation)
                && Objects.equals(panAutomation, t.panAutomation) && mute == t.mute && solo == t.solo
                && invert == t.invert && sends.equals(t.sends) && Objects.equals(sideChain, t.sideChain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, clips, inserts.stages(), volumeDb, pan, mute, solo, invert, sends, sideChain);
    }

    @Override
    public String toString() {
        return "track '" + name + "'";
    }

    /** Collects a track's values; {@link #build} checks them. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<Clip> clips = new ArrayList<>();
        private ChainSpec inserts = ChainSpec.of(List.of());
        private double volumeDb;
        private double pan;
        private Automation volumeAutomation;
        private Automation panAutomation;
        private boolean mute;
        private boolean solo;
        private boolean invert;
        private final List<Send> sends = new ArrayList<>();
        private SideChain sideChain;

        private Builder(String name) {
            this.name = Names.check("track", name);
        }

        /** Adds a clip. */
        public Builder clip(Clip clip) {
            clips.add(Objects.requireNonNull(clip, "clip"));
            return this;
        }

        /** Replaces the clips. */
        public Builder clips(List<Clip> list) {
            clips.clear();
            list.forEach(this::clip);
            return this;
        }

        /** Sets the inserts. */
        public Builder inserts(ChainSpec chain) {
            inserts = Objects.requireNonNull(chain, "chain");
            return this;
        }

        /**
         * Sets the inserts in the chain syntax of {@code mixwright process --chain}, e.g.
         * {@code "highpass freq=30 | compressor threshold=-18 ratio=4"}, with every installed processor.
         *
         * @throws IllegalArgumentException naming the stage and the value that is wrong
         */
        public Builder inserts(String chain) {
            return inserts(ChainSpec.parse(chain, ProcessorRegistry.load()));
        }

        /** Sets the fader's level, dB (finite; use {@link #mute} for silence). */
        public Builder volumeDb(double db) {
            if (!Double.isFinite(db)) {
                throw new IllegalArgumentException("track '" + name + "': volume " + db + " dB is not a finite number");
            }
            volumeDb = db;
            return this;
        }

        /** Sets the pan, -1 (left) to 1 (right). */
        public Builder pan(double position) {
            checkPan(position);
            pan = position;
            return this;
        }

        /** Automates the fader's level, dB (replacing {@link #volumeDb}). */
        public Builder volumeAutomation(Automation db) {
            volumeAutomation = db;
            return this;
        }

        /** Automates the pan, -1 to 1 (replacing {@link #pan}). */
        public Builder panAutomation(Automation position) {
            if (position != null) {
                checkPan(position.min());
                checkPan(position.max());
            }
            panAutomation = position;
            return this;
        }

        public Builder mute(boolean on) {
            mute = on;
            return this;
        }

        public Builder solo(boolean on) {
            solo = on;
            return this;
        }

        /** Inverts the polarity. */
        public Builder invert(boolean on) {
            invert = on;
            return this;
        }

        /** Adds a send. */
        public Builder send(Send send) {
            sends.add(Objects.requireNonNull(send, "send"));
            return this;
        }

        /** Keys insert {@code insert} by the track or bus {@code key}. */
        public Builder sideChain(int insert, String key) {
            sideChain = new SideChain(insert, key);
            return this;
        }

        /** Removes the side-chain. */
        public Builder noSideChain() {
            sideChain = null;
            return this;
        }

        public Track build() {
            return new Track(this);
        }

        private void checkPan(double position) {
            if (!(position >= -1 && position <= 1)) {
                throw new IllegalArgumentException("track '" + name + "': pan " + position + " is out of range [-1, 1]");
            }
        }
    }
}
