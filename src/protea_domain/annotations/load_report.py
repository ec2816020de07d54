"""The report of an annotation load: rows kept, and lines skipped or remapped, by reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

UNKNOWN_PROTEIN = "unknown_protein"
UNKNOWN_TERM = "unknown_term"
OBSOLETE_TERM = "obsolete_term"
ALT_ID_REMAPPED = "alt_id_remapped"
MALFORMED_LINE = "malformed_line"
DUPLICATE = "duplicate"

SAMPLES_PER_REASON = 5


@dataclass
class LoadReport:
    """Counts by reason plus the first few `source:line: field: message` samples of each.
    `remapped` rows are loaded (under the primary id); `skipped` rows are not."""

    loaded: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    remapped: Counter[str] = field(default_factory=Counter)
    samples: dict[str, list[str]] = field(default_factory=dict)

    def skip(self, reason: str, where: str) -> None:
        self.skipped[reason] += 1
        self._sample(reason, where)

    def remap(self, reason: str, where: str) -> None:
        self.remapped[reason] += 1
        self._sample(reason, where)

    def _sample(self, reason: str, where: str) -> None:
        bucket = self.samples.setdefault(reason, [])
        if len(bucket) < SAMPLES_PER_REASON:
            bucket.append(where)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "loaded": self.loaded,
            "skipped": dict(sorted(self.skipped.items())),
            "remapped": dict(sorted(self.remapped.items())),
            "samples": {k: list(v) for k, v in sorted(self.samples.items())},
        }
