"""PROTEA's pure core: entities, algorithms, use cases and the ports they depend on."""
