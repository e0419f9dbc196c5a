package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import io.github.mixwright.filters.Resampler;
import java.io.IOException;

/**
 * A clip placed on the timeline at the mix's rate, in frames: where it starts, which frames of its source
 * it plays, and its gain envelope. Opens its source when the render reaches it and closes it after.
 *
 * <p>The envelope at clip frame {@code k} of {@code N} is the clip's gain times, for a fade-in of {@code F}
 * frames, {@code shape((k + 1/2) / F)} while {@code k < F}, and for a fade-out,
 * {@code shape((N - k - 1/2) / F)} over the last {@code F} frames; crossfades with the clips before and
 * after it on its track multiply in the same way, with {@link FadeShape#EQUAL_POWER} over the overlap. The
 * half frame makes a crossfade's two gains exact complements: {@code in^2 + out^2 = 1} at every frame.
 * Frames outside every fade are scaled by the gain in float, {@code x * (float) gain}.
 */
final class Placement {
    final Clip clip;
    final long start;
    final long offset;
    final long frames;
    final int channels;
    private final double gain;
    private final long fadeIn;
    private final long fadeOut;
    /** Frames of crossfade with the clip before (at the start) and the one after (at the end). */
    long crossIn;
    long crossOut;
    private AudioSource reader;
    private boolean finished;
    private final String where;

    /** The source's rate and the mix's. */
    private final double sourceRate;
    private final double rate;

    Placement(Clip clip, long start, long offset, long frames, int channels, double sourceRate, double rate,
            String where) {
        this.clip = clip;
        this.sourceRate = sourceRate;
        this.rate = rate;
        this.start = start;
        this.offset = offset;
        this.frames = frames;
        this.channels = channels;
        this.gain = Math.pow(10, clip.gainDb() / 20);
        this.fadeIn = Math.min(frames, Math.round(clip.fadeIn().seconds() * rate));
        this.fadeOut = Math.min(frames, Math.round(clip.fadeOut().seconds() * rate));
        this.where = where;
    }

    long end() {
        return start + frames;
    }

    /** The envelope at clip frame {@code k}. */
    double envelope(long k) {
        double g = gain;
        if (k < fadeIn) {
            g *= clip.fadeIn().shape().gain((k + 0.5) / fadeIn);
        }
        if (k >= frames - fadeOut) {
            g *= clip.fadeOut().shape().gain((frames - k - 0.5) / fadeOut);
        }
        if (k < crossIn) {
            g *= FadeShape.EQUAL_POWER.gain((k + 0.5) / crossIn);
        }
        if (k >= frames - crossOut) {
            g *= FadeShape.EQUAL_POWER.gain((frames - k - 0.5) / crossOut);
        }
        return g;
    }

    /**
     * Adds the clip's part of frames {@code [at, at + n)} of the timeline into {@code track} (frame 0 of
     * {@code track} is timeline frame {@code at}), a mono clip into every channel of the track.
     */
    void addInto(AudioBuffer track, long at, int n, AudioBuffer scratch) throws IOException {
        long from = Math.max(at, start);
        long to = Math.min(at + n, end());
        if (from >= to) {
            if (at >= end()) {
                close();
            }
            return;
        }
        if (reader == null && !finished) {
            reader = open(offset + (from - start));
        }
        int len = (int) (to - from);
        AudioBuffer part = scratch.channelView(0, channels).view(0, len);
        int got = 0;
        while (got < len) {
            int r = reader.read(part.view(got, len - got));
            if (r == 0) {
                throw new IOException(where + ": " + clip.source().describe() + " ended " + (len - got)
                        + " frames early; it is shorter than its header says");
            }
            got += r;
        }
        int into = (int) (from - at);
        long k0 = from - start;
        // the clip frames where only the clip's gain applies: no fade or crossfade reaches them
        long flatFrom = Math.max(fadeIn, crossIn);
        long flatTo = frames - Math.max(fadeOut, crossOut);
        int a = (int) Math.max(0, Math.min(len, flatFrom - k0));
        int b = (int) Math.max(a, Math.min(len, flatTo - k0));
        float g = (float) gain;
        for (int c = 0; c < track.channels(); c++) {
            float[] src = part.channel(Math.min(c, channels - 1));
            int so = part.offset();
            float[] dst = track.channel(c);
            int d0 = track.offset() + into;
            for (int i = 0; i < a; i++) {
                dst[d0 + i] += (float) (src[so + i] * envelope(k0 + i));
            }
            flat(src, so + a, dst, d0 + a, b - a, g);
            for (int i = b; i < len; i++) {
                dst[d0 + i] += (float) (src[so + i] * envelope(k0 + i));
            }
        }
        if (to == end()) {
            close();
        }
    }

    /** {@code dst[d + i] += g src[s + i]} in float, rebased so that the compiler can vectorise it. */
    private static void flat(float[] src, int s, float[] dst, int d, int n, float g) {
        if (s == 0 && d == 0) {
            for (int i = 0; i < n; i++) {
                dst[i] += src[i] * g;
            }
        } else {
            for (int i = 0; i < n; i++) {
                dst[d + i] += src[s + i] * g;
            }
        }
    }

    /**
     * The source from frame {@code frame} at the mix's rate: converted by the {@link Resampler} when
     * the source is at another rate, from a seek point that leaves the conversion's start behind.
     */
    private AudioSource open(long frame) throws IOException {
        if (sourceRate == rate) {
            return clip.source().open(frame);
        }
        Resampler r = Resampler.of(sourceRate, rate);
        Resampler.SeekPoint p = r.seekPoint(frame);
        AudioSource stream = r.open(new Unsized(clip.source().open(p.inputFrame())));
        try {
            AudioBuffer skip = AudioBuffer.allocate(channels, 4096);
            for (long left = frame - p.outputFrame(); left > 0; ) {
                int n = stream.read(skip.view(0, (int) Math.min(left, skip.frames())));
                if (n == 0) {
                    break;
                }
                left -= n;
            }
            return stream;
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** A source read from a frame after its first: its length from there is not its header's. */
    private static final class Unsized implements AudioSource {
        private final AudioSource s;

        Unsized(AudioSource s) {
            this.s = s;
        }

        @Override
        public double sampleRate() {
            return s.sampleRate();
        }

        @Override
        public int channels() {
            return s.channels();
        }

        @Override
        public long frames() {
            return -1;
        }

        @Override
        public int read(AudioBuffer destination) throws IOException {
            return s.read(destination);
        }

        @Override
        public void close() throws IOException {
            s.close();
        }
    }

    void close() throws IOException {
        finished = true;
        if (reader != null) {
            AudioSource r = reader;
            reader = null;
            r.close();
        }
    }
}
