package io.github.mixwright.core;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A {@link Chain} fitted to a signal's channel count by the library's one set of channel rules.
 * Every renderer (the command, the Master and the Mix) uses it, so a chain means the same
 * everywhere.
 *
 * <p>The rules, applied stage by stage from the input's channel count:
 * <ol>
 *   <li>A stage that takes any count (a described processor whose descriptor says 0 channels, or any
 *       processor that is not described) runs at the current count.</li>
 *   <li>A stage that needs two channels, met by one (a panner or a width on a mono track), gets the
 *       mono signal on both channels (dual mono); from that stage on the signal is stereo.</li>
 *   <li>Any other mismatch (a stereo-only stage on 6 channels, a stage that needs one channel on a
 *       stereo signal) is an {@link IllegalArgumentException} naming the stage, what it needs and
 *       what it would get. Nothing is down-mixed silently.</li>
 * </ol>
 * A nested chain counts as one stage needing the most channels any of its stages needs.
 * Bypassed stages are still fitted, so that switching a bypass never changes the channel count.
 *
 * <p>The caller's blocks have {@link #outputChannels()} channels, with the input in the first
 * {@link #inputChannels()}; what the other channels hold on entry is ignored. Latency and tail are the
 * chain's. Not thread-safe.
 */
public final class AdaptedChain implements ParallelProcessor {
    private final Chain chain;
    private final int inputChannels;
    private final int[] widths;
    private final int outputChannels;

    private AdaptedChain(Chain chain, int inputChannels, int[] widths, int outputChannels) {
        this.chain = chain;
        this.inputChannels = inputChannels;
        this.widths = widths;
        this.outputChannels = outputChannels;
    }

    /**
     * Fits {@code chain} to signals of {@code inputChannels} channels.
     *
     * @throws IllegalArgumentException naming the first stage whose channel count cannot be met
     */
    public static AdaptedChain of(Chain chain, int inputChannels) {
        Objects.requireNonNull(chain, "chain");
        Checks.inRange("inputChannels", inputChannels, 1, AudioBuffer.MAX_CHANNELS);
        List<Processor> stages = chain.stages();
        int[] widths = new int[stages.size()];
        int width = inputChannels;
        for (int i = 0; i < widths.length; i++) {
            int needs = required(stages.get(i));
            if (needs == 2 && width == 1) {
                width = 2;
            } else if (needs != 0 && needs != width) {
                throw new IllegalArgumentException("stage " + (i + 1) + " (" + name(stages.get(i)) + ") needs " + needs
                        + (needs == 1 ? " channel" : " channels") + "; the signal has " + width + " there");
            }
            widths[i] = width;
        }
        return new AdaptedChain(chain, inputChannels, widths, width);
    }

    /** The channel count a processor needs, 0 for any. */
    static int required(Processor p) {
        if (p instanceof ParameterizedProcessor<?>) {
            return ((ParameterizedProcessor<?>) p).descriptor().channels();
        }
        if (p instanceof Chain) {
            return ((Chain) p).requiredChannels();
        }
        return 0;
    }

    private static String name(Processor p) {
        return p instanceof ParameterizedProcessor<?> ? ((ParameterizedProcessor<?>) p).descriptor().name()
                : p.getClass().getSimpleName();
    }

    /** The chain being fitted. */
    public Chain chain() {
        return chain;
    }

    /** Channels of the input signal. */
    public int inputChannels() {
        return inputChannels;
    }

    /** Channels after the last stage: the input's, or 2 where a stereo stage met a mono signal. */
    public int outputChannels() {
        return outputChannels;
    }

    /** The channel count stage {@code index} runs at. */
    public int channelsAt(int index) {
        Objects.checkIndex(index, widths.length);
        return widths[index];
    }

    /**
     * Prepares every stage at the count it runs at.
     *
     * @throws IllegalArgumentException if {@code spec.channels()} is not {@link #outputChannels()}
     */
    @Override
    public void prepare(ProcessSpec spec) {
        if (spec.channels() != outputChannels) {
            throw new IllegalArgumentException("channels " + spec.channels() + " is out of range [" + outputChannels
                    + ", " + outputChannels + "]: blocks carry the adapted chain's output channels");
        }
        for (int i = 0; i < widths.length; i++) {
            chain.stage(i).prepare(new ProcessSpec(spec.sampleRate(), spec.maxBlockFrames(), widths[i]));
        }
    }

    @Override
    public void process(AudioBuffer block) {
        if (block.channels() != outputChannels) {
            throw new IllegalArgumentException("block has " + block.channels() + " channels; the adapted chain's "
                    + "blocks have " + outputChannels);
        }
        int width = inputChannels;
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] != width) {
                System.arraycopy(block.channel(0), block.offset(), block.channel(1), block.offset(), block.frames());
                width = widths[i];
            }
            if (!chain.isBypassed(i)) {
                // Only the stages before a dual-mono point see a narrower view of the block.
                chain.stage(i).process(width == outputChannels ? block : block.channelView(0, width));
            }
        }
    }

    @Override
    public void reset() {
        chain.reset();
    }

    @Override
    public int latencyFrames() {
        return chain.latencyFrames();
    }

    @Override
    public int tailFrames() {
        return chain.tailFrames();
    }

    @Override
    public void setExecutor(Executor executor) {
        chain.setExecutor(executor);
    }

    @Override
    public String toString() {
        return chain + " (" + inputChannels + " in, " + outputChannels + " out)";
    }
}
