"""`load_interpro_go_mapping`: an InterPro2GO release, replacing any earlier load of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from protea_domain.annotations.interpro import InterProEntry, InterProGoLink
from protea_domain.annotations.interpro2go import InterProGoMapping
from protea_domain.parsing.skipped import SkippedLine
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class InterProLoad:
    entries: int
    new_entries: int
    links: int
    skipped: tuple[str, ...]


def load_interpro_go_mapping(
    uow_factory: BioDataUnitOfWorkFactory,
    mappings: Iterable[InterProGoMapping | SkippedLine],
    version: str,
) -> InterProLoad:
    """Store entries and links of release `version` in one transaction (idempotent: the
    release's links are replaced)."""
    entries: dict[str, InterProEntry] = {}
    links: dict[tuple[str, str], InterProGoLink] = {}
    skipped: list[str] = []
    for item in mappings:
        if isinstance(item, SkippedLine):
            skipped.append(str(item))
            continue
        entries[item.interpro_id] = InterProEntry(item.interpro_id, item.interpro_name)
        links[(item.interpro_id, item.go_id)] = InterProGoLink(
            item.interpro_id, item.go_id, version, item.go_name
        )
    with uow_factory() as uow:
        new = uow.interpro.add_entries(list(entries.values()))
        uow.interpro.replace_links(version, list(links.values()))
        uow.commit()
    return InterProLoad(len(entries), new, len(links), tuple(skipped))
