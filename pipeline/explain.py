"""`govkg explain TEXT`: how the extractors read a sentence, for whoever teaches them a new
construction.

For each sentence it shows the chunk view the constructions are matched against (every
chunk as [KIND text], other words as they are), the constructions of
ontology/constructions/*.yml that match, with the words each role took, and then the facts
the whole pipeline extracted. A construction that should match and does not shows which
chunk is missing or of another kind; a fact that is missing although its construction
matched points at the construction's action.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from .model import Article, ArticleFacts
from .normalize import normalize_text
from .resources import data_path

PLAIN_KINDS = {"WORD", "NUM"}  # view tokens shown as their words


def construction_files() -> list[str]:
    """The names of the construction files (positions, directives, events...)."""
    return sorted(p.stem for p in data_path("constructions").glob("*.yml"))


def read(text: str, published: dt.date | None = None) -> Doc:
    """The article Doc of a text, after the whole pipeline (chunks, view, facts)."""
    from .extract import register_extensions  # noqa: F401  (the Doc extensions)
    from .language import vietnamese_pipeline

    nlp = vietnamese_pipeline()
    doc = nlp.make_doc(normalize_text(text))
    doc._.article = Article(name="explain", source="explain", text=doc.text, published=published)
    return nlp(doc)


def show_view(sentence: Span) -> str:
    """A view sentence as [KIND text] chunks and plain words."""
    parts = []
    for token in sentence:
        kind = token._.kind
        if kind in PLAIN_KINDS or kind == token.text:
            parts.append(token.text)
        elif kind == "CUE":
            parts.append(f"[CUE:{'|'.join(token._.tags[1:])} {token.text}]")
        else:
            parts.append(f"[{kind} {token.text}]")
    return " ".join(parts)


def construction_matches(view: Doc, sentence: Span) -> Iterator[str]:
    """'file/name (action): role=words ...' for every construction matching in the sentence."""
    from .extract.constructions import load_constructions

    for file in construction_files():
        matcher = Matcher(view.vocab)
        constructions = {c.name: c for c in load_constructions(file)}
        for c in constructions.values():
            matcher.add(c.name, [list(c.pattern)], greedy="LONGEST")
        for match_id, start, end, alignment in matcher(sentence, with_alignments=True):
            c = constructions[view.vocab.strings[match_id]]
            roles: dict[str, list[str]] = {}
            for offset, index in enumerate(alignment):
                if c.roles[index]:
                    roles.setdefault(c.roles[index], []).append(sentence[start + offset].text)
            shown = "  ".join(f"{role}={' | '.join(words)}" for role, words in roles.items())
            yield f"{file}/{c.name} ({c.action}): {shown}"


def show_facts(facts: ArticleFacts) -> Iterator[str]:
    names = {p.key: p.name for p in facts.persons} | {o.key: o.name for o in facts.organizations}
    for person in facts.persons:
        yield f"person      {person.name}"
    for body in facts.organizations:
        if body.mentions:
            yield f"body        {body.name}"
    for post in facts.positions:
        body = names.get(post.organization)
        yield f"post        {names[post.person]} | {post.title}" + (f" | {body}" if body else "")
    for event in facts.events:
        parts = [f"{event.kind} {event.date.iso() if event.date else 'undated'}"]
        if event.location:
            parts.append(f"at {event.location}")
        if event.chair:
            parts.append(f"chair {names[event.chair]}")
        if event.participants:
            parts.append("with " + ", ".join(names[k] for k in event.participants))
        if event.organizations:
            parts.append("bodies " + ", ".join(names[k] for k in event.organizations))
        yield "event       " + " | ".join(parts)
    for directive in facts.directives:
        addressee = names.get(directive.addressee)
        yield (f"directive   {names[directive.issuer]} | {directive.trigger}"
               + (f" | {addressee}" if addressee else ""))
    for quote in facts.quotes:
        yield f"quote       {names[quote.speaker]} | {quote.text[:60]}"


def explain(text: str, published: dt.date | None = None) -> str:
    doc = read(text, published)
    view = doc._.view
    lines = []
    for sentence in view.sents:
        lines.append(show_view(sentence))
        lines += [f"  matches {m}" for m in construction_matches(view, sentence)]
        lines.append("")
    lines.append("facts:")
    lines += [f"  {line}" for line in show_facts(doc._.facts)]
    return "\n".join(lines) + "\n"
