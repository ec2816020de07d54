"""One module per resource, each exporting `ROUTES`; `protea_entrypoints.api.routes` lists
them. A new resource (proteins, ontology, ...) is a new module added to that list."""
