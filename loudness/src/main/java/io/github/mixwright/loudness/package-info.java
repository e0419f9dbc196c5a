/**
 * Loudness: the ITU-R BS.1770-4 / EBU R128 meter.
 *
 * <p>{@link io.github.mixwright.loudness.KWeighting} designs the K-weighting pre-filter for any
 * sample rate from 8 kHz to 384 kHz; {@link io.github.mixwright.loudness.LoudnessMeter} is a
 * streaming meter for momentary, short-term and integrated loudness (EBU Tech 3341) and sample peak.
 */
package io.github.mixwright.loudness;
