"""Use cases: what callers (CLI, API, workers) ask the domain to do, named by verbs."""
