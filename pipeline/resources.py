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
import unicodedata
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
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    )


@lru_cache(maxsize=None)
def abbreviations(fold: Callable[[str], str]) -> Callable[[str], str]:
    """A function that folds a name with `fold` and spells out the abbreviations of
    vocab/abbreviations.tsv, each in its context (see the file's header): "UBND H.Sa Thầy"
    and "Ủy ban nhân dân huyện Sa Thầy" give one string."""
    rows = read_tsv("vocab", "abbreviations.tsv")
    by_context: dict[str, dict[str, str]] = {"word": {}, "as_written": {}, "before_name": {}}
    for row in rows:
        by_context[row.get("context") or "word"][row["abbreviation"]] = row["expansion"]
    words = {fold(k): fold(v) for k, v in by_context["word"].items()}
    word_pattern = _alternatives(words, r"(?<![\w.&-])", r"(?![\w&])")
    written_pattern = _alternatives(by_context["as_written"], r"(?<![\w.])", r"(?!\w)")
    unit_pattern = _alternatives(by_context["before_name"], r"(?<![\w.])", r"\s*(?=[^\W\d_])")
    longer = re.compile(word_pattern.pattern, re.IGNORECASE) if word_pattern else None

    def unit(m: re.Match) -> str:
        whole = longer.match(m.string, m.start()) if longer else None
        if whole and whole.end() > m.end():  # "TP. HCM" is the city itself, a longer abbreviation
            return m.group(0)
        if m.string[m.end()].isupper():
            return by_context["before_name"][m.group(1)] + " "
        return m.group(0)

    def spell_out(text: str) -> str:
        text = unicodedata.normalize("NFC", text or "")
        if written_pattern:
            text = written_pattern.sub(lambda m: by_context["as_written"][m.group(1)], text)
        if unit_pattern:
            text = unit_pattern.sub(unit, text)
        folded = fold(text)
        if word_pattern:
            folded = word_pattern.sub(lambda m: words[m.group(1)], folded)
        return " ".join(folded.split())

    return spell_out


def _alternatives(table: dict[str, str], before: str, after: str) -> re.Pattern | None:
    """A pattern that finds the keys of `table`, longest first, between two lookarounds."""
    if not table:
        return None
    keys = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(before + "(" + keys + ")" + after)
