"""The domain knowledge the extractors read: reference bodies, places, titles, verbs.

Everything here comes from data files under `ontology/` (the reference graph
`bodies.ttl` and the TSV vocabularies in `ontology/vocab/`); this module only
loads and compiles them. It is built once per process and shared.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..normalize import fold, normalize_text
from ..resources import data_path, read_tsv

UPPER = "".join(
    ch for ch in map(chr, range(0x41, 0x1EFA)) if ch.isalpha() and ch.isupper()
)
LOWER = "".join(
    ch for ch in map(chr, range(0x61, 0x1EFA)) if ch.isalpha() and ch.islower()
)


@dataclass(frozen=True)
class Body:
    """A body of the reference graph."""

    iri: str
    name: str  # official name (skos:prefLabel)
    kind: str  # ontology class local name
    parent: str | None = None


@dataclass(frozen=True)
class Title:
    title: str
    body: str  # required | optional | none
    default_body: str | None
    body_head: str | None
    level: str


@dataclass
class Lexicon:
    bodies: dict[str, Body] = field(default_factory=dict)  # folded label -> body
    body_labels: list[str] = field(default_factory=list)  # every label as written
    provinces: dict[str, str] = field(default_factory=dict)  # folded written form -> canonical name
    province_kind: dict[str, str] = field(default_factory=dict)  # canonical name -> tỉnh | thành phố
    countries: dict[str, str] = field(default_factory=dict)  # folded written form -> name
    titles: dict[str, Title] = field(default_factory=dict)  # folded head -> title
    honorifics: dict[str, bool] = field(default_factory=dict)  # folded word before a name -> may be a pronoun
    pronouns: set[str] = field(default_factory=set)  # words that are pronouns only, as written ("Người")
    directive_triggers: dict[str, str] = field(default_factory=dict)
    statement_verbs: set[str] = field(default_factory=set)
    vague_addressees: list[str] = field(default_factory=list)
    event_words: dict[str, str] = field(default_factory=dict)
    surnames: set[str] = field(default_factory=set)
    org_heads: dict[str, tuple[str, bool]] = field(default_factory=dict)  # head -> (kind, local)
    org_prefixes: dict[str, str] = field(default_factory=dict)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)  # role -> folded phrases


def _load_bodies(lex: Lexicon) -> None:
    path = data_path("bodies.ttl")
    if not path.exists():
        return
    import rdflib
    from rdflib.namespace import SKOS

    graph = rdflib.Graph().parse(path, format="turtle")
    gov = "https://w3id.org/govkg/ontology#"
    org_sub = rdflib.URIRef("http://www.w3.org/ns/org#subOrganizationOf")
    for subject, label in graph.subject_objects(SKOS.prefLabel):
        kinds = [str(t)[len(gov):] for t in graph.objects(subject, rdflib.RDF.type) if str(t).startswith(gov)]
        parent = graph.value(subject, org_sub)
        body = Body(str(subject), normalize_text(str(label)), kinds[0] if kinds else "Organization",
                    str(parent) if parent else None)
        for written in [label, *graph.objects(subject, SKOS.altLabel)]:
            written = normalize_text(str(written))
            key = fold(written)
            # a prefLabel wins over another body's altLabel
            if key not in lex.bodies or written == body.name:
                lex.bodies[key] = body
            lex.body_labels.append(written)


def _load_places(lex: Lexicon) -> None:
    for row in read_tsv("vocab", "provinces.tsv") if data_path("vocab", "provinces.tsv").exists() else ():
        name = normalize_text(row["name"])
        lex.province_kind[name] = row.get("kind") or "tỉnh"
        for written in [name, *filter(None, (row.get("alt_names") or "").split(";"))]:
            lex.provinces[fold(written)] = name
    for row in read_tsv("vocab", "countries.tsv") if data_path("vocab", "countries.tsv").exists() else ():
        name = normalize_text(row["name"])
        for written in [name, row.get("long_name") or "", *filter(None, (row.get("alt_names") or "").split(";"))]:
            if written:
                lex.countries[fold(written)] = normalize_text(written)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = Lexicon()
    _load_bodies(lex)
    _load_places(lex)
    for row in read_tsv("vocab", "titles.tsv"):
        t = Title(normalize_text(row["title"]), row["body"], normalize_text(row["default_body"]) or None,
                  normalize_text(row["body_head"]) or None, row["level"])
        lex.titles[fold(t.title)] = t
    for row in read_tsv("vocab", "honorifics.tsv"):
        if row["anchor"] == "yes":
            lex.honorifics[fold(row["word"])] = row["pronoun"] == "yes"
        elif row["pronoun"] == "yes":
            lex.pronouns.add(normalize_text(row["word"]))
    for row in read_tsv("vocab", "directive_triggers.tsv"):
        lex.directive_triggers[fold(row["trigger"])] = row["direction"]
    lex.statement_verbs = {fold(r["verb"]) for r in read_tsv("vocab", "statement_verbs.tsv")}
    lex.vague_addressees = [fold(r["prefix"]) for r in read_tsv("vocab", "vague_addressees.tsv")]
    lex.event_words = {fold(r["word"]): r["kind"] for r in read_tsv("vocab", "event_words.tsv")}
    lex.surnames = {normalize_text(r["surname"]) for r in read_tsv("vocab", "surnames.tsv")}
    for row in read_tsv("vocab", "org_heads.tsv"):
        lex.org_heads[normalize_text(row["head"])] = (row["kind"], row["local"] == "yes")
    for row in read_tsv("vocab", "org_prefixes.tsv"):
        lex.org_prefixes[normalize_text(row["prefix"])] = row["kind"]
    cues: dict[str, set[str]] = {}
    for row in read_tsv("vocab", "cue_words.tsv"):
        cues.setdefault(row["role"], set()).add(fold(row["phrase"]))
    lex.cues = {role: frozenset(words) for role, words in cues.items()}
    return lex


def cue(role: str) -> frozenset[str]:
    """The folded phrases of one role of ontology/vocab/cue_words.tsv."""
    return lexicon().cues[role]


def cue_sequences(role: str) -> tuple[tuple[str, ...], ...]:
    """The phrases of a role as word sequences, longest first."""
    return tuple(sorted((tuple(p.split()) for p in cue(role)), key=len, reverse=True))

