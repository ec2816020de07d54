"""In-memory adapters with observable state, held to the same contract suites as SQL."""
