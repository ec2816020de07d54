"""In-memory biodata adapters: plain containers a test can inspect, same contract as SQL."""
