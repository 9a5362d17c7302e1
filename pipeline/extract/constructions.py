"""Constructions: patterns over the chunk view, kept as data, each naming its action.

A construction file (ontology/constructions/*.yml) lists constructions in the order
they are tried:

    - name: titles_before_name
      action: hold
      example: "Ủy viên Bộ Chính trị, Trưởng Ban Tổ chức Trung ương Khúc Văn Điền phát biểu."
      pattern:
        - {_: {kind: {IN: [TITLE, RANK, ","]}}, OP: "*", ROLE: title}
        - {_: {kind: TITLE}, ROLE: title}
        - {_: {kind: NAME}, ROLE: holder}

`pattern` is a spaCy Matcher pattern over the view (see `view.py` for the attributes)
in which a token may name the ROLE its match plays; `action` names a function of the
component that reads the construction (registered with `@actions.register`), which
receives the match with its roles; `params` are handed to the action as they are.
Each construction's `example` is a sentence it was written for (a test checks that the
construction matches it). Adding a construction means adding an entry and a test
sentence; a new kind of action is a new function.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import srsly
from spacy.matcher import Matcher
from spacy.tokens import Span, Token

from ..resources import data_path


@dataclass(frozen=True)
class Construction:
    name: str
    action: str
    pattern: tuple  # Matcher token patterns, ROLE removed
    roles: tuple  # the ROLE of each pattern token, or None
    params: dict = field(default_factory=dict, hash=False, compare=False)
    example: str | None = None


@dataclass
class Match:
    """One match of a construction in a sentence of the view."""

    construction: Construction
    sentence: Span  # the sentence of the view it matched in
    start: int  # view token indices (in the view Doc)
    end: int
    roles: dict[str, list[Token]]

    def role(self, name: str) -> list[Token]:
        return self.roles.get(name, [])

    def first(self, name: str) -> Token | None:
        found = self.roles.get(name)
        return found[0] if found else None

    @property
    def tokens(self) -> Span:
        return self.sentence.doc[self.start:self.end]

    @property
    def params(self) -> dict:
        return self.construction.params


@lru_cache(maxsize=None)
def load_constructions(name: str) -> tuple[Construction, ...]:
    """The constructions of ontology/constructions/<name>.yml, in file order."""
    path = data_path("constructions", f"{name}.yml")
    out = []
    for entry in srsly.read_yaml(path):
        pattern, roles = [], []
        for token in entry["pattern"]:
            token = dict(token)
            roles.append(token.pop("ROLE", None))
            pattern.append(token)
        out.append(Construction(entry["name"], entry["action"], tuple(pattern), tuple(roles),
                                entry.get("params") or {}, entry.get("example")))
    names = [c.name for c in out]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"{path}: constructions named twice: {', '.join(sorted(duplicates))}")
    return tuple(out)


class Actions:
    """The actions a component offers to its constructions, by name."""

    def __init__(self):
        self.functions: dict[str, Callable] = {}

    def register(self, name: str):
        def decorate(function):
            self.functions[name] = function
            return function
        return decorate

    def __getitem__(self, name: str) -> Callable:
        return self.functions[name]


class ConstructionMatcher:
    """All constructions of a file as one spaCy Matcher; matches come back in file order
    (a construction listed earlier acts first), then in text order."""

    def __init__(self, vocab, constructions: tuple[Construction, ...], actions: Actions):
        missing = sorted({c.action for c in constructions} - set(actions.functions))
        if missing:
            raise ValueError(f"constructions name actions that do not exist: {', '.join(missing)}")
        self.constructions = constructions
        self.order = {c.name: n for n, c in enumerate(constructions)}
        self.by_id = {}
        self.matcher = Matcher(vocab)
        for c in constructions:
            self.matcher.add(c.name, [list(c.pattern)], greedy="LONGEST")
            self.by_id[vocab.strings[c.name]] = c

    def __call__(self, sentence: Span) -> list[Match]:
        found = []
        for match_id, start, end, alignment in self.matcher(sentence, with_alignments=True):
            c = self.by_id[match_id]
            roles: dict[str, list[Token]] = {}
            for offset, pattern_index in enumerate(alignment):
                role = c.roles[pattern_index]
                if role:
                    roles.setdefault(role, []).append(sentence[start + offset])
            found.append(Match(c, sentence, sentence.start + start, sentence.start + end, roles))
        found.sort(key=lambda m: (self.order[m.construction.name], m.start))
        return found
