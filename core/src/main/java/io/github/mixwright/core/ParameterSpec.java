package io.github.mixwright.core;

import java.util.List;
import java.util.Objects;

/**
 * Describes one parameter of a processor: its name, unit, range, default and how changes are smoothed.
 *
 * <p>A numeric parameter takes any value in {@code [min, max]}; an integer one only whole numbers in
 * that range. A choice parameter takes one of {@link #choices()}; its numeric value is the index of the
 * choice, so it can still be stored and automated as a number (automation holds it to the nearest
 * index, as it holds an integer parameter to the nearest whole number).
 *
 * <p>{@link #rate()} says when the processor reads the parameter: per sample, at control points, or
 * once at prepare (see {@link ParameterRate}).
 *
 * <p>A path parameter ({@link #path(String, String)}) holds text, not a number: the file an impulse
 * response is read from. It is always fixed at prepare, its default is the empty path (none), and it
 * is set with {@link Parameter#set(String)} and read with {@link Parameter#text()}. A session file
 * resolves a relative path against its own folder ({@link ProcessorSettings#resolvePaths}); the
 * command line against the working directory.
 *
 * @param name identifier used on the command line and in session files, e.g. {@code "db"}
 * @param unit unit symbol, e.g. {@code "dB"}, {@code "Hz"}, {@code "ms"}, or {@code ""} for none
 * @param min smallest allowed value
 * @param max largest allowed value
 * @param defaultValue value of a new processor
 * @param description one line for humans
 * @param choices names of the choices, empty for numeric parameters
 * @param smoothing how changes glide
 * @param rampSeconds how long a glide takes, 0 or more
 * @param rate when the processor reads it
 * @param integer whether only whole numbers are allowed (always true for choices)
 * @param path whether the parameter is a file path (text) rather than a number
 */
public record ParameterSpec(String name, String unit, double min, double max, double defaultValue,
        String description, List<String> choices, Smoothing smoothing, double rampSeconds, ParameterRate rate,
        boolean integer, boolean path) {

    /** Default length of a parameter glide: long enough to avoid zipper noise, short enough to feel immediate. */
    public static final double DEFAULT_RAMP_SECONDS = 0.02;

    /** Validates the description. */
    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(smoothing, "smoothing");
        Objects.requireNonNull(rate, "rate");
        choices = List.copyOf(choices);
        integer |= !choices.isEmpty();
        if (!name.matches("[a-z][a-zA-Z0-9]*")) {
            throw new IllegalArgumentException("parameter name '" + name + "' must be a letter followed by letters or digits");
        }
        if (!(min <= max)) {
            throw new IllegalArgumentException("parameter " + name + ": min " + Checks.format(min)
                    + " is above max " + Checks.format(max));
        }
        Checks.inRange(name + " default", defaultValue, min, max);
        if (integer && (defaultValue != Math.rint(defaultValue) || min != Math.rint(min) || max != Math.rint(max))) {
            throw new IllegalArgumentException("integer parameter " + name + " needs whole-number min, max and default");
        }
        if (rate == ParameterRate.PREPARE && smoothing != Smoothing.NONE) {
            throw new IllegalArgumentException("parameter " + name + " is fixed at prepare and cannot glide");
        }
        Checks.inRange(name + " rampSeconds", rampSeconds, 0, 60);
        if (smoothing == Smoothing.MULTIPLICATIVE && min <= 0) {
            throw new IllegalArgumentException("parameter " + name + ": multiplicative smoothing needs min > 0");
        }
        if (path && (rate != ParameterRate.PREPARE || integer || min != 0 || max != 0 || !unit.isEmpty())) {
            throw new IllegalArgumentException("path parameter " + name + " must be fixed at prepare, with no unit or range");
        }
    }

    /** A numeric parameter smoothed linearly over {@link #DEFAULT_RAMP_SECONDS}. */
    public static ParameterSpec number(String name, String unit, double min, double max, double defaultValue,
            String description) {
        return new ParameterSpec(name, unit, min, max, defaultValue, description, List.of(), Smoothing.LINEAR,
                DEFAULT_RAMP_SECONDS, ParameterRate.AUDIO, false, false);
    }

    /** A whole-number parameter, such as a band count or a filter order; it jumps, never glides. */
    public static ParameterSpec integer(String name, String unit, int min, int max, int defaultValue,
            String description) {
        return new ParameterSpec(name, unit, min, max, defaultValue, description, List.of(), Smoothing.NONE, 0,
                ParameterRate.AUDIO, true, false);
    }

    /** A choice among named options; the default is {@code choices.get(defaultIndex)}. */
    public static ParameterSpec choice(String name, List<String> choices, int defaultIndex, String description) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("choice parameter " + name + " needs at least one choice");
        }
        return new ParameterSpec(name, "", 0, choices.size() - 1, defaultIndex, description, choices,
                Smoothing.NONE, 0, ParameterRate.AUDIO, true, false);
    }

    /**
     * A file path, fixed at prepare, whose default is the empty path (none); see the class comment.
     */
    public static ParameterSpec path(String name, String description) {
        return new ParameterSpec(name, "", 0, 0, 0, description, List.of(), Smoothing.NONE, 0, ParameterRate.PREPARE,
                false, true);
    }

    /** The same parameter with another smoothing mode and ramp. */
    public ParameterSpec withSmoothing(Smoothing newSmoothing, double newRampSeconds) {
        return new ParameterSpec(name, unit, min, max, defaultValue, description, choices, newSmoothing,
                newRampSeconds, rate, integer, path);
    }

    /** The same parameter read at control points (see {@link ParameterRate#CONTROL}). */
    public ParameterSpec controlRate() {
        return new ParameterSpec(name, unit, min, max, defaultValue, description, choices, smoothing, rampSeconds,
                ParameterRate.CONTROL, integer, path);
    }

    /** The same parameter fixed at prepare, with no glide (see {@link ParameterRate#PREPARE}). */
    public ParameterSpec fixedAtPrepare() {
        return new ParameterSpec(name, unit, min, max, defaultValue, description, choices, Smoothing.NONE, 0,
                ParameterRate.PREPARE, integer, path);
    }

    /** The same parameter under another name and description (for per-band copies of one parameter). */
    public ParameterSpec renamed(String newName, String newDescription) {
        return new ParameterSpec(newName, unit, min, max, defaultValue, newDescription, choices, smoothing,
                rampSeconds, rate, integer, path);
    }

    /** The same parameter with another default. */
    public ParameterSpec withDefault(double newDefault) {
        return new ParameterSpec(name, unit, min, max, newDefault, description, choices, smoothing, rampSeconds,
                rate, integer, path);
    }

    /** Whether automation may drive it: every rate but {@link ParameterRate#PREPARE}. */
    public boolean isAutomatable() {
        return rate != ParameterRate.PREPARE;
    }

    /** Whether this is a choice parameter. */
    public boolean isChoice() {
        return !choices.isEmpty();
    }

    /**
     * Checks a value against the range.
     *
     * @return value
     * @throws IllegalArgumentException naming the parameter, the value and the range (or, for a path
     *     parameter, saying that it takes text)
     */
    public double validate(double value) {
        if (path) {
            throw new IllegalArgumentException(name + " is a file path, not a number; set it as text");
        }
        if (isChoice()) {
            if (value != Math.rint(value) || value < 0 || value >= choices.size()) {
                throw new IllegalArgumentException(name + " " + Checks.format(value) + " is not one of " + choices);
            }
            return value;
        }
        Checks.inRange(name, value, min, max);
        if (integer && value != Math.rint(value)) {
            throw new IllegalArgumentException(name + " " + Checks.format(value) + " is not a whole number; allowed "
                    + "range [" + Checks.format(min) + ", " + Checks.format(max) + "]");
        }
        return value;
    }

    /**
     * Parses text in this parameter's unit: a number for numeric parameters, a choice name (or its
     * index) for choices.
     *
     * @throws IllegalArgumentException naming the parameter and what it accepts
     */
    public double parse(String text) {
        if (path) {
            throw new IllegalArgumentException(name + " is a file path, not a number; set it as text");
        }
        String t = text.trim();
        if (isChoice()) {
            int index = choices.indexOf(t);
            if (index >= 0) {
                return index;
            }
            throw new IllegalArgumentException(name + " '" + t + "' is not one of " + String.join(", ", choices));
        }
        double value;
        try {
            value = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + t + "' is not a number; allowed range ["
                    + Checks.format(min) + ", " + Checks.format(max) + "]" + (unit.isEmpty() ? "" : " " + unit), e);
        }
        return validate(value);
    }

    /** The value as text: a choice's name, or the number. */
    public String format(double value) {
        if (isChoice()) {
            int i = (int) Math.round(value);
            return i >= 0 && i < choices.size() ? choices.get(i) : Checks.format(value);
        }
        return Checks.format(value);
    }

    /**
     * Checks the text of a path parameter: any text without control characters (the empty text means
     * no file).
     *
     * @return text
     * @throws IllegalArgumentException if this is not a path parameter, or the text holds a control
     *     character
     */
    public String validatePath(String text) {
        Objects.requireNonNull(text, name);
        if (!path) {
            throw new IllegalArgumentException(name + " is a number, not a file path");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new IllegalArgumentException(name + ": the path holds a control character at position " + i);
            }
        }
        return text;
    }

    /** A short human summary: {@code "db  dB  [-120, 24]  default 0  gain change"}. */
    public String summary() {
        if (path) {
            return name + " (path), fixed at prepare, default none: " + description;
        }
        String range = isChoice() ? String.join("|", choices)
                : "[" + Checks.format(min) + ", " + Checks.format(max) + "]" + (integer ? " whole" : "");
        return name + (unit.isEmpty() ? "" : " (" + unit + ")") + " " + range + ", default " + format(defaultValue)
                + (rate == ParameterRate.PREPARE ? ", fixed at prepare" : rate == ParameterRate.CONTROL
                        ? ", control rate" : "") + ": " + description;
    }
}
