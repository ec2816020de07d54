"""The `Sequence` value object: a validated residue string identified by its MD5."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from protea_domain.errors import InvalidInputError
from protea_domain.sequences.alphabet import first_invalid_residue, normalise_residues


def residues_md5(residues: str) -> str:
    """Hex MD5 digest of the residue string (ASCII): the deduplication key of a sequence."""
    return hashlib.md5(residues.encode("ascii"), usedforsecurity=False).hexdigest()


@dataclass(frozen=True, slots=True)
class Sequence:
    """Uppercase residues over UniProt's alphabet; equal residues give equal `md5`.

    Raises `InvalidInputError` for an empty string or a character outside the alphabet
    (lowercase included: use `Sequence.from_text` to normalise).
    """

    residues: str
    md5: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        if not self.residues:
            raise InvalidInputError("empty sequence")
        bad = first_invalid_residue(self.residues)
        if bad is not None:
            raise InvalidInputError(f"invalid residue {self.residues[bad]!r} at position {bad + 1}")
        object.__setattr__(self, "md5", residues_md5(self.residues))

    @classmethod
    def from_text(cls, text: str) -> Sequence:
        """Uppercase, drop one terminal `*`, then validate. Raises `InvalidInputError`."""
        return cls(normalise_residues(text))

    def __len__(self) -> int:
        return len(self.residues)
