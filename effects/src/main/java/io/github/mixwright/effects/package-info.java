/**
 * Effects: {@link io.github.mixwright.effects.Delay} so far; reverb, saturation, exciter, chorus and flanger
 * are to come.
 */
package io.github.mixwright.effects;
