/**
 * Effects: reverb, delay, saturation and chorus. Not yet implemented.
 */
package io.github.mixwright.effects;
