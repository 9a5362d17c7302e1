"""One source for each word list: the extraction code writes no Vietnamese word of its own.

Words the extractors read (function words, units, heads, date words, forms of address) are
data under ontology/vocab/ (cue_words.tsv, date_words.tsv, units.tsv, honorifics.tsv...) and
are read from there. Docstrings and comments may quote Vietnamese text as examples; string
literals may not.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import REPO

VIETNAMESE = re.compile(r"[à-ỹÀ-ỸđĐ]")
SCANNED = sorted((REPO / "pipeline" / "extract").glob("*.py")) + [REPO / "pipeline" / "segment.py"]


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions."""
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, owners) and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant) and isinstance(node.body[0].value.value, str)}


def vietnamese_literals(path: Path) -> list[str]:
    """Every string literal of the file, f-string parts included, that holds a Vietnamese letter,
    docstrings left out, as "line: text"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    return [f"{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and VIETNAMESE.search(node.value)]


def test_the_scan_covers_the_extractors():
    assert len(SCANNED) > 15
    assert REPO / "pipeline" / "extract" / "vocabulary.py" in SCANNED


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_no_vietnamese_literal(path):
    found = vietnamese_literals(path)
    assert not found, f"{path.name}: Vietnamese words belong in ontology/vocab/, read them from there: {found}"


def test_the_scan_finds_a_literal_and_skips_docstrings_and_comments(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""Về chuyến thăm."""\n\n\ndef f(x):\n    """Sở Y tế."""\n    # "và" in a comment\n'
                      '    return x == "và" or x == f"Bộ {x}"\n', encoding="utf-8")
    assert vietnamese_literals(sample) == ["7: 'và'", "7: 'Bộ '"]
