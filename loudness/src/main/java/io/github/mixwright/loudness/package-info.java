/**
 * Loudness: the ITU-R BS.1770 / EBU R128 meter. Arrives with issue 4.
 */
package io.github.mixwright.loudness;
