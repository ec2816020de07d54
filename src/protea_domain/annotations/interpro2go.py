"""InterPro2GO mapping files (`current.geneontology.org/ontology/external2go/interpro2go`).

Lines `InterPro:IPR000003 Retinoid X receptor/HNF4 > GO:DNA binding ; GO:0003677`; lines
starting with `!` are comments and blank lines are ignored. Checked: the `InterPro:IPR` + 6
digits id, a non-empty InterPro name, the ` > GO:` separator with a non-empty GO term name, the
` ; ` separator and a `GO:` + 7 digits id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from protea_domain.annotations.fields import parse_go_id
from protea_domain.parsing.fields import FieldError
from protea_domain.parsing.lines import parse_each_line
from protea_domain.parsing.skipped import SkippedLine

_INTERPRO_ID = re.compile(r"IPR[0-9]{6}")


@dataclass(frozen=True, slots=True)
class InterProGoMapping:
    """One InterPro entry -> GO term mapping line."""

    interpro_id: str
    interpro_name: str
    go_name: str
    go_id: str
    line: int


def parse_interpro2go(
    lines: Iterable[str], source: str, *, strict: bool = True
) -> Iterator[InterProGoMapping | SkippedLine]:
    """Yield an `InterProGoMapping` per mapping line.

    Raises `ParseError` (fields `interpro_id`, `interpro_name`, `go_name`, `go_id`) at the first
    bad line when `strict`, else yields a `SkippedLine` for it.
    """

    def parse(text: str, number: int) -> InterProGoMapping | None:
        if text.startswith("!") or not text.strip():
            return None
        return parse_interpro2go_line(text, number)

    yield from parse_each_line(lines, source, parse, strict=strict)


def parse_interpro2go_line(text: str, line: int) -> InterProGoMapping:
    """Parse one mapping line. Raises `FieldError`."""
    left, separator, right = text.partition(" > GO:")
    if not separator:
        raise FieldError("go_name", "invalid_value", "missing ' > GO:' separator")
    prefix, _, rest = left.partition(" ")
    if not prefix.startswith("InterPro:") or _INTERPRO_ID.fullmatch(prefix[9:]) is None:
        raise FieldError("interpro_id", "invalid_value", f"not 'InterPro:IPRnnnnnn': {prefix!r}")
    interpro_name = rest.strip()
    if not interpro_name:
        raise FieldError("interpro_name", "missing_value", "required value is empty")
    go_name, separator, go_id = right.rpartition(" ; ")
    if not separator:
        raise FieldError("go_id", "invalid_value", "missing ' ; GO:nnnnnnn' at the end")
    if not go_name.strip():
        raise FieldError("go_name", "missing_value", "required value is empty")
    return InterProGoMapping(
        prefix[9:], interpro_name, go_name.strip(), parse_go_id(go_id.strip()), line
    )
