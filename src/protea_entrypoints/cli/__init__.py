"""The `protea` command line."""
