package io.github.mixwright.io;

/**
 * What a reader needs from a parsed WAV header.
 *
 * @param format the sample format
 * @param container RIFF or RF64/BW64
 * @param dataOffset file position of the first sample byte
 * @param dataBytes length of the sample data, a whole number of frames
 */
record WavHeader(WavFormat format, Container container, long dataOffset, long dataBytes) {
    long frames() {
        return dataBytes / format.blockAlign();
    }
}
