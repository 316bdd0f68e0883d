#!/usr/bin/env python3
"""Independent reference values for the matrix-based Rényi estimators.

A straightforward NumPy transcription of the papers' definitions, written separately from the C# code:
  Sanchez Giraldo, Rao & Principe, IEEE TIT 61(1) 2015 (S_alpha of the normalised Gram matrix);
  Yu, Sanchez Giraldo, Jenssen & Principe, IEEE TPAMI 42(11) 2020 (Hadamard joint entropy);
  Yu, Wickstrom, Jenssen & Principe, IEEE TNNLS 32(1) 2021 (MMI eq. 5, RST, WNRI).
Gram: K_ij = exp(-||x_i - x_j||^2 / (2 sigma^2)), A = K / (N sqrt(K_ii K_jj)) = K / N; eigenvalues by
numpy.linalg.eigvalsh (LAPACK), negatives clipped to 0. Values written in nats.

Run (Debian 12: apt-get install python3-numpy):  /usr/bin/python3 make_reference.py
It writes reference-data-*.csv (inputs, full precision) and reference-values.json (outputs).
"""
import json
import platform
import sys

import numpy as np


def sq_dists(x):
    diff = x[:, None, :] - x[None, :, :]
    return np.einsum("ijk,ijk->ij", diff, diff)


def unit_gram(x, sigma):
    return np.exp(-sq_dists(x) / (2.0 * sigma * sigma))


def renyi(k, alpha):
    n = k.shape[0]
    a = k / np.trace(k)
    lam = np.clip(np.linalg.eigvalsh(a), 0.0, None)
    lam = lam[lam > 0]
    if alpha == 1.0:
        return float(-np.sum(lam * np.log(lam)))
    return float(np.log(np.sum(lam ** alpha)) / (1.0 - alpha))


def silverman(n, d, h):
    return h * n ** (-1.0 / (4 + d))


def main():
    rng = np.random.default_rng(20261123)
    out = {"generator": "tests/InfoTheory.Tests/Reference/make_reference.py",
           "numpy": np.__version__, "python": sys.version.split()[0], "platform": platform.platform(),
           "units": "nats", "cases": []}

    # Case 1: X 60x3 Gaussian; Y = tanh(X W) + noise, 60x2.
    n = 60
    x = rng.standard_normal((n, 3))
    y = np.tanh(x @ rng.standard_normal((3, 2))) + 0.3 * rng.standard_normal((n, 2))
    np.savetxt("reference-data-x.csv", x, delimiter=",", fmt="%.17g")
    np.savetxt("reference-data-y.csv", y, delimiter=",", fmt="%.17g")
    for alpha in (0.5, 1.0, 1.01, 2.0, 3.0):
        for rule, c in (("silverman", 5.0), ("scott", 2.0), ("fixed", 1.3)):
            sx = c if rule == "fixed" else silverman(n, 3, c)
            sy = c if rule == "fixed" else silverman(n, 2, c)
            kx, ky = unit_gram(x, sx), unit_gram(y, sy)
            hx, hy, hxy = renyi(kx, alpha), renyi(ky, alpha), renyi(kx * ky, alpha)
            out["cases"].append({"kind": "pair", "alpha": alpha, "rule": rule, "param": c,
                                 "sigma_x": sx, "sigma_y": sy, "h_x": hx, "h_y": hy, "h_xy": hxy,
                                 "mi": hx + hy - hxy})

    # Case 2: a layer of C=4 maps of 3x3 for N=40 inputs of dimension 5 (NCHW order), PID and MMI.
    n, c, hw = 40, 4, 9
    xin = rng.standard_normal((n, 5))
    layer = np.maximum(0, np.einsum("nd,dcm->ncm", xin, rng.standard_normal((5, c, hw)))) + 0.1 * rng.standard_normal((n, c, hw))
    np.savetxt("reference-data-pid-x.csv", xin, delimiter=",", fmt="%.17g")
    np.savetxt("reference-data-pid-layer.csv", layer.reshape(n, c * hw), delimiter=",", fmt="%.17g")
    for alpha in (1.01, 2.0):
        sx = silverman(n, 5, 5.0)
        kx = unit_gram(xin, sx)
        ks = [unit_gram(layer[:, p, :], silverman(n, hw, 5.0)) for p in range(c)]
        hx = renyi(kx, alpha)
        mi = [hx + renyi(kp, alpha) - renyi(kp * kx, alpha) for kp in ks]
        pairs = []
        for i in range(c):
            for j in range(i + 1, c):
                kij = ks[i] * ks[j]
                iij = hx + renyi(kij, alpha) - renyi(kij * kx, alpha)
                pairs.append({"i": i, "j": j, "i_x_tij": iij,
                              "rst": mi[i] + mi[j] - iij, "wnri": 2 * iij - mi[i] - mi[j]})
        kall = np.prod(np.stack(ks), axis=0)
        mmi = hx + renyi(kall, alpha) - renyi(kall * kx, alpha)
        kwhole = unit_gram(layer.reshape(n, c * hw), silverman(n, c * hw, 5.0))
        mmi_tensor = hx + renyi(kwhole, alpha) - renyi(kwhole * kx, alpha)
        out["cases"].append({"kind": "pid", "alpha": alpha, "mmi": mmi, "mmi_tensor": mmi_tensor,
                             "map_information": mi, "pairs": pairs,
                             "rst": float(np.mean([p["rst"] for p in pairs])),
                             "wnri": float(np.mean([p["wnri"] for p in pairs])),
                             "rst_pct": float(np.mean([100 * p["rst"] / p["i_x_tij"] for p in pairs])),
                             "wnri_pct": float(np.mean([100 * p["wnri"] / p["i_x_tij"] for p in pairs]))})

    with open("reference-values.json", "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
