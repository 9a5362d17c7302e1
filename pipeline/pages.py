"""What the web pages of `govkg serve` show, computed from the rows of their queries.

Pure functions, no I/O: the server runs the queries of pipeline/web/queries/ and hands
their rows here; the templates of pipeline/web/templates/ render the result.

Every IRI of the graph lives under https://w3id.org/govkg/; the server answers the same
path (https://w3id.org/govkg/person/x is /person/x), so `local_path` turns an IRI into
the link of its page. A fact links to its sentence on the page of its article
(/article/NAME#s-START-END).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .iris import BASE

THIS = "<urn:govkg:this>"  # the placeholder of the pages' queries
ENTITY_PATH = re.compile(r"(person|body|org|post|event|article|holding|directive|quote|span|mention|graph)"
                         r"/[A-Za-z0-9][A-Za-z0-9_.\-]*")
SECTION_ROWS = 200  # rows a section of a page shows at most (a busy person is in thousands of facts)
GRAPH_NODES = 60  # nodes the drawing shows at most
NODE_KINDS = {"person": "person", "body": "body", "org": "body", "post": "post", "event": "event",
              "article": "article"}


def local_path(iri: str) -> str | None:
    """The server path of an IRI of the graph (its page), None for other IRIs."""
    if iri and iri.startswith(BASE) and ENTITY_PATH.fullmatch(iri[len(BASE):]):
        return "/" + iri[len(BASE):]
    return None


def entity_iri(path: str) -> str | None:
    """The IRI a server path stands for, None when the path names no entity."""
    path = path.strip("/")
    return BASE + path if ENTITY_PATH.fullmatch(path) else None


def with_iri(query: str, iri: str) -> str:
    """A page query with the entity's IRI in place of the placeholder (the IRI comes from
    `entity_iri`, so it holds no character that could break out of <...>)."""
    if not ENTITY_PATH.fullmatch(iri[len(BASE):]):
        raise ValueError(f"not an entity IRI: {iri}")
    return query.replace(THIS, f"<{iri}>")


def kind_of(iri: str) -> str:
    """person, body, post, event, article... from the IRI's path."""
    path = iri[len(BASE):] if iri.startswith(BASE) else ""
    return NODE_KINDS.get(path.split("/", 1)[0], "other")


def fold_for_search(text: str) -> str:
    """Lower case, without diacritics (đ as d): "Tuấn" and "tuan" match."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def search(names: list[dict], query: str, limit: int = 50) -> list[dict]:
    """Persons and bodies whose names hold every word of `query` (diacritics optional),
    best first: a name that starts with the query, then shorter names."""
    words = fold_for_search(query).split()
    if not words:
        return []
    found: dict[str, dict] = {}
    for row in names:
        folded = fold_for_search(row["name"])
        if all(w in folded for w in words):
            rank = (not folded.startswith(" ".join(words)), len(row["name"]))
            best = found.get(row["entity"])
            if best is None or rank < best["rank"]:
                found[row["entity"]] = {"rank": rank, "name": row["name"], "kind": row["kind"],
                                        "href": local_path(row["entity"]), "iri": row["entity"]}
    return sorted(found.values(), key=lambda r: (r["rank"], r["name"]))[:limit]


# ---------------------------------------------------------------------------
# The page of an entity


@dataclass
class Entity:
    """What the page of one entity shows."""

    iri: str
    name: str
    kind: str  # person, body, post, event, article, other
    types: list[str] = field(default_factory=list)
    details: list[tuple[str, str, str | None]] = field(default_factory=list)  # (label, text, href)
    sections: list[dict] = field(default_factory=list)  # {heading, columns, rows}
    graph: dict = field(default_factory=lambda: {"nodes": [], "edges": []})

    @property
    def found(self) -> bool:
        return bool(self.types or self.sections)


# role -> (heading, columns); a column is a key of `_cells`
SECTIONS = {
    "holder": ("Posts", ["title", "other", "article", "sentence"]),
    "body of post": ("People and their posts", ["other", "title", "article", "sentence"]),
    "post held": ("Holders", ["other", "title", "article", "sentence"]),
    "chair": ("Events chaired", ["event", "place", "article", "sentence"]),
    "participant": ("Events attended", ["event", "place", "article", "sentence"]),
    "organization": ("Events taken part in", ["event", "place", "article", "sentence"]),
    "issuer": ("Directives issued", ["title", "other", "text", "article", "sentence"]),
    "addressee": ("Directives received", ["other", "title", "text", "article", "sentence"]),
    "speaker": ("Quotes", ["text", "article", "sentence"]),
    "event chair": ("Chair", ["other", "article", "sentence"]),
    "event participant": ("Participants", ["other", "article", "sentence"]),
    "event organization": ("Bodies taking part", ["other", "article", "sentence"]),
    "directive given here": ("Directives given here", ["other", "title", "text", "article", "sentence"]),
}
COLUMN_HEADINGS = {"title": "post / verb", "other": "with", "text": "what", "event": "event", "place": "place",
                   "article": "article", "sentence": "sentence"}


def _name(rows: list[dict], iri: str) -> str:
    """A name for an entity: its reference name, else its longest label (rows of about.rq)."""
    preferred = sorted(r["preferred"] for r in rows if "preferred" in r)
    labels = sorted((r["label"] for r in rows if "label" in r), key=lambda s: (len(s), s))
    if preferred:
        return preferred[0]
    if labels:
        return labels[-1]
    return iri.rsplit("/", 1)[-1]


def _sentence_href(row: dict) -> str | None:
    article = local_path(row.get("article", ""))
    if article and "start" in row:
        return f"{article}#s-{row['start']}-{row['end']}"
    return article


def _event_text(row: dict) -> str:
    return " ".join(x for x in (row.get("kind", "event"), row.get("date", "")) if x)


def _cells(row: dict, other_name: str) -> dict[str, tuple[str, str | None]]:
    """(text, link) of each column a fact row can fill."""
    published = f" ({row['published']})" if row.get("published") else ""
    return {
        "title": (row.get("title", ""), local_path(row.get("post", ""))),
        "other": (other_name, local_path(row.get("other", ""))),
        "text": (row.get("text", ""), None),
        "event": (_event_text(row), local_path(row["fact"])),
        "place": (row.get("location", ""), None),
        "article": (row.get("source", "") + published, local_path(row.get("article", ""))),
        "sentence": (row.get("sentence", ""), _sentence_href(row)),
    }


def _other_names(rows: list[dict]) -> dict[str, str]:
    """A name for each related entity: its reference name, else the longest name an
    article gives it (the full form, as the facts files name entities)."""
    references = {r["other"]: r["otherReference"] for r in rows if "other" in r and "otherReference" in r}
    names: dict[str, str] = {}
    for r in rows:
        if "other" in r and "otherName" in r and r["other"] not in references:
            best = names.get(r["other"])
            if best is None or (len(r["otherName"]), r["otherName"]) > (len(best), best):
                names[r["other"]] = r["otherName"]
    return names | references


def entity(iri: str, about: list[dict], facts: list[dict]) -> Entity:
    """The page of `iri` from the rows of about.rq and facts.rq."""
    page = Entity(iri=iri, name=_name(about, iri), kind=kind_of(iri))
    if page.kind == "event":  # an event has no name: its kind, date and place
        parts = [sorted({r[k] for r in about if k in r}) for k in ("code", "date", "location")]
        page.name = " · ".join(p[0] for p in parts if p) or page.name
    page.types = sorted({r["typeLabel"] for r in about if "typeLabel" in r})
    _add_details(page, about)
    names = _other_names(facts)
    seen: set[tuple] = set()
    grouped: dict[str, list[dict]] = {}
    for r in sorted(facts, key=lambda r: (r.get("source", ""), int(r.get("start", 0)), r["role"])):
        key = (r["fact"], r["role"], r.get("other"))
        if key in seen or r["role"] not in SECTIONS:
            continue
        seen.add(key)
        grouped.setdefault(r["role"], []).append(r)
    for role, (heading, columns) in SECTIONS.items():
        if role in grouped:
            shown = grouped[role][:SECTION_ROWS]
            rows = [_cells(r, names.get(r.get("other", ""), r.get("other", ""))) for r in shown]
            page.sections.append({"heading": heading, "columns": [(c, COLUMN_HEADINGS[c]) for c in columns],
                                  "rows": [[row[c] for c in columns] for row in rows],
                                  "more": len(grouped[role]) - len(shown)})
    page.graph = neighbourhood(iri, page.name, [r for rs in grouped.values() for r in rs], names)
    return page


def _add_details(page: Entity, about: list[dict]) -> None:
    def first(key: str) -> str | None:
        values = sorted({r[key] for r in about if key in r})
        return values[0] if values else None

    for key, label in (("date", "date"), ("location", "place"), ("topic", "topic"),
                       ("headline", "headline"), ("published", "published"), ("url", "web page")):
        value = first(key)
        if value:
            page.details.append((label, value, value if key == "url" else None))
    code = first("code")
    if code:
        page.details.insert(0, ("kind", code, None))
    parent = first("parent")
    if parent:
        rows = [r for r in about if r.get("parent") == parent]
        # its reference name, else the longest name an article gives it
        names = sorted({r["parentName"] for r in rows if "parentName" in r}) or \
            sorted({r["parentLabel"] for r in rows if "parentLabel" in r}, key=lambda s: (-len(s), s))
        page.details.append(("part of", names[0] if names else parent, local_path(parent)))
    source = first("source")
    if source and page.kind != "article":
        articles = sorted({r["source"] for r in about if "source" in r})
        page.details.append(("stated in", ", ".join(articles), None))
    labels = sorted({r["label"] for r in about if "label" in r} - {page.name})
    if labels:
        page.details.append(("also written", "; ".join(labels), None))


def neighbourhood(iri: str, name: str, facts: list[dict], names: dict[str, str]) -> dict:
    """The graph around an entity for the drawing: persons, posts, bodies and events as
    nodes (each links to its page), what joins them as edges."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str, str], dict] = {}

    def node(node_iri: str | None, label: str) -> str | None:
        if not node_iri or not local_path(node_iri):
            return None
        if node_iri not in nodes:
            if len(nodes) >= GRAPH_NODES:
                return None
            nodes[node_iri] = {"id": node_iri, "label": label, "kind": kind_of(node_iri),
                               "href": local_path(node_iri), "center": node_iri == iri}
        return node_iri

    def edge(source: str | None, target: str | None, label: str) -> None:
        if source and target and source != target:
            edges.setdefault((source, target, label), {"source": source, "target": target, "label": label})

    this = node(iri, name)
    for r in facts:
        role, other = r["role"], node(r.get("other"), names.get(r.get("other", ""), ""))
        if role in ("holder", "body of post", "post held"):
            person, body = (this, other) if role == "holder" else (other, this if role == "body of post" else None)
            post = node(r.get("post"), r.get("title", "post"))
            edge(person, post, "holds")
            edge(post, body, "in")
        elif role in ("chair", "participant", "organization"):
            event = node(r["fact"], _event_text(r))
            edge(this, event, role)
        elif role.startswith("event "):
            edge(other, this, role.split(" ", 1)[1])
        elif role in ("issuer", "directive given here"):
            edge(this if role == "issuer" else other, other if role == "issuer" else this, r.get("title", ""))
        elif role == "addressee":
            edge(other, this, r.get("title", ""))
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}


# ---------------------------------------------------------------------------
# The page of an article


def article_sentences(rows: list[dict]) -> list[dict]:
    """The sentences of an article that support facts, in text order, each with its
    anchor (s-START-END) and the kinds of fact it supports (rows of article.rq)."""
    sentences: dict[tuple[int, int], dict] = {}
    for r in rows:
        key = (int(r["start"]), int(r["end"]))
        s = sentences.setdefault(key, {"anchor": f"s-{key[0]}-{key[1]}", "text": r.get("sentence", ""),
                                       "start": key[0], "facts": []})
        event = kind_of(r["fact"]) == "event"  # an event has a page worth opening
        fact = {"kind": r["factType"].rsplit("#", 1)[-1], "href": local_path(r["fact"]) if event else None}
        if fact not in s["facts"]:
            s["facts"].append(fact)
    return [sentences[k] for k in sorted(sentences)]
