#!/usr/bin/python3
"""Writes butterworth.csv: Butterworth responses from scipy.signal.butter, as reference data for
ButterworthReferenceTest. Responses (not raw sections) are compared, because scipy pairs and orders
the sections differently from Mixwright's Butterworth.

Run from this directory:  /usr/bin/python3 make_butterworth.py > butterworth.csv
"""
import sys

import numpy as np
import scipy
from scipy import signal

RATES = [44100.0, 48000.0, 96000.0]
ORDERS = [1, 2, 3, 4, 5, 8, 11, 16]
CUTOFFS = [30.0, 1000.0, 12000.0]
POINTS = 16


def main():
    out = sys.stdout
    out.write("# scipy %s, numpy %s: scipy.signal.butter(N, hz, btype, output='sos', fs=fs), sosfreqz\n"
              % (scipy.__version__, np.__version__))
    out.write("type,order,fs,cutoff,hz,magnitude_db,phase_rad\n")
    for fs in RATES:
        freqs = np.geomspace(10.0, 0.49 * fs, POINTS)
        for btype in ("lowpass", "highpass"):
            for order in ORDERS:
                for cutoff in CUTOFFS:
                    sos = signal.butter(order, cutoff, btype=btype, output="sos", fs=fs)
                    hz = np.append(freqs, cutoff)
                    _, h = signal.sosfreqz(sos, worN=hz, fs=fs)
                    for f, v in zip(hz, h):
                        out.write("%s,%d,%.1f,%.1f,%.17g,%.17g,%.17g\n"
                                  % (btype, order, fs, cutoff, f, 20 * np.log10(abs(v)), np.angle(v)))


if __name__ == "__main__":
    main()
