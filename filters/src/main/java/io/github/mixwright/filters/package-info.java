/**
 * Filters: RBJ cookbook biquads, Butterworth and Linkwitz-Riley designs, crossovers, the
 * state-variable filter, parametric and linear-phase EQ, oversampling. Designs are immutable
 * coefficient values with analytic responses; processors hold the state that uses them.
 */
package io.github.mixwright.filters;
