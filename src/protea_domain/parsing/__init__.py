"""Shared parsing machinery: line sources, the gzip opener, parse errors and skipped lines."""

from protea_domain.parsing.errors import FatalParseError, ParseError
from protea_domain.parsing.fields import FieldError
from protea_domain.parsing.lines import parse_each_line, strip_newline
from protea_domain.parsing.opener import is_gzip, open_text, read_lines, source_name
from protea_domain.parsing.skipped import SkippedLine, tally_skipped
from protea_domain.parsing.tabular import TsvHeader, parse_tsv, read_header

__all__ = [
    "FatalParseError",
    "FieldError",
    "ParseError",
    "SkippedLine",
    "TsvHeader",
    "is_gzip",
    "open_text",
    "parse_each_line",
    "parse_tsv",
    "read_header",
    "read_lines",
    "source_name",
    "strip_newline",
    "tally_skipped",
]
