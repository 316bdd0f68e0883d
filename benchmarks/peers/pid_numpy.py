#!/usr/bin/env python3
"""Peer run: a straightforward NumPy PID pass, the way research scripts do it.

C = 16 feature maps of 14x14, batch N = 128, input X of 784 dimensions, alpha = 1.01, all 120 pairs;
Gaussian kernel exp(-||x-y||^2/(2 sigma^2)), sigma = 5 N^(-1/(4+d)), A = K/N, eigenvalues by numpy.linalg.eigvalsh.
Same data recipe and work as benchmarks/InfoTheory.Benchmarks/PidBenchmarks.cs.

Run (Debian 12: apt-get install python3-numpy):  /usr/bin/python3 benchmarks/peers/pid_numpy.py
Prints the median of 7 timed passes after one warm-up.
One-shot (whole-process timings, scripts/startup-timings.sh): pid_numpy.py X.npy LAYER.npy runs one pass and prints it.
"""
import sys
import time

import numpy as np


def gram(x, h=5.0):
    n, d = x.shape
    sigma = h * n ** (-1.0 / (4 + d))
    sq = np.sum(x * x, axis=1)
    d2 = np.maximum(sq[:, None] + sq[None, :] - 2 * x @ x.T, 0)
    return np.exp(-d2 / (2 * sigma * sigma)) / n


def renyi(a, alpha=1.01):
    a = a / np.trace(a)
    lam = np.clip(np.linalg.eigvalsh(a), 0, None)
    return np.log2(np.sum(lam ** alpha)) / (1 - alpha)


def pid_pass(x, layer):
    b = gram(x)
    maps = [gram(layer[:, c].reshape(len(x), -1)) for c in range(layer.shape[1])]
    hx = renyi(b)
    mi = [hx + renyi(a) - renyi(a * b) for a in maps]
    rst, wnri = [], []
    for i in range(len(maps)):
        for j in range(i + 1, len(maps)):
            aij = maps[i] * maps[j]
            iij = hx + renyi(aij) - renyi(aij * b)
            rst.append(mi[i] + mi[j] - iij)
            wnri.append(2 * iij - mi[i] - mi[j])
    return np.mean(rst), np.mean(wnri)


def main():
    rng = np.random.default_rng(1)
    x = rng.random((128, 784))
    layer = np.maximum(0, rng.standard_normal((128, 16, 14, 14)))
    pid_pass(x, layer)
    times = []
    for _ in range(7):
        t = time.perf_counter()
        pid_pass(x, layer)
        times.append(time.perf_counter() - t)
    print(f"numpy {np.__version__}: PID pass C=16 14x14 N=128 alpha=1.01 120 pairs: median {np.median(times):.3f} s (min {min(times):.3f})")


if __name__ == "__main__":
    if len(sys.argv) == 3:
        rst, wnri = pid_pass(np.load(sys.argv[1]), np.load(sys.argv[2]))
        print(f"RST = {rst:.4f} bits, WNRI = {wnri:.4f} bits (mean over pairs)")
    else:
        main()
