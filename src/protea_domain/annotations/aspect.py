"""The three GO aspects and the spellings files use for them."""

from __future__ import annotations

from enum import StrEnum

from protea_domain.parsing.fields import FieldError


class Aspect(StrEnum):
    """P (biological process), F (molecular function), C (cellular component)."""

    P = "P"
    F = "F"
    C = "C"

    @property
    def namespace(self) -> str:
        return _NAMESPACES[self]


_NAMESPACES = {
    Aspect.P: "biological_process",
    Aspect.F: "molecular_function",
    Aspect.C: "cellular_component",
}
_LETTERS: dict[str, Aspect] = {aspect.value: aspect for aspect in Aspect}
_SPELLINGS: dict[str, Aspect] = {
    **{aspect.value.lower(): aspect for aspect in Aspect},
    **{name: aspect for aspect, name in _NAMESPACES.items()},
    "process": Aspect.P,
    "function": Aspect.F,
    "component": Aspect.C,
}


def parse_aspect(text: str, field: str = "aspect", *, letters_only: bool = False) -> Aspect:
    """Read an aspect: `P`/`F`/`C`, or (unless `letters_only`) `biological_process`,
    `molecular_function`, `cellular_component`, `process`, `function`, `component`, in any
    case. Raises `FieldError` (`invalid_value`) otherwise."""
    aspect = _LETTERS.get(text)
    if aspect is None and not letters_only:
        aspect = _SPELLINGS.get(text.strip().lower())
    if aspect is None:
        raise FieldError(field, "invalid_value", f"not a GO aspect: {text!r}")
    return aspect
