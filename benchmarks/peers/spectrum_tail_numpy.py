#!/usr/bin/env python3
"""Why no low-rank bound reaches 0.01 bits on MNIST at sigma = 5 (issue #16's first target).

The exact spectrum of the unit-diagonal Gaussian Gram of the 10,000 embedded MNIST digits (pixels / 255, sigma = 5),
S_1.01 and S_2 in bits, the trace share left outside the best rank-r approximation (Eckart-Young: the exact top-r
eigenvalues), and the best certified interval the library's bounds (SpectrumBounds) could give from those top-r
eigenvalues, the residual trace and ||K||_F^2. numpy.linalg.eigvalsh (LAPACK dsyevd, Debian OpenBLAS); about 9 minutes
on 2 cores.

Run:  /usr/bin/python3 benchmarks/peers/spectrum_tail_numpy.py [N]
"""
import gzip
import sys
import time

import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
sigma = 5.0
with gzip.open("src/InfoTheory.TorchSharp/Data/mnist-10k/images-idx3-ubyte.gz") as f:
    raw = f.read()
x = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784)[:n].astype(np.float64) / 255
sq = (x * x).sum(1)
k = np.exp(-np.maximum(sq[:, None] + sq[None, :] - 2 * x @ x.T, 0) / (2 * sigma * sigma))
np.fill_diagonal(k, 1.0)
frob = float((k * k).sum())
t = time.perf_counter()
lam = np.clip(np.linalg.eigvalsh(k)[::-1], 0, None)
print(f"N = {n}, sigma = {sigma}: eigvalsh {time.perf_counter() - t:.1f} s")


def renyi(v, a):
    p = v[v > 0] / v.sum()
    return -(p * np.log2(p)).sum() if a == 1 else np.log2((p ** a).sum()) / (1 - a)


def waterfill(nu, t):
    v = np.sort(np.concatenate([nu, np.zeros(n - len(nu))]))
    cs = np.cumsum(v)
    for m in range(1, n + 1):
        level = (t + cs[m - 1]) / m
        if m == n or level <= v[m]:
            break
    v[:m] = level
    return v


exact = renyi(lam, 1.01)
print(f"S_1.01 = {exact:.4f} bits, S_2 = {renyi(lam, 2):.4f} bits, log2 N = {np.log2(n):.4f}")
for r in (100, 300, 1000, 2000, 2500, 5000):
    nu, t = lam[:r], n - lam[:r].sum()
    g = max(0.0, frob - (nu * nu).sum())
    c = np.diff(np.concatenate([[0], np.minimum(t, np.sqrt(np.arange(1, n + 1) * g))]))
    lower = max(renyi(np.concatenate([nu, np.zeros(n - r)]) + c, 1.01), renyi(lam, 2))
    upper = renyi(waterfill(nu, t), 1.01)
    print(f"r = {r:5d}: trace outside {t / n:.4f}, best interval [{lower:.4f}, {upper:.4f}] bits, width {upper - lower:.4f}")
