package io.github.mixwright.mix;

import io.github.mixwright.core.AdaptedChain;
import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.Checks;
import io.github.mixwright.core.ProcessSpec;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A streaming render: a source, block by block, through an optional chain, into one or more sinks (a
 * file, a buffer, a meter). Immutable: each {@code with...} returns a new render.
 *
 * <ul>
 *   <li><b>Channels</b> follow core's rules ({@link AdaptedChain}): the blocks carry the fitted chain's
 *       output channels, a mono source meeting a stereo stage becomes stereo.</li>
 *   <li><b>Latency is compensated</b>: the chain's first {@code latencyFrames()} output frames are
 *       dropped, so the output lines up with the source frame for frame.</li>
 *   <li><b>Tails are rendered</b> (by default): after the source ends, silence is fed until the chain's
 *       {@code tailFrames()} have come out, so an output is {@code max(0, tail - latency)} frames longer
 *       than its source (a reverb's ring, a filter's ring-out; nothing for a limiter, whose tail is its
 *       delay). {@link #withTail withTail(false)} keeps the source's length.</li>
 *   <li><b>Progress</b> goes to a {@link RenderListener} after every block, and a render stops with a
 *       {@link CancellationException} at the next block once its cancellation condition holds.</li>
 *   <li><b>Nothing half-done</b>: a failure or a cancellation aborts every sink (a file sink then leaves
 *       nothing at its target), and failures of the source and of the sinks are told apart
 *       ({@link RenderFailure#side()}).</li>
 * </ul>
 *
 * <p>This first version renders on the calling thread; reading ahead and writing behind on lent
 * threads are to come. The chain is prepared by {@link #run} and must not be used elsewhere meanwhile.
 */
public final class Render {
    /** Largest block, in frames. */
    public static final int MAX_BLOCK_FRAMES = 65_536;
    /** Caps a block at 2^20 samples when there are many channels. */
    private static final int MAX_BLOCK_SAMPLES = 1 << 20;

    private final AudioSource source;
    private final Chain chain;
    private final boolean tail;
    private final int blockFrames;
    private final RenderListener listener;
    private final BooleanSupplier cancelled;

    private Render(AudioSource source, Chain chain, boolean tail, int blockFrames, RenderListener listener,
            BooleanSupplier cancelled) {
        this.source = source;
        this.chain = chain;
        this.tail = tail;
        this.blockFrames = blockFrames;
        this.listener = listener;
        this.cancelled = cancelled;
    }

    /** A render of {@code source} as it is: no chain, tails on, blocks of up to {@value #MAX_BLOCK_FRAMES} frames. */
    public static Render of(AudioSource source) {
        return new Render(Objects.requireNonNull(source, "source"), null, true, MAX_BLOCK_FRAMES, p -> { }, () -> false);
    }

    /**
     * Through {@code chain}, fitted to the source's channels.
     *
     * @throws IllegalArgumentException naming the first stage whose channel count cannot be met
     */
    public Render through(Chain chain) {
        AdaptedChain.of(Objects.requireNonNull(chain, "chain"), source.channels());
        return new Render(source, chain, tail, blockFrames, listener, cancelled);
    }

    /** Whether to render the chain's tail after the source ends (default true). */
    public Render withTail(boolean render) {
        return new Render(source, chain, render, blockFrames, listener, cancelled);
    }

    /**
     * Blocks of at most {@code frames} frames (also capped so a block holds at most 2^20 samples).
     *
     * @param frames 1 to {@value #MAX_BLOCK_FRAMES}
     */
    public Render withBlockFrames(int frames) {
        Checks.inRange("frames", frames, 1, MAX_BLOCK_FRAMES);
        return new Render(source, chain, tail, frames, listener, cancelled);
    }

    /** Reports progress to {@code listener} after every block, on the rendering thread. */
    public Render onProgress(RenderListener listener) {
        return new Render(source, chain, tail, blockFrames, Objects.requireNonNull(listener, "listener"), cancelled);
    }

    /** Stops the render at the next block once {@code cancelled} returns true (asked before every block). */
    public Render cancelledWhen(BooleanSupplier cancelled) {
        return new Render(source, chain, tail, blockFrames, listener, Objects.requireNonNull(cancelled, "cancelled"));
    }

    /** Channels of the output: the source's, or 2 where a stereo stage meets a mono source. */
    public int outputChannels() {
        return chain == null ? source.channels() : AdaptedChain.of(chain, source.channels()).outputChannels();
    }

    /** What a render did. */
    public record Result(long sourceFrames, long outputFrames, int latencyFrames, int tailFrames) {
    }

    /**
     * Renders into every sink.
     *
     * @throws RenderFailure if the source or a sink fails; every sink is aborted
     * @throws CancellationException if cancelled; every sink is aborted
     */
    public Result run(RenderSink... sinks) throws RenderFailure {
        List<RenderSink> to = List.of(sinks);
        int inChannels = source.channels();
        AdaptedChain adapted = chain == null ? null : AdaptedChain.of(chain, inChannels);
        int channels = adapted == null ? inChannels : adapted.outputChannels();
        int block = Math.min(blockFrames, Integer.highestOneBit(MAX_BLOCK_SAMPLES / Math.max(2, channels)));
        double rate = source.sampleRate();
        if (adapted != null) {
            adapted.prepare(new ProcessSpec(rate, block, channels));
        }
        int latency = adapted == null ? 0 : adapted.latencyFrames();
        int tailFrames = adapted == null ? 0 : adapted.tailFrames();
        long extra = tail ? Math.max(0, (long) tailFrames - latency) : 0;
        long known = source.frames();
        Emitter out = new Emitter(to, latency, known < 0 ? -1 : known + extra, listener);
        int opened = 0;
        try {
            for (RenderSink s : to) {
                s.open(channels, rate);
                opened++;
            }
            AudioBuffer buffer = AudioBuffer.allocate(channels, block);
            AudioBuffer input = buffer.channelView(0, inChannels);
            long sourceFrames = 0;
            while (true) {
                checkCancelled();
                int n = read(input);
                if (n == 0) {
                    break;
                }
                AudioBuffer b = buffer.view(0, n);
                if (adapted != null) {
                    adapted.process(b);
                }
                sourceFrames += n;
                out.emit(b);
            }
            long wanted = sourceFrames + extra;
            out.total = wanted;
            for (int n; (n = out.aligner.silenceToFeed(wanted, block)) > 0; ) {
                checkCancelled();
                AudioBuffer b = buffer.view(0, n);
                b.clear();
                adapted.process(b);
                out.emit(b);
            }
            for (RenderSink s : to) {
                s.finish();
            }
            return new Result(sourceFrames, out.aligner.frames(), latency, tailFrames);
        } catch (RenderFailure | RuntimeException | Error e) {
            abort(to, opened, e);
            throw e;
        } catch (IOException e) {
            RenderFailure f = new RenderFailure(RenderFailure.Side.OUTPUT, e);
            abort(to, opened, f);
            throw f;
        }
    }

    private int read(AudioBuffer input) throws RenderFailure {
        try {
            return source.read(input);
        } catch (IOException e) {
            throw new RenderFailure(RenderFailure.Side.INPUT, e);
        }
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("render cancelled");
        }
    }

    private static void abort(List<RenderSink> sinks, int opened, Throwable cause) {
        for (int i = 0; i < opened; i++) {
            sinks.get(i).abort(cause);
        }
    }

    /** Drops the chain's latency and passes the rest to the sinks, reporting progress. */
    private static final class Emitter {
        private final List<RenderSink> sinks;
        private final RenderListener listener;
        private final long start = System.nanoTime();
        final LatencyCompensator aligner;
        long total;

        Emitter(List<RenderSink> sinks, int latency, long total, RenderListener listener) {
            this.sinks = sinks;
            this.aligner = new LatencyCompensator(latency);
            this.total = total;
            this.listener = listener;
        }

        void emit(AudioBuffer block) throws IOException {
            AudioBuffer keep = aligner.keep(block);
            if (keep == null) {
                return;
            }
            for (RenderSink s : sinks) {
                s.write(keep);
            }
            listener.progress(new RenderProgress(aligner.frames(), total, System.nanoTime() - start));
        }
    }
}
