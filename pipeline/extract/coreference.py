"""Mentions: every place the article refers to one of its persons, resolved to the person.

- a name ("Lò Minh Hưng");
- a style with part of a name: "ông Tuấn", "bà Xuân", "ông Aránguiz", "Đại tướng Chiến":
  the person last mentioned whose name ends with those words (all diacritics agree, so
  "ông Tuân" is never Lỗ Minh Tuấn), or for a foreigner, holds the word;
- a bare title: "Tổng Bí thư", "Bộ trưởng", "Bí thư Tỉnh ủy": the person last mentioned
  who holds a post of that title ("Bộ trưởng Công Thương" is the holder of "Bộ trưởng Bộ
  Công Thương"); a bare "Thủ tướng" is not the holder of "Thủ tướng Lào";
- a pronoun at the head of a clause: "Đồng chí", "Ông", "Bà": the subject of the sentence
  before; "Người", the person last named; a rank alone ("Đại tướng yêu cầu"), the person
  last named with it.
A title held in a construction (a post of a name, a list's header) is no mention, and
neither is a title after "giữ chức" (the post, not its holder) or one listed between
bodies ("Quốc hội, Chủ tịch nước, Chính phủ tổ chức ...": the institution).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span as ViewSpan, Token

from ..iris import org_key
from ..model import Position, Span
from ..normalize import fold
from .chunks import ByOffset, is_cap
from .entities import Entities
from .vocabulary import vocabulary


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    person: str  # Person.key
    via: str  # name | style | title | pronoun


@Language.factory("govkg_coreference", assigns=["doc._.mentions"],
                  requires=["doc._.view", "doc._.entities", "doc._.positions", "doc._.holdings"])
def create_coreference(nlp: Language, name: str):
    return resolve_mentions


def resolve_mentions(doc: Doc) -> Doc:
    resolver = Resolver(doc)
    mentions = []
    for sentence in doc._.view.sents:
        mentions.extend(resolver.sentence(sentence))
    doc._.mentions = mentions
    return doc


class Resolver:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.entities: Entities = doc._.entities
        self.positions: list[Position] = doc._.positions
        holdings = doc._.holdings
        self.held_titles = {h.title.start for h in holdings.holdings if h.title is not None}
        self.voc = vocabulary()
        self.history: list[Mention] = []
        self.last_subject: str | None = None
        self.styled: dict[str, str] = {}  # folded rank -> person last named with it
        self.captions = ByOffset([s.span for s in doc._.segments if s.caption])
        self.paragraph_of = {s.span.start: s.paragraph for s in doc._.segments}
        self.paragraph = None
        self.answerer: str | None = None  # who speaks in the current paragraph ("Đồng chí A: ...")

    # -- candidates -----------------------------------------------------------------
    def holders(self, title: str, foreign: bool = True) -> list[str]:
        """Persons whose post is this title or the title with more after it ("Bộ trưởng" ->
        "Bộ trưởng Bộ Tài chính"); `foreign=False` leaves out "Thủ tướng Lào"."""
        wanted = fold(title)
        out = []
        for p in self.positions:
            held = fold(p.title)
            if held == wanted or (held.startswith(wanted + " ")
                                  and (foreign or held[len(wanted) + 1:] not in self.voc.countries)):
                out.append(p.person)
        return out

    def by_head_and_body(self, title) -> str | None:
        """'Bộ trưởng Công Thương' for the holder of 'Bộ trưởng Bộ Công Thương': same head, same body."""
        body = title.body
        if body is None:
            return None
        name = body.name
        if body.needs_place:  # "Chủ tịch UBND TP" for the holder of "Chủ tịch UBND TP.HCM"
            place = self.entities.places.at(body.needs_place, body.start)
            name = f"{body.name} {place}" if place else name
        key = self.entities.org_by_name.get(body.reference or "") or self.entities.org_by_name.get(org_key(name))
        head = fold(title.head)
        return self.most_recent([p.person for p in self.positions
                                 if key and p.organization == key and fold(p.title).startswith(head + " ")])

    def by_partial_name(self, words: list[str]) -> str | None:
        """The person whose name ends with these words (or, for a foreign name, holds the word)."""
        target = [fold(w) for w in words]
        found = []
        for key, person in self.entities.persons.items():
            parts = fold(person.name).split()
            foreign = person.name.split()[0] not in self.voc.surnames  # "ông Bounkhong", "ông Seo"
            if parts[-len(target):] == target or (len(target) == 1 and target[0] in parts[0 if foreign else 1:]):
                found.append(key)
        return self.most_recent(found)

    def most_recent(self, candidates: list[str]) -> str | None:
        if not candidates:
            return None
        wanted = set(candidates)
        for mention in reversed(self.history):
            if mention.person in wanted:
                return mention.person
        return candidates[-1]

    # -- one sentence ---------------------------------------------------------------
    def sentence(self, sentence: ViewSpan) -> list[Mention]:
        found: list[Mention] = []
        tokens = list(sentence)
        self.note_answerer(tokens)
        for n, token in enumerate(tokens):
            mention = self.mention_at(tokens, n)
            if mention is not None:
                found.append(mention)
        for m in found:
            if m.via != "name":
                self.entities.persons[m.person].mentions.append(Span(m.start, m.end))
        self.history.extend(found)
        caption = self.captions.last_at(sentence[0]._.item.start)
        if found and not (caption is not None and sentence[0]._.item.start < caption.end):
            self.last_subject = found[0].person
        return found

    def note_answerer(self, tokens: list[Token]) -> None:
        """An interview's answer opens with its speaker and a colon ("Đồng chí A: ..."); in it, "tôi"
        is that person. A new paragraph forgets the speaker of the one before."""
        paragraph = self.paragraph_of.get(tokens[0]._.item.start) if tokens else None
        if paragraph is None or paragraph == self.paragraph:
            return
        self.paragraph, self.answerer = paragraph, None
        k = 0
        while k < len(tokens) and tokens[k]._.kind in {"HON", "RANK", "TITLE"}:
            k += 1
        if k + 1 < len(tokens) and tokens[k]._.kind == "NAME" and tokens[k + 1]._.kind == ":":
            self.answerer = self.entities.person_named(tokens[k]._.item.text)

    def mention_at(self, tokens: list[Token], n: int) -> Mention | None:
        token = tokens[n]
        item = token._.item
        kind = token._.kind
        if kind == "NAME":
            person = self.entities.person_named(item.text)
            if person is None:
                return None
            style = tokens[n - 1] if n > 0 and tokens[n - 1]._.kind in {"RANK", "HON", "ROLE"} else None
            if style is not None:  # "Đại tướng A": a later "Đại tướng" alone is A
                self.styled[fold(style.text)] = person
            return Mention(item.start, item.end, person, "name")
        if kind in {"HON", "RANK", "ROLE"}:
            return self.styled_name(tokens, n) or self.pronoun(tokens, n)
        if kind == "TITLE":  # "Thủ tướng Kurosaki": a title and part of a name; else the title alone
            return self.styled_name(tokens, n) or self.bare_title(tokens, n)
        if kind == "CUE" and "first_person" in token._.tags and self.answerer:
            return Mention(item.start, item.end, self.answerer, "pronoun")  # "Tôi đề nghị ..." in an answer
        return None

    def styled_name(self, tokens: list[Token], n: int) -> Mention | None:
        """A style and part of a name: "ông Tuấn", "bà Xuân", "ông Aránguiz"."""
        k = n + 1
        while k < len(tokens) and k - n <= 4 and tokens[k]._.kind in {"WORD", "PLACE"} and is_cap(tokens[k]) \
                and tokens[k].text[:1].isalpha():
            k += 1
        if k == n + 1:
            return None
        person = self.by_partial_name([t.text for t in tokens[n + 1:k]])
        if person is None:
            return None
        return Mention(tokens[n]._.item.start, tokens[k - 1]._.item.end, person, "style")

    def styled_holder(self, style: str) -> str | None:
        """The person last named with this style, or with the style it ends with ("nữ đại biểu":
        the deputy named "đại biểu A")."""
        if style in self.styled:
            return self.styled[style]
        return next((person for written, person in self.styled.items() if style.endswith(" " + written)), None)

    def pronoun(self, tokens: list[Token], n: int) -> Mention | None:
        token = tokens[n]
        style = token._.item.data
        rank_holder = self.styled_holder(fold(token.text)) if style.kind in {"rank", "role"} else None
        if not style.pronoun and not rank_holder:
            return None
        following = tokens[n + 1] if n + 1 < len(tokens) else None
        if following is None or following._.kind == "NAME" or (is_cap(following) and following._.kind == "WORD"):
            return None
        clause_start = n == 0 or tokens[n - 1]._.kind in {",", ";", ":"} or (n == 1 and tokens[0].lower_ == "theo")
        if not clause_start:
            return None
        # "Người" (the press's reverent pronoun) is the person last named, wherever in the
        # sentence; the others are the subject of the sentence before
        last_named = self.history[-1].person if self.history and style.kind == "pronoun" else None
        person = rank_holder or last_named or self.last_subject
        return Mention(token._.item.start, token._.item.end, person, "pronoun") if person else None

    def bare_title(self, tokens: list[Token], n: int) -> Mention | None:
        item = tokens[n]._.item
        if item.start in self.held_titles:
            return None
        following = tokens[n + 1] if n + 1 < len(tokens) else None
        previous = tokens[n - 1] if n > 0 else None
        if following is not None and following._.kind in {"NAME", "RANK", "HON"}:
            return None
        if previous is not None and (previous.lower_ in self.voc.cue("plural_marker") or previous._.kind == "NUM"
                                     or fold(previous.text) in self.voc.cue("post_marker")):
            return None  # "các Phó Thủ tướng", "hai Bộ trưởng", "giữ chức Chủ tịch UBND tỉnh": not one holder
        if self.among_bodies(tokens, n):
            return None
        title = item.data
        # a bare "Thủ tướng" is not the holder of "Thủ tướng Lào"; but a bare "Đại sứ", a post abroad by
        # nature, is the holder of "Đại sứ Indonesia"
        abroad = self.voc.title(title.head).level == "foreign"
        person = self.most_recent(self.holders(title.text, foreign=abroad)) or self.by_head_and_body(title)
        return Mention(item.start, item.end, person, "title") if person else None

    @staticmethod
    def among_bodies(tokens: list[Token], n: int) -> bool:
        """A bare title listed between bodies stands for the institution, not for a person."""
        before = n >= 2 and tokens[n - 1]._.kind == "," and tokens[n - 2]._.kind == "BODY"
        after = n + 2 < len(tokens) and tokens[n + 1]._.kind == "," and tokens[n + 2]._.kind == "BODY"
        return before and after
