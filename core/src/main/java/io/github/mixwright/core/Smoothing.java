package io.github.mixwright.core;

/** How a parameter glides to a new value (see {@link SmoothedValue}). */
public enum Smoothing {
    /** Jumps at once; for switches and choices. */
    NONE,
    /** Straight-line ramp in the parameter's own unit (for dB values this is exponential in amplitude). */
    LINEAR,
    /** Geometric ramp (constant ratio per sample); for strictly positive values such as frequencies. */
    MULTIPLICATIVE
}
