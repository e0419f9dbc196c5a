package io.github.mixwright.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Warnings that do not stop a command. */
final class Warnings {
    private Warnings() {
    }

    /** Warns on standard error when samples had to be clipped to the output's full scale. */
    static void clipped(PrintWriter err, Path out, long samples) {
        if (samples > 0) {
            err.println("warning: " + out + ": " + samples + " sample" + (samples == 1 ? "" : "s")
                    + " clipped at full scale");
            err.flush();
        }
    }
}
