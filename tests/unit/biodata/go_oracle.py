"""An independent reading of an OBO file (regular expressions, no PROTEA parser) used as the
oracle for the loaders: primary ids, obsolete ids, alt id -> primary id."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

_ID = re.compile(r"^id: (GO:\d{7})", re.M)


@dataclass
class GoOracle:
    live: set[str] = field(default_factory=set)
    obsolete: set[str] = field(default_factory=set)
    alt: dict[str, str] = field(default_factory=dict)


def read_oracle(path: Path) -> GoOracle:
    oracle = GoOracle()
    text = gzip.decompress(path.read_bytes()).decode()
    for stanza in text.split("\n[")[1:]:
        if not stanza.startswith("Term]"):
            continue
        match = _ID.search(stanza)
        assert match is not None
        go_id = match.group(1)
        (oracle.obsolete if "\nis_obsolete: true" in stanza else oracle.live).add(go_id)
        for alt in re.findall(r"^alt_id: (GO:\d{7})", stanza, re.M):
            oracle.alt[alt] = go_id
    return oracle
