"""A streaming OBO 1.2 parser over lines: the header and the `[Term]` stanzas.

Trailing `! comments` and `{...}` trailing modifiers are removed, OBO escapes (`\\n`, `\\W`,
`\\t`, `\\"`, `\\{`, ...) are decoded, `def` values are read as a quoted string followed by
cross-references. Stanzas other than `[Term]` (`[Typedef]`, `[Instance]`) are skipped. A term
without `namespace` keeps `namespace=None`; the header's `default-namespace` is reported apart.
Every malformed line raises `OboParseError` naming the source, the line number and the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from protea_domain.ontology.errors import OboParseError

_ESCAPES = {"n": "\n", "W": " ", "t": "\t"}


@dataclass(frozen=True, slots=True)
class OboRelationship:
    type: str
    target: str


@dataclass(frozen=True, slots=True)
class OboHeader:
    format_version: str | None = None
    data_version: str | None = None
    default_namespace: str | None = None
    ontology: str | None = None


@dataclass(frozen=True, slots=True)
class OboTerm:
    id: str
    name: str | None = None
    namespace: str | None = None
    definition: str | None = None
    alt_ids: tuple[str, ...] = ()
    is_obsolete: bool = False
    replaced_by: tuple[str, ...] = ()
    consider: tuple[str, ...] = ()
    is_a: tuple[str, ...] = ()
    relationships: tuple[OboRelationship, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class OboDocument:
    source: str
    header: OboHeader
    terms: tuple[OboTerm, ...]


@dataclass(slots=True)
class _TermDraft:
    line: int
    single: dict[str, str] = field(default_factory=dict)
    alt_ids: list[str] = field(default_factory=list)
    replaced_by: list[str] = field(default_factory=list)
    consider: list[str] = field(default_factory=list)
    is_a: list[str] = field(default_factory=list)
    relationships: list[OboRelationship] = field(default_factory=list)


class _Context:
    __slots__ = ("line", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.line = 0

    def error(self, message: str, field_name: str) -> OboParseError:
        return OboParseError(message, source=self.source, line=self.line, field=field_name)


def _strip_trailing(value: str, ctx: _Context, tag: str) -> str:
    """Drop an unquoted `! comment` and a trailing `{...}` modifier; keep escapes intact."""
    if "\\" not in value and '"' not in value:
        bang = value.find("!")
        body = (value if bang < 0 else value[:bang]).strip()
        if "{" not in body:
            return body
        if not body.endswith("}"):
            raise ctx.error("unterminated trailing modifier '{'", tag)
        return body[: body.find("{")].rstrip()
    return _strip_slow(value, ctx, tag)


def _strip_slow(value: str, ctx: _Context, tag: str) -> str:
    value = value.strip()
    in_quote = False
    escaped = False
    brace_at = -1
    cut = len(value)
    for i, char in enumerate(value):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            in_quote = not in_quote
        elif in_quote:
            continue
        elif char == "!":
            cut = i
            break
        elif char == "{" and brace_at < 0:
            brace_at = i
    if escaped:
        raise ctx.error("dangling escape character at end of value", tag)
    if in_quote:
        raise ctx.error("unterminated quoted string", tag)
    body = value[:cut].rstrip()
    if 0 <= brace_at < cut:
        if not body.endswith("}"):
            raise ctx.error("unterminated trailing modifier '{'", tag)
        body = body[:brace_at].rstrip()
    return body


def _unescape(value: str, ctx: _Context, tag: str) -> str:
    if "\\" not in value:
        return value
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        nxt = next(chars, None)
        if nxt is None:
            raise ctx.error("dangling escape character at end of value", tag)
        out.append(_ESCAPES.get(nxt, nxt))
    return "".join(out)


def _quoted(raw: str, ctx: _Context, tag: str) -> str:
    """A quoted string followed by optional `[xrefs]`, `{modifiers}` and `! comment`."""
    value = raw.strip()
    if not value.startswith('"'):
        raise ctx.error("expected a quoted string", tag)
    pos = 1
    while True:
        end = value.find('"', pos)
        if end < 0:
            raise ctx.error("unterminated quoted string", tag)
        slashes = 0
        while end - 1 - slashes > 0 and value[end - 1 - slashes] == "\\":
            slashes += 1
        if slashes % 2 == 0:
            break
        pos = end + 1
    rest = value[end + 1 :].lstrip()
    if rest and rest[0] not in "[{!":
        raise ctx.error("expected '[...]' cross-references after the quoted text", tag)
    if rest.startswith("[") and "]" not in rest:
        raise ctx.error("unterminated cross-references '['", tag)
    return _unescape(value[1:end], ctx, tag)


def _split_tag(text: str, ctx: _Context) -> tuple[str, str]:
    colon = text.find(":")
    if "\\" in text[:colon]:
        colon = _unescaped_colon(text)
    if colon <= 0:
        raise ctx.error("expected 'tag: value'", "tag")
    tag = text[:colon].rstrip()
    if not tag or " " in tag or "\t" in tag:
        raise ctx.error(f"invalid tag {tag!r}", "tag")
    return tag, text[colon + 1 :]


def _unescaped_colon(text: str) -> int:
    escaped = False
    for i, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ":":
            return i
    return -1


def _single_token(value: str, ctx: _Context, tag: str) -> str:
    if value and " " not in value and "\t" not in value:
        return value
    parts = value.split()
    if len(parts) != 1:
        raise ctx.error("expected exactly one identifier", tag)
    return parts[0]


def _identifier(raw: str, ctx: _Context, tag: str) -> str:
    return _single_token(_unescape(_strip_trailing(raw, ctx, tag), ctx, tag), ctx, tag)


def _set_single(draft: _TermDraft, tag: str, value: str, ctx: _Context) -> None:
    if tag in draft.single:
        raise ctx.error("tag given more than once in one stanza", tag)
    draft.single[tag] = value


def _add_tag(draft: _TermDraft, tag: str, raw: str, ctx: _Context) -> None:
    if tag == "is_a":
        draft.is_a.append(_identifier(raw, ctx, tag))
    elif tag == "relationship":
        parts = _unescape(_strip_trailing(raw, ctx, tag), ctx, tag).split()
        if len(parts) != 2:
            raise ctx.error("expected '<relationship type> <term id>'", tag)
        draft.relationships.append(OboRelationship(parts[0], parts[1]))
    elif tag in ("id", "namespace"):
        _set_single(draft, tag, _identifier(raw, ctx, tag), ctx)
    elif tag == "name":
        text = _unescape(_strip_trailing(raw, ctx, tag), ctx, tag)
        if not text:
            raise ctx.error("empty value", tag)
        _set_single(draft, tag, text, ctx)
    elif tag == "def":
        _set_single(draft, tag, _quoted(raw, ctx, tag), ctx)
    elif tag == "alt_id":
        draft.alt_ids.append(_identifier(raw, ctx, tag))
    elif tag == "is_obsolete":
        value = _strip_trailing(raw, ctx, tag)
        if value not in ("true", "false"):
            raise ctx.error(f"expected 'true' or 'false', got {value!r}", tag)
        _set_single(draft, tag, value, ctx)
    elif tag == "replaced_by":
        draft.replaced_by.append(_identifier(raw, ctx, tag))
    elif tag == "consider":
        draft.consider.append(_identifier(raw, ctx, tag))


def _finish(draft: _TermDraft, ctx: _Context) -> OboTerm:
    term_id = draft.single.get("id")
    if term_id is None:
        ctx.line = draft.line
        raise ctx.error("[Term] stanza without an id", "id")
    return OboTerm(
        id=term_id,
        name=draft.single.get("name"),
        namespace=draft.single.get("namespace"),
        definition=draft.single.get("def"),
        alt_ids=tuple(draft.alt_ids),
        is_obsolete=draft.single.get("is_obsolete") == "true",
        replaced_by=tuple(draft.replaced_by),
        consider=tuple(draft.consider),
        is_a=tuple(draft.is_a),
        relationships=tuple(draft.relationships),
        line=draft.line,
    )


def _header(values: dict[str, str]) -> OboHeader:
    return OboHeader(
        format_version=values.get("format-version"),
        data_version=values.get("data-version"),
        default_namespace=values.get("default-namespace"),
        ontology=values.get("ontology"),
    )


def iter_obo(lines: Iterable[str], source: str = "<obo>") -> Iterator[OboHeader | OboTerm]:
    """Yield the `OboHeader` first, then each `OboTerm` as soon as its stanza ends."""
    ctx = _Context(source)
    header: dict[str, str] | None = {}
    draft: _TermDraft | None = None
    for number, raw_line in enumerate(lines, start=1):
        ctx.line = number
        text = raw_line.strip()
        if not text or text.startswith("!"):
            continue
        if text.startswith("["):
            if not text.endswith("]") or len(text) < 3:
                raise ctx.error(f"malformed stanza header {text!r}", "stanza")
            if header is not None:
                yield _header(header)
                header = None
            if draft is not None:
                yield _finish(draft, ctx)
                ctx.line = number
            draft = _TermDraft(line=number) if text == "[Term]" else None
            continue
        tag, value = _split_tag(text, ctx)
        if header is not None:
            if tag in ("format-version", "data-version", "default-namespace", "ontology"):
                if tag in header:
                    raise ctx.error("header tag given more than once", tag)
                header[tag] = _unescape(_strip_trailing(value, ctx, tag), ctx, tag)
        elif draft is not None:
            _add_tag(draft, tag, value, ctx)
    if header is not None:
        yield _header(header)
    if draft is not None:
        yield _finish(draft, ctx)


def parse_obo(lines: Iterable[str], source: str = "<obo>") -> OboDocument:
    """Parse a whole OBO document (header and live or obsolete `[Term]` stanzas)."""
    header = OboHeader()
    terms: list[OboTerm] = []
    for item in iter_obo(lines, source):
        if isinstance(item, OboHeader):
            header = item
        else:
            terms.append(item)
    return OboDocument(source=source, header=header, terms=tuple(terms))
