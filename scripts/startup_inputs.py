#!/usr/bin/env python3
"""Inputs of the whole-process start-up timings (scripts/startup-timings.sh), written as float64 .npy files.

Usage: /usr/bin/python3 scripts/startup_inputs.py DIR

  ksg-x.npy, ksg-y.npy       N = 50,000, 2 + 2 dims: X ~ N(0, I), Y = X + 0.5 noise (numpy default_rng(1); the recipe
                             of benchmarks/peers/knn_npeet_equivalent.py and KnnBenchmarks.cs)
  mi-x.npy, mi-y.npy         N = 1,000: X = the first 1,000 MNIST digits of the embedded set
                             (src/InfoTheory.TorchSharp/Data/mnist-10k, 784 grey levels / 255); Y = ReLU(X W) / 28, a 50-unit
                             random dense layer with weights W in {-1, 0, 1} (default_rng(1)), computed in integers
                             so that the file does not depend on the BLAS or the CPU
  entropy-x.npy              N = 4,096, 10-D standard normal (default_rng(1); as benchmarks/peers/eigvalsh_numpy.py)
  pid-x.npy, pid-layer.npy   batch 128: X uniform in [0, 1)^784, layer = ReLU of normals, 128 x 16 x 14 x 14
                             (default_rng(1), drawn in that order; as benchmarks/peers/pid_numpy.py and PidBenchmarks.cs)
"""
import gzip
import os
import sys

import numpy as np


def mnist_digits(path, n):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic, count, rows, cols = (int.from_bytes(raw[i:i + 4], "big") for i in range(0, 16, 4))
    if magic != 0x803 or count < n:
        sys.exit(f"error: {path} is not an IDX image file with at least {n} images")
    return np.frombuffer(raw, np.uint8, n * rows * cols, 16).reshape(n, rows * cols).astype(np.int64)


def main():
    out = sys.argv[1]
    mnist = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../src/InfoTheory.TorchSharp/Data/mnist-10k/images-idx3-ubyte.gz")
    os.makedirs(out, exist_ok=True)

    rng = np.random.default_rng(1)
    x = rng.normal(size=(50_000, 2))
    np.save(os.path.join(out, "ksg-x.npy"), x)
    np.save(os.path.join(out, "ksg-y.npy"), x + 0.5 * rng.normal(size=(50_000, 2)))

    x = mnist_digits(mnist, 1_000)
    w = np.random.default_rng(1).integers(-1, 2, size=(784, 50))
    np.save(os.path.join(out, "mi-x.npy"), x / 255.0)
    np.save(os.path.join(out, "mi-y.npy"), np.maximum(0, x @ w) / (255.0 * 28))

    np.save(os.path.join(out, "entropy-x.npy"), np.random.default_rng(1).standard_normal((4_096, 10)))

    rng = np.random.default_rng(1)
    np.save(os.path.join(out, "pid-x.npy"), rng.random((128, 784)))
    np.save(os.path.join(out, "pid-layer.npy"), np.maximum(0, rng.standard_normal((128, 16, 14, 14))))


if __name__ == "__main__":
    main()
