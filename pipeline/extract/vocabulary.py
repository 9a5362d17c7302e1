"""The domain knowledge the extractors read: reference bodies, places, titles, words.

Everything here comes from data files under `ontology/` (the reference graph
`bodies.ttl` and the TSV vocabularies of `ontology/vocab/`); this module only loads
them into lookup tables, once per process. Keys are folded (`normalize.fold`):
canonical tone placement, case folded, spaces collapsed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..normalize import fold, normalize_text
from ..resources import data_path, read_tsv


@dataclass(frozen=True)
class Body:
    """A body of the reference graph."""

    iri: str
    name: str  # official name (skos:prefLabel)
    kind: str  # ontology class local name
    parent: str | None = None


@dataclass(frozen=True)
class TitleEntry:
    """A title head of titles.tsv (see the file's header for the columns)."""

    title: str
    body: str  # required | optional | none
    default_body: str | None
    body_head: str | None
    level: str
    unique: bool = True  # one holder at a time ("Tổng Bí thư"), not many ("Ủy viên Bộ Chính trị")
    lower_case: bool = False  # read in lower case too ("nghị sĩ A")


@dataclass(frozen=True)
class Style:
    """A word that stands before a name without being a post (honorifics.tsv)."""

    word: str
    kind: str  # address | pronoun | rank | degree | honour | profession | role | accused
    pronoun: bool


@dataclass(frozen=True)
class Head:
    """A word that opens a body's name (org_heads.tsv)."""

    head: str
    kind: str  # ontology class local name
    local: bool  # takes a province or commune after it ("UBND tỉnh X")
    naming: str  # proper | numbered | person | field | none
    level: str | None  # the level of place the head implies ("Tỉnh ủy": province)


@dataclass
class Vocabulary:
    bodies: dict[str, Body] = field(default_factory=dict)  # folded label -> body
    body_labels: list[str] = field(default_factory=list)  # every label as written, abbreviated forms too
    provinces: dict[str, str] = field(default_factory=dict)  # folded written form -> canonical name
    province_units: dict[str, str] = field(default_factory=dict)  # canonical name -> its unit ("tỉnh", "thành phố")
    regions: dict[str, str] = field(default_factory=dict)  # folded written form -> region's name
    cities: set[str] = field(default_factory=set)  # canonical names of the provinces that are cities run by the centre
    countries: dict[str, str] = field(default_factory=dict)  # folded written form -> name as written
    units: dict[str, str] = field(default_factory=dict)  # folded unit -> level
    titles: dict[str, TitleEntry] = field(default_factory=dict)  # folded head -> entry
    styles: dict[str, Style] = field(default_factory=dict)  # folded word -> style
    directive_triggers: dict[str, str] = field(default_factory=dict)  # folded verb -> direction
    needs_addressee: set[str] = field(default_factory=set)  # folded verbs that name no directive without one
    statement_verbs: set[str] = field(default_factory=set)
    vague_addressees: list[str] = field(default_factory=list)
    event_words: dict[str, str] = field(default_factory=dict)  # folded word -> event kind
    surnames: set[str] = field(default_factory=set)
    org_heads: dict[str, Head] = field(default_factory=dict)  # folded head -> head
    org_prefixes: dict[str, str] = field(default_factory=dict)  # folded prefix -> kind
    fields: dict[str, str] = field(default_factory=dict)  # folded field ("tn-mt") -> field of a ministry
    ministry_head: str = ""  # the head a ministry's field takes, as org_heads.tsv writes it ("Bộ")
    cues: dict[str, frozenset[str]] = field(default_factory=dict)  # role -> folded phrases

    def cue(self, role: str) -> frozenset[str]:
        return self.cues[role]

    def opens_a_head(self, word: str) -> bool:
        """Whether a word is the first word of a body's head ("Nhóm" of "Nhóm Nghị sĩ hữu nghị")."""
        key = fold(word)
        return any(head == key or head.startswith(key + " ") for head in self.org_heads)

    def title(self, head: str) -> TitleEntry:
        """The entry of a title's head; a deputy's ("Phó Tư lệnh") is its principal's, held by many."""
        key = fold(head)
        entry = self.titles.get(key)
        if entry is None:
            principal = self.titles[key.split(" ", 1)[1]]
            entry = TitleEntry(normalize_text(head), principal.body, principal.default_body, principal.body_head,
                               principal.level, unique=False)
        return entry

    def body(self, name: str) -> Body | None:
        return self.bodies.get(fold(name))

    def is_surname(self, word: str) -> bool:
        return word in self.surnames


def _abbreviated(label: str, abbreviations: list[tuple[str, str]]) -> set[str]:
    """The forms of a body's name that the press shortens: "Ủy ban Dân tộc" -> "UB Dân tộc",
    "Ban Tổ chức Trung ương" -> "Ban Tổ chức TW", "Bộ Tài nguyên và Môi trường" -> "Bộ TN&MT"."""
    forms = {label}
    for short, long in abbreviations:
        pattern = re.compile(rf"(?<!\w){re.escape(long)}(?!\w)", re.IGNORECASE)
        forms |= {pattern.sub(short, f) for f in forms if pattern.search(f)}
    return forms - {label}


def _word_abbreviations() -> list[tuple[str, str]]:
    return [(r["abbreviation"], normalize_text(r["expansion"])) for r in read_tsv("vocab", "abbreviations.tsv")
            if (r.get("context") or "word") in {"word", "as_written"} and not r["abbreviation"].endswith(".")]


def _load_bodies(voc: Vocabulary) -> None:
    import rdflib
    from rdflib.namespace import SKOS

    graph = rdflib.Graph().parse(data_path("bodies.ttl"), format="turtle")
    gov = "https://w3id.org/govkg/ontology#"
    org_sub = rdflib.URIRef("http://www.w3.org/ns/org#subOrganizationOf")
    abbreviations = _word_abbreviations()
    for subject, label in sorted(graph.subject_objects(SKOS.prefLabel)):
        kinds = sorted(str(t)[len(gov):] for t in graph.objects(subject, rdflib.RDF.type) if str(t).startswith(gov))
        parent = graph.value(subject, org_sub)
        body = Body(str(subject), normalize_text(str(label)), kinds[0] if kinds else "Organization",
                    str(parent) if parent else None)
        written = [normalize_text(str(w)) for w in [label, *sorted(graph.objects(subject, SKOS.altLabel))]]
        for form in written + sorted({a for w in written for a in _abbreviated(w, abbreviations)}):
            key = fold(form)
            if key not in voc.bodies or form == body.name:  # a prefLabel wins over another body's altLabel
                voc.bodies[key] = body
            voc.body_labels.append(form)


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(";") if v]


def _load_places(voc: Vocabulary) -> None:
    voc.units = {fold(r["unit"]): r["level"] for r in read_tsv("vocab", "units.tsv")}
    for row in read_tsv("vocab", "provinces.tsv"):
        name = normalize_text(row["name"])
        if voc.units.get(fold(row.get("kind"))) == "city":  # "thành phố Hà Nội"
            voc.cities.add(name)
        voc.province_units[name] = normalize_text(row["kind"])
        for written in [name, *_split(row.get("alt_names"))]:
            voc.provinces[fold(written)] = name
    for row in read_tsv("vocab", "regions.tsv"):
        for written in [row["name"], *_split(row.get("alt_names"))]:
            voc.regions[fold(written)] = normalize_text(row["name"])
    for row in read_tsv("vocab", "countries.tsv"):
        name = normalize_text(row["name"])
        for written in [name, row.get("long_name") or "", *_split(row.get("alt_names"))]:
            if written:
                voc.countries[fold(written)] = normalize_text(written)


def _load_fields(voc: Vocabulary) -> None:
    """Fields of state management as ministries are named by them ("Bộ <field>"): "Tài chính",
    "Nông nghiệp và Phát triển nông thôn", and their short forms ("NN&PTNT", "TN-MT")."""
    voc.ministry_head = next(h.head for k, h in voc.org_heads.items() if k in voc.cue("ministry_head"))
    prefix = voc.ministry_head + " "
    for label in voc.body_labels:
        if label.startswith(prefix) and len(label) > len(prefix):
            voc.fields.setdefault(fold(label[len(prefix):]), label[len(prefix):])
    by_field = {fold(v): v for v in voc.fields.values()}
    for row in read_tsv("vocab", "abbreviations.tsv"):
        expansion = fold(row["expansion"])
        if expansion in by_field and (row.get("context") or "word") == "word":
            voc.fields.setdefault(fold(row["abbreviation"]), row["abbreviation"])


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    voc = Vocabulary()
    _load_bodies(voc)
    _load_places(voc)
    _load_words(voc)
    _load_heads(voc)
    _load_cues(voc)
    _load_fields(voc)
    return voc


def _load_words(voc: Vocabulary) -> None:
    for row in read_tsv("vocab", "titles.tsv"):
        entry = TitleEntry(normalize_text(row["title"]), row["body"], normalize_text(row["default_body"]) or None,
                           normalize_text(row["body_head"]) or None, row["level"], row.get("holders") != "many",
                           row.get("lower_case") == "yes")
        voc.titles[fold(entry.title)] = entry
    for row in read_tsv("vocab", "honorifics.tsv"):
        style = Style(normalize_text(row["word"]), row["kind"], row["pronoun"] == "yes")
        voc.styles[fold(style.word)] = style
    for row in read_tsv("vocab", "directive_triggers.tsv"):
        voc.directive_triggers[fold(row["trigger"])] = row["direction"]
        if row.get("addressee") == "required":
            voc.needs_addressee.add(fold(row["trigger"]))
    voc.statement_verbs = {fold(r["verb"]) for r in read_tsv("vocab", "statement_verbs.tsv")}
    voc.vague_addressees = [fold(r["prefix"]) for r in read_tsv("vocab", "vague_addressees.tsv")]
    voc.event_words = {fold(r["word"]): r["kind"] for r in read_tsv("vocab", "event_words.tsv")}
    voc.surnames = {normalize_text(r["surname"]) for r in read_tsv("vocab", "surnames.tsv")}


def _load_heads(voc: Vocabulary) -> None:
    for row in read_tsv("vocab", "org_heads.tsv"):
        head = Head(normalize_text(row["head"]), row["kind"], row["local"] == "yes", row.get("name") or "proper",
                    row.get("level") or None)
        voc.org_heads[fold(head.head)] = head
    for row in read_tsv("vocab", "org_prefixes.tsv"):
        voc.org_prefixes[fold(row["prefix"])] = row["kind"]


def _load_cues(voc: Vocabulary) -> None:
    cues: dict[str, set[str]] = {}
    for row in read_tsv("vocab", "cue_words.tsv"):
        cues.setdefault(row["role"], set()).add(fold(row["phrase"]))
    voc.cues = {role: frozenset(words) for role, words in cues.items()}
