"""Positions: the posts of the article's persons, from the holdings the constructions found.

A post is its title as written, made to stand alone: a body written without its place
("Bí thư Tỉnh ủy") takes the place of another post of the same stack ("Phó Bí thư Tỉnh
ủy, Chủ tịch UBND tỉnh Sơn La A"), else the place of the context. Its body is the one
written in the title, or the one the construction names (a roster, a delegation, a
ministry shared out over a list), or that of the next post of the stack ("Bộ trưởng,
Chủ nhiệm Văn phòng Chính phủ"), or the title's default body ("Thủ tướng": the
Government). A foreign post ("Thủ tướng Lào") has no Vietnamese body.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Position, Span
from ..normalize import fold
from .chunks import Body, ByOffset
from .entities import Entities
from .holdings import Holding, Holdings
from .vocabulary import vocabulary


@Language.factory("govkg_positions", assigns=["doc._.positions"], requires=["doc._.holdings", "doc._.entities"])
def create_position_builder(nlp: Language, name: str):
    return build_positions


def build_positions(doc: Doc) -> Doc:
    entities: Entities = doc._.entities
    holdings: Holdings = doc._.holdings
    sentences = ByOffset([s.span for s in doc._.segments])
    groups: dict[int, list[Holding]] = {}
    for h in holdings.holdings:
        groups.setdefault(h.group, []).append(h)
    positions = []
    for group in groups.values():
        place = _stack_place(group)
        for n, h in enumerate(group):
            person = entities.person_named(h.holder.text)
            if person is None:
                continue
            post = _post(entities, holdings, h, group[n + 1:], place)
            if post is None:
                continue
            title, org = post
            evidence = sentences.last_at(h.holder.start) or Span(h.holder.start, h.holder.end)
            former = h.title is not None and h.title.start in holdings.former
            positions.append(Position(person, title, org, evidence, former))
    doc._.positions = dedupe(positions, entities)
    return doc


def _body_of(h: Holding, holdings: Holdings) -> Body | None:
    if h.body is not None:
        return h.body
    if h.title is not None and h.title.data.body is not None:
        return h.title.data.body
    if h.title is not None:
        return holdings.title_bodies.get(h.title.start)
    return None


def _stack_place(group: list[Holding]) -> str | None:
    """The place a post of the stack names ("... Chủ tịch UBND tỉnh Sơn La")."""
    for h in group:
        body = h.body or (h.title.data.body if h.title is not None else None)
        if body is not None and body.place is not None and body.place.level != "country":
            return body.place.name
    return None


def _post(entities: Entities, holdings: Holdings, h: Holding, later: list[Holding],
          stack_place: str | None) -> tuple[str, str | None] | None:
    """(title as it stands alone, key of its body or None); None when the post is a body's and
    the article names no such body."""
    body = _body_of(h, holdings)
    text = h.text
    if body is not None and not body.members:
        place = None
        if body.needs_place:
            place = stack_place or entities.places.at(body.needs_place, h.holder.start)
            if place and not fold(text).endswith(fold(place)):
                text = f"{text} {place}"
        return text, entities.register(body, place)
    heads = holdings.bodies_named_last.get(h.holder.start) if h.title is None else None
    if heads:
        body_key = entities.last_with_head(heads, h.holder.start)
        return (text, body_key) if body_key else None
    referent = holdings.referred_bodies.get(h.title.start) if h.title is not None else None
    if referent is not None:
        return text, entities.last_with_head((fold(referent.text),), referent.start)
    if h.title is None or h.title.data.country:
        return text, None  # a foreign post: the body is the foreign state's, not a Vietnamese default
    entry = vocabulary().title(h.title.data.head)
    if entry.default_body:
        known = vocabulary().body(entry.default_body)
        return text, entities.body(entry.default_body, known.kind if known else "StateBody")
    if entry.body != "none":
        # "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ": the body of the next post of the stack
        for other in later:
            other_body = _body_of(other, holdings)
            if other_body is not None and not other_body.needs_place and not other_body.members:
                return text, entities.register(other_body)
    return text, None


def dedupe(positions: list[Position], entities: Entities) -> list[Position]:
    """One row per (person, post); a bare re-mention ("Chủ nhiệm A") of a post the person is
    known to hold in full is not a second post."""
    def joined(p: Position) -> str:
        org = entities.organizations[p.organization].name if p.organization else ""
        title = fold(p.title)
        return title if not org or fold(org) in title else f"{title} {fold(org)}"

    seen, kept = set(), []
    for p in positions:
        key = (p.person, joined(p))
        if key not in seen:
            seen.add(key)
            kept.append(p)
    titles = vocabulary().titles
    final = []
    for p in kept:
        title = fold(p.title)
        fuller = [q for q in kept if q is not p and q.person == p.person and fold(q.title).startswith(title + " ")]
        if p.organization is None and fuller:
            continue
        if fuller and title in titles:
            continue  # "Thủ tướng A" again, after "Thủ tướng Pháp A": the bare head is no second post
        if p.organization is None and any(q is not p and q.person == p.person and fold(q.title) == title
                                          and q.organization for q in kept):
            continue  # "Bộ trưởng A" again, after "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ A"
        if fuller and all(q.organization == p.organization for q in fuller):
            continue
        final.append(p)
    return final
