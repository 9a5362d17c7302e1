"""The `govkg` command (also `python -m pipeline`): build, validate, facts, eval, load, query, serve.

Exit codes: 0 success; 1 the work ran but found a problem (an article failed, the
graph does not validate); 2 usage or input errors (a missing source, an unreadable
graph or gold file). Heavy modules (spaCy, rdflib, the reasoner) are imported by
the subcommand that needs them, so `--help` is instant.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
FORMATS = ("table", "csv", "tsv", "json")  # of `query` (pipeline.query.FORMATS)
EXECUTORS = ("local", "ray")  # of `build` (pipeline.executors.EXECUTORS)
DEFAULT_STORE = "output/store"


class UsageError(Exception):
    """Bad input from the user: the message names the file and the problem."""


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def version() -> str:
    """The installed package's version (the source tree's when not installed)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("govkg")
    except PackageNotFoundError:
        from . import __version__

        return __version__


def cpu_count() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _capped_jobs(jobs: int) -> int:
    """`--jobs`, at most one worker per CPU (more only costs memory and time)."""
    cpus = cpu_count()
    if jobs > cpus:
        print(f"govkg: warning: --jobs {jobs} is more than the {cpus} CPU(s) here: using {cpus}", file=sys.stderr)
        return cpus
    return jobs


def _binding(value: str) -> tuple[str, str]:
    name, sep, bound = value.partition("=")
    if not sep or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"not VAR=VALUE: {value!r}")
    return name, bound


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _seconds(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return n


def _count(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return n


def _port(value: str) -> int:
    n = _count(value)
    if not 0 < n < 65536:
        raise argparse.ArgumentTypeError("must be a port number, 1 to 65535")
    return n


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govkg",
        description="Build a knowledge graph (RDF) from Vietnamese governance news articles.",
        epilog="Exit codes: 0 ok, 1 an article failed or the graph is invalid, 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("build", help="build the graph of every article under the sources, then validate it",
                       description="Build every article under the sources (.txt, .html/.htm pages, .jsonl "
                       "corpora with one article per line, each optionally .gz; NAME.meta.json sidecars are "
                       "read when present) into DIR/graph.ttl (union graph), DIR/graph.trig (one named "
                       "graph per article) and DIR/graph.nq. Each article's graph is checked against the shapes "
                       "as it is built, then the output across articles and for OWL consistency; a violation "
                       "is listed with its article's file and makes the exit status 1 (the graph is still "
                       "written). Every path left out is reported.")
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="article files or directories (searched recursively); - reads standard input")
    p.add_argument("--out", default="output", metavar="DIR", help="output directory (default: output/)")
    p.add_argument("--no-validate", action="store_true", help="skip validation (per article and of the output)")
    p.add_argument("--jobs", type=_jobs, default=1, metavar="N",
                   help="articles processed in N worker processes (with --executor ray: N Ray actors)")
    p.add_argument("--executor", choices=EXECUTORS, default="local",
                   help="what runs the per-article work: local (this machine, the default) or ray (Ray Data "
                   "on a Ray cluster: pip install 'govkg[ray]')")
    p.add_argument("--ray-address", metavar="ADDRESS", help="the Ray cluster, e.g. ray://HOST:10001 (default: "
                   "RAY_ADDRESS, or the cluster `ray start` began on this machine, else a new local one)")
    talk = p.add_mutually_exclusive_group()
    talk.add_argument("--verbose", "-v", action="store_true", help="a line per article as it is done")
    talk.add_argument("--quiet", "-q", action="store_true",
                      help="no progress bar; skipped paths and warnings counted, not listed")
    p.add_argument("--no-cache", "--rebuild", dest="no_cache", action="store_true",
                   help="extract every article again instead of reusing the unchanged ones from DIR/.cache")

    p = sub.add_parser("validate", help="check a graph against the shapes (SHACL) and the ontology (reasoner)",
                       description="Exit 0 when GRAPH conforms to the shapes and is consistent with the "
                       "ontology, 1 when it does not, 2 when it cannot be read.")
    p.add_argument("graph", metavar="GRAPH", help="graph file (.ttl, .trig, .nq, .nt)")
    p.add_argument("--report", metavar="FILE", help="write the SHACL validation report (results graph) as Turtle")
    p.add_argument("--json", action="store_true", help="print the report as JSON (for CI)")

    p = sub.add_parser("facts", help="write NAME.facts.json (gold format) for every article of a graph")
    p.add_argument("graph", metavar="GRAPH", help="a graph built by `govkg build` (graph.ttl)")
    p.add_argument("--out", required=True, metavar="DIR", help="directory for the NAME.facts.json files")

    p = sub.add_parser("eval", help="score facts against gold (building the gold articles first, by default)",
                       description="Score NAME.facts.json against every NAME.gold.json under the gold "
                       "directories. Without --facts, the articles beside the gold files (NAME.txt) are "
                       "built into a temporary directory (or --out DIR) and their facts written first.")
    p.add_argument("gold", nargs="+", metavar="GOLD_DIR", help="directories with NAME.gold.json (and NAME.txt)")
    p.add_argument("--facts", metavar="DIR", help="score the NAME.facts.json in DIR instead of building")
    p.add_argument("--out", metavar="DIR", help="keep the build (graph and facts/) in DIR instead of a temporary one")
    p.add_argument("--errors", action="store_true", help="list every miss (FP and FN), not only the first ones")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--jobs", type=_jobs, default=1, metavar="N", help="articles processed in N worker processes")

    p = sub.add_parser("load", help="put a build into the embedded store, or into a SPARQL store over HTTP",
                       description="Load each named graph of a build (one per article, the reference bodies) "
                       "and the ontology into the embedded store (--store, default output/store) or into any "
                       "SPARQL 1.1 store through its Graph Store HTTP Protocol endpoint (--endpoint): each "
                       "graph replaces the graph of the same name.")
    p.add_argument("source", nargs="?", default="output", metavar="BUILD_DIR_OR_GRAPH",
                   help="a build directory (its graph.nq) or a .nq/.trig file (default: output/)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR", help="the embedded store (default: output/store)")
    where.add_argument("--endpoint", metavar="URL", help="a Graph Store HTTP Protocol endpoint, e.g. "
                       "http://localhost:7878/store (Oxigraph), http://localhost:3030/ds/data (Fuseki)")
    p.add_argument("--user", metavar="U", help="user name for HTTP basic authentication (with --password)")
    p.add_argument("--password", metavar="P", help="password for HTTP basic authentication")
    p.add_argument("--token", metavar="T", help="bearer token for HTTP authentication")
    p.add_argument("--timeout", type=_seconds, default=60.0, metavar="S", help="seconds to wait for each request (default 60)")
    p.add_argument("--retries", type=_count, default=3, metavar="N",
                   help="tries again N times, with growing pauses, when the store is down or busy (default 3)")

    p = sub.add_parser("query", help="run a SPARQL query against the store or a graph file",
                       description="Run a SPARQL query (a .rq file, or the query text itself) over the union "
                       "of all graphs of the embedded store (--store, default output/store) or of a graph file "
                       "(--graph). The users' questions are in ontology/queries/questions/.")
    p.add_argument("query", metavar="QUERY_FILE_OR_TEXT", help="a .rq file or inline SPARQL")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR", help="the embedded store (default: output/store)")
    where.add_argument("--graph", metavar="FILE", help="a graph file (.ttl, .trig, .nq, .nt) instead of the store")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--bind", action="append", type=_binding, default=[], metavar="VAR=VALUE",
                   help="set the query's 'VALUES ?VAR { ... }' line to the string VALUE (repeatable), "
                   "e.g. --bind name=\"Bộ Chính trị\"")

    p = sub.add_parser("serve", help="a read-only SPARQL endpoint (/sparql) and pages to browse the store",
                       description="Serve the embedded store read-only: the SPARQL 1.1 Protocol at /sparql (the "
                       "default graph is the union of all graphs), a query page, a search by name, a page for "
                       "every person, body and event, and the ontology's documentation at /ontology.")
    p.add_argument("--store", default=DEFAULT_STORE, metavar="DIR", help="the embedded store (default: output/store)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=_port, default=8000, metavar="N", help="port (default: 8000)")
    p.add_argument("--timeout", type=_seconds, default=30.0, metavar="S", help="seconds a query may run (default 30)")
    p.add_argument("--limit", type=_jobs, default=10_000, metavar="N", help="results per query at most (default 10000)")
    p.add_argument("--workers", type=_jobs, default=2, metavar="N", help="queries answered at once (default 2)")
    p.add_argument("--queue", type=_count, default=64, metavar="N",
                   help="queries waiting for a worker at most; past them 503 (default 64)")
    p.add_argument("--max-query-size", type=_jobs, default=100_000, metavar="BYTES",
                   help="longest query (POST body or query string) taken; past it 413 or 414 (default 100000)")

    p = sub.add_parser("explain", help="show how the extractors read a sentence: chunks, constructions, facts",
                       description="Print, sentence by sentence, the chunk view the constructions match against "
                       "([KIND text] for every chunk), the constructions of ontology/constructions/ that match "
                       "with the words of each role, and the facts extracted. For teaching the extractors a "
                       "new construction (see the README).")
    p.add_argument("text", metavar="TEXT_OR_FILE", help="a sentence or a few, or an article file")
    p.add_argument("--published", type=_date, metavar="YYYY-MM-DD", help="the publication date to assume")

    sub.add_parser("pipes", help="list the extraction components in order, with what each reads and writes",
                   description="The components of pipeline/config.cfg in the order they run, with the Doc and "
                   "Span attributes each requires and assigns (spaCy's analyze_pipes), and any problem found.")
    return parser


def _err(message: str) -> None:
    print(f"govkg: error: {message}", file=sys.stderr)


# ---------------------------------------------------------------------------
# Subcommands


def _article_lines(result) -> list[str]:
    if result.ok:
        lines = [f"  {result.name}: " + " ".join(f"{k}={n}" for k, n in result.counts.items())
                 + (" (unchanged, from the cache)" if result.cached else "")]
    else:
        lines = [f"  FAILED {result.path}: {result.error}"]
    return lines + [f"    warning: {result.path}: {warning}" for warning in result.warnings]


class _Progress:
    """What a build shows while it runs: a bar on standard error (articles done, rate,
    time left) when that is a terminal, and with `verbose` a line per article."""

    def __init__(self, stream, verbose: bool = False, bar: bool = False):
        self.stream, self.verbose, self.want_bar = stream, verbose, bar
        self.bar = None

    def found(self, found) -> None:
        if self.want_bar:
            self.bar = _bar(_known_total(found.files))

    def result(self, result) -> None:
        if self.verbose:
            for line in _article_lines(result):
                self._print(line)
        if self.bar is not None:
            self.bar.update(1)

    def _print(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=self.stream)  # above the bar
        else:
            print(line, file=self.stream)

    def phase(self, line: str) -> None:
        """A stage after the articles (the output's checks): the bar is done, the line follows it."""
        self.close()
        print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _known_total(files: list[str]) -> int | None:
    """The number of articles, when each file is one (a corpus or standard input may hold many)."""
    from .sources import CORPUS_SUFFIX, STDIN, article_suffix

    if any(f == STDIN or article_suffix(Path(f).name) == CORPUS_SUFFIX for f in files):
        return None
    return len(files)


BAR = "{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} articles [{elapsed}<{remaining}, {rate_noinv_fmt}]"
COUNTER = "{desc} {n_fmt} articles [{elapsed}, {rate_noinv_fmt}]"  # a corpus: the total is not known


def _bar(total: int | None):
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, desc="building", unit=" articles", dynamic_ncols=True,
                bar_format=BAR if total is not None else COUNTER)


def _progress_for(verbose: bool, quiet: bool, stream) -> _Progress:
    """A bar only on a terminal and without --quiet (so none in CI or in a pipe)."""
    return _Progress(stream, verbose=verbose, bar=not quiet and sys.stderr.isatty())


def _check_executor(executor: str) -> None:
    from .executors import ExecutorError, require

    try:
        require(executor)
    except ExecutorError as exc:
        raise UsageError(str(exc)) from None


def _build(sources, out_dir, jobs: int, progress: _Progress, executor: str = "local", address: str | None = None,
           reuse: bool = True, validate: bool = False):
    from .build import build
    from .executors import ExecutorError
    from .ingest import ArticleError

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: output exists and is not a directory")
    _check_executor(executor)
    jobs = _capped_jobs(jobs) if executor == "local" else jobs  # Ray actors run on the cluster's CPUs
    try:
        return build(sources, out, jobs=jobs, on_result=progress.result, on_found=progress.found,
                     executor=executor, address=address, reuse=reuse, validate=validate,
                     on_phase=progress.phase)
    except ArticleError as exc:  # a source that does not exist or holds no article
        raise UsageError(str(exc)) from None
    except ExecutorError as exc:  # the Ray cluster cannot be reached
        raise UsageError(str(exc)) from None
    except OSError as exc:  # the output cannot be written
        raise UsageError(f"{exc.filename or out}: cannot write: {exc.strerror or exc}") from None
    finally:
        progress.close()


def _validate(graph: Path, report: str | None = None, as_json: bool = False) -> int:
    from .validate import main_validate

    return main_validate(str(graph), report, as_json)


def cmd_build(args) -> int:
    """Build; each article is validated where it is built and the output after writing
    (unless --no-validate): a violation is listed with its article's file and exits 1,
    the graph is still written."""
    progress = _progress_for(args.verbose, args.quiet, sys.stdout)
    summary = _build(args.sources, args.out, args.jobs, progress, args.executor, args.ray_address,
                     reuse=not args.no_cache, validate=not args.no_validate)
    print(summary.format(quiet=args.quiet))
    return EXIT_OK if summary.ok and summary.valid else EXIT_FAILED


def cmd_validate(args) -> int:
    return _validate(Path(args.graph), args.report, args.json)


def _write_facts(graph: Path, out_dir: Path) -> list[Path]:
    from .facts import write_facts

    if not graph.is_file():
        raise UsageError(f"{graph}: no such file")
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: exists and is not a directory (--out names a directory for the facts files)")
    try:
        return write_facts(graph, out_dir)
    except ValueError as exc:  # facts.FactsError: the graph cannot be read
        raise UsageError(str(exc)) from None


def cmd_facts(args) -> int:
    files = _write_facts(Path(args.graph), Path(args.out))
    print(f"wrote {len(files)} facts file(s) to {args.out}")
    return EXIT_OK


def cmd_eval(args) -> int:
    from . import evaluate as ev

    try:
        gold = ev.find_gold(args.gold)
    except ev.EvalError as exc:
        raise UsageError(str(exc)) from None
    empty = [d for d in args.gold if not ev.find_gold([d])]
    for d in empty:
        print(f"govkg: warning: {d}: no *{ev.GOLD_SUFFIX} files; nothing to score there", file=sys.stderr)
    if not gold:
        raise UsageError("no gold files (NAME.gold.json) under " + ", ".join(args.gold))

    status = EXIT_OK
    with tempfile.TemporaryDirectory(prefix="govkg-eval-") as tmp:
        if args.facts:
            facts_dir = Path(args.facts)
            if not facts_dir.is_dir():
                raise UsageError(f"{facts_dir}: no such directory")
        else:
            work = Path(args.out) if args.out else Path(tmp)
            texts = []
            for name, gold_path in gold.items():
                text = gold_path.with_name(name + ".txt")
                if text.is_file():
                    texts.append(text)
                else:
                    print(f"govkg: warning: {gold_path}: no article {text.name} beside it; scored as no facts",
                          file=sys.stderr)
            print(f"building {len(texts)} article(s) into {work}", file=sys.stderr)
            summary = _build(texts, work, args.jobs, _Progress(sys.stderr))
            print(summary.format(quiet=True), file=sys.stderr)
            if not summary.ok:
                status = EXIT_FAILED
            facts_dir = work / "facts"
            _write_facts(work / "graph.ttl", facts_dir)
        try:
            result = ev.evaluate(gold, facts_dir)
        except ev.EvalError as exc:
            raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(ev.format_report(result, errors=args.errors))
    return status


def cmd_load(args) -> int:
    if args.endpoint:
        return _load_endpoint(args)
    if args.user or args.password or args.token:
        raise UsageError("--user, --password and --token go with --endpoint")
    from .store import StoreError, load

    try:
        summary = load(args.source, args.store or DEFAULT_STORE)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    print(summary.format())
    print(f"store: {args.store or DEFAULT_STORE}")
    return EXIT_OK


def _load_endpoint(args) -> int:
    from .gsp import GraphStore, GraphStoreError, load_endpoint
    from .store import StoreError

    if args.token and (args.user or args.password):
        raise UsageError("give either --user/--password (basic) or --token (bearer), not both")
    if bool(args.user) != bool(args.password):
        raise UsageError("--user and --password go together")
    auth = (args.user, args.password) if args.user else None
    target = GraphStore(args.endpoint, auth=auth, token=args.token, timeout=args.timeout, retries=args.retries)
    try:
        summary = load_endpoint(args.source, target)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    except GraphStoreError as exc:
        _err(str(exc))
        return EXIT_FAILED
    print(summary.format())
    return EXIT_OK


def cmd_query(args) -> int:
    from .query import QueryError, bind, open_dataset, read_query, run, write_results

    try:
        written = read_query(args.query)
        source = "query" if written is args.query else args.query
        text = bind(written, dict(args.bind), source)
        store = open_dataset(store_dir=args.store or DEFAULT_STORE, graph_file=args.graph)
        results = run(store, text, source=source)
        out = sys.stdout.buffer
        write_results(results, args.format, out)
        out.flush()
    except QueryError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:  # the store failed while answering
        _err(f"the query failed: {exc}")
        return EXIT_FAILED
    return EXIT_OK


def cmd_serve(args) -> int:
    from .store import StoreError, open_store

    try:
        open_store(args.store, read_only=True)  # fail here, with the store's name, not in a worker
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    from .serve import run

    try:
        run(args.store, host=args.host, port=args.port, workers=args.workers, timeout=args.timeout, limit=args.limit,
            queue=args.queue, max_query_bytes=args.max_query_size)
    except OSError as exc:  # the address is taken or not ours
        _err(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
        return EXIT_FAILED
    return EXIT_OK


def _is_file(argument: str) -> bool:
    try:
        return "\n" not in argument and Path(argument).is_file()
    except OSError:  # a sentence too long for a file name
        return False


def cmd_explain(args) -> int:
    from .explain import explain
    from .ingest import ArticleError, read_article

    text, published = args.text, args.published
    if _is_file(text):
        try:
            article = read_article(text)
        except ArticleError as exc:
            raise UsageError(str(exc)) from None
        text, published = article.text, published or article.published
    sys.stdout.write(explain(text, published))
    return EXIT_OK


def cmd_pipes(args) -> int:
    from .extract import register_extensions  # noqa: F401  (the extensions the components declare)
    from .language import vietnamese_pipeline

    analysis = vietnamese_pipeline().analyze_pipes(pretty=False)
    for name, data in analysis["summary"].items():
        print(name)
        for key in ("requires", "assigns"):
            if data[key]:
                print(f"  {key:8} {', '.join(data[key])}")
    problems = {name: missing for name, missing in analysis["problems"].items() if missing}
    for name, missing in problems.items():
        print(f"problem: {name} requires {', '.join(missing)}, which no component before it assigns")
    return EXIT_FAILED if problems else EXIT_OK


COMMANDS = {"pipes": cmd_pipes, "explain": cmd_explain, "build": cmd_build, "validate": cmd_validate, "facts": cmd_facts, "eval": cmd_eval,
            "load": cmd_load, "query": cmd_query, "serve": cmd_serve}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)  # exits 2 on usage errors
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        _err(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
