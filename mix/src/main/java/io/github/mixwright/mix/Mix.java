package io.github.mixwright.mix;

import io.github.mixwright.core.AudioSource;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.PanLaw;
import io.github.mixwright.core.ProcessorRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A mix: tracks of clips, buses, and the master bus's inserts, at one sample rate. It renders to stereo as
 * a streaming {@link AudioSource}, so it is also a {@link MasterSource}: {@code Master.of(mix)} masters it.
 *
 * <pre>{@code
 * Mix mix = Mix.builder(48_000)
 *         .track(Track.builder("kick").clip(Clip.of(Path.of("kick.wav"), 0)).volumeDb(-3)
 *                 .inserts("highpass freq=30 | compressor threshold=-18 ratio=4").build())
 *         .track(Track.builder("bass").clip(Clip.of(Path.of("bass.wav"), 0)).pan(-0.1)
 *                 .inserts("compressor threshold=-24 ratio=3").sideChain(0, "kick").build())
 *         .bus(Bus.of("verb", "reverb rt60=1.8 mix=1"))
 *         .master("compressor threshold=-12 ratio=2")
 *         .build();
 * try (AudioSource source = mix.open()) {   // the caller closes it: that stops the mix's threads
 *     Render.of(source).run(RenderSink.wav(Path.of("mix.wav"), SampleEncoding.PCM24, WriteOptions.defaults()));
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Signal flow</b>: each {@link Track} (clips, polarity, inserts, fader, sends); each {@link Bus}
 *       (the sum of its sends, inserts, fader); their sum through the master inserts. The master is
 *       stereo.</li>
 *   <li><b>Latency</b> is compensated on every path: each track is delayed to the slowest track, each bus
 *       to the slowest bus, the tracks' direct sum by the slowest bus, and the output starts where the
 *       timeline does, so a linear-phase EQ on one track leaves it aligned with the rest.</li>
 *   <li><b>Length</b>: to the end of the last clip plus the tails of the inserts (the tracks', the buses'
 *       and the master's, each after its latency), or {@link Builder#lengthSeconds} exactly.</li>
 *   <li><b>Rates</b>: a clip whose source is at another rate is converted to the mix's as it plays, by
 *       {@link io.github.mixwright.filters.Resampler} at its high quality; a ratio beyond [1/64, 64] is
 *       refused when the mix is opened, naming the source, the track and both rates.</li>
 *   <li><b>Threads</b>: with {@link #withThreads}, tracks and buses are processed in parallel; the sums are
 *       taken in a fixed order, so the output is bit-identical whatever the threads.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; each {@link #open} renders independently.
 */
public final class Mix implements MasterSource {
    /** Frames per block of the render. */
    static final int BLOCK = 4096;

    private final double sampleRate;
    private final List<Track> tracks;
    private final List<Bus> buses;
    private final ChainSpec master;
    private final PanLaw panLaw;
    private final double lengthSeconds;
    private final Executor threads;
    private final int workers;

    private Mix(double sampleRate, List<Track> tracks, List<Bus> buses, ChainSpec master, PanLaw panLaw,
            double lengthSeconds, Executor threads, int workers) {
        this.sampleRate = sampleRate;
        this.tracks = List.copyOf(tracks);
        this.buses = List.copyOf(buses);
        this.master = master;
        this.panLaw = panLaw;
        this.lengthSeconds = lengthSeconds;
        this.threads = threads;
        this.workers = workers;
    }

    /** A builder for a mix at {@code sampleRate} Hz. */
    public static Builder builder(double sampleRate) {
        return new Builder(sampleRate);
    }

    /** A builder holding this mix's values. */
    public Builder toBuilder() {
        Builder b = new Builder(sampleRate);
        b.tracks.addAll(tracks);
        b.buses.addAll(buses);
        b.master = master;
        b.panLaw = panLaw;
        b.lengthSeconds = lengthSeconds;
        return b;
    }

    /**
     * This mix rendering its tracks and buses on {@code threads} ({@code workers} at a time, 1 or more; the
     * calling thread is one of them). The output does not change.
     */
    public Mix withThreads(Executor threads, int workers) {
        if (threads == null) {
            return new Mix(sampleRate, tracks, buses, master, panLaw, lengthSeconds, null, 1);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers " + workers + " is out of range [1, Integer.MAX_VALUE]");
        }
        return new Mix(sampleRate, tracks, buses, master, panLaw, lengthSeconds, threads, workers);
    }

    /**
     * A new render of the mix, from its start: stereo, at {@link #sampleRate()}.
     *
     * @throws IOException naming the file and the track when a clip's file cannot be read, is at another
     *     rate, has more than two channels, or is shorter than the clip's offset
     */
    @Override
    public AudioSource open() throws IOException {
        return new MixSource(this, false);
    }

    /**
     * A new render of the mix that also measures it: read it to its end (for example through
     * {@link Render}), then {@link MixStream#report} tells each track's, bus's and the master's peak, RMS,
     * loudness, clipped samples and 1/3-octave spectrum, and where tracks mask each other.
     *
     * @throws IOException as {@link #open} does
     */
    public MixStream openMeasured() throws IOException {
        return new MixSource(this, true);
    }

    /**
     * This mix with every track's clip gains moved so that each track's clips alone (before its inserts
     * and fader, centred) measure {@code targetLufs} integrated loudness (ITU-R BS.1770), so that a mix
     * starts balanced. Silent tracks are left as they are.
     *
     * @param targetLufs -70 to 0
     * @throws IOException as {@link #open} does
     */
    public Mix autoGain(double targetLufs) throws IOException {
        if (!(targetLufs >= -70 && targetLufs <= 0)) {
            throw new IllegalArgumentException("autoGain target " + targetLufs + " LUFS is out of range [-70, 0]");
        }
        Builder b = toBuilder();
        b.tracks.clear();
        for (Track t : tracks) {
            Mix alone = Mix.builder(sampleRate).track(Track.builder(t.name()).clips(t.clips()).build()).build();
            io.github.mixwright.loudness.LoudnessMeter meter = new io.github.mixwright.loudness.LoudnessMeter(sampleRate, 2);
            try (AudioSource s = alone.open()) {
                io.github.mixwright.core.AudioBuffer block = io.github.mixwright.core.AudioBuffer.allocate(2, BLOCK);
                int n;
                while ((n = s.read(block)) > 0) {
                    meter.accept(block.view(0, n));
                }
            }
            double lufs = meter.integratedLufs();
            if (!Double.isFinite(lufs)) {
                b.tracks.add(t);
                continue;
            }
            double offset = targetLufs - lufs;
            List<Clip> moved = new ArrayList<>();
            for (Clip c : t.clips()) {
                moved.add(c.gainDb(c.gainDb() + offset));
            }
            b.tracks.add(t.toBuilder().clips(moved).build());
        }
        return b.build().withThreads(threads, workers);
    }

    public double sampleRate() {
        return sampleRate;
    }

    public List<Track> tracks() {
        return tracks;
    }

    public List<Bus> buses() {
        return buses;
    }

    /** The master bus's inserts. */
    public ChainSpec master() {
        return master;
    }

    public PanLaw panLaw() {
        return panLaw;
    }

    /** The stated length, seconds, or NaN for "to the end of the last clip and the tails". */
    public double lengthSeconds() {
        return lengthSeconds;
    }

    Executor threads() {
        return threads;
    }

    int workers() {
        return workers;
    }

    /** Mixes are equal when their tracks, buses, master, pan law and length are (threads aside). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Mix)) {
            return false;
        }
        Mix m = (Mix) o;
        return sampleRate == m.sampleRate && tracks.equals(m.tracks) && buses.equals(m.buses)
                && master.stages().equals(m.master.stages()) && panLaw == m.panLaw
                && Double.compare(lengthSeconds, m.lengthSeconds) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sampleRate, tracks, buses, master.stages(), panLaw, lengthSeconds);
    }

    @Override
    public String toString() {
        return "mix of " + tracks.size() + " tracks and " + buses.size() + " buses at " + sampleRate + " Hz";
    }

    /** Collects a mix's values; {@link #build} checks how they connect. Not thread-safe. */
    public static final class Builder {
        private final double sampleRate;
        private final List<Track> tracks = new ArrayList<>();
        private final List<Bus> buses = new ArrayList<>();
        private ChainSpec master = ChainSpec.of(List.of());
        private PanLaw panLaw = PanLaw.CONSTANT_POWER;
        private double lengthSeconds = Double.NaN;

        private Builder(double sampleRate) {
            if (!(sampleRate >= 8000 && sampleRate <= 768_000)) {
                throw new IllegalArgumentException("sample rate " + sampleRate + " Hz is out of range [8000, 768000]");
            }
            this.sampleRate = sampleRate;
        }

        public Builder track(Track track) {
            tracks.add(Objects.requireNonNull(track, "track"));
            return this;
        }

        public Builder bus(Bus bus) {
            buses.add(Objects.requireNonNull(bus, "bus"));
            return this;
        }

        /** The master bus's inserts. */
        public Builder master(ChainSpec inserts) {
            master = Objects.requireNonNull(inserts, "inserts");
            return this;
        }

        /** The master bus's inserts in the chain syntax. */
        public Builder master(String inserts) {
            return master(ChainSpec.parse(inserts, ProcessorRegistry.load()));
        }

        /** How mono tracks pan (default {@link PanLaw#CONSTANT_POWER}). */
        public Builder panLaw(PanLaw law) {
            panLaw = Objects.requireNonNull(law, "law");
            return this;
        }

        /** Renders exactly {@code seconds} (more than 0), or NaN for the natural length. */
        public Builder lengthSeconds(double seconds) {
            if (!Double.isNaN(seconds) && !(seconds > 0 && seconds < 1e7)) {
                throw new IllegalArgumentException("length " + seconds + " s is out of range (0, 1e7)");
            }
            lengthSeconds = seconds;
            return this;
        }

        /**
         * The mix.
         *
         * @throws IllegalArgumentException when two tracks or buses share a name, a send names no bus, a
         *     side-chain names nothing, keys itself, keys a track by a bus, or keys an insert that takes no key
         */
        public Mix build() {
            Map<String, String> names = new HashMap<>();
            for (Track t : tracks) {
                unique(names, t.name(), "track");
            }
            for (Bus b : buses) {
                unique(names, b.name(), "bus");
            }
            for (Track t : tracks) {
                for (Send s : t.sends()) {
                    if (!"bus".equals(names.get(s.bus()))) {
                        throw new IllegalArgumentException("track '" + t.name() + "': sends to '" + s.bus()
                                + "', which is not a bus of the mix" + known(names, "bus"));
                    }
                }
                checkKey("track '" + t.name() + "'", t.name(), t.sideChain(), t.inserts(), names, false);
            }
            for (Bus b : buses) {
                checkKey("bus '" + b.name() + "'", b.name(), b.sideChain(), b.inserts(), names, true);
            }
            return new Mix(sampleRate, tracks, buses, master, panLaw, lengthSeconds, null, 1);
        }

        private static void unique(Map<String, String> names, String name, String kind) {
            String was = names.putIfAbsent(name, kind);
            if (was != null) {
                throw new IllegalArgumentException("two of the mix's tracks and buses are named '" + name
                        + "' (a " + was + " and a " + kind + "); names must be unique");
            }
        }

        private static String known(Map<String, String> names, String kind) {
            List<String> list = new ArrayList<>();
            names.forEach((n, k) -> {
                if (k.equals(kind)) {
                    list.add(n);
                }
            });
            java.util.Collections.sort(list);
            return list.isEmpty() ? " (it has none)" : " (" + kind + "es: " + String.join(", ", list) + ")";
        }

        private static void checkKey(String who, String self, SideChain sc, ChainSpec inserts,
                Map<String, String> names, boolean isBus) {
            if (sc == null) {
                return;
            }
            String kind = names.get(sc.key());
            if (kind == null) {
                throw new IllegalArgumentException(who + ": side-chain key '" + sc.key()
                        + "' is not a track or bus of the mix");
            }
            if (sc.key().equals(self)) {
                throw new IllegalArgumentException(who + ": side-chain key is itself; key it by another track or bus");
            }
            if (!isBus && kind.equals("bus")) {
                throw new IllegalArgumentException(who + ": side-chain key '" + sc.key() + "' is a bus; a track can"
                        + " be keyed by a track only (a bus's sum depends on the tracks)");
            }
            String stage = inserts.stages().get(sc.insert()).descriptor().name();
            if (!(inserts.build().stage(sc.insert()) instanceof io.github.mixwright.core.KeyedProcessor)) {
                throw new IllegalArgumentException(who + ": side-chain insert " + sc.insert() + " is '" + stage
                        + "', which takes no key (a compressor, gate or de-esser does)");
            }
        }
    }
}
