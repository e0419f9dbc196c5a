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
import java.util.concurrent.Executor;
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
 *   <li><b>Progress</b> goes to a {@link RenderListener} after every block, on the calling thread, and a render stops with a
 *       {@link CancellationException} at the next block once its cancellation condition holds.</li>
 *   <li><b>Nothing half-done</b>: a failure or a cancellation aborts every sink (a file sink then leaves
 *       nothing at its target), and failures of the source and of the sinks are told apart
 *       ({@link RenderFailure#side()}).</li>
 * </ul>
 *
 * <p>The chain runs on the calling thread; reading and writing do too, unless {@link #withThreads}
 * lends threads for them. The chain is prepared by {@link #run} and must not be used elsewhere
 * meanwhile. The source is read, and the sinks' {@code write} called, one block at a time in order,
 * possibly on a lent thread; {@code open}, {@code finish} and {@code abort} are called on the calling
 * thread, after every write has returned.
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
    private final Executor threads;

    private Render(AudioSource source, Chain chain, boolean tail, int blockFrames, RenderListener listener,
            BooleanSupplier cancelled, Executor threads) {
        this.source = source;
        this.chain = chain;
        this.tail = tail;
        this.blockFrames = blockFrames;
        this.listener = listener;
        this.cancelled = cancelled;
        this.threads = threads;
    }

    /** A render of {@code source} as it is: no chain, tails on, blocks of up to {@value #MAX_BLOCK_FRAMES} frames. */
    public static Render of(AudioSource source) {
        return new Render(Objects.requireNonNull(source, "source"), null, true, MAX_BLOCK_FRAMES, p -> { }, () -> false, null);
    }

    /**
     * Through {@code chain}, fitted to the source's channels.
     *
     * @throws IllegalArgumentException naming the first stage whose channel count cannot be met
     */
    public Render through(Chain chain) {
        AdaptedChain.of(Objects.requireNonNull(chain, "chain"), source.channels());
        return new Render(source, chain, tail, blockFrames, listener, cancelled, threads);
    }

    /** Whether to render the chain's tail after the source ends (default true). */
    public Render withTail(boolean render) {
        return new Render(source, chain, render, blockFrames, listener, cancelled, threads);
    }

    /**
     * Blocks of at most {@code frames} frames (also capped so a block holds at most 2^20 samples).
     *
     * @param frames 1 to {@value #MAX_BLOCK_FRAMES}
     */
    public Render withBlockFrames(int frames) {
        Checks.inRange("frames", frames, 1, MAX_BLOCK_FRAMES);
        return new Render(source, chain, tail, frames, listener, cancelled, threads);
    }

    /** Reports progress to {@code listener} after every block, on the rendering thread. */
    public Render onProgress(RenderListener listener) {
        return new Render(source, chain, tail, blockFrames, Objects.requireNonNull(listener, "listener"), cancelled, threads);
    }

    /** Stops the render at the next block once {@code cancelled} returns true (asked before every block). */
    public Render cancelledWhen(BooleanSupplier cancelled) {
        return new Render(source, chain, tail, blockFrames, listener, Objects.requireNonNull(cancelled, "cancelled"), threads);
    }

    /**
     * Reads ahead and writes behind on threads of {@code threads}: the source is read (and decoded) a few
     * blocks ahead on one lent thread while the calling thread runs the chain, and the sinks write on
     * another while the next block is processed. On two cores a file-to-file render then overlaps
     * decoding, processing and encoding. The output is the same, bit for bit, with or without threads.
     *
     * Without a chain the calling thread, which has nothing else to do, writes itself.
     *
     * <p>Any executor will do, even one with a single busy thread or none free: the rendering thread
     * does a stage's work itself when no lent thread has started it, so the render never waits on the
     * executor. The render submits at most two tasks at a time and never blocks a lent thread except in
     * the source's {@code read} and the sinks' {@code write}. {@code null} renders on the calling thread
     * alone (the default).
     */
    public Render withThreads(Executor threads) {
        return new Render(source, chain, tail, blockFrames, listener, cancelled, threads);
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
        int block = blockFrames(channels);
        double rate = source.sampleRate();
        if (adapted != null) {
            adapted.prepare(new ProcessSpec(rate, block, channels));
        }
        int latency = adapted == null ? 0 : adapted.latencyFrames();
        int tailFrames = adapted == null ? 0 : adapted.tailFrames();
        long extra = tail ? Math.max(0, (long) tailFrames - latency) : 0;
        long known = source.frames();
        Pipeline pipe = new Pipeline(source, to, inChannels, channels, block, threads, adapted != null);
        LatencyCompensator aligner = new LatencyCompensator(latency);
        long started = System.nanoTime();
        int opened = 0;
        try {
            for (RenderSink s : to) {
                s.open(channels, rate);
                opened++;
            }
            long sourceFrames = 0;
            long total = known < 0 ? -1 : known + extra;
            while (true) {
                checkCancelled();
                Pipeline.Block b = pipe.nextRead();
                if (b == null) {
                    break;
                }
                if (adapted != null) {
                    adapted.process(b.audio());
                }
                sourceFrames += b.audio().frames();
                emit(pipe, b, aligner, total, started);
            }
            long wanted = sourceFrames + extra;
            for (int n; (n = aligner.silenceToFeed(wanted, block)) > 0; ) {
                checkCancelled();
                Pipeline.Block b = pipe.nextFree(n);
                b.audio().clear();
                adapted.process(b.audio());
                emit(pipe, b, aligner, wanted, started);
            }
            pipe.finishWrites();
            pipe.close();
            for (RenderSink s : to) {
                s.finish();
            }
            return new Result(sourceFrames, aligner.frames(), latency, tailFrames);
        } catch (RenderFailure | RuntimeException | Error e) {
            pipe.close();
            abort(to, opened, e);
            throw e;
        } catch (IOException e) {
            pipe.close();
            RenderFailure f = new RenderFailure(RenderFailure.Side.OUTPUT, e);
            abort(to, opened, f);
            throw f;
        }
    }

    /** Drops the chain's latency, hands the rest to the writing stage and reports progress. */
    private void emit(Pipeline pipe, Pipeline.Block b, LatencyCompensator aligner, long total, long started)
            throws RenderFailure {
        AudioBuffer keep = aligner.keep(b.audio());
        pipe.write(b, keep);
        if (keep != null) {
            listener.progress(new RenderProgress(aligner.frames(), total, System.nanoTime() - started));
        }
    }

    private int blockFrames(int channels) {
        return Math.min(blockFrames, Integer.highestOneBit(MAX_BLOCK_SAMPLES / Math.max(2, channels)));
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
}
