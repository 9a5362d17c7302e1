"""Shared helpers: run the extraction on a few sentences and read the facts by name."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.extract import extract_facts  # noqa: E402
from pipeline.model import Article, ArticleFacts  # noqa: E402
from pipeline.normalize import fold, normalize_text  # noqa: E402

SHARED = REPO.parent / "shared"
DEV = REPO / "tests" / "data" / "dev"


class Facts:
    """The facts of a text, with names in place of keys, for readable assertions."""

    def __init__(self, facts: ArticleFacts):
        self.raw = facts
        names = {p.key: p.name for p in facts.persons} | {o.key: o.name for o in facts.organizations}
        self.name = names.get
        self.persons = [p.name for p in facts.persons if not p.photo_credit]
        self.photo_credits = [p.name for p in facts.persons if p.photo_credit]
        self.organizations = [o.name for o in facts.organizations if o.mentions]
        self.positions = {(names[p.person], p.title, names.get(p.organization)) for p in facts.positions}
        self.titles = {(names[p.person], p.title) for p in facts.positions}
        self.directives = [(names[d.issuer], d.trigger, names.get(d.addressee)) for d in facts.directives]
        self.quotes = [(names[q.speaker], q.text) for q in facts.quotes]
        self.events = facts.events

    def titles_of(self, person: str) -> set[str]:
        return {t for p, t in self.titles if fold(p) == fold(person)}


def run(text: str, published: dt.date | None = None) -> Facts:
    text = normalize_text(text)
    return Facts(extract_facts(Article(name="t", source="t.txt", text=text, published=published)))


@pytest.fixture
def extract():
    return run
