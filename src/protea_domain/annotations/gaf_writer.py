"""Writing GAF: the version header and one line per annotation."""

from __future__ import annotations

from protea_domain.annotations.gaf_record import GafAnnotation


def format_gaf_header(version: str) -> str:
    """The `!gaf-version: X` line, with its newline."""
    return f"!gaf-version: {version}\n"


def format_gaf_line(annotation: GafAnnotation) -> str:
    """The 17 columns as written, tab-separated, with a newline."""
    return "\t".join(annotation.columns()) + "\n"
