"""The chunk view: a Doc whose tokens are the chunks of the article and the words between them.

Constructions are spaCy Matcher patterns over this view, so a pattern says "a title,
a comma, a title, a name" instead of spelling syllables. Each view token has:

  _.kind   TITLE, BODY, PLACE, NAME, HON (a form of address or pronoun), RANK (a rank,
           degree, honour or profession), ROLE ("đại biểu", "cử tri"), ACCUSED, DATE,
           NUM (a number), CUE (a cue word), WORD (any other word), or the mark itself
           for punctuation (",", ";", ":", "(", ")", "-", ".")
  _.tags   the kind and, for a CUE, its roles ("trigger", "say", "event", "hold_marker"...),
           so that one pattern token may accept several ({_: {tags: {INTERSECTS: [TITLE,
           former_marker]}}})
  _.item   the Item: the chunk's span in the article's Doc and what its chunker found

Where chunks overlap, a name wins over a style, a title over the body and place
inside it, a body over a place, a date over a cue.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .chunks import chunks

MARKS = {",", ";", ":", "(", ")", "-", "."}
KINDS = {"TITLE", "BODY", "PLACE", "NAME", "HON", "RANK", "ROLE", "ACCUSED", "DATE", "NUM", "CUE", "WORD"} | MARKS
KIND_OF_STYLE = {"address": "HON", "pronoun": "HON", "rank": "RANK", "degree": "RANK", "honour": "RANK",
                 "profession": "RANK", "role": "ROLE", "accused": "ACCUSED"}
# the order in which overlapping chunks give way: earlier groups win
PRIORITY = (("names", "NAME"), ("titles", "TITLE"), ("dates", "DATE"), ("bodies", "BODY"),
            ("places", "PLACE"), ("styles", None), ("cues", "CUE"))


@dataclass(frozen=True)
class Item:
    kind: str
    span: Span  # in the article's Doc
    data: object = None  # what the chunker found (Title, Body, Place, Name, Style, DateMention, Cue)

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char

    @property
    def text(self) -> str:
        return self.span.text


def register_view_extensions() -> None:
    for attr, default in (("kind", "WORD"), ("tags", ()), ("item", None)):
        if not Token.has_extension(attr):
            Token.set_extension(attr, default=default)


def build_view(doc: Doc) -> Doc:
    """The chunk view of an article's Doc, with the same sentences."""
    taken: dict[int, Item] = {}
    for group, kind in PRIORITY:
        for span in chunks(doc, group):
            if any(k in taken for k in range(span.start, span.end)):
                continue
            item = Item(kind or KIND_OF_STYLE[span._.style.kind], span, getattr(span._, _attr(group)))
            for k in range(span.start, span.end):
                taken[k] = item
    items: list[Item] = []
    sentence_starts: list[bool] = []
    k = 0
    while k < len(doc):
        token = doc[k]
        item = taken.get(k)
        if item is None:
            if token.is_space:
                k += 1
                continue
            item = Item(_word_kind(token), doc[k:k + 1])
        items.append(item)
        sentence_starts.append(doc[item.span.start].is_sent_start)
        k = item.span.end
    view = Doc(doc.vocab, words=[i.text for i in items] or [""], sent_starts=sentence_starts or None)
    for token, item in zip(view, items):
        token._.kind = item.kind
        token._.item = item
        token._.tags = (item.kind, *sorted(item.data.roles)) if item.kind == "CUE" else (item.kind,)
    return view


def _attr(group: str) -> str:
    from .chunks import GROUPS

    return GROUPS[group]


def _word_kind(token: Token) -> str:
    if token.is_punct or not token.text[:1].isalnum():
        return token.text
    if token.text[:1].isdigit() or (token.like_num and token.text.islower()):
        return "NUM"  # "6", "hai"; but "Tư" in "Tư pháp" is no four
    return "WORD"


@Language.factory("govkg_view", assigns=["doc._.view"],
                  requires=["span._.place", "span._.body", "span._.title", "span._.style", "span._.name",
                            "span._.date", "span._.cue"])
def create_view(nlp: Language, name: str):
    register_view_extensions()
    return add_view


def add_view(doc: Doc) -> Doc:
    doc._.view = build_view(doc)
    return doc
