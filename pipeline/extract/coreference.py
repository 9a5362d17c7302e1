"""Later mentions resolved to the person named before.

- an honorific with part of a name: "ông Tuấn", "bà Xuân", "ông Aránguiz", and
  "Ông Bảo" at the head of a sentence, whose full name may itself begin with the
  family name Ông ("Ông Quốc Bảo"); the given name must agree with all its
  diacritics, so "ông Tuân" never resolves to Đỗ Minh Tuấn;
- a bare title: "Tổng Bí thư", "Bộ trưởng", "Bí thư Tỉnh ủy" is the person last
  named with a post of that title;
- a pronoun: "Đồng chí", "Ông", "Bà", "Người" is the subject of the sentence before.
"""
from __future__ import annotations

from ..iris import org_key
from ..model import Span
from ..normalize import fold
from .lexicon import cue, lexicon
from .state import ExtractionState, PersonRef, SentenceState
from .words import Word


def join_honorifics(ws: list[Word]) -> list[Word]:
    """Words with each honorific of several syllables ("đồng chí", "Đại tướng") as one word."""
    honorifics = lexicon().honorifics
    out: list[Word] = []
    i = 0
    while i < len(ws):
        for n in (4, 3, 2):
            if i + n <= len(ws) and " ".join(w.key for w in ws[i:i + n]) in honorifics:
                out.append(Word(ws[i].start, ws[i + n - 1].end, " ".join(w.text for w in ws[i:i + n])))
                i += n
                break
        else:
            out.append(ws[i])
            i += 1
    return out


class Coreference:
    def __init__(self, state: ExtractionState):
        self.state = state
        self.text = state.article.text
        self.lex = lexicon()
        self.history: list[PersonRef] = []  # every resolved mention so far, in order
        self.last_subject: str | None = None

    def _by_partial_name(self, words: list[str]) -> str | None:
        """The person last mentioned whose name ends with (or, for a foreign name, contains) these words."""
        target = [fold(w) for w in words]
        candidates = []
        for key, person in self.state.persons.items():
            parts = fold(person.name).split()
            n = len(target)
            if parts[-n:] == target or (n == 1 and target[0] in parts[1:]):
                candidates.append(key)
        return self._most_recent(candidates)

    def _by_title(self, title_text: str) -> str | None:
        """The person last named with a post of this title; a bare "Thủ tướng" is not the
        holder of "Thủ tướng Lào"."""
        return self._most_recent(self.state.holders(title_text, foreign=False))

    def _among_bodies(self, sent: SentenceState, t) -> bool:
        """A bare title listed between bodies stands for the institution, not for a person."""
        ws = sent.words
        ends = {o.j for o in sent.orgs}
        starts = {o.i for o in sent.orgs}
        before = t.i >= 2 and ws[t.i - 1].text == "," and (t.i - 1) in ends
        after = t.j + 1 < len(ws) and ws[t.j].text == "," and (t.j + 1) in starts
        return before and after

    def _by_head_and_body(self, title) -> str | None:
        """'Bộ trưởng Công Thương' for the holder of 'Bộ trưởng Bộ Công Thương': same head, same body."""
        if title.org is None:
            return None
        body = self.state.org_by_name.get(org_key(title.org.name)) or self.state.org_by_name.get(title.org.reference or "")
        head = fold(title.head)
        holders = [p.person for p in self.state.positions
                   if body and p.organization == body and fold(p.title).startswith(head + " ")]
        return self._most_recent(holders)

    def _most_recent(self, candidates: list[str]) -> str | None:
        """The candidate mentioned last, or the last registered when none has been mentioned."""
        if not candidates:
            return None
        wanted = set(candidates)
        for ref in reversed(self.history):
            if ref.person in wanted:
                return ref.person
        return candidates[-1]

    def run(self, sent: SentenceState) -> None:
        ws = join_honorifics(sent.words)
        name_starts = {r.start for r in sent.refs}
        covered = set()
        for r in sent.refs:
            covered.update(k for k, w in enumerate(ws) if r.start <= w.start < r.end)
        new_refs = []
        # honorific + part of a name
        for k, w in enumerate(ws[:-1]):
            if w.key not in self.lex.honorifics or k + 1 in covered:
                continue
            run = k + 1
            while run < len(ws) and ws[run].cap and ws[run].is_word and run not in covered and run - k <= 4:
                run += 1
            if run == k + 1:
                continue
            parts = [x.text for x in ws[k + 1:run]]
            if w.cap and k == 0:
                whole = self.state.person_by_name.get(fold(" ".join([w.text] + parts)))
                if whole:  # "Ông Quốc Bảo" is a full name
                    new_refs.append(PersonRef(w.start, ws[run - 1].end, whole, "name"))
                    continue
            person = self._by_partial_name(parts)
            if person:
                new_refs.append(PersonRef(w.start, ws[run - 1].end, person, "honorific"))
        # bare titles
        for t in sent.titles:
            if t.start in name_starts or any(r.start == sent.words[t.j].start for r in sent.refs if t.j < len(sent.words)):
                continue
            nxt = sent.words[t.j] if t.j < len(sent.words) else None
            after_preposition = t.i > 0 and sent.words[t.i - 1].key in cue("preposition")
            if nxt is not None and nxt.text in {",", "-", ":"} and any(x.i == t.j + 1 for x in sent.titles) \
                    and not after_preposition:
                continue  # part of a stack
            if t.plural or (nxt is not None and nxt.cap and nxt.is_word):
                continue
            if t.i > 0 and sent.words[t.i - 1].key in {"chức", "vụ", "chức vụ", "danh"}:
                continue  # "giữ chức Chủ tịch UBND tỉnh": the post, not its holder
            if self._among_bodies(sent, t):
                continue  # "Quốc hội, Chủ tịch nước, Chính phủ tổ chức ...": the institution
            person = self._by_title(t.text) or self._by_head_and_body(t)
            if person:
                new_refs.append(PersonRef(t.start, t.end, person, "title"))
        # pronouns
        in_titles = {x for t in sent.titles for x in range(t.start, t.end)}
        for k, w in enumerate(ws):
            if w.start in in_titles:
                continue  # "Người phát ngôn Bộ Ngoại giao" is a title, not a pronoun
            rank_holder = self.state.styled.get(w.key) if not self.lex.honorifics.get(w.key, True) else None
            if not self.lex.honorifics.get(w.key) and w.text not in self.lex.pronouns and not rank_holder:
                continue
            nxt = ws[k + 1] if k + 1 < len(ws) else None
            if nxt is None or (nxt.cap and nxt.is_word):
                continue
            at_start = k == 0 or ws[k - 1].text in {",", ";", ":"} or (k == 1 and ws[0].key in {"theo"})
            if not at_start:
                continue
            # "Người" (the press's reverent pronoun) is the person last named, wherever in
            # the sentence; the others are the subject of the sentence before
            last_named = self.history[-1].person if self.history and w.text in self.lex.pronouns else None
            antecedent = rank_holder or last_named or self.last_subject
            if antecedent:  # "Đại tướng yêu cầu": the person styled so before
                new_refs.append(PersonRef(w.start, w.end, antecedent, "pronoun"))
        known = {(r.start, r.end) for r in sent.refs}
        sent.refs.extend(r for r in new_refs if (r.start, r.end) not in known)
        sent.refs.sort(key=lambda r: r.start)
        for r in sent.refs:
            if r.via != "name":
                person = self.state.persons[r.person]
                person.mentions.append(Span(r.start, r.end))
        self.history.extend(sent.refs)
        if sent.refs and not sent.sentence.caption:
            self.last_subject = sent.refs[0].person
