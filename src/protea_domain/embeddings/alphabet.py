"""Residue codes shared by the composition embedder."""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt

STANDARD_AMINO_ACIDS = "ACDEFGHIKLMNPQRSTVWY"


def residue_codes(sequence: str, alphabet: str = STANDARD_AMINO_ACIDS) -> npt.NDArray[np.int64]:
    """Index of each residue in `alphabet`, -1 for any other letter (case-insensitive)."""
    table = _table(alphabet)
    raw = np.frombuffer(sequence.encode("ascii", errors="replace"), dtype=np.uint8)
    return table[raw]


@cache
def _table(alphabet: str) -> npt.NDArray[np.int64]:
    table = np.full(256, -1, dtype=np.int64)
    for i, letter in enumerate(alphabet):
        table[ord(letter)] = i
        table[ord(letter.lower())] = i
    table.flags.writeable = False
    return table
