"""The learned weights (``weights.npz``, plain arrays, built by ``make train``) and their pure
numpy inference: standardise, then a linear layer and a softmax or sigmoid."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

WEIGHTS = Path(__file__).with_name("weights.npz")
Array = NDArray[np.float32]


# One BLAS thread for the process once mining starts. The models' products are small (a long document's link
# model: a few thousand pairs by ~150 features), and OpenBLAS hands any above ~10,000 entries to its threads: waking
# them costs more CPU than the product (the generic importer on the CSIS seed: 95 -> 60 ms), more on shared cores.
# A row's dot product is computed alike on any thread, so no number changes (tested). Set once, for the whole process:
# OpenBLAS keeps a thread count per thread once one is set explicitly, so lowering it per parse and restoring it
# afterwards does not reach a server's worker threads reliably.
@lru_cache(maxsize=1)
def one_blas_thread() -> tuple[Any, ...]:
    """Give numpy's BLAS libraries one thread (through threadpoolctl; nothing without it); the libraries."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return ()
    libraries = tuple(ThreadpoolController().select(user_api="blas").lib_controllers)
    for library in libraries:
        library.set_num_threads(1)
    return libraries


@dataclass(frozen=True)
class Linear:
    """``scale((x - mean) / std) @ weight.T + bias``: one row of logits per input row."""

    mean: Array
    std: Array
    weight: Array  # (classes, features)
    bias: Array  # (classes,)

    def logits(self, x: Array, *, overwrite: bool = False) -> Array:
        """The logits of the rows ``x``; with ``overwrite`` (the caller's scratch rows, float32) ``x`` is
        standardised in place: a long document's link rows are not copied once more."""
        one_blas_thread()  # once per process (cached)
        # in place after the first step: the same operations in the same order, fewer arrays (a parse calls this
        # a dozen times on small inputs, where allocating costs as much as computing)
        if overwrite and x.dtype == np.float32 and self.mean.dtype == np.float32:
            z = np.subtract(x, self.mean, out=x)
        else:
            z = x - self.mean
        z /= self.std
        out = z @ self.weight.T
        out += self.bias
        logits: Array = out.astype(np.float32, copy=False)
        return logits

    def softmax(self, x: Array) -> Array:
        z = self.logits(x)
        z -= np.maximum.reduce(z, axis=1, keepdims=True)  # ndarray.max and .sum's own steps, without their wrappers
        np.exp(z, out=z)
        z /= np.add.reduce(z, axis=1, keepdims=True)
        return z


@dataclass(frozen=True)
class Models:
    role: Linear  # CDCP proposition type from embedding + unit features
    central: Linear  # central-claim score from unit features + role probabilities
    link: Linear  # (source, target) score from pair features: a softmax over a unit's candidates picks its target
    role_labels: tuple[str, ...]
    link_threshold: float  # keep a link above this probability when a sparse map is wanted
    sparse_link: Linear  # the same inputs learned from CDCP's sparse maps alone: the sparse decoder's score
    # the central-claim score of a long text (``pipeline.LONG_PARAGRAPHS``): the same inputs learned from the genre
    # texts (op-eds, briefs) as well; None: ``central`` for every text
    central_long: Linear | None = None


def _linear(data: dict[str, Array], prefix: str) -> Linear:
    return Linear(data[f"{prefix}_mean"].astype(np.float32), data[f"{prefix}_std"].astype(np.float32),
                  data[f"{prefix}_weight"].astype(np.float32), data[f"{prefix}_bias"].astype(np.float32))


@lru_cache(maxsize=1)
def load(path: Path = WEIGHTS) -> Models:
    with np.load(path, allow_pickle=False) as f:
        data = {key: f[key] for key in f.files}
    labels = tuple(str(x) for x in data["role_labels"])
    link = _linear(data, "link")
    sparse = _linear(data, "sparse_link") if "sparse_link_mean" in data else link
    central_long = _linear(data, "central_long") if "central_long_mean" in data else None
    return Models(_linear(data, "role"), _linear(data, "central"), link, labels, float(data["link_threshold"]), sparse,
                  central_long)


def save(path: Path, parts: dict[str, tuple[Array, Array, Array, Array]], role_labels: list[str],
         link_threshold: float) -> None:
    arrays: dict[str, object] = {"role_labels": np.asarray(role_labels),
                                 "link_threshold": np.asarray(link_threshold, dtype=np.float32)}
    for prefix, (mean, std, weight, bias) in parts.items():
        arrays[f"{prefix}_mean"] = mean.astype(np.float32)
        arrays[f"{prefix}_std"] = std.astype(np.float32)
        arrays[f"{prefix}_weight"] = weight.astype(np.float32)
        arrays[f"{prefix}_bias"] = bias.astype(np.float32)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]
