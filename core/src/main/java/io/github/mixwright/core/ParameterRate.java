package io.github.mixwright.core;

/**
 * When a processor reads a parameter, and so what automation and live changes can do to it.
 *
 * <ul>
 *   <li>{@link #AUDIO}: read for every sample. Automation and glides are sample-accurate.</li>
 *   <li>{@link #CONTROL}: read at control points, every few frames (the processor's Javadoc states
 *       how often, e.g. 32 frames for the compressor). Automation and changes are followed at that
 *       rate, block-size invariantly: the control points are counted from the first frame.</li>
 *   <li>{@link #PREPARE}: fixed when the processor is prepared (a lookahead, a band count, a filter
 *       length). It cannot be automated, and changing it after {@code prepare} without preparing
 *       again makes the next {@code process} throw an {@link IllegalStateException} naming it.</li>
 * </ul>
 */
public enum ParameterRate {
    /** Read per sample; automatable sample-accurately. */
    AUDIO,
    /** Read at control points every few frames; automatable at that rate. */
    CONTROL,
    /** Fixed at prepare; not automatable. */
    PREPARE
}
