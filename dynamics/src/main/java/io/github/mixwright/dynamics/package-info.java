/**
 * Dynamics processors: {@link io.github.mixwright.dynamics.Compressor} with its
 * {@link io.github.mixwright.dynamics.StaticCurve}, an expander/gate, a de-esser, a multiband compressor
 * and a true-peak limiter. Every one is a described processor usable in a chain.
 */
package io.github.mixwright.dynamics;
