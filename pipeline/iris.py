"""Deterministic IRIs: the same thing gets the same IRI in every run and every article.

All IRIs live under `BASE` (https://w3id.org/govkg/). An IRI is a readable ASCII slug
plus a short hash of the *key* that decides identity, so two names that look alike in
ASCII ("Lò Minh Hùng" / "Lò Minh Hưng") still get different IRIs, and IRIs never depend
on the order in which articles or facts are processed.

Global things (identity across articles: facts about one person from many articles
meet at one IRI, nothing has to look anything up):

  person/<slug>-<h8>       h8 = sha1(fold(name))[:8]; fold keeps diacritics and makes
                           the two tone placements one ("Hoà" = "Hòa")
  org/<slug>-<h8>          key = org_key(name): fold + abbreviations spelled out from
                           ontology/vocab/abbreviations.tsv ("UBND tỉnh Lào Cai" =
                           "Ủy ban nhân dân tỉnh Lào Cai"); an `Organization.reference`
                           is used as the IRI itself instead
  post/<slug>-<h8>         key = (org_key(title), IRI of the body or "")

Article-scoped things (what one article states; keyed by the article's id and the
content of the fact, so a rerun on the same text gives the same IRIs):

  article/<id>             the article; <id> is `Article.name` when it is IRI-safe
  graph/<id>               the named graph holding everything the article states
  span/<id>-<start>-<end>  a text span
  mention/<id>-<slug>-<h8> a person or body as named in the article
  holding/<id>-<h12>, event/<id>-<h12>, directive/<id>-<h12>, quote/<id>-<h12>

  graph/reference          the named graph of the reference bodies (ontology/bodies.ttl)
"""
from __future__ import annotations

import hashlib
import re

from rdflib import URIRef

from . import resources
from .normalize import ascii_slug, fold

BASE = "https://w3id.org/govkg/"
ONTOLOGY = "https://w3id.org/govkg/ontology#"
REFERENCE_GRAPH = URIRef(BASE + "graph/reference")
# Names of graphs that are not an article's (graph/<name>): an article may not take them.
# "ontology" is the graph facts.py loads the ontology into.
RESERVED_NAMES = frozenset({"reference", "ontology"})

_SLUG_MAX = 60  # characters of readable slug; identity is in the hash, so cutting is safe
_SAFE_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def _hash(key: str, length: int) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:length]


def _slug(text: str) -> str:
    slug = ascii_slug(text)
    if len(slug) > _SLUG_MAX:
        slug = slug[:_SLUG_MAX].rsplit("-", 1)[0] or slug[:_SLUG_MAX]
    return slug


# ---------------------------------------------------------------------------
# Keys: the normalized text that decides identity


def expand_abbreviations(text: str) -> str:
    """`fold(text)` with the abbreviations of abbreviations.tsv spelled out."""
    return fold(resources.abbreviations(fold, before_numbers=True)(text))


def person_key(name: str) -> str:
    return fold(name)


def org_key(name: str) -> str:
    """The identity of a body's (or a title's) name: folded, abbreviations spelled out."""
    return expand_abbreviations(name)


# ---------------------------------------------------------------------------
# Global IRIs


def person_iri(name: str) -> URIRef:
    """One IRI per full name (diacritics kept, case, spacing and tone placement folded)."""
    key = person_key(name)
    return URIRef(f"{BASE}person/{_slug(key)}-{_hash(key, 8)}")


def org_iri(name: str, reference: str | None = None) -> URIRef:
    """The reference body's own IRI when known, else one IRI per expanded folded name."""
    if reference:
        return URIRef(reference)
    key = org_key(name)
    return URIRef(f"{BASE}org/{_slug(key)}-{_hash(key, 8)}")


def post_iri(title: str, org: str | None) -> URIRef:
    """One IRI per (title, body): "Chủ tịch UBND tỉnh X" in two articles is one post."""
    key = org_key(title)
    return URIRef(f"{BASE}post/{_slug(key)}-{_hash(key + chr(31) + str(org or ''), 8)}")


# ---------------------------------------------------------------------------
# Article-scoped IRIs


def article_id(name: str) -> str:
    """`Article.name` itself when it is safe in an IRI and a prefixed name, else slug + hash."""
    if _SAFE_ID.fullmatch(name):
        return name
    return f"{_slug(name)}-{_hash(name, 8)}"


def article_iri(name: str) -> URIRef:
    return URIRef(f"{BASE}article/{article_id(name)}")


def graph_iri(name: str) -> URIRef:
    """The named graph that holds what one article states."""
    return URIRef(f"{BASE}graph/{article_id(name)}")


def span_iri(article: str, start: int, end: int) -> URIRef:
    return URIRef(f"{BASE}span/{article_id(article)}-{start}-{end}")


def mention_iri(article: str, entity: str, written: str) -> URIRef:
    """One mention per (entity IRI, name as written) in an article."""
    key = fold(written)
    return URIRef(f"{BASE}mention/{article_id(article)}-{_slug(key)}-{_hash(entity + chr(31) + key, 8)}")


def fact_iri(kind: str, article: str, *parts: object) -> URIRef:
    """An article-scoped fact ("holding", "event", "directive", "quote") keyed by its content.

    `parts` are the fields that make the fact what it is (IRIs, folded text, offsets);
    None counts as empty.
    """
    key = chr(31).join("" if p is None else str(p) for p in parts)
    return URIRef(f"{BASE}{kind}/{article_id(article)}-{_hash(key, 12)}")
