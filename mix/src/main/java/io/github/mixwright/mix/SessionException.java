package io.github.mixwright.mix;

import java.io.IOException;

/**
 * A session file that cannot be read as a mix: the message names the file, the field by its path
 * ({@code tracks[2].inserts[0]}) and what is wrong with it.
 */
public final class SessionException extends IOException {
    private static final long serialVersionUID = 1L;

    public SessionException(String message) {
        super(message);
    }
}
