/**
 * Filters: biquad designs, Butterworth and Linkwitz-Riley, state-variable filter, parametric and linear-phase EQ, oversampling. Arrives with issue 3.
 */
package io.github.mixwright.filters;
