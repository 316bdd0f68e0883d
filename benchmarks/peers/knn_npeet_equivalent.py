#!/usr/bin/env python3
"""Peer timings for KSG estimator 1 (k = 3, max-norm), for benchmarks/InfoTheory.Benchmarks/KnnBenchmarks.cs.

NPEET (github.com/gregversteeg/NPEET) is not on PyPI and cannot be installed here, so this script follows its
algorithm step by step (written from its description, not copied): add 1e-10 noise, build scipy cKDTree on the joint
points and query k+1 neighbors with p=inf; count marginal neighbors with cKDTree.query_ball_point(r - 1e-15, p=inf,
return_length=True); I = psi(k) + psi(N) - <psi(nx) + psi(ny)> (NPEET's counts include the point itself, so psi(nx) is
psi(nx_other + 1)). The second peer is scikit-learn's mutual_info_regression (KSG 1 as well; it scales each feature and
adds noise, and handles only one-dimensional targets, so it is timed on the first column of Y, which does less work).

Data: the same recipe as the C# benchmark: X ~ N(0, I_d), Y = X + 0.5·noise (seeded numpy, seed 1).
Run: /usr/bin/python3 benchmarks/peers/knn_npeet_equivalent.py   (numpy 1.24, scipy 1.10, scikit-learn 1.2.1)
Prints the median of 5 runs per case.
One-shot (whole-process timings, scripts/startup-timings.sh): knn_npeet_equivalent.py X.npy Y.npy prints I in nats once.
"""
import sys
import time

import numpy as np
from scipy.spatial import cKDTree
from scipy.special import digamma


def npeet_style_ksg(x, y, k=3, intens=1e-10, rng=None):
    rng = rng or np.random.default_rng(0)
    x = x + intens * rng.random(x.shape)
    y = y + intens * rng.random(y.shape)
    points = np.hstack([x, y])
    tree = cKDTree(points)
    dvec = tree.query(points, k + 1, p=np.inf)[0][:, k]
    nx = cKDTree(x).query_ball_point(x, dvec - 1e-15, p=np.inf, return_length=True)
    ny = cKDTree(y).query_ball_point(y, dvec - 1e-15, p=np.inf, return_length=True)
    n = len(x)
    return digamma(k) + digamma(n) - np.mean(digamma(nx) + digamma(ny))


def median_time(f, repeats=5):
    """Median wall-clock seconds and median CPU seconds (process_time) over the repeats, and the last value."""
    walls, cpus = [], []
    value = None
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        value = f()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return float(np.median(walls)), float(np.median(cpus)), value


def data(n, d):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(n, d))
    y = x + 0.5 * rng.normal(size=(n, d))
    return x, y


def main():
    from sklearn.feature_selection import mutual_info_regression  # only here: the one-shot run imports what NPEET does

    for n, d in ((50_000, 2), (10_000, 8)):
        x, y = data(n, d)
        t, c, v = median_time(lambda: npeet_style_ksg(x, y))
        print(f"NPEET-equivalent KSG1  N={n} d={d}+{d} k=3: wall {t:.3f} s, CPU {c:.3f} s  (I = {v:.4f} nats)")
        t, c, v = median_time(lambda: mutual_info_regression(x, y[:, 0], n_neighbors=3, random_state=0)[0], repeats=3)
        print(f"sklearn mutual_info_regression  N={n} X d={d}, y 1 column (per-feature MI, {d} KSG runs of 1+1): wall {t:.3f} s, CPU {c:.3f} s")


if __name__ == "__main__":
    if len(sys.argv) == 3:
        print(f"I = {npeet_style_ksg(np.load(sys.argv[1]), np.load(sys.argv[2])):.4f} nats")
    else:
        main()
