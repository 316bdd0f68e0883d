#!/usr/bin/env python3
"""Independent reference values for the classical (non-k-NN) estimators of InfoTheory.

Every value comes from a library written independently of the C# code, or from a direct NumPy transcription of the
published formula:
  discrete entropy      scipy.stats.entropy(counts)                  (plug-in, nats)
  Miller-Madow          scipy.stats.entropy(counts) + (m - 1)/(2N)   (Miller 1955)
  discrete MI           sklearn.metrics.mutual_info_score(x, y)      (plug-in, nats)
  binned entropy        numpy.histogramdd over each column's [min, max] -> scipy.stats.entropy
  binned MI             numpy.histogramdd of x, of y, of (x, y) (x and y each over their own ranges) -> entropies
  discrete KL           scipy.stats.entropy(p, q)                    (normalises p and q)
  KDE entropy           scipy.stats.gaussian_kde(data.T, bw_method=...) ; -mean(logpdf(data.T))  (resubstitution);
                        leave-one-out: NumPy + logsumexp over j != i with scipy's H = kde.covariance
  Gaussian fit          numpy.cov (ddof=1) + numpy.linalg.slogdet
  Kolchinsky-Tracey     NumPy + scipy.special.logsumexp of -||h_i - h_j||^2/(2 s2) (upper) and /(8 s2) (lower),
                        I = -mean_i logsumexp_j(-D_ij) + log N  (Kolchinsky & Tracey 2017; Saxe et al. 2018 kde.py)
Run:  /usr/bin/python3 make_classical_reference.py   (writes classical-reference.json beside this script)
"""
import json
import os
import platform
import sys

import numpy as np
import scipy
import sklearn
from scipy.special import logsumexp
from scipy.stats import entropy, gaussian_kde
from sklearn.metrics import mutual_info_score

rng = np.random.default_rng(20261123)
cases = {}

# --- discrete entropy and Miller-Madow ---
disc = []
for n, m, alpha in [(1000, 7, 1.0), (50, 20, 0.3), (3000, 3, 5.0), (200, 100, 1.0)]:
    p = rng.dirichlet(alpha * np.ones(m))
    x = rng.choice(m, size=n, p=p) * 3 - 5   # arbitrary integer labels
    _, counts = np.unique(x, return_counts=True)
    h = entropy(counts)
    disc.append({"symbols": x.tolist(), "entropy": float(h),
                 "miller_madow": float(h + (len(counts) - 1) / (2.0 * n))})
cases["discrete_entropy"] = disc

# --- discrete MI (sklearn) ---
dmi = []
for n, mx, my, coupling in [(500, 4, 5, 0.7), (2000, 10, 3, 0.0), (100, 6, 6, 0.9)]:
    x = rng.integers(0, mx, size=n)
    y = np.where(rng.random(n) < coupling, x % my, rng.integers(0, my, size=n))
    dmi.append({"x": x.tolist(), "y": y.tolist(), "mi": float(mutual_info_score(x, y))})
cases["discrete_mi"] = dmi


def hist_entropy(data, bins):
    ranges = [(c.min(), c.max()) for c in data.T]
    ranges = [(lo, hi) if hi > lo else (lo - 0.5, hi + 0.5) for lo, hi in ranges]
    counts, _ = np.histogramdd(data, bins=bins, range=ranges)
    counts = counts.ravel()
    return float(entropy(counts[counts > 0]))


# --- binned entropy and MI (numpy.histogramdd) ---
binned = []
for n, dx, dy, bins in [(1000, 1, 1, 30), (3000, 2, 1, 10), (500, 2, 2, 5)]:
    x = rng.normal(size=(n, dx))
    y = np.tanh(x.sum(axis=1, keepdims=True) + 0.5 * rng.normal(size=(n, dy)))
    hx, hy = hist_entropy(x, bins), hist_entropy(y, bins)
    hxy = hist_entropy(np.hstack([x, y]), bins)  # same per-column ranges as the marginals
    binned.append({"x": x.ravel().tolist(), "dx": dx, "y": y.ravel().tolist(), "dy": dy, "bins": bins,
                   "h_x": hx, "h_y": hy, "mi": hx + hy - hxy})
cases["binned"] = binned

# --- discrete KL ---
kl = []
for m in [3, 10, 40]:
    p = rng.random(m) * 5
    q = rng.random(m) * 5 + 0.01
    kl.append({"p": p.tolist(), "q": q.tolist(), "kl": float(entropy(p, q))})
cases["discrete_kl"] = kl

# --- KDE resubstitution entropy (scipy gaussian_kde) ---
kde = []
for n, d, rule in [(400, 1, "scott"), (300, 2, "scott"), (250, 3, "scott"), (250, 1, "silverman"), (200, 2, 0.5)]:
    a = rng.normal(size=(d, d))
    data = rng.standard_t(df=5, size=(n, d)) @ a.T + rng.normal(size=d)
    k = gaussian_kde(data.T, bw_method=rule)
    # Leave-one-out: a direct NumPy transcription with scipy's bandwidth matrix H = k.covariance (= factor^2 * cov),
    # log K_H(x_i - x_j) = -(x_i - x_j)' H^-1 (x_i - x_j)/2 - log det(2 pi H)/2, log-sum-exp over j != i.
    diff = data[:, None, :] - data[None, :, :]
    q = np.einsum("ijk,kl,ijl->ij", diff, np.linalg.inv(k.covariance), diff)
    logk = -0.5 * q - 0.5 * np.linalg.slogdet(2 * np.pi * k.covariance)[1]
    np.fill_diagonal(logk, -np.inf)
    log_loo = logsumexp(logk, axis=1) - np.log(n - 1)
    kde.append({"data": data.ravel().tolist(), "d": d, "rule": rule if isinstance(rule, str) else "fixed",
                "factor": float(k.factor), "entropy": float(-np.mean(k.logpdf(data.T))),
                "entropy_loo": float(-np.mean(log_loo))})
cases["kde"] = kde

# --- Gaussian fit ---
gf = []
for n, dx, dy in [(500, 2, 1), (800, 2, 3)]:
    a = rng.normal(size=(dx + dy, dx + dy))
    data = rng.normal(size=(n, dx + dy)) @ a.T
    cov = np.cov(data.T, ddof=1)
    ld = np.linalg.slogdet(cov)[1]
    ldx = np.linalg.slogdet(cov[:dx, :dx])[1]
    ldy = np.linalg.slogdet(cov[dx:, dx:])[1]
    d = dx + dy
    gf.append({"data": data.ravel().tolist(), "dx": dx, "dy": dy,
               "entropy": float(0.5 * (d * np.log(2 * np.pi * np.e) + ld)),
               "entropy_ml": float(0.5 * (d * np.log(2 * np.pi * np.e) + np.linalg.slogdet(np.cov(data.T, ddof=0))[1])),
               "mi": float(0.5 * (ldx + ldy - ld))})
cases["gaussian_fit"] = gf

# --- Kolchinsky-Tracey bounds ---
kt = []
for n, d, s2 in [(200, 3, 0.1), (300, 5, 1e-3), (150, 2, 1.0)]:
    h = np.tanh(rng.normal(size=(n, d)))
    sq = ((h[:, None, :] - h[None, :, :]) ** 2).sum(-1)
    upper = float(np.log(n) - np.mean(logsumexp(-sq / (2 * s2), axis=1)))
    lower = float(np.log(n) - np.mean(logsumexp(-sq / (8 * s2), axis=1)))
    kt.append({"h": h.ravel().tolist(), "d": d, "noise_variance": s2, "upper": upper, "lower": lower})
cases["kolchinsky_tracey"] = kt

out = {
    "generator": "tests/InfoTheory.Tests/Reference/classical/make_classical_reference.py",
    "python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
    "scikit-learn": sklearn.__version__, "units": "nats", "cases": cases,
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "classical-reference.json"), "w") as f:
    json.dump(out, f)
print("written", {k: len(v) for k, v in cases.items()}, file=sys.stderr)
