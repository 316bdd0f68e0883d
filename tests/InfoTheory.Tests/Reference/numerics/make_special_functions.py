#!/usr/bin/env python3
"""Reference values and series constants for src/InfoTheory/Numerics (SpecialFunctions, NormalDistribution).

Every number is computed by mpmath (arbitrary precision, 60 digits here) at the EXACT double value of the argument, then
rounded once to the nearest double and written with 17 significant digits, so a test compares against the correctly
rounded result:
  digamma       mpmath.digamma(x)                         (DLMF 5.2.2)
  log_gamma     mpmath.loggamma(x).real = ln|Gamma(x)|    (DLMF 5.2.1; real part also for x < 0)
  normal_cdf    mpmath.ncdf(z)                             (DLMF 7.2.2: Phi(z) = erfc(-z/sqrt 2)/2)
  normal_quantile  the root of ln Phi(z) = ln p (lower tail; 1 - p, exact in mpmath, above 0.5), mpmath.findroot
The same script prints the constants the C# code embeds (python3 make_special_functions.py --constants):
  (zeta(k) - 1)/k, k = 2..29    the series ln Gamma(2 + t) = (1 - gamma) t + sum (-1)^k (zeta(k) - 1) t^k / k (DLMF 5.7.3)
  x0 = x0_hi + x0_lo            the positive zero of digamma (DLMF 5.4.19 gives 1.46163 21449 68362 34126 ...)
  psi^(n)(x0) / n!, n = 1..26   the Taylor series of digamma about x0
Run:  /usr/bin/python3 make_special_functions.py   (writes special-functions.json beside this script)
Needs python3-mpmath (Debian 12: 1.2.1).
"""
import json
import math
import os
import platform
import sys

import mpmath

mpmath.mp.dps = 60


def d(v):
    """The double nearest to the mpmath value v, written so that float() of the text gives it back."""
    return float(mpmath.nstr(v, 40, strip_zeros=False))


def root():
    return mpmath.findroot(mpmath.digamma, mpmath.mpf("1.4616321449683623"))


def constants():
    print("// (zeta(k) - 1) / k, k = 2..29")
    for k in range(2, 30):
        print(f"        {d((mpmath.zeta(k) - 1) / k)!r},")
    print(f"// 1 - gamma = {d(1 - mpmath.euler)!r}, ln(2 pi)/2 = {d(mpmath.log(2 * mpmath.pi) / 2)!r}")
    x0 = root()
    hi = float(x0)
    lo = float(x0 - mpmath.mpf(hi))
    print(f"// x0 = {mpmath.nstr(x0, 40)}\n// hi = {hi!r}, lo = {lo!r}")
    print("// psi^(n)(x0)/n!, n = 1..26")
    for n in range(1, 27):
        print(f"        {d(mpmath.polygamma(n, x0) / mpmath.factorial(n))!r},")


X0 = 1.4616321449683622  # the double nearest the zero of digamma
DIGAMMA = [
    1e-300, 1e-10, 1e-3, 0.1, 0.25, 0.3, 0.5, 0.9, 0.99, 1.0,
    1.2, 1.25, 1.3, 1.4, 1.46, math.nextafter(X0, 0), X0, math.nextafter(X0, 2), 1.47, 1.5, 1.6, 1.7, 1.75,
    1.8, 1.9, 2.0, 2.5, 3.0, 4.0, 5.0, 5.5, 7.0, 7.3, 9.5, 9.999, 10.0, 10.001, 10.5, 11.0, 20.0, 40.1, 100.0, 123.456,
    1000.0, 1e6, 1e10, 1e15, 1e100, 1e300,
    -0.5, -1.5, -2.5, -10.5, -100.5, -0.1, -0.9, -1.3, -3.7, -1e-10,
]
LOG_GAMMA = [
    5e-324, 1e-300, 1e-10, 1e-3, 0.1, 0.3, 0.5, 0.9, 0.999, 1.001, 1.3, 1.5, 1.9, 1.999, 2.001, 2.5, 3.0, 3.7, 5.5,
    9.9, 10.0, 10.1, 20.5, 40.1, 100.0, 1000.0, 1e6, 1e10, 1e100, 1e300,
    -0.5, -1.5, -2.5, -0.1, -3.7, -10.5, -1e-10,
]
NORMAL_CDF = [-37.0, -20.0, -8.0, -3.0, -1.0, -1e-5, 0.0, 0.5, 1.0, 2.4, 2.6, 6.0, 8.3]
NORMAL_QUANTILE = [1e-300, 1e-100, 1e-10, 1e-3, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999, 0.9999999999]


def normal_quantile(p):
    """z with Phi(z) = p: the root of ln Phi(z) = ln q in the lower tail (q = min(p, 1 - p), exact), by symmetry above."""
    q = min(mpmath.mpf(p), 1 - mpmath.mpf(p))
    if q == mpmath.mpf("0.5"):
        return mpmath.mpf(0)
    start = -mpmath.sqrt(-2 * mpmath.log(q))
    z = mpmath.findroot(lambda t: mpmath.log(mpmath.ncdf(t)) - mpmath.log(q), (start, start + mpmath.mpf("0.1")), solver="secant")
    return z if p < 0.5 else -z


def main():
    if "--constants" in sys.argv:
        constants()
        return
    out = {
        "provenance": f"mpmath {mpmath.__version__} at {mpmath.mp.dps} digits, Python {platform.python_version()}; "
                      "each argument is the exact double written here; values rounded once to the nearest double",
        "digamma": [[x, d(mpmath.digamma(mpmath.mpf(x)))] for x in DIGAMMA],
        "log_gamma": [[x, d(mpmath.re(mpmath.loggamma(mpmath.mpf(x))))] for x in LOG_GAMMA],
        "normal_cdf": [[z, d(mpmath.ncdf(mpmath.mpf(z)))] for z in NORMAL_CDF],
        "normal_quantile": [[p, d(normal_quantile(p))] for p in NORMAL_QUANTILE],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "special-functions.json")
    with open(path, "w") as f:
        # One [argument, value] pair per line.
        f.write("{\n")
        f.write(f' "provenance": {json.dumps(out.pop("provenance"))},\n')
        blocks = []
        for name, rows in out.items():
            lines = ",\n".join(f"  [{x!r}, {v!r}]" for x, v in rows)
            blocks.append(f' "{name}": [\n{lines}\n ]')
        f.write(",\n".join(blocks) + "\n}\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
