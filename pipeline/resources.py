"""Where the project's data files live, and small readers for them.

The ontology, shapes, SPARQL queries, the reference graph of bodies and the
vocabularies are data files under `ontology/` at the top of the repository, the one
source; code reads them and never copies them. An installed package (wheel) carries
them as the package data `pipeline/ontology/` (see pyproject.toml), read through
importlib.resources; a source checkout or an editable install reads the repository's
`ontology/`. `GOVKG_ONTOLOGY_DIR` points elsewhere (a customised vocabulary).
"""
from __future__ import annotations

import atexit
import contextlib
import csv
import os
import re
import unicodedata
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Callable

PACKAGE_DATA = "ontology"  # the data folder inside the installed package


@lru_cache(maxsize=1)
def _packaged_dir() -> Path | None:
    """The package data folder as a file system path (extracted once when the package
    is imported from a zip), or None when the package carries no data (a checkout)."""
    folder = importlib_resources.files(__package__ or "pipeline") / PACKAGE_DATA
    if not folder.is_dir():
        return None
    if isinstance(folder, Path):
        return folder
    stack = contextlib.ExitStack()
    atexit.register(stack.close)
    return Path(stack.enter_context(importlib_resources.as_file(folder)))


def ontology_dir() -> Path:
    """The folder of the data files: $GOVKG_ONTOLOGY_DIR, the installed package's data,
    or the repository's ontology/ beside the package."""
    override = os.environ.get("GOVKG_ONTOLOGY_DIR")
    if override:
        return Path(override)
    return _packaged_dir() or Path(__file__).resolve().parent.parent / "ontology"


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
def abbreviations(fold: Callable[[str], str], before_numbers: bool = False) -> Callable[[str], str]:
    """A function that folds a name with `fold` and spells out the abbreviations of
    vocab/abbreviations.tsv, each in its context (see the file's header): "UBND H.Sa Thầy"
    and "Ủy ban nhân dân huyện Sa Thầy" give one string. With `before_numbers`, a unit is
    spelled out before a number too ("Q.8": "quận 8"), as the identity of a body needs; the
    gold format's scorer leaves it."""
    rows = read_tsv("vocab", "abbreviations.tsv")
    by_context: dict[str, dict[str, str]] = {"word": {}, "as_written": {}, "before_name": {}}
    for row in rows:
        by_context[row.get("context") or "word"][row["abbreviation"]] = row["expansion"]
    words = {fold(k): fold(v) for k, v in by_context["word"].items()}
    word_pattern = _alternatives(words, r"(?<![\w.&-])", r"(?![\w&])")
    written_pattern = _alternatives(by_context["as_written"], r"(?<![\w.])", r"(?!\w)")
    unit_pattern = _alternatives(by_context["before_name"], r"(?<![\w.])",
                                 r"\s*(?=[^\W_])" if before_numbers else r"\s*(?=[^\W\d_])")
    longer = re.compile(word_pattern.pattern, re.IGNORECASE) if word_pattern else None

    def unit(m: re.Match) -> str:
        whole = longer.match(m.string, m.start()) if longer else None
        if whole and whole.end() > m.end():  # "TP. HCM" is the city itself, a longer abbreviation
            return m.group(0)
        if m.string[m.end()].isupper() or (before_numbers and m.string[m.end()].isdigit()):
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
