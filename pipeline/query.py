"""Run a SPARQL query against the embedded store or a graph file, and print the answer.

The query sees every graph at once (the default graph is the union of the named
graphs), so the files under ontology/queries/ run unchanged here, on `govkg serve` and on
any store loaded with `govkg load --endpoint` that has the same option turned on.

Output formats: `table` (aligned columns for a terminal; IRIs as prefixed names, long
cells cut), and the standard SPARQL results formats `csv`, `tsv` and `json` written by
pyoxigraph. ASK answers true/false; CONSTRUCT and DESCRIBE print Turtle (table),
N-Triples (csv, tsv) or JSON-LD (json).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from . import resources
from .facts import FactsError, load_store
from .store import StoreError, open_store
from .write import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")
QUERY_SUFFIXES = (".rq", ".sparql")
QUESTIONS_DIR = ("queries", "questions")
CELL_WIDTH = 80  # characters of a table cell at most

_RESULTS_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                    "json": ox.QueryResultsFormat.JSON}
_GRAPH_FORMATS = {"table": ox.RdfFormat.TURTLE, "csv": ox.RdfFormat.N_TRIPLES,
                  "tsv": ox.RdfFormat.N_TRIPLES, "json": ox.RdfFormat.JSON_LD}


class QueryError(ValueError):
    """A query that cannot be read or parsed, or a dataset that cannot be opened."""


def question_files() -> list[Path]:
    """The query files of the users' questions (ontology/queries/questions/*.rq)."""
    return sorted(resources.data_path(*QUESTIONS_DIR).glob("*.rq"))


def read_query(query_or_file: str) -> str:
    """The text of a query file, or the argument itself when it is inline SPARQL."""
    path = Path(query_or_file)
    looks_like_file = path.suffix in QUERY_SUFFIXES and "\n" not in query_or_file
    if looks_like_file or path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise QueryError(f"{path}: no such query file") from None
        except UnicodeDecodeError as exc:
            raise QueryError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        except OSError as exc:
            raise QueryError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return query_or_file


_VALUES = r"(?m)^(?P<indent>[ \t]*)(?:#[ \t]*)?VALUES[ \t]+\?{name}[ \t]*\{{[^}}\n]*\}}"


def bind(query: str, values: dict[str, str], source: str = "the query") -> str:
    """The query with `VALUES ?NAME { ... }` (commented out or not) set to each value, as
    a string literal: how the question files take their one parameter (--bind name=...)."""
    for name, value in values.items():
        pattern = re.compile(_VALUES.format(name=re.escape(name)))
        if not pattern.search(query):
            raise QueryError(f"{source}: no 'VALUES ?{name} {{ ... }}' line to bind ?{name} to")
        literal = '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        query = pattern.sub(lambda m: f"{m['indent']}VALUES ?{name} {{ {literal} }}", query)
    return query


def open_dataset(store_dir: Path | str | None = None, graph_file: Path | str | None = None) -> ox.Store:
    """The store to query: a graph file read into memory (with the ontology beside it),
    or the embedded store in `store_dir`, opened read-only."""
    if graph_file is not None:
        try:
            return load_store(graph_file)
        except FactsError as exc:
            raise QueryError(str(exc)) from None
    try:
        return open_store(store_dir, read_only=True)
    except StoreError as exc:
        raise QueryError(str(exc)) from None


def run(store: ox.Store, query: str, source: str = "query"):
    """The results of `query` over the union of all graphs (QuerySolutions, QueryBoolean
    or QueryTriples); QueryError names `source` when the query is not valid SPARQL."""
    try:
        return store.query(query, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"{source}: not a valid SPARQL query: {exc}") from None


def write_results(results, fmt: str, out: IO[bytes]) -> int | None:
    """Write query results in `fmt` to a binary stream; the number of rows (or triples)
    when it is known without reading the results twice (table, ASK, graphs), else None."""
    if isinstance(results, ox.QueryBoolean):
        if fmt == "table":
            out.write(b"true\n" if bool(results) else b"false\n")
        else:
            results.serialize(out, _RESULTS_FORMATS[fmt])
        return 1
    if isinstance(results, ox.QueryTriples):
        triples = list(results)
        ox.serialize(triples, out, _GRAPH_FORMATS[fmt], prefixes=PREFIXES if fmt == "table" else None)
        return len(triples)
    if fmt == "table":
        variables = [v.value for v in results.variables]
        rows = [[cell(solution[v]) for v in variables] for solution in results]
        out.write(format_table(variables, rows).encode("utf-8"))
        return len(rows)
    results.serialize(out, _RESULTS_FORMATS[fmt])
    return None


def cell(term) -> str:
    """A term as a table shows it: a literal's text, an IRI as a prefixed name."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return short_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def short_iri(iri: str) -> str:
    """`prefix:local` for an IRI under one of the project's prefixes, else `<iri>`."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


def format_table(variables: list[str], rows: list[list[str]]) -> str:
    """Aligned columns with a header line and a row count, for a terminal."""
    rows = [[_cut(c) for c in row] for row in rows]
    widths = [max([len(v)] + [len(r[k]) for r in rows]) for k, v in enumerate(variables)]

    def line(cells: list[str]) -> str:
        return " | ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    lines = [line(variables), "-+-".join("-" * w for w in widths)]
    lines += [line(r) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
