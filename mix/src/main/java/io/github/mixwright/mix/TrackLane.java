package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Automation;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.KeyedProcessor;
import io.github.mixwright.core.PanLaw;
import io.github.mixwright.core.Panner;
import io.github.mixwright.core.ProcessSpec;
import java.io.IOException;
import java.util.List;

/**
 * One track or bus while a mix renders: its input (a track's clips, a bus's sends), its inserts with an
 * optional key, the delay that brings it level with the slowest of its kind, and its fader, into a
 * stereo post-fader output and, when something is sent before the fader, a stereo pre-fader one.
 */
final class TrackLane {
    final String name;
    final int channels;
    final List<Placement> clips;
    final Chain chain;
    final int keyed;
    final int latency;
    /** The inserts' latency before the keyed one: the key is delayed by as much. */
    final int latencyBeforeKey;
    /** This lane's input as it was before the inserts, kept when it keys another lane. */
    final AudioBuffer input;
    boolean isKey;
    /** The key's lane, and the key delayed to meet the keyed insert. */
    TrackLane keyLane;
    private AudioBuffer key;
    private FrameDelay keyDelay;
    private FrameDelay compensation;
    final AudioBuffer buffer;
    final AudioBuffer post;
    final AudioBuffer pre;
    final boolean wantsPre;
    private final AudioBuffer scratch;
    private final double rate;
    private final Fader fader;
    /** Measures the post-fader output, or null. */
    StripMeter meter;

    TrackLane(String name, int channels, List<Placement> clips, Chain chain, int keyed, double rate, int block,
            boolean wantsPre, Fader fader) {
        this.name = name;
        this.channels = channels;
        this.clips = clips;
        this.chain = chain;
        this.keyed = keyed;
        this.rate = rate;
        this.wantsPre = wantsPre;
        this.fader = fader;
        chain.prepare(new ProcessSpec(rate, block, channels));
        this.latency = chain.latencyFrames();
        int before = 0;
        for (int i = 0; i < keyed; i++) {
            before += chain.stage(i).latencyFrames();
        }
        this.latencyBeforeKey = before;
        this.buffer = AudioBuffer.allocate(channels, block);
        this.input = AudioBuffer.allocate(channels, block);
        this.post = AudioBuffer.allocate(2, block);
        this.pre = AudioBuffer.allocate(2, block);
        this.scratch = AudioBuffer.allocate(2, block);
    }

    /** Called once the lanes are known: the delay to the slowest lane of this kind, and the key's. */
    void connect(int slowest) {
        compensation = new FrameDelay(channels, slowest - latency);
        if (keyLane != null) {
            // a key of another width than the keyed lane is folded to mono: a stereo kick keys a mono bass
            int keyChannels = keyLane.channels == channels ? channels : 1;
            key = AudioBuffer.allocate(keyChannels, buffer.frames());
            keyDelay = new FrameDelay(keyChannels, latencyBeforeKey);
        }
    }

    /** A track's clips over timeline frames {@code [at, at + n)}, with its polarity. */
    void fill(long at, int n, boolean invert) throws IOException {
        AudioBuffer b = buffer.view(0, n);
        b.clear();
        for (Placement p : clips) {
            p.addInto(b, at, n, scratch);
        }
        if (invert) {
            for (int c = 0; c < channels; c++) {
                float[] x = b.channel(c);
                for (int i = 0; i < n; i++) {
                    x[i] = -x[i];
                }
            }
        }
        keep(n);
    }

    /** Keeps the input before the inserts, if it keys another lane. */
    void keep(int n) {
        if (isKey) {
            input.view(0, n).copyFrom(buffer.view(0, n));
        }
    }

    /** The inserts, the compensation and the fader, over {@code n} frames from timeline frame {@code at}. */
    void process(long at, int n) {
        AudioBuffer b = buffer.view(0, n);
        AudioBuffer k = null;
        if (keyLane != null) {
            k = key.view(0, n);
            AudioBuffer from = keyLane.input.view(0, n);
            if (k.channels() == from.channels()) {
                k.copyFrom(from);
            } else {
                float[] mono = k.channel(0);
                for (int i = 0; i < n; i++) {
                    double v = 0;
                    for (int c = 0; c < from.channels(); c++) {
                        v += from.channel(c)[from.offset() + i];
                    }
                    mono[k.offset() + i] = (float) (v / from.channels());
                }
            }
            keyDelay.process(k);
        }
        for (int i = 0; i < chain.size(); i++) {
            if (i == keyed) {
                ((KeyedProcessor) chain.stage(i)).process(b, k);
            } else {
                chain.stage(i).process(b);
            }
        }
        compensation.process(b);
        fader.apply(b, at, n, rate, post.view(0, n), wantsPre ? pre.view(0, n) : null);
        if (meter != null) {
            meter.accept(post.view(0, n));
        }
    }

    void close() throws IOException {
        IOException failure = null;
        for (Placement p : clips) {
            try {
                p.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * A fader: volume (dB, fixed or automated) and pan (fixed or automated) of a mono or stereo signal into
     * stereo. Mono pans by the law; stereo by balance ({@link Panner#gains}). Each side's sample is
     * {@code x * (float) (volume * pan)}, in float. The pre-fader output has the pan's gains but not the
     * volume's. Every buffer given here starts at its array's first frame.
     */
    static final class Fader {
        private final double volumeDb;
        private final Automation volume;
        private final double pan;
        private final Automation panCurve;
        private final PanLaw law;
        private final boolean silent;

        Fader(double volumeDb, Automation volume, double pan, Automation panCurve, PanLaw law, boolean silent) {
            this.volumeDb = volumeDb;
            this.volume = volume;
            this.pan = pan;
            this.panCurve = panCurve;
            this.law = law;
            this.silent = silent;
        }

        void apply(AudioBuffer in, long at, int n, double rate, AudioBuffer post, AudioBuffer pre) {
            if (silent) {
                post.clear();
                if (pre != null) {
                    pre.clear();
                }
                return;
            }
            boolean mono = in.channels() == 1;
            float[] l = in.channel(0);
            float[] r = in.channel(mono ? 0 : 1);
            float[] pl = post.channel(0);
            float[] pr = post.channel(1);
            if (volume == null && panCurve == null) {
                // steady: one gain per side, (float) (volume * pan), in float; every buffer here starts at 0
                double g = Math.pow(10, volumeDb / 20);
                double[] pg = Panner.gains(law, pan, mono);
                scale(l, pl, n, (float) (g * pg[0]));
                scale(r, pr, n, (float) (g * pg[1]));
                if (pre != null) {
                    scale(l, pre.channel(0), n, (float) pg[0]);
                    scale(r, pre.channel(1), n, (float) pg[1]);
                }
                return;
            }
            double g = Math.pow(10, volumeDb / 20);
            double[] pg = Panner.gains(law, pan, mono);
            for (int i = 0; i < n; i++) {
                double t = (at + i) / rate;
                if (volume != null) {
                    g = Math.pow(10, volume.valueAt(t) / 20);
                }
                if (panCurve != null) {
                    pg = Panner.gains(law, panCurve.valueAt(t), mono);
                }
                pl[i] = (float) (g * pg[0]) * l[i];
                pr[i] = (float) (g * pg[1]) * r[i];
                if (pre != null) {
                    pre.channel(0)[i] = (float) pg[0] * l[i];
                    pre.channel(1)[i] = (float) pg[1] * r[i];
                }
            }
        }

        private static void scale(float[] x, float[] y, int n, float g) {
            for (int i = 0; i < n; i++) {
                y[i] = x[i] * g;
            }
        }
    }
}
