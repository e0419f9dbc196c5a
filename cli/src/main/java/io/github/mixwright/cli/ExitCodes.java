package io.github.mixwright.cli;

/** The exit codes of every command; see {@link Main}. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int BAD_INPUT = 3;
    /** {@code master --strict}: the target needs more limiting than allowed; nothing was written. */
    static final int TARGET_NOT_REACHED = 4;

    private ExitCodes() {
    }
}
