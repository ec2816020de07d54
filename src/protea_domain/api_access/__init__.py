"""What the HTTP API owns: API keys, idempotency records, experiment runs, support entries
and anonymous visitor counts. Pure: entities, rules, ports and use cases."""
