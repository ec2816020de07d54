"""A stub of the UniProtKB REST search endpoint on 127.0.0.1, serving real entries (from the
shared UniProt flat files) in UniProt's FASTA and TSV formats, with cursor pagination, a 429
with Retry-After, a 503 and a dropped connection on the way."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

PE_WORDS = {
    "1": "Evidence at protein level",
    "2": "Evidence at transcript level",
    "3": "Inferred from homology",
    "4": "Predicted",
    "5": "Uncertain",
}


@dataclass(frozen=True)
class FlatEntry:
    accession: str
    entry_name: str
    name: str
    organism: str
    taxon_id: int
    gene: str
    existence: str
    residues: str

    def fasta(self) -> str:
        os_name = self.organism.split(" (")[0]
        header = (
            f">sp|{self.accession}|{self.entry_name} {self.name} OS={os_name} "
            f"OX={self.taxon_id} GN={self.gene} PE={self.existence} SV=1"
        )
        body = "\n".join(self.residues[i : i + 60] for i in range(0, len(self.residues), 60))
        return f"{header}\n{body}\n"

    def tsv(self) -> str:
        return (
            "\t".join(
                [
                    self.accession,
                    self.entry_name,
                    "reviewed",
                    self.name,
                    self.gene,
                    self.organism,
                    str(self.taxon_id),
                    PE_WORDS[self.existence],
                    str(len(self.residues)),
                ]
            )
            + "\n"
        )


TSV_HEADER = (
    "Entry\tEntry Name\tReviewed\tProtein names\tGene Names (primary)\tOrganism\t"
    "Organism (ID)\tProtein existence\tLength\n"
)


def read_flat_entries(*paths: Path) -> list[FlatEntry]:
    entries = []
    for path in paths:
        for block in path.read_text().split("\n//")[:-1]:

            def tag(name: str, text: str = block) -> str:
                return "\n".join(line[5:] for line in text.splitlines() if line.startswith(name))

            name = re.search(r"RecName: Full=([^;{]+)", block)
            gene = re.search(r"Name=([^;{ ]+)", tag("GN"))
            sequence = block.split("\nSQ ", 1)[1].split("\n", 1)[1]
            entries.append(
                FlatEntry(
                    accession=tag("AC").split(";")[0].strip(),
                    entry_name=tag("ID").split()[0],
                    name=name.group(1).strip() if name else "",
                    organism=tag("OS").rstrip("."),
                    taxon_id=int(re.search(r"NCBI_TaxID=(\d+)", tag("OX")).group(1)),  # type: ignore[union-attr]
                    gene=gene.group(1) if gene else "",
                    existence=tag("PE")[0],
                    residues="".join(sequence.split()),
                )
            )
    return entries


class UniProtStub:
    """Serves `entries` `page_size` at a time. `faults` is consumed in order, one per request
    for a cursor page: `429`, `503` or `drop`; afterwards pages are served normally."""

    def __init__(self, entries: list[FlatEntry], faults: list[str]) -> None:
        self.entries = entries
        self.faults = list(faults)
        self.requests: list[str] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:
                pass

            def do_GET(self) -> None:
                stub.requests.append(self.path)
                stub.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/uniprotkb/search"

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        query = parse_qs(urlparse(request.path).query)
        cursor = int(query.get("cursor", ["0"])[0])
        if cursor and self.faults:
            fault = self.faults.pop(0)
            if fault == "drop":
                request.connection.shutdown(2)
                request.close_connection = True
                return
            request.send_response(int(fault))
            if fault == "429":
                request.send_header("Retry-After", "2")
            request.send_header("Content-Length", "0")
            request.end_headers()
            return
        size = int(query["size"][0])
        page = self.entries[cursor : cursor + size]
        fmt = query["format"][0]
        body = (
            TSV_HEADER + "".join(e.tsv() for e in page)
            if fmt == "tsv"
            else "".join(e.fasta() for e in page)
        )
        data = body.encode()
        request.send_response(200)
        request.send_header("Content-Type", "text/plain; charset=utf-8")
        request.send_header("X-Total-Results", str(len(self.entries)))
        if cursor + size < len(self.entries):
            params = {k: v[0] for k, v in query.items()} | {"cursor": str(cursor + size)}
            request.send_header("Link", f'<{self.url}?{urlencode(params)}>; rel="next"')
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def __enter__(self) -> UniProtStub:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve(entries: list[FlatEntry], faults: list[str]) -> Iterator[UniProtStub]:
    with UniProtStub(entries, faults) as stub:
        yield stub
