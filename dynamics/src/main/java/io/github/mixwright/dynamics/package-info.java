/**
 * Dynamics: compressor, expander/gate, de-esser, multiband compressor and true-peak limiter. Arrives with issue 5.
 */
package io.github.mixwright.dynamics;
