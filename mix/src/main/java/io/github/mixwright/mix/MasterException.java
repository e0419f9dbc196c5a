package io.github.mixwright.mix;

import java.io.IOException;

/** A master that cannot be made as asked; nothing was written for it. */
public final class MasterException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The input has no 400 ms block above -70 LUFS: there is nothing to bring to a loudness. */
        SILENT_INPUT,
        /** Strict mastering, and the target needs more limiting than allowed. */
        TARGET_NOT_REACHED
    }

    private final Reason reason;

    MasterException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the master was not made. */
    public Reason reason() {
        return reason;
    }
}
