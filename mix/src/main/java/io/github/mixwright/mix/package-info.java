/**
 * Mastering and mixing on top of the processors: so far the delivery targets ({@link
 * io.github.mixwright.mix.MasterTarget}) and the platforms' presets ({@link io.github.mixwright.mix.Preset});
 * the Master and Mix builders, the render engine and the reports are to come.
 */
package io.github.mixwright.mix;
