/**
 * Mastering and mixing on top of the processors. So far: the streaming {@link io.github.mixwright.mix.Render}
 * (a source through a chain into sinks, latency compensated, tails rendered, progress, cancellation,
 * nothing half-written), the delivery targets ({@link io.github.mixwright.mix.MasterTarget}) and the
 * platforms' presets ({@link io.github.mixwright.mix.Preset}). The Master and Mix builders and the
 * reports are to come.
 */
package io.github.mixwright.mix;
