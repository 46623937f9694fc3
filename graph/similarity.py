"""Offline text similarity: WordLlama's static embeddings, loaded from the files its
PyPI wheel ships (never from a hub), and rapidfuzz for verbatim quotes.

Static embeddings cost microseconds per sentence, so they are computed when a
comparison needs them rather than stored with every statement. They measure
relatedness, not agreement: an opposing claim on the same topic scores as high as a
paraphrase, so agree/disagree is decided from stances, never from cosine alone.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
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


CACHE_SIZE = 20_000
"""Embeddings kept in memory (about 1 KB each): a comparison asked again, or another one over the
same documents, does not embed their statements again."""
_CACHE: OrderedDict[str, NDArray[np.float32]] = OrderedDict()


def _embed_now(texts: list[str]) -> NDArray[np.float32]:
    vectors = np.asarray(_model().embed(texts), dtype=np.float32)  # type: ignore[attr-defined]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: NDArray[np.float32] = (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)
    return unit


def embed(texts: list[str]) -> NDArray[np.float32]:
    """Unit-length 256-d embeddings, one row per text (recent texts' from a bounded cache)."""
    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    with _LOCK:
        missing = list(dict.fromkeys(t for t in texts if t not in _CACHE))
        if missing:
            for text, vector in zip(missing, _embed_now(missing), strict=True):
                _CACHE[text] = vector
        result = np.stack([_CACHE[t] for t in texts])
        for text in texts:
            _CACHE.move_to_end(text)
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result


def cosine_matrix(left: list[str], right: list[str]) -> NDArray[np.float32]:
    """Cosine similarity of every left text with every right text."""
    return embed(left) @ embed(right).T
