package io.github.mixwright.mix;

import java.util.Objects;

/**
 * A stretch of a {@link ClipSource} placed on a track's timeline: it starts at {@link #start()} seconds
 * into the mix, plays the source from {@link #offset()} seconds into it, for {@link #length()} seconds
 * (or to the source's end), at {@link #gainDb()}, with a fade in and a fade out inside that length.
 * Where two clips on one track overlap, the mix crossfades them with equal power over the overlap (see
 * {@link Track}).
 *
 * <p>Immutable: each {@code with...} returns a new clip. Times are rounded to the nearest frame at the
 * mix's rate. Thread-safe.
 */
public final class Clip {
    private final ClipSource source;
    private final double start;
    private final double offset;
    private final double length;
    private final double gainDb;
    private final Fade fadeIn;
    private final Fade fadeOut;

    private Clip(ClipSource source, double start, double offset, double length, double gainDb, Fade fadeIn,
            Fade fadeOut) {
        this.source = source;
        this.start = start;
        this.offset = offset;
        this.length = length;
        this.gainDb = gainDb;
        this.fadeIn = fadeIn;
        this.fadeOut = fadeOut;
    }

    /** The whole of {@code source} from the mix's start, at 0 dB, with no fades. */
    public static Clip of(ClipSource source) {
        return new Clip(Objects.requireNonNull(source, "source"), 0, 0, Double.POSITIVE_INFINITY, 0, Fade.NONE,
                Fade.NONE);
    }

    /** A whole file from {@code startSeconds}. */
    public static Clip of(java.nio.file.Path file, double startSeconds) {
        return of(ClipSource.file(file)).at(startSeconds);
    }

    /** Starts the clip {@code seconds} (0 or more) into the mix. */
    public Clip at(double seconds) {
        return new Clip(source, check("start", seconds), offset, length, gainDb, fadeIn, fadeOut);
    }

    /** Plays the source from {@code seconds} (0 or more) into it. */
    public Clip from(double seconds) {
        return new Clip(source, start, check("offset", seconds), length, gainDb, fadeIn, fadeOut);
    }

    /** Plays {@code seconds} (more than 0) of the source at most: a trim of its end. */
    public Clip length(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("clip length " + seconds + " s is out of range (0, Infinity]");
        }
        return new Clip(source, start, offset, seconds, gainDb, fadeIn, fadeOut);
    }

    /** Sets the clip's gain, dB (finite). */
    public Clip gainDb(double db) {
        if (!Double.isFinite(db)) {
            throw new IllegalArgumentException("clip gain " + db + " dB is not a finite number");
        }
        return new Clip(source, start, offset, length, db, fadeIn, fadeOut);
    }

    /** Fades the clip in over {@code seconds}, along an S-curve. */
    public Clip fadeIn(double seconds) {
        return fadeIn(Fade.of(seconds));
    }

    /** Fades the clip in. */
    public Clip fadeIn(Fade fade) {
        return new Clip(source, start, offset, length, gainDb, Objects.requireNonNull(fade, "fade"), fadeOut);
    }

    /** Fades the clip out over its last {@code seconds}, along an S-curve. */
    public Clip fadeOut(double seconds) {
        return fadeOut(Fade.of(seconds));
    }

    /** Fades the clip out. */
    public Clip fadeOut(Fade fade) {
        return new Clip(source, start, offset, length, gainDb, fadeIn, Objects.requireNonNull(fade, "fade"));
    }

    /** The clip with its source resolved against {@code folder} (see {@link ClipSource#resolveAgainst}). */
    public Clip resolveAgainst(java.nio.file.Path folder) {
        return new Clip(source.resolveAgainst(folder), start, offset, length, gainDb, fadeIn, fadeOut);
    }

    public ClipSource source() {
        return source;
    }

    /** Seconds into the mix where the clip starts. */
    public double start() {
        return start;
    }

    /** Seconds into the source where the clip's audio starts. */
    public double offset() {
        return offset;
    }

    /** Seconds of the source the clip plays at most; infinite for "to the source's end". */
    public double length() {
        return length;
    }

    public double gainDb() {
        return gainDb;
    }

    public Fade fadeIn() {
        return fadeIn;
    }

    public Fade fadeOut() {
        return fadeOut;
    }

    private static double check(String what, double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("clip " + what + " " + seconds + " s is out of range [0, Infinity)");
        }
        return seconds;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Clip)) {
            return false;
        }
        Clip c = (Clip) o;
        return source.equals(c.source) && start == c.start && offset == c.offset && length == c.length
                && gainDb == c.gainDb && fadeIn.equals(c.fadeIn) && fadeOut.equals(c.fadeOut);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, start, offset, length, gainDb, fadeIn, fadeOut);
    }

    @Override
    public String toString() {
        return "clip " + source + " at " + start + " s" + (offset > 0 ? ", from " + offset + " s" : "")
                + (Double.isFinite(length) ? ", " + length + " s long" : "") + (gainDb != 0 ? ", " + gainDb + " dB" : "");
    }
}
