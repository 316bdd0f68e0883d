#!/usr/bin/env python3
"""Peer run: numpy.linalg.eigvalsh (LAPACK dsyevd via Debian's OpenBLAS) on the benchmark's Gram matrices.

Run:  /usr/bin/python3 benchmarks/peers/eigvalsh_numpy.py
"""
import time

import numpy as np

for n in (128, 512, 2048, 4096):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((n, 10))
    sigma = 5 * n ** (-1 / 14)
    sq = np.sum(x * x, 1)
    a = np.exp(-np.maximum(sq[:, None] + sq[None, :] - 2 * x @ x.T, 0) / (2 * sigma * sigma)) / n
    np.linalg.eigvalsh(a)
    reps = 5 if n <= 2048 else 3
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        np.linalg.eigvalsh(a)
        times.append(time.perf_counter() - t)
    print(f"numpy {np.__version__} eigvalsh n={n}: median {np.median(times) * 1000:.1f} ms")
