"""Directives: who asks whom to do what, as the frames of ontology/constructions/directives.yml say.

A trigger of the vocabulary (yêu cầu, đề nghị, chỉ đạo, giao, lưu ý, kiến nghị, đề
xuất...) is a directive when a frame takes it. The actions, by name:

  no_directive  the trigger is a noun or has no object ("các kiến nghị", "với yêu cầu rất cao")
  passive       "X được (Y) giao ...": X is addressed; Y, or the one giving directives in the
                passage, issues
  direct        the issuer is the subject before the verb (a person or body, a bare title or
                pronoun already resolved; "đồng thời yêu cầu" keeps the sentence's issuer; a
                document stands for whoever issued it: "Kết luận yêu cầu"), and the bodies and
                persons named right after it are addressed, one directive each ("yêu cầu Sở
                TN-MT, Công an tỉnh và UBND H.Bắc Bình", "Bộ trưởng các bộ: Nội vụ, Tài chính");
                a vague group ("các bộ, ngành") is none, "Bộ" alone is the ministry named last,
                and "giao Sở A chủ trì, phối hợp với Sở B" addresses Sở A only.
A second trigger inside the first one's content ("yêu cầu EVN chỉ đạo các nhà thầu") is
no directive of its own unless a clause break opens it ("; đồng thời đề xuất ...").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span as ViewSpan, Token

from ..model import Directive, Span
from ..normalize import fold
from .chunks import Body, ByOffset, is_cap
from .constructions import Actions, ConstructionMatcher, Match, load_constructions
from .entities import Entities
from .vocabulary import vocabulary

actions = Actions()
MAX_WORDS_BETWEEN_SUBJECT_AND_VERB = 3


@Language.factory("govkg_directives", assigns=["doc._.directives"],
                  requires=["doc._.view", "doc._.entities", "doc._.mentions"],
                  default_config={"constructions": "directives"})
def create_directive_finder(nlp: Language, name: str, constructions: str):
    return DirectiveFinder(nlp, constructions)


class DirectiveFinder:
    def __init__(self, nlp: Language, constructions: str):
        self.matcher = ConstructionMatcher(nlp.vocab, load_constructions(constructions), actions)

    def __call__(self, doc: Doc) -> Doc:
        state = Passage(doc)
        for sentence in doc._.view.sents:
            if state.is_caption(sentence):
                continue
            state.begin(sentence)
            for match in self.matcher(sentence):
                actions[match.construction.action](match, state)
        doc._.directives = state.directives
        return doc


@dataclass
class Passage:
    """What the directives of an article share as they are read in order."""

    doc: Doc
    directives: list[Directive] = field(default_factory=list)
    last_issuer: str | None = None
    sentence: ViewSpan | None = None
    sentence_issuer: str | None = None
    issuer_before: str | None = None  # who issued a directive in the sentence before this one
    previous_trigger: int | None = None  # view index of the sentence's last directive verb
    handled: set[int] = field(default_factory=set)  # view indices of triggers already decided
    described: dict[str, str] = field(default_factory=dict)  # "nhà đầu tư" -> the body described so
    pending: dict[str, tuple] = field(default_factory=dict)  # bodies registered only once a directive names them

    def __post_init__(self):
        self.entities: Entities = self.doc._.entities
        self.text = self.doc.text
        self.captions = ByOffset([s.span for s in self.doc._.segments if s.caption])
        self.sentences = ByOffset([s.span for s in self.doc._.segments])
        self.mention_at: dict[int, str] = {}  # start offset of a view token -> person it mentions
        for m in self.doc._.mentions:
            self.mention_at.setdefault(m.start, m.person)
        self.mention_end = {m.start: m.end for m in self.doc._.mentions}

    def is_caption(self, sentence: ViewSpan) -> bool:
        start = sentence[0]._.item.start
        caption = self.captions.last_at(start)
        return caption is not None and start < caption.end

    def begin(self, sentence: ViewSpan) -> None:
        self.issuer_before = self.sentence_issuer
        self.sentence, self.sentence_issuer, self.previous_trigger = sentence, None, None
        view = sentence.doc
        for k in range(sentence.start, sentence.end - 2):  # "Công ty X, nhà đầu tư dự án Y"
            if view[k]._.kind == "BODY" and view[k + 1]._.kind == "," and "body_description" in view[k + 2]._.tags:
                key = self.body_key(view[k]._.item.data)
                if key:
                    self.described[fold(view[k + 2].text)] = key

    def evidence(self) -> Span:
        start = self.sentence[0]._.item.start
        return self.sentences.last_at(start) or Span(start, self.sentence[-1]._.item.end)

    # -- referents: what a view token names --------------------------------------------
    def referent(self, token: Token) -> str | None:
        """The person or body a view token names, if any: a body, a mention of a person, a
        country, "Trung ương", or a head written alone that refers back to the body of that kind
        named last ("Bộ đã yêu cầu", "đề nghị công ty chăm lo")."""
        item = token._.item
        kind = token._.kind
        if kind == "BODY":
            return self.body_key(item.data)
        person = self.mention_at.get(item.start)
        if person is not None:
            return person
        if kind == "PLACE" and item.data.level == "country":
            return self.pending_body(item.data.name, "ForeignBody", item)
        if kind == "CUE" and "central_body" in token._.tags and is_cap(token):
            return self.pending_body(item.text, "PartyBody", item)
        return self.body_referred_back(token)

    def pending_body(self, name: str, kind: str, item) -> str:
        """A country or "Trung ương" is a body only when a directive names it: registered then."""
        key = f"pending:{item.start}"
        self.pending[key] = (name, kind, Span(item.start, item.end))
        return key

    def settle(self, key: str | None) -> str | None:
        if key is None or key not in self.pending:
            return key
        name, kind, span = self.pending[key]
        return self.entities.body(name, kind, span=span)

    def body_referred_back(self, token: Token) -> str | None:
        """'Bộ' (capitalised, alone) or 'công ty', 'nhà đầu tư' (a body_reference cue): the body of that
        head named last before, or the body described so ("Công ty X, nhà đầu tư dự án Y")."""
        view = token.doc
        k = token.i
        text = fold(token.text)
        next_is_name = k + 1 < len(view) and is_cap(view[k + 1]) and view[k + 1]._.kind == "WORD"
        if token._.kind == "WORD" and is_cap(token) and text in vocabulary().org_heads and not next_is_name:
            head = text
        elif "body_reference" in token._.tags:
            head = text
            described = self.described.get(text)
            if described is not None:
                return described
        else:
            return None
        return self.entities.last_with_head((head,), token._.item.start)

    def body_key(self, body: Body) -> str | None:
        if body.represents is not None:
            body = body.represents
        key = self.entities.body_at.get((body.start, body.end))
        if key is None and not body.members:
            place = self.entities.places.at(body.needs_place, body.start) if body.needs_place else None
            key = self.entities.register(body, place)
        return key

    def addressed_bodies(self, body: Body) -> list[str]:
        """The bodies a mention addresses: each of several, and a bare local body completed
        with the place of its context ("UBND tỉnh" -> "UBND tỉnh Kon Tum")."""
        if body.represents is not None:
            body = body.represents
        if body.members:
            return [self.entities.register(m) for m in body.members]
        if body.needs_place:
            place = self.entities.places.at(body.needs_place, body.start)
            if place:
                return [self.entities.register(body, place)]
        return [k for k in [self.body_key(body)] if k]

    def add(self, issuer: str, trigger: Token, content: str, addressees: list[str | None]) -> None:
        issuer = self.settle(issuer)
        addressees = [self.settle(a) for a in addressees]
        for addressee in addressees or [None]:
            self.directives.append(Directive(issuer, trigger.text, content, self.evidence(), addressee))
        self.sentence_issuer = issuer
        self.previous_trigger = trigger.i
        self.last_issuer = issuer
        self.handled.add(trigger.i)


@actions.register("no_directive")
def no_directive(match: Match, passage: Passage) -> None:
    for token in match.role("trigger"):
        passage.handled.add(token.i)


@actions.register("passive")
def passive(match: Match, passage: Passage) -> None:
    trigger = match.first("trigger")
    if trigger.i in passage.handled:
        return
    passage.handled.add(trigger.i)
    agent = match.first("issuer")
    issuer = passage.referent(agent) if agent is not None else passage.last_issuer
    addressees = [k for t in match.role("addressee") if t._.kind != "," for k in _keys(passage, t)]
    if issuer is None or not addressees or addressees == [issuer]:
        return
    passage.add(issuer, trigger, _content(passage, trigger.i + 1), addressees)


def _keys(passage: Passage, token: Token) -> list[str]:
    if token._.kind == "BODY":
        return passage.addressed_bodies(token._.item.data)
    key = passage.referent(token)
    return [key] if key else []


@actions.register("direct")
def direct(match: Match, passage: Passage) -> None:
    trigger = match.first("trigger")
    if trigger.i in passage.handled:
        return
    if passage.previous_trigger is not None and not _new_clause(passage, trigger.i):
        passage.handled.add(trigger.i)  # "yêu cầu EVN chỉ đạo các nhà thầu": part of the first one's content
        return
    issuer = _issuer(match, passage, trigger)
    if issuer is None:
        return
    addressees, content_start = _addressees(passage, trigger.i + 1)
    addressees = [a for a in addressees if a != issuer]
    if fold(trigger.text) in vocabulary().needs_addressee and not addressees:
        passage.handled.add(trigger.i)
        return
    passage.add(issuer, trigger, _content(passage, content_start), addressees)


def _issuer(match: Match, passage: Passage, trigger: Token) -> str | None:
    given = match.first("issuer")
    if given is not None:
        return passage.referent(given)
    if match.params.get("issuer") == "document":
        return _document_issuer(passage, match.first("document"))
    return _subject_before(passage, trigger.i) or passage.sentence_issuer or _clause_subject(passage, trigger.i) \
        or _issuer_going_on(passage, trigger.i)


def _issuer_going_on(passage: Passage, k: int) -> str | None:
    """'Ông A yêu cầu ... . Đồng thời giao Sở B ...': a sentence that opens with the verb, after
    linking adverbs only, goes on with the directives of the sentence before."""
    view = passage.sentence.doc
    words = vocabulary().cue("subject_adverb") | vocabulary().cue("clause_link")
    before = fold(" ".join(t.text for t in view[passage.sentence.start:k] if t._.kind != ","))
    return passage.issuer_before if before in words else None


def _subject_before(passage: Passage, k: int) -> str | None:
    """The last person or body named before view token k in its sentence, with at most a few
    adverbs between ("Bộ Chính trị cũng yêu cầu"); a body in brackets describes the speaker
    before it ("đại biểu A (đoàn ĐBQH tỉnh B) đề nghị")."""
    sentence = passage.sentence
    view = sentence.doc
    depth, j = 0, k - 1
    while j >= sentence.start:
        token = view[j]
        if token._.kind == ")":
            depth += 1
        elif token._.kind == "(":
            depth = max(0, depth - 1)
        elif depth == 0:
            key = passage.referent(token)
            if key is not None:
                return key if _adverbs_only(passage, token, view[k]) else None
        j -= 1
    return None


def _adverbs_only(passage: Passage, subject: Token, verb: Token) -> bool:
    """Only adverbs, an apposition or a bracket between the subject and the verb: "Bộ Chính trị
    cũng yêu cầu", "cử tri A (phường X), nguyên Phó Chánh án Y, đề nghị"."""
    end = passage.mention_end.get(subject._.item.start, subject._.item.end)
    view = subject.doc
    kept = []
    depth = 0
    for token in view[subject.i + 1:verb.i]:
        if token._.item.start < end:
            continue
        depth += (token._.kind == "(") - (token._.kind == ")")
        if depth > 0 or token._.kind in {"(", ")", ",", "TITLE", "RANK"} or "former_marker" in token._.tags:
            continue
        kept.append(token.text)
    between = fold(" ".join(kept))
    if not between:
        return True
    adverbs = vocabulary().cue("subject_adverb")
    words = " ".join(adverbs).split()
    return between in adverbs or all(w in words for w in between.split()) or \
        len(between.split()) <= MAX_WORDS_BETWEEN_SUBJECT_AND_VERB


def _clause_subject(passage: Passage, k: int) -> str | None:
    """The subject of the clause the verb at view token k ends: the last person or body before it
    that opens a clause (at the sentence's head, or after a comma or semicolon), past an
    introduction ("Tiếp Đại sứ A, Tổng Bí thư đánh giá ..., đồng thời đề nghị ...")."""
    sentence = passage.sentence
    view = sentence.doc
    for j in range(k - 1, sentence.start - 1, -1):
        token = view[j]
        if token._.kind == ";":
            break
        key = passage.referent(token)
        if key is None:
            continue
        start = j
        while start > sentence.start and view[start - 1]._.kind in {"TITLE", "HON", "RANK", "ROLE"}:
            start -= 1  # the person's own titles and styles open the clause with the name
        opener = start == sentence.start or view[start - 1]._.kind in {",", ";"}
        if opener and not _in_introduction(view, sentence, j):
            return key
    return None


def _in_introduction(view: Doc, sentence: ViewSpan, j: int) -> bool:
    """Token j is in the sentence's introductory clause ("Tiếp Đại sứ A," "Với ông B,"): a clause
    that opens with a word, not a name, and ends at the first comma."""
    first = view[sentence.start]
    if first._.kind not in {"WORD", "CUE"}:
        return False
    comma = next((t.i for t in view[sentence.start:sentence.end] if t._.kind == ","), None)
    return comma is not None and j < comma


def _new_clause(passage: Passage, k: int) -> bool:
    """A second trigger in a sentence opens a directive of its own only after a clause break:
    "...; đồng thời đề xuất ...", "..., đồng thời yêu cầu ..."."""
    view = passage.sentence.doc
    if any(view[j]._.kind == ";" for j in range(passage.previous_trigger, k)):
        return True
    links = vocabulary().cue("clause_link")
    return any(fold(view[j].text) in links for j in range(max(passage.sentence.start, k - 2), k))


def _document_issuer(passage: Passage, document: Token) -> str | None:
    """'Kết luận yêu cầu ...': whoever the article says issued that document, named before the
    document's word in the last sentence that has it ("Bộ Chính trị vừa ban hành Kết luận ...")."""
    word = fold(document.text)
    view = passage.sentence.doc
    for j in range(document.i - 1, -1, -1):
        if fold(view[j].text) != word:
            continue
        sentence_start = view[j].sent.start
        for i in range(j - 1, sentence_start - 1, -1):
            key = passage.referent(view[i])
            if key is not None:
                return key
    return passage.last_issuer


def _addressees(passage: Passage, k: int) -> tuple[list[str], int]:
    """The named addressees right after the verb at view token k, and the view token where the
    directive's content begins."""
    sentence = passage.sentence
    view = sentence.doc
    voc = vocabulary()
    if k >= sentence.end:
        return [], k
    rest = fold(passage.text[view[k]._.item.start:sentence[-1]._.item.end])
    if view[k]._.kind != "BODY" and passage.referent(view[k]) is None and \
            any(rest.startswith(v + " ") for v in voc.vague_addressees):
        return [], k  # "các bộ, ngành", "cơ quan soạn thảo"; but "Cơ quan Phát triển Pháp" is named
    out: list[str] = []
    j = k
    while j < sentence.end:
        while j < sentence.end and (view[j]._.kind == "HON" or "title_modifier" in view[j]._.tags):
            j += 1  # "đề nghị đồng chí A", "đề nghị tân Bộ trưởng A"
        if j >= sentence.end:
            break
        if view[j]._.kind in {"TITLE", "RANK"} and j + 1 < sentence.end and view[j + 1]._.kind in {"NAME", "RANK", "HON"}:
            j += 1  # "giao Phó Chủ tịch UBND tỉnh A": the person after the title
            continue
        listed_after = _bodies_listed_after_a_title(passage, j)
        if listed_after:
            j = listed_after  # "yêu cầu Chủ tịch UBND các tỉnh: A, B", "Bộ trưởng các bộ: Nội vụ, Tài chính":
            continue  # the bodies of the heads addressed
        token = view[j]
        if token._.kind == "BODY":
            out.extend(passage.addressed_bodies(token._.item.data))
            j += 1
        else:
            key = passage.referent(token)
            if key is None:
                break
            out.append(key)
            end = passage.mention_end.get(token._.item.start, token._.item.end)
            j += 1
            while j < sentence.end and view[j]._.item.start < end:
                j += 1
        listed = j < sentence.end and (view[j]._.kind == "," or view[j].lower_ in voc.cue("list_and"))
        if listed and j + 1 < sentence.end and _starts_addressee(passage, j + 1):
            j += 1
            continue
        break
    return out, j


def _starts_addressee(passage: Passage, j: int) -> bool:
    view = passage.sentence.doc
    while j < passage.sentence.end and (view[j]._.kind == "HON" or "title_modifier" in view[j]._.tags):
        j += 1
    if j >= passage.sentence.end:
        return False
    token = view[j]
    return token._.kind == "BODY" or passage.referent(token) is not None or \
        _bodies_listed_after_a_title(passage, j) is not None


def _bodies_listed_after_a_title(passage: Passage, j: int) -> int | None:
    """Where the bodies start after a title that heads them ("Chủ tịch UBND các tỉnh: A, B",
    "Bộ trưởng các bộ: Nội vụ, Tài chính"), or None."""
    view, end = passage.sentence.doc, passage.sentence.end
    if view[j]._.kind != "TITLE":
        return None
    k = j + 1 + (j + 1 < end and view[j + 1].lower_ in vocabulary().cue("list_plural"))
    return k if k < end and view[k]._.kind == "BODY" and view[k]._.item.data.members else None


def _content(passage: Passage, k: int) -> str:
    sentence = passage.sentence
    if k >= sentence.end:
        return ""
    start = sentence.doc[k]._.item.start
    end = sentence[-1]._.item.end
    return passage.text[start:end].strip().rstrip(".").strip()
