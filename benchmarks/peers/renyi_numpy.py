#!/usr/bin/env python3
"""Peer run: matrix-based Rényi entropy and MI in NumPy, one shot, as a research script computes them.

The Gram matrix and the entropy are pid_numpy.py's (Gaussian kernel, sigma = 5 N^(-1/(4+d)) per variable, A = K/N,
eigenvalues by numpy.linalg.eigvalsh, alpha = 1.01): H(X) = S(A); I(X;Y) = S(A) + S(B) - S(A o B), o the Hadamard
product (S normalises by the trace). The same estimator as `infotheory entropy` / `infotheory mi` with their defaults.

Run: /usr/bin/python3 benchmarks/peers/renyi_numpy.py X.npy [Y.npy]   (H(X) with one file, I(X;Y) with two)
Used by scripts/startup-timings.sh for whole-process timings.
"""
import sys

import numpy as np

from pid_numpy import gram, renyi


def main():
    a = gram(np.load(sys.argv[1]))  # N x d
    if len(sys.argv) == 2:
        print(f"H(X) = {renyi(a):.4f} bits")
    else:
        b = gram(np.load(sys.argv[2]))
        print(f"I(X;Y) = {renyi(a) + renyi(b) - renyi(a * b):.4f} bits")


if __name__ == "__main__":
    main()
