"""Where the project's data files live, and small readers for them.

The ontology, shapes, SPARQL queries, the reference graph of bodies and the
vocabularies are data files under `ontology/` at the top of the repository; code
reads them from there and never copies them. `GOVKG_ONTOLOGY_DIR` points
elsewhere (for an installed copy or a customised vocabulary).
"""
from __future__ import annotations

import csv
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable


def ontology_dir() -> Path:
    override = os.environ.get("GOVKG_ONTOLOGY_DIR")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "ontology"


def data_path(*parts: str) -> Path:
    """A file under the ontology directory, e.g. data_path("vocab", "titles.tsv")."""
    return ontology_dir().joinpath(*parts)


@lru_cache(maxsize=None)
def read_tsv(*parts: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV vocabulary as dicts; lines starting with '#' are comments."""
    path = data_path(*parts)
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return tuple(
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(lines, delimiter="\t")
    )


@lru_cache(maxsize=None)
def abbreviations(fold: Callable[[str], str]) -> tuple[re.Pattern, dict[str, str]]:
    """The abbreviations of vocab/abbreviations.tsv folded by `fold`, and a pattern that finds
    them as whole words (not inside a longer word, not after a dot: "tp.hcm" is one)."""
    rows = read_tsv("vocab", "abbreviations.tsv")
    table = {fold(r["abbreviation"]): fold(r["expansion"]) for r in rows if r.get("abbreviation")}
    alternatives = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(r"(?<![\w.])(" + alternatives + r")(?!\w)"), table
