package io.github.mixwright.cli;

import io.github.mixwright.mix.RenderProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display on a terminal's standard error, rewritten in place with a carriage return:
 * {@code mastering  pass 2  [#########.........]  48 %  3 s left}. None when standard error is not a
 * terminal (a pipe, a file, a test), so logs stay clean. Written here rather than taken from
 * me.tongfei:progressbar, which brings JLine to measure the terminal: one fixed-width line needs neither.
 */
final class TerminalProgress {
    private static final int WIDTH = 24;
    private static final long EVERY_NANOS = 200_000_000L;

    private final String label;
    private final PrintStream err;
    private long lastNanos;
    private boolean shown;

    private TerminalProgress(String label, PrintStream err) {
        this.label = label;
        this.err = err;
    }

    /** A display for {@code label}, or null when standard error is not a terminal. */
    static TerminalProgress forStderr(String label) {
        // System.console() is non-null only when both standard input and output are the terminal; the
        // display goes to standard error, which it then shares with them unless redirected apart.
        return System.console() == null ? null : new TerminalProgress(label, System.err);
    }

    synchronized void update(int pass, RenderProgress p) {
        long now = System.nanoTime();
        if (now - lastNanos < EVERY_NANOS && p.fraction() < 1) {
            return;
        }
        lastNanos = now;
        double f = Math.max(0, Math.min(1, p.fraction()));
        int filled = (int) Math.round(f * WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        long left = Math.round(p.remainingNanos() / 1e9);
        err.printf(Locale.ROOT, "\r%s  pass %d  [%s] %3.0f %%  %s   ", label, pass, bar, 100 * f,
                p.remainingNanos() < 0 ? "" : left + " s left");
        err.flush();
        shown = true;
    }

    synchronized void done() {
        if (shown) {
            err.print("\r" + " ".repeat(label.length() + WIDTH + 40) + "\r");
            err.flush();
        }
    }
}
