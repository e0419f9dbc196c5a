#!/usr/bin/python3
"""Measures the limiter's fixed reference inputs with Debian's libebur128.

Usage (from the repository root, after `mvn -B -pl dynamics -am test-compile`):
    java -cp <dynamics test classpath> io.github.mixwright.dynamics.LimiterReferenceCases /tmp/limref
    /usr/bin/python3 dynamics/src/test/resources/reference/measure_limiter_cases.py /tmp/limref

Reads cases.csv and input-N.f32 (raw interleaved little-endian float32) from the folder, feeds each
to libebur128 (ctypes, EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_SAMPLE_PEAK, 4096-frame blocks) and
writes limiter-ebur128.csv beside this script. The inputs depend only on the test code, so the CSV
stays valid when the limiter changes. It also reads output-N.f32, the present limiter's outputs, and
prints libebur128's worst true peak of them relative to the ceiling: a one-off check, not stored.
See README-limiter-ebur128.md.
"""
import csv
import ctypes
import datetime
import math
import os
import subprocess
import sys

import numpy as np

MODE_SAMPLE_PEAK = 1 << 4 | 1
MODE_TRUE_PEAK = 1 << 4 | 1 << 5 | 1

lib = ctypes.CDLL("libebur128.so.1")
lib.ebur128_init.restype = ctypes.c_void_p
lib.ebur128_init.argtypes = [ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
lib.ebur128_destroy.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
lib.ebur128_add_frames_float.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_float), ctypes.c_size_t]
lib.ebur128_true_peak.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.POINTER(ctypes.c_double)]
lib.ebur128_sample_peak.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.POINTER(ctypes.c_double)]


def peaks(x, rate):
    """(true peak, sample peak) in dB over all channels of x (frames x channels, float32)."""
    channels = x.shape[1]
    st = lib.ebur128_init(channels, rate, MODE_TRUE_PEAK | MODE_SAMPLE_PEAK)
    if not st:
        raise RuntimeError("ebur128_init failed")
    try:
        for at in range(0, x.shape[0], 4096):
            chunk = np.ascontiguousarray(x[at:at + 4096])
            if lib.ebur128_add_frames_float(st, chunk.ctypes.data_as(ctypes.POINTER(ctypes.c_float)), len(chunk)):
                raise RuntimeError("ebur128_add_frames_float failed")
        tp = sp = 0.0
        for c in range(channels):
            v = ctypes.c_double()
            lib.ebur128_true_peak(st, c, ctypes.byref(v))
            tp = max(tp, v.value)
            lib.ebur128_sample_peak(st, c, ctypes.byref(v))
            sp = max(sp, v.value)
        return 20 * math.log10(tp), 20 * math.log10(sp)
    finally:
        p = ctypes.c_void_p(st)
        lib.ebur128_destroy(ctypes.byref(p))


def version(package):
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def main():
    folder = sys.argv[1]
    rows = []
    with open(os.path.join(folder, "cases.csv")) as f:
        for row in csv.DictReader(f):
            n, rate, channels = int(row["case"]), int(row["rate"]), int(row["channels"])
            x = np.fromfile(os.path.join(folder, f"input-{n}.f32"), dtype="<f4").reshape(-1, channels)
            tp, sp = peaks(x, rate)
            y = np.fromfile(os.path.join(folder, f"output-{n}.f32"), dtype="<f4").reshape(-1, channels)
            out_tp, _ = peaks(y, rate)
            rows.append([n, rate, channels, row["ceiling_dbtp"], row["input_crc32"], repr(tp), repr(sp), out_tp])
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "limiter-ebur128.csv")
    with open(out, "w", newline="") as f:
        f.write(f"# libebur128 {version('libebur128-1')} (Debian) true and sample peak of the limiter's reference"
                f" inputs; made by measure_limiter_cases.py on {datetime.date.today()}\n")
        w = csv.writer(f)
        w.writerow(["case", "rate", "channels", "ceiling_dbtp", "input_crc32", "ebur128_input_true_peak_dbtp",
                    "ebur128_input_sample_peak_dbfs"])
        w.writerows(r[:7] for r in rows)
    lowest = min(float(r[5]) - float(r[3]) for r in rows)
    worst = max(r[7] - float(r[3]) for r in rows)
    print(f"{len(rows)} cases; inputs at least {lowest:+.4f} dB over their ceiling (libebur128);"
          f" present outputs at worst {worst:+.4f} dB relative to the ceiling (libebur128, not stored)")


if __name__ == "__main__":
    main()
