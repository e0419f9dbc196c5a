package io.github.mixwright.dynamics;

import io.github.mixwright.core.Parameter;

/**
 * Makes a band compressor's parameter follow one of {@link MultibandCompressor}'s, sample for sample:
 * the same automation curve, and the same glide. Both parameters have the same spec (range,
 * smoothing, ramp) and advance by the same frames, so a glide started on the source between blocks
 * and forwarded to the target at the next block starts from the same value, with the same target and
 * length, on the same frame.
 *
 * @param band the band index, 0 the lowest
 * @param source the multiband compressor's parameter
 * @param target the band compressor's parameter
 */
record MultibandLink(int band, Parameter source, Parameter target) {
    /**
     * Brings the target up to date. {@code immediate}: jump to the source's value (both were just
     * prepared or reset, so neither is gliding); otherwise glide as the source glides.
     */
    void follow(boolean immediate) {
        if (target.automation() != source.automation()) {
            target.automate(source.automation());
        }
        double value = source.get();
        if (immediate || (value != target.get() && source.automation() == null && source.isSteady())) {
            // The source jumped (set before prepare, setImmediate, or a glide of zero length).
            target.setImmediate(value);
        } else {
            target.set(value);
        }
    }
}
