#!/usr/bin/python3
"""Reference coefficients for the RBJ Audio EQ Cookbook and first-order bilinear designs.

Evaluates the cookbook formulas exactly as printed (with 1 - cos w0, (A+1) - (A-1) cos w0, ...)
in mpmath at 50 significant digits, normalises by a0 and writes cookbook.csv beside this script.
Every row is also cross-checked against an independent route: scipy.signal.bilinear applied to
the analog prototype H(s) of the cookbook (prewarped so that the analog corner maps to the design
frequency), in float64; the script stops if any coefficient differs by more than 1e-9 relative
to the largest coefficient of the row. Where scipy has a ready-made design with the same
definition (scipy.signal.butter order 1 and 2 at Q = 1/sqrt 2), it is checked too.

Usage: /usr/bin/python3 make_cookbook.py   (writes cookbook.csv in this directory)
"""
import csv
import os
import sys

import mpmath as mp
import numpy as np
import scipy
import scipy.signal as sig

mp.mp.dps = 50

RATES = [44100, 48000, 96000]
SECOND_ORDER_FREQS = [20, 200, 3000, 20000]
QS = [0.1, 0.7071, 4.0, 30.0]
GAINS = [-24.0, 6.0, 48.0]
SLOPES = [0.5, 1.0]
FIRST_ORDER_FREQS = [20, 300, 3000, 18000]


def rbj(design, fs, hz, q=None, gain=None, slope=None):
    fs, hz = mp.mpf(fs), mp.mpf(hz)
    w0 = 2 * mp.pi * hz / fs
    cw, sw = mp.cos(w0), mp.sin(w0)
    A = mp.power(10, mp.mpf(gain) / 40) if gain is not None else None
    if slope is not None:
        S = mp.mpf(slope)
        alpha = sw / 2 * mp.sqrt((A + 1 / A) * (1 / S - 1) + 2)
    elif q is not None:
        alpha = sw / (2 * mp.mpf(q))
    if design == "LOW_PASS":
        b = [(1 - cw) / 2, 1 - cw, (1 - cw) / 2]; a = [1 + alpha, -2 * cw, 1 - alpha]
    elif design == "HIGH_PASS":
        b = [(1 + cw) / 2, -(1 + cw), (1 + cw) / 2]; a = [1 + alpha, -2 * cw, 1 - alpha]
    elif design == "BAND_PASS":
        b = [alpha, 0, -alpha]; a = [1 + alpha, -2 * cw, 1 - alpha]
    elif design == "NOTCH":
        b = [1, -2 * cw, 1]; a = [1 + alpha, -2 * cw, 1 - alpha]
    elif design == "ALL_PASS":
        b = [1 - alpha, -2 * cw, 1 + alpha]; a = [1 + alpha, -2 * cw, 1 - alpha]
    elif design == "PEAKING":
        b = [1 + alpha * A, -2 * cw, 1 - alpha * A]; a = [1 + alpha / A, -2 * cw, 1 - alpha / A]
    elif design in ("LOW_SHELF", "LOW_SHELF_SLOPE"):
        r = 2 * mp.sqrt(A) * alpha
        b = [A * ((A + 1) - (A - 1) * cw + r), 2 * A * ((A - 1) - (A + 1) * cw), A * ((A + 1) - (A - 1) * cw - r)]
        a = [(A + 1) + (A - 1) * cw + r, -2 * ((A - 1) + (A + 1) * cw), (A + 1) + (A - 1) * cw - r]
    elif design in ("HIGH_SHELF", "HIGH_SHELF_SLOPE"):
        r = 2 * mp.sqrt(A) * alpha
        b = [A * ((A + 1) + (A - 1) * cw + r), -2 * A * ((A - 1) + (A + 1) * cw), A * ((A + 1) + (A - 1) * cw - r)]
        a = [(A + 1) - (A - 1) * cw + r, 2 * ((A - 1) - (A + 1) * cw), (A + 1) - (A - 1) * cw - r]
    else:
        # First order: bilinear transform with K = tan(w0 / 2) of the prototypes in analog_prototype.
        K = mp.tan(w0 / 2)
        g = mp.power(10, mp.mpf(gain) / 40) if gain is not None else None  # sqrt of the linear gain
        if design == "FIRST_ORDER_LOW_PASS":
            b = [K, K, 0]; a = [1 + K, K - 1, 0]
        elif design == "FIRST_ORDER_HIGH_PASS":
            b = [1, -1, 0]; a = [1 + K, K - 1, 0]
        elif design == "FIRST_ORDER_LOW_SHELF":
            b = [1 + K * g, K * g - 1, 0]; a = [1 + K / g, K / g - 1, 0]
        elif design == "FIRST_ORDER_HIGH_SHELF":
            b = [g * g * (1 + K / g), g * g * (K / g - 1), 0]; a = [1 + K * g, K * g - 1, 0]
        else:
            raise ValueError(design)
    a0 = a[0]
    return [mp.mpf(x) / a0 for x in b] + [mp.mpf(a[1]) / a0, mp.mpf(a[2]) / a0]


def analog_prototype(design, q=None, gain=None, slope=None):
    """Cookbook analog H(s) for s normalised to the design frequency: (numerator, denominator), highest power first."""
    A = 10 ** (gain / 40) if gain is not None else None
    if slope is not None:
        q = 1 / np.sqrt((A + 1 / A) * (1 / slope - 1) + 2)
    if design == "LOW_PASS":
        return [0, 0, 1], [1, 1 / q, 1]
    if design == "HIGH_PASS":
        return [1, 0, 0], [1, 1 / q, 1]
    if design == "BAND_PASS":
        return [0, 1 / q, 0], [1, 1 / q, 1]
    if design == "NOTCH":
        return [1, 0, 1], [1, 1 / q, 1]
    if design == "ALL_PASS":
        return [1, -1 / q, 1], [1, 1 / q, 1]
    if design == "PEAKING":
        return [1, A / q, 1], [1, 1 / (A * q), 1]
    if design in ("LOW_SHELF", "LOW_SHELF_SLOPE"):
        return [A, A * np.sqrt(A) / q, A * A], [A, np.sqrt(A) / q, 1]
    if design in ("HIGH_SHELF", "HIGH_SHELF_SLOPE"):
        return [A * A, A * np.sqrt(A) / q, A], [1, np.sqrt(A) / q, A]
    g = 10 ** (gain / 40) if gain is not None else None
    if design == "FIRST_ORDER_LOW_PASS":
        return [0, 1], [1, 1]
    if design == "FIRST_ORDER_HIGH_PASS":
        return [1, 0], [1, 1]
    if design == "FIRST_ORDER_LOW_SHELF":
        return [1, g], [1, 1 / g]
    if design == "FIRST_ORDER_HIGH_SHELF":
        return [g * g, g], [1, g]
    raise ValueError(design)


def scipy_route(design, fs, hz, q=None, gain=None, slope=None):
    num, den = analog_prototype(design, q, gain, slope)
    wa = 2 * fs * np.tan(np.pi * hz / fs)  # prewarped analog corner in rad/s
    order = len(den) - 1
    # Substitute s -> s / wa: coefficient of s^k is divided by wa^k.
    num = [c / wa ** (order - i) for i, c in enumerate(num)]
    den = [c / wa ** (order - i) for i, c in enumerate(den)]
    b, a = sig.bilinear(num, den, fs=fs)
    b = list(b) + [0.0] * (3 - len(b))
    a = list(a) + [0.0] * (3 - len(a))
    return [x / a[0] for x in b] + [a[1] / a[0], a[2] / a[0]]


def check(name, ref, other, tol):
    ref = [float(x) for x in ref]
    scale = max(abs(x) for x in ref)
    for r, o in zip(ref, other):
        if abs(r - o) > tol * scale:
            sys.exit(f"{name}: cross-check failed: {ref} vs {list(other)}")


def rows():
    for fs in RATES:
        for design in ["LOW_PASS", "HIGH_PASS", "BAND_PASS", "NOTCH", "ALL_PASS"]:
            for hz in SECOND_ORDER_FREQS:
                for q in QS:
                    yield design, fs, hz, q, None, None
        for design in ["PEAKING", "LOW_SHELF", "HIGH_SHELF"]:
            for hz in SECOND_ORDER_FREQS:
                for q in [0.3, 0.7071, 4.0]:
                    for gain in GAINS:
                        yield design, fs, hz, q, None, gain
        for design in ["LOW_SHELF_SLOPE", "HIGH_SHELF_SLOPE"]:
            for hz in SECOND_ORDER_FREQS:
                for slope in SLOPES:
                    for gain in GAINS:
                        yield design, fs, hz, None, slope, gain
        for design in ["FIRST_ORDER_LOW_PASS", "FIRST_ORDER_HIGH_PASS"]:
            for hz in FIRST_ORDER_FREQS:
                yield design, fs, hz, None, None, None
        for design in ["FIRST_ORDER_LOW_SHELF", "FIRST_ORDER_HIGH_SHELF"]:
            for hz in FIRST_ORDER_FREQS:
                for gain in GAINS:
                    yield design, fs, hz, None, None, gain


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cookbook.csv")
    count = 0
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["design", "sampleRate", "frequencyHz", "q", "slope", "gainDb", "b0", "b1", "b2", "a1", "a2"])
        for design, fs, hz, q, slope, gain in rows():
            ref = rbj(design, fs, hz, q, gain, slope)
            check(f"{design} {fs} {hz} {q} {slope} {gain}", ref, scipy_route(design, fs, hz, q, gain, slope), 1e-9)
            if design in ("LOW_PASS", "HIGH_PASS") and q == 0.7071:
                # Q = 0.7071 is not exactly 1/sqrt 2: compare with a tolerance that covers the difference.
                b, a = sig.butter(2, hz, btype="low" if design == "LOW_PASS" else "high", fs=fs)
                check(f"butter {design} {fs} {hz}", ref, list(b / a[0]) + [a[1] / a[0], a[2] / a[0]], 1e-4)
            if design in ("FIRST_ORDER_LOW_PASS", "FIRST_ORDER_HIGH_PASS"):
                b, a = sig.butter(1, hz, btype="low" if design == "FIRST_ORDER_LOW_PASS" else "high", fs=fs)
                check(f"butter1 {design} {fs} {hz}", ref, [b[0] / a[0], b[1] / a[0], 0.0, a[1] / a[0], 0.0], 1e-12)
            fmt = lambda v: "" if v is None else repr(float(v))
            w.writerow([design, fs, hz, fmt(q), fmt(slope), fmt(gain)] + [mp.nstr(x, 25) for x in ref])
            count += 1
    print(f"wrote {count} rows to {out}; mpmath {mp.__version__}, numpy {np.__version__}, scipy {scipy.__version__}, "
          f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
