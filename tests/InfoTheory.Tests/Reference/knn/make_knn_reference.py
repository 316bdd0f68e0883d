#!/usr/bin/env python3
"""Independent reference values for the k-NN estimators (KL, weighted KL, KSG 1/2, Frenzel-Pompe CMI, WKV divergence).

Written separately from the C# code, at the level of the papers' formulas:
  Kozachenko-Leonenko entropy in the KSG-paper form  H = psi(N) - psi(k) + ln V_d + d * mean(ln rho_k)
      (V_d = unit-RADIUS ball volume: 2^d for the max-norm, pi^(d/2)/Gamma(d/2+1) Euclidean);
  weighted KL (Berrett, Samworth & Yuan, Ann. Statist. 2019): sum_j w_j H_j, w = least-norm solution of
      sum w = 1, sum_j w_j Gamma(j+2l/d)/Gamma(j) = 0 (l = 1..floor(d/4)), via numpy.linalg.lstsq;
  KSG estimators 1 and 2 (Kraskov, Stoegbauer & Grassberger, PRE 69, 066138, 2004), max-norm;
  Frenzel-Pompe conditional MI (PRL 99, 204101, 2007);
  Wang-Kulkarni-Verdu KL divergence (IEEE TIT 55(5), 2009): d*mean(ln nu_k/rho_k) + ln(m/(n-1)).
Neighbors by scipy.spatial.cKDTree (query with k+1 to skip the point itself; counts with query_ball_point at
r = nextafter(eps, 0) for the strict '<' of KSG 1, at r = eps for the '<=' of KSG 2); digamma/gammaln from scipy.special.
The KSG-1 value on the 1+1 data set is ALSO computed by scikit-learn 1.2.1's own internal function, called exactly as
    sklearn.feature_selection._mutual_info._compute_mi_cc(x, y, n_neighbors=3)
on the raw data (no noise added, no scaling; the public mutual_info_regression would scale and add noise); it clips
negatives to 0, which does not matter here (the value is positive).

Run: /usr/bin/python3 make_knn_reference.py   (Debian 12 python3 with numpy 1.24, scipy 1.10, scikit-learn 1.2.1)
Writes data-*.csv (inputs, full precision, one observation per row) and knn-reference.json (outputs, nats).
"""
import json
import platform

import numpy as np
import scipy
import sklearn
from scipy.spatial import cKDTree
from scipy.special import digamma, gammaln
from sklearn.feature_selection._mutual_info import _compute_mi_cc

rng = np.random.default_rng(20261123)


def save(name, a):
    a = np.asarray(a, dtype=float)
    if a.ndim == 1:
        a = a[:, None]
    np.savetxt(name, a, delimiter=",", fmt="%.17g")
    return a


def log_ball(d, p):
    return d * np.log(2.0) if p == np.inf else 0.5 * d * np.log(np.pi) - gammaln(d / 2 + 1)


def kl_terms(x, k, p):
    n, d = x.shape
    dist, _ = cKDTree(x).query(x, k=k + 1, p=p)
    # column 0 is the point itself (distance 0); column j is the j-th other neighbor
    return dist[:, 1:]


def kl_entropy(x, k, p):
    n, d = x.shape
    rho = kl_terms(x, k, p)[:, k - 1]
    return digamma(n) - digamma(k) + log_ball(d, p) + d * np.mean(np.log(rho))


def berrett_weights(d, k):
    L = d // 4
    A = np.ones((L + 1, k))
    j = np.arange(1, k + 1)
    for l in range(1, L + 1):
        A[l] = np.exp(gammaln(j + 2 * l / d) - gammaln(j))
    b = np.zeros(L + 1)
    b[0] = 1
    w, *_ = np.linalg.lstsq(A, b, rcond=None)  # least-norm solution of the underdetermined system
    return w


def wkl_entropy(x, k, p):
    n, d = x.shape
    w = berrett_weights(d, k)
    rho = kl_terms(x, k, p)
    j = np.arange(1, k + 1)
    hj = digamma(n) - digamma(j) + log_ball(d, p) + d * np.mean(np.log(rho), axis=0)
    return float(w @ hj), w


def strict_counts(z, eps):
    tree = cKDTree(z)
    r = np.nextafter(eps, 0)
    return np.array([len(tree.query_ball_point(z[i], r[i], p=np.inf)) for i in range(len(z))]) - 1


def ksg1(x, y, k):
    n = len(x)
    xy = np.hstack([x, y])
    eps = cKDTree(xy).query(xy, k=k + 1, p=np.inf)[0][:, k]
    nx, ny = strict_counts(x, eps), strict_counts(y, eps)
    return digamma(k) + digamma(n) - np.mean(digamma(nx + 1) + digamma(ny + 1))


def ksg2(x, y, k):
    n = len(x)
    xy = np.hstack([x, y])
    _, idx = cKDTree(xy).query(xy, k=k + 1, p=np.inf)
    idx = idx[:, 1:]
    ex = np.max(np.max(np.abs(x[idx] - x[:, None, :]), axis=2), axis=1)
    ey = np.max(np.max(np.abs(y[idx] - y[:, None, :]), axis=2), axis=1)
    tx, ty = cKDTree(x), cKDTree(y)
    nx = np.array([len(tx.query_ball_point(x[i], ex[i], p=np.inf)) for i in range(n)]) - 1
    ny = np.array([len(ty.query_ball_point(y[i], ey[i], p=np.inf)) for i in range(n)]) - 1
    return digamma(k) - 1.0 / k + digamma(n) - np.mean(digamma(nx) + digamma(ny))


def cmi_fp(x, y, z, k):
    xyz = np.hstack([x, y, z])
    eps = cKDTree(xyz).query(xyz, k=k + 1, p=np.inf)[0][:, k]
    nxz = strict_counts(np.hstack([x, z]), eps)
    nyz = strict_counts(np.hstack([y, z]), eps)
    nz = strict_counts(z, eps)
    return digamma(k) - np.mean(digamma(nxz + 1) + digamma(nyz + 1) - digamma(nz + 1))


def wkv(p, q, k):
    n, d = p.shape
    m = len(q)
    rho = cKDTree(p).query(p, k=k + 1)[0][:, k]
    nu = cKDTree(q).query(p, k=k)[0]
    nu = nu[:, k - 1] if k > 1 else nu
    return d * np.mean(np.log(nu / rho)) + np.log(m / (n - 1))


out = {}
# 1+1: KSG-1 against scikit-learn's own function.
x1 = rng.normal(size=200)
y1 = 0.8 * x1 + 0.6 * rng.normal(size=200)
save("data-x1.csv", x1)
save("data-y1.csv", y1)
out["sklearn_ksg1_1v1_k3"] = float(_compute_mi_cc(x1.copy(), y1.copy(), n_neighbors=3))
out["ksg1_1v1_k3"] = float(ksg1(x1[:, None], y1[:, None], 3))
out["ksg2_1v1_k3"] = float(ksg2(x1[:, None], y1[:, None], 3))

# 2+2: KSG 1 and 2.
x2 = rng.normal(size=(300, 2))
y2 = np.tanh(x2 @ np.array([[1.0, -0.5], [0.3, 0.8]])) + 0.4 * rng.normal(size=(300, 2))
save("data-x2.csv", x2)
save("data-y2.csv", y2)
for k in (1, 3, 5):
    out[f"ksg1_2v2_k{k}"] = float(ksg1(x2, y2, k))
    out[f"ksg2_2v2_k{k}"] = float(ksg2(x2, y2, k))

# Entropy, d = 3 and d = 5.
e3 = save("data-e3.csv", rng.normal(size=(300, 3)) @ np.array([[1.0, 0.2, 0.0], [0.0, 0.7, 0.3], [0.0, 0.0, 1.5]]))
for k in (1, 3, 5):
    out[f"kl_e3_euclid_k{k}"] = float(kl_entropy(e3, k, 2))
    out[f"kl_e3_max_k{k}"] = float(kl_entropy(e3, k, np.inf))
e5 = save("data-e5.csv", rng.uniform(size=(300, 5)))
out["kl_e5_euclid_k3"] = float(kl_entropy(e5, 3, 2))
for k in (2, 4, 8):
    v, w = wkl_entropy(e5, k, 2)
    out[f"wkl_e5_euclid_k{k}"] = v
    out[f"weights_d5_k{k}"] = [float(t) for t in w]
v, w = wkl_entropy(e5, 4, np.inf)
out["wkl_e5_max_k4"] = v
for d, k in ((8, 3), (8, 10), (12, 6), (16, 12)):
    out[f"weights_d{d}_k{k}"] = [float(t) for t in berrett_weights(d, k)]

# Conditional MI, 1+1+1.
z = rng.normal(size=(300, 1))
cx = z + 0.5 * rng.normal(size=(300, 1))
cy = z + 0.3 * cx + 0.5 * rng.normal(size=(300, 1))
save("data-cx.csv", cx)
save("data-cy.csv", cy)
save("data-cz.csv", z)
out["cmi_fp_k3"] = float(cmi_fp(cx, cy, z, 3))
out["cmi_fp_k5"] = float(cmi_fp(cx, cy, z, 5))

# Divergence, d = 2.
p = save("data-p.csv", rng.normal(size=(250, 2)))
q = save("data-q.csv", rng.normal(size=(300, 2)) * np.array([1.5, 0.8]) + np.array([0.5, 0.0]))
for k in (1, 3):
    out[f"wkv_pq_k{k}"] = float(wkv(p, q, k))

out["provenance"] = {
    "script": "make_knn_reference.py",
    "python": platform.python_version(),
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "scikit-learn": sklearn.__version__,
    "sklearn_call": "sklearn.feature_selection._mutual_info._compute_mi_cc(x, y, n_neighbors=3) on data-x1.csv, data-y1.csv",
}
with open("knn-reference.json", "w") as f:
    json.dump(out, f, indent=1)
print(json.dumps({k: v for k, v in out.items() if not k.startswith("weights")}, indent=1))
