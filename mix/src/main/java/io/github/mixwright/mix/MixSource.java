package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import io.github.mixwright.core.Automation;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.ChannelTasks;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.filters.Resampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Mix} rendering, block by block: the tracks' clips (in parallel), their inserts and faders (in
 * parallel), the sums into the buses and the master (in order, on the calling thread), the buses (in
 * parallel), the master inserts. The first frames, as many as the paths' latency, are dropped, so the
 * output starts where the timeline does.
 */
final class MixSource implements MixStream {
    private final Mix mix;
    private final double rate;
    private final List<TrackLane> tracks = new ArrayList<>();
    private final List<Track> trackSpecs;
    private final List<TrackLane> buses = new ArrayList<>();
    private final Map<String, Integer> busIndex = new HashMap<>();
    private final Chain master;
    private final int latency;
    private final long total;
    private final FrameDelay directDelay;
    private final Summed single = new Summed();
    private final java.util.concurrent.BlockingQueue<Summed> free = new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.BlockingQueue<Object> ready = new java.util.concurrent.LinkedBlockingQueue<>();
    private Thread producer;
    private volatile boolean stopped;
    private final AudioBuffer out;
    /** One phase of work: the master inserts of one block, the buses of one, the tracks of one. */
    private final ChannelTasks phase;
    private final AtomicInteger nextTask = new AtomicInteger();
    private final float[] sendGain;
    /** The timeline frame of the next block to render. */
    private long cursor;
    private long emitted;
    /** Frames of {@link #out} not yet read, from {@link #outAt}. */
    private int outLeft;
    private int outAt;
    /**
     * No track is keyed by a track: a track's clips and its inserts run as one task, in one phase. (A
     * track keyed by a track needs its key's clips first: then every track fills before any processes.)
     */
    private final boolean fillAndProcess;
    /**
     * The tracks of a block may run in the phase of the buses of the block before: their clips and
     * inserts in one task, and no bus keyed by a track (whose kept input the next block would overwrite).
     */
    private final boolean overlap;

    /** What the present phase runs: the block to master (or null), the buses' block, the tracks' block. */
    private Summed phaseMaster;
    private Summed phaseBuses;
    private Summed phaseTracks;
    private Work trackWork = Work.NONE;

    /** What a phase does with the tracks of its block. */
    private enum Work {
        NONE, FILL, PROCESS, BOTH
    }

    private final StripMeter masterMeter;

    MixSource(Mix mix, boolean measure) throws IOException {
        this.mix = mix;
        this.rate = mix.sampleRate();
        this.trackSpecs = mix.tracks();
        boolean anySolo = trackSpecs.stream().anyMatch(Track::solo);
        Map<String, TrackLane> byName = new HashMap<>();
        long timelineEnd = 0;
        try {
            for (int i = 0; i < trackSpecs.size(); i++) {
                Track t = trackSpecs.get(i);
                String where = "tracks[" + i + "]";
                List<Placement> clips = place(t, where);
                int channels = Math.max(t.inserts().requiredChannels(),
                        clips.stream().mapToInt(p -> p.channels).max().orElse(1));
                for (Placement p : clips) {
                    timelineEnd = Math.max(timelineEnd, p.end());
                }
                Chain chain = t.inserts().build();
                int keyed = t.sideChain() == null ? -1 : t.sideChain().insert();
                boolean wantsPre = t.sends().stream().anyMatch(Send::pre);
                TrackLane.Fader fader = new TrackLane.Fader(t.volumeDb(), t.volumeAutomation(), t.pan(),
                        t.panAutomation(), mix.panLaw(), t.mute() || (anySolo && !t.solo()));
                TrackLane lane = new TrackLane(t.name(), channels, clips, chain, keyed, rate, Mix.BLOCK, wantsPre,
                        fader);
                tracks.add(lane);
                byName.put(t.name(), lane);
            }
            for (int j = 0; j < mix.buses().size(); j++) {
                Bus b = mix.buses().get(j);
                Chain chain = b.inserts().build();
                int keyed = b.sideChain() == null ? -1 : b.sideChain().insert();
                TrackLane.Fader fader = new TrackLane.Fader(b.volumeDb(), null, b.pan(), null, mix.panLaw(),
                        b.mute());
                TrackLane lane = new TrackLane(b.name(), 2, List.of(), chain, keyed, rate, Mix.BLOCK, false, fader);
                buses.add(lane);
                busIndex.put(b.name(), j);
                byName.put(b.name(), lane);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        for (int i = 0; i < trackSpecs.size(); i++) {
            link(tracks.get(i), trackSpecs.get(i).sideChain(), byName);
        }
        for (int j = 0; j < buses.size(); j++) {
            link(buses.get(j), mix.buses().get(j).sideChain(), byName);
        }
        int trackLatency = tracks.stream().mapToInt(l -> l.latency).max().orElse(0);
        int busLatency = buses.stream().mapToInt(l -> l.latency).max().orElse(0);
        tracks.forEach(l -> l.connect(trackLatency));
        buses.forEach(l -> l.connect(busLatency));
        master = mix.master().build();
        master.prepare(new ProcessSpec(rate, Mix.BLOCK, 2));
        latency = trackLatency + busLatency + master.latencyFrames();
        directDelay = new FrameDelay(2, busLatency);
        if (Double.isNaN(mix.lengthSeconds())) {
            long tails = tail(tracks) + tail(buses) + Math.max(0, master.tailFrames() - master.latencyFrames());
            total = timelineEnd + tails;
        } else {
            total = Math.round(mix.lengthSeconds() * rate);
        }
        if (measure) {
            for (TrackLane l : tracks) {
                l.meter = new StripMeter(l.name, "track", rate, trackLatency);
            }
            for (TrackLane l : buses) {
                l.meter = new StripMeter(l.name, "bus", rate, trackLatency + busLatency);
            }
            masterMeter = new StripMeter("master", "master", rate, 0);
        } else {
            masterMeter = null;
        }
        out = AudioBuffer.allocate(2, Mix.BLOCK);
        sendGain = new float[Mix.BLOCK];
        int workers = mix.threads() == null ? 1 : mix.workers();
        fillAndProcess = tracks.stream().noneMatch(l -> l.keyLane != null && tracks.contains(l.keyLane));
        overlap = fillAndProcess && buses.stream().noneMatch(l -> l.keyLane != null && tracks.contains(l.keyLane));
        phase = new ChannelTasks(Math.max(1, Math.min(workers, 1 + buses.size() + tracks.size())), w -> runTasks());
    }

    private static long tail(List<TrackLane> lanes) {
        return lanes.stream().mapToLong(l -> Math.max(0, l.chain.tailFrames() - l.chain.latencyFrames()))
                .max().orElse(0);
    }

    private static void link(TrackLane lane, SideChain sc, Map<String, TrackLane> byName) {
        if (sc != null) {
            TrackLane key = byName.get(sc.key());
            key.isKey = true;
            lane.keyLane = key;
        }
    }

    /** The track's clips at the mix's rate, checked against their sources, with crossfades where they overlap. */
    private List<Placement> place(Track t, String where) throws IOException {
        List<Placement> list = new ArrayList<>();
        for (int c = 0; c < t.clips().size(); c++) {
            Clip clip = t.clips().get(c);
            String at = where + ".clips[" + c + "] (track '" + t.name() + "')";
            ClipSource.Shape shape;
            try {
                shape = clip.source().shape();
            } catch (IOException e) {
                throw new IOException(at + ": " + e.getMessage(), e);
            }
            long sourceFrames = shape.frames();
            if (shape.sampleRate() != rate) {
                try {
                    sourceFrames = Resampler.of(shape.sampleRate(), rate).outputFrames(shape.frames());
                } catch (IllegalArgumentException e) {
                    throw new IOException(at + ": " + clip.source().describe() + " is at " + fmt(shape.sampleRate())
                            + " Hz and cannot be converted to the mix's " + fmt(rate) + " Hz: " + e.getMessage(), e);
                }
            }
            if (shape.channels() > 2) {
                throw new IOException(at + ": " + clip.source().describe() + " has " + shape.channels()
                        + " channels; a track takes mono or stereo clips");
            }
            long offset = Math.round(clip.offset() * rate);
            long available = sourceFrames - offset;
            if (available <= 0) {
                throw new IOException(at + ": offset " + clip.offset() + " s is beyond the end of "
                        + clip.source().describe() + " (" + fmt(shape.frames() / shape.sampleRate()) + " s)");
            }
            long frames = Double.isInfinite(clip.length()) ? available
                    : Math.min(available, Math.max(1, Math.round(clip.length() * rate)));
            list.add(new Placement(clip, Math.round(clip.start() * rate), offset, frames, shape.channels(),
                    shape.sampleRate(), rate,
                    at));
        }
        List<Placement> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingLong((Placement p) -> p.start));
        for (int i = 1; i < sorted.size(); i++) {
            Placement a = sorted.get(i - 1);
            Placement b = sorted.get(i);
            long overlap = Math.min(a.end(), b.end()) - b.start;
            if (overlap > 0 && b.end() > a.end()) {
                a.crossOut = a.end() - b.start;
                b.crossIn = a.end() - b.start;
            }
        }
        return list;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Override
    public double sampleRate() {
        return rate;
    }

    @Override
    public int channels() {
        return 2;
    }

    @Override
    public long frames() {
        return total;
    }

    @Override
    public int read(AudioBuffer destination) throws IOException {
        int done = 0;
        while (done < destination.frames() && emitted < total) {
            if (outLeft == 0) {
                renderBlock();
                continue;
            }
            int n = (int) Math.min(Math.min(outLeft, destination.frames() - done), total - emitted);
            for (int c = 0; c < 2; c++) {
                System.arraycopy(out.channel(c), outAt, destination.channel(c), destination.offset() + done, n);
            }
            outAt += n;
            outLeft -= n;
            done += n;
            emitted += n;
        }
        return done;
    }

    /**
     * A block of the sum, before the master inserts or, once {@code mastered}, after them: its first
     * frame of the render, and its frames.
     */
    private static final class Summed {
        final AudioBuffer audio = AudioBuffer.allocate(2, Mix.BLOCK);
        long start;
        int frames;
        boolean mastered;
    }

    /**
     * Renders the next block into {@link #out}; the latency's frames are skipped.
     *
     * <p>With threads, the blocks are rendered ahead on a thread of this source's own, which runs one
     * phase of tasks per block on the workers: the master inserts of block {@code k - 1}, the buses of
     * block {@code k} and the tracks of block {@code k + 1}, the longest first. They do not depend on
     * each other: block {@code k}'s sends have been summed into its buses before, and the master needs
     * only its own block. Between phases this thread adds block {@code k}'s buses to its sum, and sums
     * block {@code k + 1}'s tracks and sends. So there is one fork and join per block, and the cores
     * stay busy while the buses, which are few and long, run. Every sum is taken in the same order as
     * without threads, and every processor sees its blocks in order, so the output is the same.
     */    private void renderBlock() throws IOException {
        if (mix.threads() == null) {
            produceOne(single);
            consume(single);
            return;
        }
        if (producer == null) {
            startProducer();
        }
        Object o;
        try {
            o = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while mixing");
        }
        if (o instanceof IOException) {
            throw (IOException) o;
        }
        if (o instanceof RuntimeException) {
            throw (RuntimeException) o;
        }
        if (o instanceof Error) {
            throw (Error) o;
        }
        Summed block = (Summed) o;
        consume(block);
        free.add(block);
    }

    private void startProducer() {
        // the blocks before, at and after the buses' own, and two ready to read
        for (int i = 0; i < 5; i++) {
            free.add(new Summed());
        }
        producer = new Thread(() -> {
            try {
                produceAll();
            } catch (InterruptedException e) {
                // closed
            } catch (IOException | RuntimeException | Error e) {
                ready.add(e);
            }
        }, "mixwright-mix");
        producer.setDaemon(true);
        producer.start();
    }

    /** Renders every block, ahead of the reader, and hands them over mastered, in order. */
    private void produceAll() throws IOException, InterruptedException {
        if (cursor >= total + latency) {
            return;
        }
        Summed before = null;
        Summed block = begin(free.take());
        runTracks(block);
        sum(block);
        while (!stopped) {
            Summed after = cursor < total + latency ? begin(free.take()) : null;
            run(before, block, overlap ? after : null, overlap ? Work.BOTH : Work.NONE);
            if (after != null && !overlap) {
                runTracks(after);
            }
            addBuses(block);
            if (before != null) {
                ready.add(before);
            }
            if (after == null) {
                run(block, null, null, Work.NONE);
                ready.add(block);
                return;
            }
            sum(after);
            before = block;
            block = after;
        }
    }

    /** One block, on the calling thread: its tracks, sends, buses and their sum, before the master inserts. */
    private void produceOne(Summed into) throws IOException {
        begin(into);
        runTracks(into);
        sum(into);
        run(null, into, null, Work.NONE);
        addBuses(into);
    }

    /** Takes the next block of the render for {@code b}. */
    private Summed begin(Summed b) {
        b.start = cursor;
        b.frames = (int) Math.min(Mix.BLOCK, total + latency - cursor);
        b.mastered = false;
        cursor += b.frames;
        return b;
    }

    /** The tracks of {@code b}, in one phase or, when a track keys a track, in two: clips, then inserts. */
    private void runTracks(Summed b) throws IOException {
        if (fillAndProcess) {
            run(null, null, b, Work.BOTH);
        } else {
            run(null, null, b, Work.FILL);
            run(null, null, b, Work.PROCESS);
        }
    }

    /** Runs a phase: the master inserts of {@code master}, the buses of {@code buses}, the tracks of {@code tracks}. */
    private void run(Summed master, Summed buses, Summed tracks, Work work) throws IOException {
        phaseMaster = master;
        phaseBuses = buses;
        phaseTracks = tracks;
        trackWork = tracks == null ? Work.NONE : work;
        nextTask.set(0);
        try {
            phase.run(mix.threads());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            phaseMaster = null;
            phaseBuses = null;
            phaseTracks = null;
        }
    }

    /** The tracks' sum of {@code b} and their sends into the buses, whose inputs are then kept. */
    private void sum(Summed b) {
        int n = b.frames;
        AudioBuffer s = b.audio.view(0, n);
        s.clear();
        for (TrackLane bus : buses) {
            bus.buffer.view(0, n).clear();
        }
        for (int i = 0; i < tracks.size(); i++) {
            TrackLane lane = tracks.get(i);
            add(s, lane.post.view(0, n), null);
            for (Send send : trackSpecs.get(i).sends()) {
                float[] g = gains(send, b.start, n);
                TrackLane bus = buses.get(busIndex.get(send.bus()));
                add(bus.buffer.view(0, n), (send.pre() ? lane.pre : lane.post).view(0, n), g);
            }
        }
        for (TrackLane bus : buses) {
            bus.keep(n);
        }
    }

    /** The direct sound of {@code b} delayed by the buses' latency, and the buses added. */
    private void addBuses(Summed b) {
        int n = b.frames;
        AudioBuffer s = b.audio.view(0, n);
        directDelay.process(s);
        for (TrackLane bus : buses) {
            add(s, bus.post.view(0, n), null);
        }
    }

    /** The master inserts over a summed block, in place. */
    private void master(Summed block) {
        if (!block.mastered) {
            master.process(block.audio.view(0, block.frames));
            block.mastered = true;
        }
    }

    /** The master inserts over a summed block, then into {@link #out}, less the latency's frames. */
    private void consume(Summed block) {
        int n = block.frames;
        AudioBuffer s = block.audio.view(0, n);
        master(block);
        long skip = Math.max(0, latency - block.start);
        outAt = (int) Math.min(n, skip);
        outLeft = n - outAt;
        if (outLeft > 0) {
            for (int c = 0; c < 2; c++) {
                System.arraycopy(s.channel(c), 0, out.channel(c), 0, n);
            }
            if (masterMeter != null) {
                long room = total - emitted;
                masterMeter.accept(out.view(outAt, (int) Math.min(outLeft, room)));
            }
        }
    }

    @Override
    public MixReport report() {
        if (masterMeter == null) {
            throw new IllegalStateException("this render does not measure: open it with Mix.openMeasured()");
        }
        if (emitted < total) {
            throw new IllegalStateException("the mix has been read to frame " + emitted + " of " + total
                    + "; read it to its end first");
        }
        List<StripReport> t = new ArrayList<>();
        Map<String, Double> pans = new HashMap<>();
        for (int i = 0; i < tracks.size(); i++) {
            t.add(tracks.get(i).meter.report());
            pans.put(trackSpecs.get(i).name(), trackSpecs.get(i).pan());
        }
        List<StripReport> b = new ArrayList<>();
        for (TrackLane l : buses) {
            b.add(l.meter.report());
        }
        return new MixReport(total / rate, t, b, masterMeter.report(), Masking.find(t, pans));
    }

    private float[] gains(Send send, long at, int n) {
        float[] g = sendGain;
        Automation a = send.automation();
        float fixed = (float) Math.pow(10, send.levelDb() / 20);
        for (int i = 0; i < n; i++) {
            g[i] = a == null ? fixed : (float) Math.pow(10, a.valueAt((at + i) / rate) / 20);
        }
        return g;
    }

    /**
     * {@code into += gain * from}, in float ({@code x * (float) gain}); a null gain adds as it is. The
     * buffers here all start at their arrays' first frames, which lets the compiler vectorise the loops.
     */
    private static void add(AudioBuffer into, AudioBuffer from, float[] gain) {
        int n = into.frames();
        for (int c = 0; c < 2; c++) {
            float[] d = into.channel(c);
            float[] x = from.channel(c);
            if (gain == null) {
                for (int i = 0; i < n; i++) {
                    d[i] += x[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    d[i] += x[i] * gain[i];
                }
            }
        }
    }

    /**
     * Takes the present phase's tasks until none is left, the longest kinds first: task 0 is the
     * master inserts, then one task per bus, then one per track.
     */
    private void runTasks() {
        int t;
        int b = buses.size();
        while ((t = nextTask.getAndIncrement()) <= b + tracks.size()) {
            if (t == 0) {
                if (phaseMaster != null) {
                    master(phaseMaster);
                }
            } else if (t <= b) {
                if (phaseBuses != null) {
                    buses.get(t - 1).process(phaseBuses.start, phaseBuses.frames);
                }
            } else if (trackWork != Work.NONE) {
                int i = t - 1 - b;
                TrackLane lane = tracks.get(i);
                if (trackWork != Work.PROCESS) {
                    try {
                        lane.fill(phaseTracks.start, phaseTracks.frames, trackSpecs.get(i).invert());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                if (trackWork != Work.FILL) {
                    lane.process(phaseTracks.start, phaseTracks.frames);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        if (producer != null) {
            producer.interrupt();
            boolean interrupted = false;
            while (producer.isAlive()) {
                try {
                    producer.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        IOException failure = null;
        for (TrackLane lane : tracks) {
            try {
                lane.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // the failure being reported matters more
        }
    }
}
