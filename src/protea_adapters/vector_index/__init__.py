"""Vector index adapters (the exact numpy reference lives in the domain)."""
