"""Read the graph back as gold-format facts (shared/gold/FORMAT.md), one dict per article.

This is how the project scores its graph: the SPARQL queries in ontology/queries/
(one per gold list) run over the written graph with pyoxigraph, and this module only
assembles their rows. Entities come back as IRIs and are named the way *each article*
writes them, from that article's gov:Mention nodes, so one person known under one IRI
keeps the spelling of every article. When an article writes one body two ways (a short
and a long form that resolve to the same reference body), facts that point at the
body use the longest form, as the gold does; a body the article implies without
writing it is named by its reference name (skos:prefLabel), else its longest label.

`facts_from_graph(path)` accepts the build's graph.ttl (union graph), graph.trig or
graph.nq; `write_facts(path, out_dir)` writes `out_dir/NAME.facts.json` per article
NAME.txt, in the layout of the gold files (one list item per line).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from . import atomic, resources
from .ingest import article_name
from .write import rdf_format

QUERIES = ("persons", "organizations", "positions", "events", "event_participants",
           "event_organizations", "directives", "quotes", "articles", "labels")
ONTOLOGY_FILE = ("governance.ttl",)
ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/govkg/graph/ontology")
FACTS_SUFFIX = ".facts.json"


class FactsError(ValueError):
    """The graph file is missing or cannot be parsed; the message names the file."""


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    """The SPARQL of ontology/queries/NAME.rq."""
    return resources.data_path("queries", f"{name}.rq").read_text(encoding="utf-8")


def load_store(graph_path: Path | str) -> ox.Store:
    """An in-memory store with the graph file and the ontology (for class codes and the
    class hierarchy, in a graph of its own)."""
    path = Path(graph_path)
    if not path.is_file():
        raise FactsError(f"{path}: no such file")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=rdf_format(path))
    except (ValueError, SyntaxError, OSError) as e:
        raise FactsError(f"{path}: cannot parse: {e}") from e
    store.bulk_load(path=str(resources.data_path(*ONTOLOGY_FILE)), format=ox.RdfFormat.TURTLE,
                    to_graph=ONTOLOGY_GRAPH)
    return store


def _value(term) -> str | None:
    if term is None:
        return None
    return term.value


def _rows(store: ox.Store, name: str) -> list[dict[str, str | None]]:
    solutions = store.query(query_text(name), use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: _value(s[n]) for n in names} for s in solutions]


def _offset(row: dict) -> int:
    return int(row["first"]) if row.get("first") is not None else 1 << 62


def _true(value: str | None) -> bool:
    return value in ("true", "1")


def facts_from_graph(graph_path: Path | str) -> dict[str, dict]:
    """{article file name: gold-format dict} for every gov:Article in the graph."""
    store = load_store(graph_path)
    rows = {name: _rows(store, name) for name in QUERIES}

    docs: dict[str, dict] = {}
    source_of: dict[str, str] = {}
    for r in rows["articles"]:
        if r["article"] in source_of:
            continue
        source_of[r["article"]] = r["source"]
        docs[r["source"]] = {"article": r["source"], "published": r["published"], "persons": [],
                             "organizations": [], "positions": [], "events": [], "directives": [],
                             "quotes": []}

    # How each article names each entity: the longest written form (the gold's convention),
    # and where the article first names it (to order lists as the text does).
    names: dict[tuple[str, str], str] = {}
    first: dict[tuple[str, str], int] = {}
    for kind, entity in (("persons", "person"), ("organizations", "organization")):
        seen: set[tuple[str, str]] = set()
        for r in sorted(rows[kind], key=lambda r: (r["article"], _offset(r), r["name"])):
            key = (r["article"], r[entity])
            best = names.get(key)
            if best is None or (len(r["name"]), r["name"]) > (len(best), best):
                names[key] = r["name"]
            first[key] = min(first.get(key, 1 << 62), _offset(r))
            doc = docs.get(source_of.get(r["article"], ""))
            if doc is not None and (r["article"], r["name"]) not in seen:
                seen.add((r["article"], r["name"]))
                doc[kind].append({"name": r["name"]})

    # A body an article implies but does not write has no mention there: its reference
    # name, else the longest label any article gave it.
    fallback: dict[str, tuple] = {}
    for r in rows["labels"]:
        rank = (_true(r["preferred"]), len(r["label"]), r["label"])
        if r["entity"] not in fallback or rank > fallback[r["entity"]]:
            fallback[r["entity"]] = rank

    def name(article: str, iri: str | None) -> str | None:
        if not iri:
            return None
        written = names.get((article, iri))
        return written if written else (fallback[iri][2] if iri in fallback else None)

    def add(article: str, kind: str, item: dict) -> None:
        doc = docs.get(source_of.get(article, ""))
        if doc is not None and item not in doc[kind]:
            doc[kind].append(item)

    def by_text_order(entity: str):
        """Rows in the order of their evidence, then of where the article first names `entity`."""
        return lambda r: (r["article"], _offset(r), first.get((r["article"], r[entity]), 1 << 62))

    for r in sorted(rows["positions"], key=by_text_order("person")):
        person = name(r["article"], r["person"])
        if person:
            add(r["article"], "positions", {"person": person, "title": r["title"],
                                            "organization": name(r["article"], r["organization"])})

    participants: dict[str, list[str]] = {}
    for r in rows["event_participants"]:
        participants.setdefault(r["event"], []).append(r["person"])
    event_orgs: dict[str, list[str]] = {}
    for r in rows["event_organizations"]:
        event_orgs.setdefault(r["event"], []).append(r["organization"])
    events: dict[str, dict] = {}
    for r in rows["events"]:  # an event typed twice gives two rows: keep the one with a kind
        if r["event"] not in events or (r["kind"] and not events[r["event"]]["kind"]):
            events[r["event"]] = r
    for r in sorted(events.values(), key=lambda r: (r["article"], r["date"] or "", _offset(r))):
        article, chair = r["article"], r["chair"]

        def named(iris: list[str]) -> list[str]:
            ordered = sorted(set(iris) - {chair}, key=lambda i: (first.get((article, i), 1 << 62), i))
            return [n for n in (name(article, i) for i in ordered) if n]

        add(article, "events", {"kind": r["kind"] or "event", "date": r["date"], "location": r["location"],
                                "chair": name(article, chair), "participants": named(participants.get(r["event"], [])),
                                "organizations": named(event_orgs.get(r["event"], []))})

    for r in sorted(rows["directives"], key=by_text_order("issuer")):
        issuer = name(r["article"], r["issuer"])
        if issuer:
            add(r["article"], "directives", {"issuer": issuer, "trigger": r["trigger"],
                                             "addressee": name(r["article"], r["addressee"]),
                                             "evidence": r["content"] or ""})
    for r in sorted(rows["quotes"], key=by_text_order("speaker")):
        speaker = name(r["article"], r["speaker"])
        if speaker:
            add(r["article"], "quotes", {"speaker": speaker, "text": r["text"]})
    return docs


def dumps(doc: dict) -> str:
    """JSON in the layout of the gold files: one key per line, one list item per line."""
    lines = []
    for key, value in doc.items():
        if isinstance(value, list):
            items = [" " * 2 + json.dumps(v, ensure_ascii=False) for v in value]
            body = "[\n" + ",\n".join(items) + "\n ]" if items else "[]"
        else:
            body = json.dumps(value, ensure_ascii=False)
        lines.append(f" {json.dumps(key)}: {body}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_facts(graph_path: Path | str, out_dir: Path | str) -> list[Path]:
    """Write out_dir/NAME.facts.json for each article NAME.txt in the graph; the paths written.

    The graph is read whole before anything is written, and each file is replaced
    atomically (atomic.py): a run that fails or is killed leaves every facts file
    either as it was or complete.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise FactsError(f"{out}: exists and is not a directory (--out names a directory for the facts files)")
    docs = facts_from_graph(graph_path)
    out.mkdir(parents=True, exist_ok=True)
    atomic.remove_stale(out)
    written = []
    for source, doc in sorted(docs.items()):
        path = out / (article_name(source) + FACTS_SUFFIX)
        atomic.write_text(path, dumps(doc))
        written.append(path)
    return written
