package io.github.mixwright.mix;

/** Checks the names of tracks and buses. */
final class Names {
    private Names() {
    }

    static String check(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a " + what + " needs a name");
        }
        return name;
    }
}
