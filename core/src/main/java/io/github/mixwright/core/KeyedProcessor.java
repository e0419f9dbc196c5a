package io.github.mixwright.core;

/**
 * A processor whose action is driven by a side-chain key: a compressor ducking a bass under the kick,
 * a gate opened by a trigger track, a de-esser listening to a filtered copy. The mix engine routes
 * the key through this one interface, whatever the processor.
 *
 * <p>The key of a block is given with it, to {@link #process(AudioBuffer, AudioBuffer)}: same frame
 * count as the block, and either one channel (it keys every channel) or as many channels as the
 * block (channel {@code c} keys channel {@code c}; linking then applies as it does to the input).
 * {@link #process(AudioBuffer)} keys the processor from its own input. The key is read, never
 * written, and only during the call. Keyed and unkeyed blocks may alternate; the detector's state
 * carries across both, so switching a key in or out does not reset the envelope.
 *
 * <p>The key is not delayed: a processor that looks ahead delays its audio, not its key, so the
 * gain moves before a transient of the key arrives. A router that delays one path to compensate
 * another's latency delays the key with the audio it came from.
 */
public interface KeyedProcessor extends Processor {
    /**
     * Processes {@code block} in place, detecting the level of {@code key} instead of the block.
     *
     * @throws IllegalArgumentException if the key's shape does not fit (see {@link #checkKey})
     */
    void process(AudioBuffer block, AudioBuffer key);

    /**
     * Checks a key against a block: same frame count, one channel or the block's count.
     *
     * @throws NullPointerException if key is null
     * @throws IllegalArgumentException naming what does not fit and what is allowed
     */
    static void checkKey(AudioBuffer block, AudioBuffer key) {
        if (key == null) {
            throw new NullPointerException("key");
        }
        if (key.frames() != block.frames()) {
            throw new IllegalArgumentException("key has " + key.frames() + " frames; it must have the block's "
                    + block.frames());
        }
        if (key.channels() != 1 && key.channels() != block.channels()) {
            throw new IllegalArgumentException("key channels " + key.channels() + " is out of range: 1 or the block's "
                    + block.channels());
        }
    }
}
