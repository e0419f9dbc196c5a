/**
 * The processing model: {@link io.github.mixwright.core.AudioBuffer} blocks, the
 * {@link io.github.mixwright.core.Processor} contract, {@link io.github.mixwright.core.Chain},
 * basic processors (gain, pan, width, polarity), parameter smoothing and automation, and the
 * descriptors from which the command line, session files and docs are generated.
 */
package io.github.mixwright.core;
