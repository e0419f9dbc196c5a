#!/usr/bin/python3
"""Writes ebur128-reference.csv: libebur128's measurements of the signals Ebur128CrossCheckTest rebuilds.

Run:  /usr/bin/python3 make_ebur128.py   (from any directory; writes the CSV beside this script)
Needs Debian's libebur128-1 (libebur128.so.1) and python3-numpy. See README-ebur128.md.

Each signal is a closed formula evaluated in double precision and rounded to float32, once per sample;
Ebur128CrossCheckTest.Signal evaluates the same formula in the same order, so both sides measure the
same float samples (up to the last bit of a libm sin/cos/pow, which is far below what is compared).
Keep the two in step: any change here must be made there too, and the CSV regenerated.
"""
import ctypes
import datetime
import math
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "ebur128-reference.csv")

SECONDS = 12
LAYOUTS = {1: "mono", 2: "stereo", 6: "5.1"}
CASES = [(ch, rate) for ch in (1, 2, 6) for rate in (44100, 48000, 96000)] + [(2, 32000), (2, 88200)]

# Per channel (L R C LFE Ls Rs; mono uses the first): three partials (Hz, amplitude, phase in radians).
PARTIALS = [
    [(220.0, 0.30, 0.0), (659.26, 0.15, 1.1), (3520.0, 0.06, 2.3)],
    [(164.81, 0.30, 0.4), (880.0, 0.15, 2.0), (5274.0, 0.05, 0.7)],
    [(110.0, 0.28, 0.9), (1318.5, 0.14, 0.3), (7040.0, 0.05, 1.7)],
    [(55.0, 0.35, 0.0), (82.41, 0.15, 1.0), (41.2, 0.10, 0.5)],
    [(261.63, 0.25, 0.2), (1046.5, 0.12, 2.9), (2093.0, 0.06, 1.3)],
    [(196.0, 0.25, 1.6), (784.0, 0.12, 0.8), (4186.0, 0.06, 2.2)],
]
# The channel carrying the "bright" partial at rate/6 (rate/8 from 88.2 kHz up) whose crests fall half-way
# between samples, so the true peak is clearly above the sample peak.
BRIGHT_CHANNEL = {1: 0, 2: 1, 6: 2}
BRIGHT_AMPLITUDE = 0.45
# Level plan (dB) of the sections starting at these times (s); each change is a raised-cosine ramp of
# RAMP seconds. The -30 dB section lies under the relative gate of the integrated loudness.
SECTION_STARTS = [0.0, 2.0, 5.0, 7.0, 9.0]
SECTION_DB = [-8.0, 0.0, -30.0, -14.0, -4.0]
RAMP = 0.3
FADE = 0.05
TREMOLO_HZ = 0.37
TREMOLO_DEPTH = 0.2
GAIN = 0.76
NOISE = 0.3

LCG_MUL = 6364136223846793005
LCG_ADD = 1442695040888963407
MASK64 = (1 << 64) - 1


def bright_divisor(rate):
    return 6 if rate < 88200 else 8


def cycles(hz, t):
    """The fractional part of hz t: sines take 2 pi times this, which keeps their arguments small (cheaper
    for Java's Math.sin, and the same in both languages)."""
    ft = hz * t
    return ft - np.floor(ft)


def smooth(x):
    """0 below 0, 1 above 1, a raised-cosine ramp between."""
    x = np.clip(x, 0.0, 1.0)
    return 0.5 - 0.5 * np.cos(math.pi * x)


def noise(channel, rate, n):
    """Uniform noise in [-1, 1) from a 64-bit LCG (Knuth's MMIX constants) through three one-pole low-passes
    (each y = 0.2 u + 0.8 y, -3 dB at 0.036 of the rate; together -54 dB from 0.35 of the rate up), so that
    interpolators that differ only near the Nyquist frequency read the same true peak."""
    s = (channel * 1000003 + rate) & MASK64
    y1 = 0.0
    y2 = 0.0
    y3 = 0.0
    out = np.empty(n)
    scale = 2.0 ** -53
    for i in range(n):
        s = (s * LCG_MUL + LCG_ADD) & MASK64
        u = (s >> 11) * scale * 2.0 - 1.0
        y1 = 0.2 * u + 0.8 * y1
        y2 = 0.2 * y1 + 0.8 * y2
        y3 = 0.2 * y2 + 0.8 * y3
        out[i] = y3
    return out


def signal(channels, rate, seconds):
    """Planar float32 samples [channel][frame]."""
    n = int(round(seconds * rate))
    t = np.arange(n, dtype=np.float64) / rate
    level = np.full(n, SECTION_DB[0])
    for k in range(1, len(SECTION_STARTS)):
        level = level + (SECTION_DB[k] - SECTION_DB[k - 1]) * smooth((t - SECTION_STARTS[k]) / RAMP)
    base = GAIN * np.power(10.0, level / 20.0) * smooth(t / FADE) * smooth((seconds - t) / FADE)
    x = np.empty((channels, n), dtype=np.float32)
    for c in range(channels):
        env = base * (1.0 + TREMOLO_DEPTH * np.sin(2 * math.pi * TREMOLO_HZ * t + 0.9 * c))
        tone = np.zeros(n)
        for hz, amp, phase in PARTIALS[c]:
            tone = tone + amp * np.sin(2 * math.pi * cycles(hz, t) + phase)
        if c == BRIGHT_CHANNEL[channels]:
            d = bright_divisor(rate)
            # crest of sin(2 pi i / d + phase) half-way between samples 0 and 1: phase = pi/2 - pi/d
            crest_half_way = math.pi / 2 - math.pi / d
            tone = tone + BRIGHT_AMPLITUDE * np.sin(2 * math.pi * cycles(rate / d, t) + crest_half_way)
        x[c] = (env * (tone + NOISE * noise(c, rate, n))).astype(np.float32)
    return x


# --- libebur128 through ctypes -------------------------------------------------------------------------

MODE_M = 1 << 0
MODE_S = (1 << 1) | MODE_M
MODE_I = (1 << 2) | MODE_M
MODE_LRA = (1 << 3) | MODE_S
MODE_SAMPLE_PEAK = (1 << 4) | MODE_M
MODE_TRUE_PEAK = (1 << 5) | MODE_M | MODE_SAMPLE_PEAK
LEFT, RIGHT, CENTER, LEFT_SURROUND, RIGHT_SURROUND, UNUSED = 1, 2, 3, 4, 5, 0

lib = ctypes.CDLL("libebur128.so.1")
lib.ebur128_init.restype = ctypes.c_void_p
lib.ebur128_init.argtypes = [ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
lib.ebur128_destroy.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
lib.ebur128_set_channel.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int]
lib.ebur128_add_frames_float.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_float), ctypes.c_size_t]
for name in ("ebur128_loudness_global", "ebur128_loudness_range", "ebur128_loudness_shortterm"):
    getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_double)]
for name in ("ebur128_true_peak", "ebur128_sample_peak"):
    getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.POINTER(ctypes.c_double)]


def check(code, what):
    if code != 0:
        raise RuntimeError(f"{what} returned {code}")


def get(fn, st, *args):
    v = ctypes.c_double()
    check(fn(st, *args, ctypes.byref(v)), fn.__name__)
    return v.value


def tech3342_range(energies):
    """Tech 3342 on short-term energies, gated and ranked exactly as libebur128 1.2.6 does."""
    e = np.sort(np.asarray([v for v in energies if v >= 10 ** ((-70 + 0.691) / 10)]))
    if len(e) == 0:
        return 0.0
    gated = e[e >= np.mean(e) * 10 ** (-20 / 10)]
    lo = gated[int((len(gated) - 1) * 0.1 + 0.5)]
    hi = gated[int((len(gated) - 1) * 0.95 + 0.5)]
    return 10 * math.log10(hi / lo)


def measure(x, rate):
    """libebur128 figures of planar float32 x, fed 100 ms at a time so the short-term loudness can be read
    after every 100 ms step."""
    channels, n = x.shape
    st = lib.ebur128_init(channels, rate, MODE_I | MODE_LRA | MODE_TRUE_PEAK | MODE_SAMPLE_PEAK)
    if not st:
        raise RuntimeError("ebur128_init failed")
    try:
        if channels == 6:
            for c, role in enumerate((LEFT, RIGHT, CENTER, UNUSED, LEFT_SURROUND, RIGHT_SURROUND)):
                check(lib.ebur128_set_channel(st, c, role), "ebur128_set_channel")
        interleaved = np.ascontiguousarray(x.T)
        step = (rate + 5) // 10
        short_term = []
        for k, at in enumerate(range(0, n, step), start=1):
            chunk = interleaved[at:at + step]
            check(lib.ebur128_add_frames_float(st, chunk.ctypes.data_as(ctypes.POINTER(ctypes.c_float)),
                                               len(chunk)), "ebur128_add_frames_float")
            if k >= 30 and len(chunk) == step:
                s = get(lib.ebur128_loudness_shortterm, st)
                short_term.append(10 ** ((s + 0.691) / 10) if s != -math.inf else 0.0)
        result = {
            "integrated_lufs": get(lib.ebur128_loudness_global, st),
            "loudness_range_lu": get(lib.ebur128_loudness_range, st),
            "true_peak_dbtp": 20 * math.log10(max(get(lib.ebur128_true_peak, st, c) for c in range(channels))),
            "sample_peak_dbfs": 20 * math.log10(max(get(lib.ebur128_sample_peak, st, c) for c in range(channels))),
            "loudness_range_lu_10hz": tech3342_range(short_term),
        }
        # libebur128 keeps one short-term window per second (at 3 s, 4 s, ...): every tenth of ours.
        one_hz = tech3342_range(short_term[::10])
        if abs(one_hz - result["loudness_range_lu"]) > 1e-9:
            raise RuntimeError(f"1 Hz windows give LRA {one_hz}, libebur128 {result['loudness_range_lu']}")
        return result
    finally:
        p = ctypes.c_void_p(st)
        lib.ebur128_destroy(ctypes.byref(p))


def self_check():
    """libebur128 on a steady 997 Hz sine against the response of its own K-weighting filter: the plumbing
    (float layout, modes, channel map) is right when they agree."""
    for rate, channels in ((48000, 1), (44100, 2), (96000, 6)):
        n = 8 * rate
        t = np.arange(n) / rate
        x = np.tile((0.1 * np.sin(2 * math.pi * 997 * t)).astype(np.float32), (channels, 1))
        got = measure(x, rate)["integrated_lufs"]
        weights = {1: 1.0, 2: 2.0, 6: 3 + 2 * 1.41}[channels]
        expected = -0.691 + 10 * math.log10(weights * 0.01 / 2 * libebur128_power_gain(rate, 997))
        if abs(got - expected) > 1e-3:
            raise RuntimeError(f"997 Hz self-check at {rate} Hz, {channels} ch: {got} vs {expected}")
        print(f"self-check {rate} Hz {channels} ch: {got:.6f} LUFS, filter response says {expected:.6f}")


def libebur128_power_gain(rate, hz):
    """|H|^2 of libebur128's K-weighting (its high-pass numerator is 1, -2, 1 at every rate)."""
    k = math.tan(math.pi * 1681.974450955533 / rate)
    vh = 10 ** (3.999843853973347 / 20)
    vb = vh ** 0.4996667741545416
    q = 0.7071752369554196
    b1 = [vh + vb * k / q + k * k, 2 * (k * k - vh), vh - vb * k / q + k * k]
    a1 = [1 + k / q + k * k, 2 * (k * k - 1), 1 - k / q + k * k]
    k = math.tan(math.pi * 38.13547087602444 / rate)
    q = 0.5003270373238773
    a0 = 1 + k / q + k * k
    b2 = [a0, -2 * a0, a0]
    a2 = [a0, 2 * (k * k - 1), 1 - k / q + k * k]
    z = np.exp(-2j * math.pi * hz / rate)
    h = np.polyval(b1[::-1], z) / np.polyval(a1[::-1], z) * np.polyval(b2[::-1], z) / np.polyval(a2[::-1], z)
    return abs(h) ** 2


def package_version(name):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    major, minor, patch = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    lib.ebur128_get_version(ctypes.byref(major), ctypes.byref(minor), ctypes.byref(patch))
    version = f"{major.value}.{minor.value}.{patch.value}"
    self_check()
    columns = ["case", "rate", "channels", "seconds", "integrated_lufs", "loudness_range_lu", "true_peak_dbtp",
               "sample_peak_dbfs", "loudness_range_lu_10hz", "sample_square_sum"]
    note = (
        f"made by make_ebur128.py on {datetime.date.today().isoformat()} with libebur128 {version} "
        f"(Debian libebur128-1 {package_version('libebur128-1')}); numpy {np.__version__}; "
        f"Python {sys.version.split()[0]}; modes I|LRA|TRUE_PEAK|SAMPLE_PEAK; float frames; "
        "peaks are the largest over all channels; loudness_range_lu_10hz applies libebur128's Tech 3342 "
        "rule to its short-term loudness read every 100 ms; sample_square_sum is the sum of the squared float "
        "samples of all channels; see README-ebur128.md"
    )
    lines = [
        # no commas, so that tools that do not know '#' lines still see a single cell there
        "# " + note.replace(",", ";"),
        ",".join(columns),
    ]
    for channels, rate in CASES:
        x = signal(channels, rate, SECONDS)
        r = measure(x, rate)
        # lets the test check that it rebuilt the same samples before comparing any measurement
        r["sample_square_sum"] = float(np.sum(x.astype(np.float64) ** 2))
        row = [LAYOUTS[channels], str(rate), str(channels), str(SECONDS)]
        row += [repr(r[c]) for c in columns[4:]]
        lines.append(",".join(row))
        print(lines[-1], flush=True)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
