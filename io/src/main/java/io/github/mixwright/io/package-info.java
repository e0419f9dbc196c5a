/**
 * Audio file and device I/O: a streaming {@link io.github.mixwright.io.WavReader} and
 * {@link io.github.mixwright.io.WavWriter} for Microsoft RIFF/WAVE, WAVE_FORMAT_EXTENSIBLE and
 * EBU Tech 3306 RF64 (PCM 8/16/24/32-bit and IEEE float 32/64-bit, 1 to 64 channels, 1 to 768 kHz),
 * with TPDF dither and atomic writes, a {@link io.github.mixwright.io.FlacReader} and
 * {@link io.github.mixwright.io.FlacWriter} for FLAC (RFC 9639; every legal stream read, 16- and 24-bit
 * written at libFLAC's compression levels 0 to 8), and bridges to javax.sound.sampled:
 * {@link io.github.mixwright.io.AudioInputStreamSource} and {@link io.github.mixwright.io.Playback}.
 *
 * <p>Malformed files are reported as {@link io.github.mixwright.io.AudioFormatException}s naming the
 * file and the problem; memory use never depends on what a header claims.
 */
package io.github.mixwright.io;
