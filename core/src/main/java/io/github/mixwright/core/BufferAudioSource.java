package io.github.mixwright.core;

/** {@link AudioSource#of}: audio in memory, read from its start. */
final class BufferAudioSource implements AudioSource {
    private final AudioBuffer audio;
    private final double rate;
    private int at;

    BufferAudioSource(AudioBuffer audio, double rate) {
        this.audio = audio;
        this.rate = rate;
    }

    @Override
    public double sampleRate() {
        return rate;
    }

    @Override
    public int channels() {
        return audio.channels();
    }

    @Override
    public long frames() {
        return audio.frames();
    }

    @Override
    public int read(AudioBuffer destination) {
        int n = Math.min(destination.frames(), audio.frames() - at);
        for (int c = 0; c < audio.channels(); c++) {
            System.arraycopy(audio.channel(c), audio.offset() + at, destination.channel(c), destination.offset(), n);
        }
        at += n;
        return n;
    }
}
