"""The extractors learn the kind of text, never the test articles: no person of an article
we score against (tests/data/*/*.gold.json) is named in the code or the data the pipeline
ships (pipeline/, ontology/), nor in the sentences the extraction tests are written in
(tests/extract/). Examples in docstrings, constructions and tests use invented names.

A name that is also a place or body (Hồ Chí Minh, the city and the academy) is allowed
where the vocabulary needs it.
"""
from __future__ import annotations

import json
import re

from conftest import REPO

GOLD = sorted((REPO / "tests" / "data").glob("*/*.gold.json")) + sorted((REPO / "seeds").glob("*.gold.json"))
SHIPPED = [p for top in ("pipeline", "ontology", "tests/extract") for p in sorted((REPO / top).rglob("*"))
           if p.is_file() and p.suffix in {".py", ".yml", ".yaml", ".tsv", ".ttl", ".rq", ".cfg", ".json", ".html", ".js"}
           and "vendor" not in p.parts]
PLACE_NAMES = (REPO / "ontology" / "vocab" / "provinces.tsv").read_text(encoding="utf-8")


def gold_persons() -> set[str]:
    names = set()
    for path in GOLD:
        for person in json.loads(path.read_text(encoding="utf-8")).get("persons", []):
            names.add(person["name"] if isinstance(person, dict) else person)
    return {n for n in names if n not in PLACE_NAMES}


def test_there_are_gold_persons_to_look_for():
    assert len(GOLD) > 40 and len(gold_persons()) > 300


def named_in(text: str, name: str) -> bool:
    """The name as a whole, not inside a longer name ("Thu Hà" in "Phạm Thu Hà")."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        before = re.search(r"(\w+) $", text[:at])  # the word right before, across one space
        after = re.match(r" (\w+)", text[end:])
        whole = not text[at - 1:at].isalnum() and not text[end:end + 1].isalnum()
        if whole and not (before and before.group(1)[0].isupper()) and not (after and after.group(1)[0].isupper()):
            return True
        at = text.find(name, at + 1)
    return False


def test_a_name_inside_a_longer_name_is_another_name():
    assert named_in('run("Bà Thu Hà dự.")', "Thu Hà") is False  # "Bà" is capitalised: part of the run
    assert named_in('run("Người phát ngôn Phạm Thu Hà nói")', "Thu Hà") is False
    assert named_in('example: "ông Lò Văn Tư phát biểu"', "Lò Văn Tư") is True


def test_no_gold_person_is_named_in_the_code_or_the_data():
    persons = gold_persons()
    named = [(str(path.relative_to(REPO)), name) for path in SHIPPED
             for text in [path.read_text(encoding="utf-8", errors="replace")]
             for name in persons if name in text and named_in(text, name)]
    assert not named, named
