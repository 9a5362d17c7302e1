"""The construction files (ontology/constructions/*.yml): every construction names an action
its component offers, carries an example sentence, and matches that example."""
from __future__ import annotations

import pytest

from pipeline.explain import construction_files, construction_matches, explain, read
from pipeline.extract.constructions import load_constructions

CONSTRUCTIONS = [(file, c) for file in construction_files() for c in load_constructions(file)]


def test_the_three_kinds_of_construction_are_there():
    assert construction_files() == ["directives", "events", "positions"]
    assert len(CONSTRUCTIONS) >= 25


@pytest.mark.parametrize(("file", "construction"), CONSTRUCTIONS, ids=[f"{f}/{c.name}" for f, c in CONSTRUCTIONS])
def test_every_construction_matches_its_example(file, construction):
    assert construction.example, f"{file}/{construction.name} has no example sentence"
    doc = read(construction.example)
    view = doc._.view
    matched = {line.split(" ")[0] for sentence in view.sents for line in construction_matches(view, sentence)}
    assert f"{file}/{construction.name}" in matched, explain(construction.example)


def test_explain_shows_the_chunks_the_matches_and_the_facts():
    shown = explain("Phó Chủ tịch UBND tỉnh Bắc Ninh Khổng Văn Tư dự.")
    view_line, match_line = shown.splitlines()[:2]
    assert view_line == "[TITLE Phó Chủ tịch UBND tỉnh Bắc Ninh] [NAME Khổng Văn Tư] [CUE:event dự] ."
    assert match_line == ("  matches positions/titles_before_name (hold): "
                          "title=Phó Chủ tịch UBND tỉnh Bắc Ninh  holder=Khổng Văn Tư")
    assert "  post        Khổng Văn Tư | Phó Chủ tịch UBND tỉnh Bắc Ninh | UBND tỉnh Bắc Ninh" in shown.splitlines()


def _named(node, key: str) -> set[str]:
    """Every value a pattern gives `key` ("kind" or "tags"), whatever operator holds it."""
    if isinstance(node, dict):
        found = set()
        for k, v in node.items():
            if k == key:
                found |= {v} if isinstance(v, str) else {x for op in v.values() for x in op}
            else:
                found |= _named(v, key)
        return found
    if isinstance(node, (list, tuple)):
        return set().union(*(_named(x, key) for x in node)) if node else set()
    return set()


def test_every_kind_and_cue_role_a_pattern_names_exists():
    """A misspelt kind or a cue role the cue chunker is not configured to find would make a
    construction silently never match."""
    import spacy

    from pipeline.extract.view import KINDS
    from pipeline.language import CONFIG

    roles = set(spacy.util.load_config(CONFIG)["components"]["cues"]["roles"]) | {"trigger", "say", "event"}
    for file, c in CONSTRUCTIONS:
        kinds = _named(c.pattern, "kind") - {"WORD"}
        tags = _named(c.pattern, "tags")
        assert kinds <= KINDS, (f"{file}/{c.name}", kinds - KINDS)
        assert tags <= KINDS | roles, (f"{file}/{c.name}", tags - KINDS - roles)
