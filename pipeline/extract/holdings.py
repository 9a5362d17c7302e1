"""Holdings: who holds which post, as the constructions of ontology/constructions/positions.yml say.

The component runs those constructions over the chunk view of each sentence and keeps
what their actions find in `doc._.holdings`: a person (a NAME chunk) holding a title
(a TITLE chunk, or a post a construction names), the titles held together (one stack:
they share a place), posts held before ("nguyên ..."), bodies a roster gives to bare
titles, and the persons only listed in a roster. The actions, by name:

  hold          the ROLE holder holds each ROLE title ("Trưởng Ban ... A", "A, Trưởng Ban ...")
  hold_in_the_body_referred_to  "Giám đốc công ty A": the title's body is the one "công ty" refers to
  refer_to_the_body_named_before  "A, Chủ tịch Nhóm,": the title's body is the "Nhóm ..." named last
  hold_in_the_body_named_last  "đại biểu A (tổ đại biểu huyện X)": a post in the council named last
  share         the titles of a list's header go to every person of the list after it
  hold_by_act   "... giữ chức X": the persons named just before the verb hold X
  former        "nguyên X": X is a post held before
  listed_below  "Danh sách ... gồm:" and a line per person below it: persons only listed
  body_of_titles  "Bộ X hiện có Bộ trưởng A và 6 Thứ trưởng: ...", "Tại Công ty X, Tổng Giám đốc
                A ...": X is the body of the posts written without one

A title goes to one person only (the first construction that gives it), except the
titles of a list's header, which every member of the list shares.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..normalize import fold
from .chunks import Body, is_cap
from .constructions import Actions, ConstructionMatcher, Match, load_constructions
from .view import Item
from .vocabulary import vocabulary

actions = Actions()


@dataclass
class Holding:
    holder: Item  # a NAME
    title: Item | None  # a TITLE, or None when the construction names the post (params.title)
    text: str  # the post as written, or as the construction writes it
    body: Body | None  # the post's body where the construction names it apart from the title
    group: int  # posts held together in one construction share a place
    construction: str
    shared: bool = False  # from a list's header
    appointed: bool = False  # given by an act of appointment or election ("bầu A giữ chức X")


@dataclass
class Holdings:
    holdings: list[Holding] = field(default_factory=list)
    former: set[int] = field(default_factory=set)  # start offsets of titles held before
    roster_only: set[int] = field(default_factory=set)  # start offsets of names only listed in a roster
    title_bodies: dict[int, Body] = field(default_factory=dict)  # title start -> body a roster gives it
    referred_bodies: dict[int, Item] = field(default_factory=dict)  # title start -> "công ty" after it
    bodies_named_last: dict[int, tuple[str, ...]] = field(default_factory=dict)  # holder start -> heads
    claimed: dict[int, int] = field(default_factory=dict)  # title start -> holder start
    pairs: set[tuple[int, int]] = field(default_factory=set)  # (holder start, title start) already held
    groups: int = 0

    def next_group(self) -> int:
        self.groups += 1
        return self.groups

    def add(self, holder: Item, title: Item | None, group: int, construction: str, *, text: str | None = None,
            body: Body | None = None, shared: bool = False, appointed: bool = False) -> None:
        if title is not None and not shared:
            owner = self.claimed.get(title.start)
            if owner is not None and owner != holder.start:
                return  # a title is one person's post
            self.claimed[title.start] = holder.start
        if title is not None and (holder.start, title.start) in self.pairs:
            return
        if title is not None:
            self.pairs.add((holder.start, title.start))
        self.holdings.append(Holding(holder, title, text or title.data.text, body, group, construction, shared,
                                     appointed))


@Language.factory("govkg_holdings", assigns=["doc._.holdings"], requires=["doc._.view"],
                  default_config={"constructions": "positions"})
def create_holding_finder(nlp: Language, name: str, constructions: str):
    return HoldingFinder(nlp, constructions)


class HoldingFinder:
    def __init__(self, nlp: Language, constructions: str):
        self.matcher = ConstructionMatcher(nlp.vocab, load_constructions(constructions), actions)

    def __call__(self, doc: Doc) -> Doc:
        found = Holdings()
        for sentence in doc._.view.sents:
            for match in self.matcher(sentence):
                actions[match.construction.action](match, found)
        doc._.holdings = found
        return doc


def _titles(tokens: list[Token]) -> list[Item]:
    return [t._.item for t in tokens if t._.kind == "TITLE"]


@actions.register("hold")
def hold(match: Match, found: Holdings) -> None:
    titles = _titles(match.role("title"))
    if match.params.get("apposition") and titles:
        if _before_a_name(match):
            titles = titles[:-1]  # "D, Bộ trưởng Bộ Công an E": the last title is E's
        # "Với Đại sứ A, Tổng Bí thư, Chủ tịch nước cho biết": titles someone else holds are that
        # person, the subject, not posts of A
        titles = [t for t in titles if not _held_by_another(found, t, match.role("holder"))]
    body = match.first("body")
    text = match.params.get("title")
    for holder in match.role("holder"):
        if holder._.kind != "NAME":
            continue
        group = found.next_group()
        if text:
            found.add(holder._.item, None, group, match.construction.name, text=text,
                      body=body._.item.data if body is not None else None)
        for title in _after_addressed_title(match, titles, found):
            found.add(holder._.item, title, group, match.construction.name)


def _held_by_another(found: Holdings, title: Item, holders: list[Token]) -> bool:
    """A post one person holds at a time, that someone else holds in the article."""
    if not vocabulary().title(title.data.head).unique:
        return False
    names = {fold(h.text) for h in holders}
    wanted = fold(title.data.text)
    return any(fold(h.text) == wanted and fold(h.holder.text) not in names for h in found.holdings)


def _before_a_name(match: Match) -> bool:
    view = match.sentence.doc
    last = max(t.i for t in match.role("title"))
    return last + 1 < match.sentence.end and view[last + 1]._.kind in {"NAME", "RANK", "HON"}


def _after_addressed_title(match: Match, titles: list[Item], found: Holdings) -> list[Item]:
    """'Báo cáo với Phó Thủ tướng, Chủ tịch ... A': a title after a preposition that someone named
    before holds is that person, spoken to or of, not a post of the name after the stack."""
    view = match.sentence.doc
    voc = vocabulary()
    for n, title in enumerate(titles):
        k = next(t.i for t in view[match.start:match.end] if t._.item is title)
        if title is titles[-1] and not (k + 1 < match.sentence.end and view[k + 1]._.kind == ","):
            break  # the last title, attached to the name, is the name's
        before = view[k - 1] if k > match.sentence.start else None
        if before is None:
            continue
        if before.lower_ in voc.cue("possessive"):
            return titles[n + 1:]
        if "preposition" in before._.tags or before.lower_ in voc.cue("preposition"):
            held = fold(title.data.text)
            if any(fold(h.text) == held or fold(h.text).startswith(held + " ") for h in found.holdings):
                return titles[n + 1:]
    return titles


@actions.register("hold_in_the_body_referred_to")
def hold_in_the_body_referred_to(match: Match, found: Holdings) -> None:
    """'Giám đốc công ty A': A holds the title in the body "công ty" refers back to."""
    hold(match, found)
    referent = match.first("referent")
    for title in _titles(match.role("title")):
        found.referred_bodies[title.start] = referent._.item


@actions.register("refer_to_the_body_named_before")
def refer_to_the_body_named_before(match: Match, found: Holdings) -> None:
    """'A, Chủ tịch Nhóm,': a capitalised body head alone after a title is the body of that head
    named last; whoever holds the title holds it there."""
    referent = match.first("referent")
    if is_cap(referent) and vocabulary().opens_a_head(referent.text):
        for title in _titles(match.role("title")):
            found.referred_bodies.setdefault(title.start, referent._.item)


@actions.register("hold_in_the_body_named_last")
def hold_in_the_body_named_last(match: Match, found: Holdings) -> None:
    """'đại biểu A (tổ đại biểu huyện X)': A holds params.title in the body of one of params.heads
    named last (the council in session)."""
    for holder in match.role("holder"):
        found.add(holder._.item, None, found.next_group(), match.construction.name, text=match.params["title"])
        found.bodies_named_last[holder._.item.start] = tuple(match.params["heads"])


@actions.register("hold_by_act")
def hold_by_act(match: Match, found: Holdings) -> None:
    """'... bổ nhiệm ông B, <his post>, giữ chức X': the persons named last before the verb hold
    X; with "lần lượt" ("A, B lần lượt giữ chức X, Y") they hold the posts in turn."""
    titles = _titles(match.role("title"))
    holders = _names_before(match.sentence, match.start)
    if not holders or not titles:
        return
    marker = match.tokens[0]
    view = match.sentence.doc
    # elected ("bầu A giữ chức X"), a person is named, not said to be present
    appointed = any("election_verb" in t._.tags for t in view[match.sentence.start:marker.i + 1])
    last_holder = max(t.i for t in view[match.sentence.start:marker.i] if t._.item in holders)
    in_turn = any("in_turn" in t._.tags for t in view[last_holder:marker.i + 1])
    if in_turn and len(holders) == len(titles):
        for holder, title in zip(holders, titles):
            found.add(holder, title, found.next_group(), match.construction.name, appointed=appointed)
        return
    for holder in holders:  # "các đồng chí B, C giữ chức Phó Bí thư Tỉnh ủy": each holds it
        group = found.next_group()
        for title in titles:
            found.add(holder, title, group, match.construction.name, appointed=appointed, shared=len(holders) > 1)


def _names_before(sentence: Span, k: int) -> list[Item]:
    """The names of the list that ends last before view token k in its clause: "ông A",
    "các đồng chí B, C và D", passing over their appositions ("ông B, Phó Cục trưởng X,")."""
    view = sentence.doc
    conjunctions = vocabulary().cue("list_and")
    names: list[Item] = []
    j = k - 1
    while j >= sentence.start and view[j]._.kind not in {";", "NAME"}:
        j -= 1
    while j >= sentence.start:
        kind = view[j]._.kind
        if kind == "NAME":
            names.insert(0, view[j]._.item)
        elif kind not in {",", "HON", "ROLE", "RANK", "TITLE"} and view[j].lower_ not in conjunctions:
            break  # the names of the list, each with its posts in apposition ("A, Tỉnh ủy viên, và B, ...")
        j -= 1
    return names


@actions.register("former")
def former(match: Match, found: Holdings) -> None:
    for title in _titles(match.role("title")):
        found.former.add(title.start)


@actions.register("body_of_titles")
def body_of_titles(match: Match, found: Holdings) -> None:
    """The ROLE body goes to the titles written without one in the rest of the sentence ("Bộ X
    hiện có Bộ trưởng A và 6 Thứ trưởng: ...", "Tại Công ty X, Tổng Giám đốc A cho biết");
    with `listed: true` (a roster), their holders are only listed, not said to be present."""
    body = match.first("body")._.item.data
    view = match.sentence.doc
    voc = vocabulary()
    for token in view[match.start:match.sentence.end]:
        if token._.kind != "TITLE" and token._.kind != "NAME":
            continue
        entry = voc.title(token._.item.data.head) if token._.kind == "TITLE" else None
        if entry is not None and token._.item.data.body is None and not token._.item.data.country \
                and entry.body != "none" and not entry.default_body:
            found.title_bodies[token._.item.start] = body
        elif token._.kind == "NAME" and match.params.get("listed"):
            found.roster_only.add(token._.item.start)


@actions.register("listed_below")
def listed_below(match: Match, found: Holdings) -> None:
    """'Danh sách ... gồm:' and the lines below it, each a person ("Ông A - Bộ trưởng X"): the
    persons are listed, not said to be present."""
    view = match.sentence.doc
    for sentence in view[match.sentence.end:].sents if match.sentence.end < len(view) else []:
        tokens = [t for t in sentence if t._.kind != "HON"]
        if not tokens or not (tokens[0]._.kind == "NAME" or tokens[0].text in {"-", "•", "+", "*"}):
            break
        found.roster_only.update(t._.item.start for t in sentence if t._.kind == "NAME")


@actions.register("share")
def share(match: Match, found: Holdings) -> None:
    """The header's titles go to every person of the list that follows it."""
    header = _titles(match.role("title"))
    holders = match.role("holder")
    if holders:  # the list is in the match: "các Thượng nghị sĩ A và B"
        items = [(h._.item, None) for h in holders if h._.kind == "NAME"]
    else:
        items = _list_items(match.sentence, match.end)
    for holder, qualifier in items:
        group = found.next_group()
        for title in header:
            if qualifier is None:
                found.add(holder, title, group, match.construction.name, shared=True)
                continue
            body_head = vocabulary().title(title.data.head).body_head or ""
            body_name = f"{body_head} {qualifier}".strip()
            reference = vocabulary().body(body_name)
            body = Body(body_name, reference.kind if reference else "GovernmentBody", title.start, title.end,
                        reference=reference.iri if reference else None)
            found.add(holder, title, group, match.construction.name, shared=True,
                      text=f"{title.data.text} {body_name}", body=body)


def _list_items(sentence: Span, k: int) -> list[tuple[Item, str | None]]:
    """(name, field) of each person of the list that starts at view token k. Items are separated
    by ";" (or, in a list of bare names, by "," and "và"); each is a name with its own titles,
    styles and appositions, or a ministry's field and a name ("Tài chính A"). A list that opens
    with bare names holds bare names only: "các Thứ trưởng: A, B; Giám đốc X C" (C is someone else)."""
    items = _split_items(sentence, k)
    out: list[tuple[Item, str | None]] = []
    names_only = None
    for item in items:
        names = [t for t in item if t._.kind == "NAME"]
        titled = any(t._.kind in {"TITLE", "BODY"} for t in item)
        if names_only is None:
            names_only = not titled
        if names_only and titled:
            break
        out.extend((n._.item, _qualifier(item, n)) for n in names)
    return out


LIST_KINDS = {"TITLE", "BODY", "NAME", "HON", "RANK", "ROLE", "PLACE", ",", ";", "-", ")", "("}


def _split_items(sentence: Span, k: int) -> list[list[Token]]:
    """The items of the list that starts at view token k, up to the first token no list item has
    (a verb, "cùng", the next list's "các")."""
    view = sentence.doc
    conjunctions = vocabulary().cue("list_and")
    tokens: list[Token] = []
    in_fields: set[int] = set()
    depth = 0
    while k < sentence.end:
        token = view[k]
        kind = token._.kind
        depth += (kind == "(") - (kind == ")")
        field = _field_at(view, k, sentence.end) if depth <= 0 and kind not in LIST_KINDS else None
        if field:
            tokens.extend(view[k:field[1]])
            in_fields.update(range(k, field[1]))
            k = field[1]
            continue
        if depth <= 0 and kind not in LIST_KINDS and token.lower_ not in conjunctions:
            break
        tokens.append(token)
        k += 1
    separator = ";" if any(t._.kind == ";" for t in tokens) else ","
    items, current = [], []
    for token in tokens:
        conjunction = token.lower_ in conjunctions and token.i not in in_fields
        if token._.kind == separator or (separator == "," and conjunction):
            items.append(current)
            current = []
        else:
            current.append(token)
    items.append(current)
    return [i for i in items if i]


def _qualifier(item: list[Token], name: Token) -> str | None:
    """The field of a ministry written right before a name of the item ("Tài chính A", and in
    "Nông nghiệp và Phát triển nông thôn A, Tài nguyên và Môi trường B" each its own)."""
    words = []
    for token in item:
        if token is name:
            break
        if token._.kind in {"NAME", ",", "TITLE", "BODY", "HON", "RANK", "ROLE"}:
            words = []
            continue
        words.append(token.text)
    return vocabulary().fields.get(fold(" ".join(words))) if words else None


def _field_at(view: Doc, k: int, end: int) -> tuple[str, int] | None:
    """The longest field of a ministry written from view token k ("Nông nghiệp và Phát triển
    nông thôn"), and the view token after it."""
    fields = vocabulary().fields
    best = None
    for j in range(k + 1, min(end, k + 9) + 1):
        text = view[k:j].text
        if fold(text) in fields:
            best = (text, j)
    return best
