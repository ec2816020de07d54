"""The InterPro repository contract, subclassed once per adapter."""

from __future__ import annotations

import pytest

from protea_domain.annotations.interpro import InterProEntry, InterProGoLink
from protea_domain.errors import NotFoundError
from tests.support.biodata import BioUowFactory

# Real InterPro2GO lines.
ENTRIES = [
    InterProEntry("IPR000003", "Retinoid X receptor/HNF4"),
    InterProEntry("IPR000006", "Metallothionein, vertebrate"),
]
LINKS = [
    InterProGoLink("IPR000003", "GO:0003677", "2022", "DNA binding"),
    InterProGoLink("IPR000003", "GO:0003707", "2022", "steroid hormone receptor activity"),
    InterProGoLink("IPR000006", "GO:0046872", "2022", "metal ion binding"),
]


class InterProRepositoryContract:
    @pytest.fixture
    def uow_factory(self) -> BioUowFactory:
        raise NotImplementedError

    def test_entries_and_links_replace_by_version(self, uow_factory: BioUowFactory) -> None:
        with uow_factory() as uow:
            assert uow.interpro.add_entries(ENTRIES) == 2
            uow.interpro.replace_links("2022", LINKS)
            uow.commit()
        with uow_factory() as uow:
            renamed = InterProEntry("IPR000003", "Retinoid X receptor")
            assert uow.interpro.add_entries([renamed]) == 0
            uow.interpro.replace_links("2022", LINKS[:1])
            uow.commit()
        with uow_factory() as uow:
            assert uow.interpro.entry("IPR000003") == InterProEntry(
                "IPR000003", "Retinoid X receptor"
            )
            assert uow.interpro.go_terms_of("IPR000003", "2022") == ["GO:0003677"]
            assert uow.interpro.go_terms_of("IPR000006", "2022") == []
            assert uow.interpro.versions() == ["2022"]

    def test_unknown_entry(self, uow_factory: BioUowFactory) -> None:
        with uow_factory() as uow:
            with pytest.raises(NotFoundError):
                uow.interpro.entry("IPR999999")
            with pytest.raises(NotFoundError):
                uow.interpro.replace_links("2022", LINKS)
