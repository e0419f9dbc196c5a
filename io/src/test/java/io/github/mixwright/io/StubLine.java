package io.github.mixwright.io;

import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.Control;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.SourceDataLine;

/** A SourceDataLine that records what is written to it, so playback can be tested without a device. */
final class StubLine implements SourceDataLine {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private AudioFormat format;
    private boolean open;
    private boolean running;
    int opens;
    int drains;
    int closes;
    int maxChunk = Integer.MAX_VALUE;

    StubLine() {
    }

    StubLine(AudioFormat alreadyOpen) {
        this.format = alreadyOpen;
        this.open = true;
    }

    @Override
    public void open(AudioFormat f, int bufferSize) {
        open(f);
    }

    @Override
    public void open(AudioFormat f) {
        format = f;
        open = true;
        opens++;
    }

    @Override
    public int write(byte[] b, int off, int len) {
        if (!open || !running) {
            return 0;
        }
        int n = Math.min(len, maxChunk);
        written.write(b, off, n);
        return n;
    }

    @Override
    public void drain() {
        drains++;
    }

    @Override
    public void flush() {
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isActive() {
        return running;
    }

    @Override
    public AudioFormat getFormat() {
        return format;
    }

    @Override
    public int getBufferSize() {
        return 1 << 16;
    }

    @Override
    public int available() {
        return 1 << 16;
    }

    @Override
    public int getFramePosition() {
        return 0;
    }

    @Override
    public long getLongFramePosition() {
        return 0;
    }

    @Override
    public long getMicrosecondPosition() {
        return 0;
    }

    @Override
    public float getLevel() {
        return -1f;
    }

    @Override
    public Line.Info getLineInfo() {
        return new Line.Info(SourceDataLine.class);
    }

    @Override
    public void open() {
        open = true;
        opens++;
    }

    @Override
    public void close() {
        open = false;
        running = false;
        closes++;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Control[] getControls() {
        return new Control[0];
    }

    @Override
    public boolean isControlSupported(Control.Type control) {
        return false;
    }

    @Override
    public Control getControl(Control.Type control) {
        throw new IllegalArgumentException("no controls");
    }

    @Override
    public void addLineListener(LineListener listener) {
    }

    @Override
    public void removeLineListener(LineListener listener) {
    }
}
