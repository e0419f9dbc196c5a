/**
 * The Mix and Master builders, timeline, buses and sends, render engine and reports. Not yet implemented.
 */
package io.github.mixwright.mix;
