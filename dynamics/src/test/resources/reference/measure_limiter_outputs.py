#!/usr/bin/python3
"""Measures the true peak of the limiter's reference outputs with Debian's libebur128.

Usage (from the repository root, after `mvn -B -pl dynamics -am test-compile`):
    java -cp <dynamics test classpath> io.github.mixwright.dynamics.LimiterReferenceCases /tmp/limref
    /usr/bin/python3 dynamics/src/test/resources/reference/measure_limiter_outputs.py /tmp/limref

Reads cases.csv and case-N.f32 (raw interleaved little-endian float32) from the folder, feeds each
to libebur128 (ctypes, EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_SAMPLE_PEAK, 4096-frame blocks) and
writes limiter-ebur128.csv beside this script. See README-limiter-ebur128.md.
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
            x = np.fromfile(os.path.join(folder, f"case-{n}.f32"), dtype="<f4").reshape(-1, channels)
            tp, sp = peaks(x, rate)
            rows.append([n, rate, channels, row["ceiling_dbtp"], row["crc32"], repr(tp), repr(sp)])
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "limiter-ebur128.csv")
    with open(out, "w", newline="") as f:
        f.write(f"# libebur128 {version('libebur128-1')} (Debian) true peak of the limiter's reference outputs;"
                f" made by measure_limiter_outputs.py on {datetime.date.today()}\n")
        w = csv.writer(f)
        w.writerow(["case", "rate", "channels", "ceiling_dbtp", "crc32", "ebur128_true_peak_dbtp",
                    "ebur128_sample_peak_dbfs"])
        w.writerows(rows)
    worst = max(float(r[5]) - float(r[3]) for r in rows)
    print(f"{len(rows)} cases; worst libebur128 true peak relative to the ceiling: {worst:+.4f} dB")


if __name__ == "__main__":
    main()
