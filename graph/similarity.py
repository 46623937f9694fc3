"""Offline text similarity: WordLlama's static embeddings, loaded from the files its
PyPI wheel ships (never from a hub), and rapidfuzz for verbatim quotes.

Static embeddings cost microseconds per sentence, so they are computed when a
comparison needs them rather than stored with every statement. They measure
relatedness, not agreement: an opposing claim on the same topic scores as high as a
paraphrase, so agree/disagree is decided from stances, never from cosine alone.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _model() -> object:
    import wordllama
    from safetensors import safe_open
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

    # WordLlama.load() looks for the tokenizer in a folder the wheel does not have and
    # then tries to download it; load the shipped files directly instead.
    package = Path(wordllama.__file__).parent
    tokenizer = Tokenizer.from_file(str(package / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    with safe_open(str(package / "weights" / "l2_supercat_256.safetensors"), framework="np", device="cpu") as f:
        embedding = f.get_tensor("embedding.weight")
    return WordLlamaInference(embedding, tokenizer, binary=False)


def embed(texts: list[str]) -> NDArray[np.float32]:
    """Unit-length 256-d embeddings, one row per text."""
    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    with _LOCK:
        vectors = np.asarray(_model().embed(texts), dtype=np.float32)  # type: ignore[attr-defined]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: NDArray[np.float32] = (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)
    return unit


def cosine_matrix(left: list[str], right: list[str]) -> NDArray[np.float32]:
    """Cosine similarity of every left text with every right text."""
    return embed(left) @ embed(right).T
