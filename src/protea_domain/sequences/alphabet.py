"""The protein alphabet PROTEA accepts: UniProt's.

The 20 standard amino acids `ACDEFGHIKLMNPQRSTVWY` plus the letters UniProtKB sequences use:
`U` (selenocysteine), `O` (pyrrolysine), `B` (D or N), `Z` (E or Q) and `X` (unknown).
`J` (I or L) is IUPAC but never occurs in UniProtKB, and most protein language models have no
token for it, so it is rejected. `*` (a translation stop) is accepted only as the last character
of a FASTA sequence, where the parser drops it; gaps (`-`, `.`) and digits are rejected.
"""

from __future__ import annotations

import re

STANDARD_RESIDUES = frozenset("ACDEFGHIKLMNPQRSTVWY")
EXTRA_RESIDUES = frozenset("BXZUO")
PROTEIN_ALPHABET = STANDARD_RESIDUES | EXTRA_RESIDUES
STOP = "*"

_LETTERS = "".join(sorted(PROTEIN_ALPHABET))
_INVALID = re.compile(f"[^{_LETTERS}]")
_LETTER_BYTES = _LETTERS.encode("ascii")


def first_invalid_residue(residues: str) -> int | None:
    """The 0-based index of the first character outside `PROTEIN_ALPHABET`, or None."""
    if residues.isascii() and not residues.encode("ascii").translate(None, _LETTER_BYTES):
        return None
    match = _INVALID.search(residues)
    return None if match is None else match.start()


def normalise_residues(text: str) -> str:
    """Uppercase `text` and drop one terminal `*`; the result still needs validating."""
    residues = text.upper()
    return residues[:-1] if residues.endswith(STOP) else residues
