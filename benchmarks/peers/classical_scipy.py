#!/usr/bin/env python3
"""Peers for benchmarks/InfoTheory.Benchmarks/ClassicalBenchmarks.cs (run beside it on the same machine).

1. scipy.stats.gaussian_kde (Scott, H = h^2 * cov) resubstitution entropy -mean(logpdf(x)) of N = 10,000 2-D normals
   (rho = 0.6): the same estimator as Entropy.Kde(x).
2. Binning MI of N = 100,000 samples, 2 + 2 dimensions, 30 equal bins per column over its own range:
   numpy.histogramdd of x, y and (x, y) and scipy.stats.entropy of the occupied cells.
Prints the best of 3 wall-clock runs of each.  Run: /usr/bin/python3 benchmarks/peers/classical_scipy.py
"""
import time

import numpy as np
import scipy
from scipy.stats import entropy, gaussian_kde


def best(f, repeats=3):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - t)
    return min(times), value


rng = np.random.default_rng(1)
x = rng.multivariate_normal([0, 0], [[1, 0.6], [0.6, 1]], size=10_000)
t, h = best(lambda: -np.mean(gaussian_kde(x.T).logpdf(x.T)))
print(f"scipy {scipy.__version__} gaussian_kde resubstitution entropy, N=10000, d=2: {t * 1e3:.0f} ms (H = {h:.4f} nats)")

cov = [[1, 0.5, 0.3, 0], [0.5, 1, 0, 0.2], [0.3, 0, 1, 0.4], [0, 0.2, 0.4, 1]]
j = rng.multivariate_normal(np.zeros(4), cov, size=100_000)


def hist_entropy(data):
    counts, _ = np.histogramdd(data, bins=30, range=[(c.min(), c.max()) for c in data.T])
    counts = counts.ravel()
    return entropy(counts[counts > 0])


t, mi = best(lambda: hist_entropy(j[:, :2]) + hist_entropy(j[:, 2:]) - hist_entropy(j))
print(f"numpy {np.__version__} histogramdd binning MI, N=100000, 2+2 dims, 30 bins: {t * 1e3:.0f} ms (I = {mi:.4f} nats)")
