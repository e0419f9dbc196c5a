/**
 * Pictures of what processing did, drawn with Java2D into images off screen: loudness over time, frequency
 * responses, spectra, gain reduction and the stereo picture. Drawing never needs a display and never
 * changes {@code java.awt.headless}: an application with windows keeps them (a command-line program sets
 * headless itself before any AWT class loads).
 */
package io.github.mixwright.mix.plot;
