"""`govkg serve`: a read-only SPARQL endpoint over the store, with pages to look at.

A small Starlette app under uvicorn (the HTTP parts are theirs):

- `/sparql` answers the SPARQL 1.1 Protocol (query via GET, POST form, POST
  application/sparql-query), results by content negotiation (endpoint.py); the default
  graph is the union of all graphs. Updates are refused (403) and the store is opened
  read-only anyway. Each query has a timeout and a result limit, and waits for a worker
  in a bounded queue (endpoint.QueryPool: 503 with Retry-After past either). A query
  larger than `max_query_bytes` is refused before it is read: 413 for a body (by its
  Content-Length, or as soon as the bytes streamed go past), 414 for a query string (on
  every path).
- `/` a query box with results, the users' questions ready to run, a search by name;
  `/search?q=` the persons and bodies whose names match.
- `/person/…`, `/body/…`, `/org/…`, `/event/…`, `/post/…`, `/article/…` (the path of
  every IRI of the graph under https://w3id.org/govkg/): the entity's page for people
  (text/html), its description in Turtle or N-Triples for machines.
- `/ontology` and `/ontology/shapes`: the HTML documentation (docs/ontology/, made by
  pyLODE) for people, the Turtle files for machines: the ontology's term IRIs
  (https://w3id.org/govkg/ontology#Person) resolve to one or the other.
- `/static/…` the page's CSS and JavaScript, the graph drawing library included
  (vendored: the page works offline).

The page templates, their queries and the static files are data under pipeline/web/.
"""
from __future__ import annotations

import contextlib
from pathlib import Path

import mimeparse
from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from . import pages, resources
from .endpoint import GRAPH_TYPES, QueryFailed, QueryPool
from .query import question_files

WEB = Path(__file__).resolve().parent / "web"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "ontology"
RDF_PAGES = {"ontology": ("governance.ttl", "index.html"), "ontology/shapes": ("shapes.ttl", "shapes.html")}
HTML = "text/html"
TRUNCATED_HEADER = "Govkg-Results-Truncated"
MAX_QUERY_BYTES = 100_000
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"


def _web_query(name: str) -> str:
    return (WEB / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def wants_html(request: Request, machine_types: list[str]) -> str:
    """The media type to answer with: one of `machine_types`, or text/html (the default)."""
    return mimeparse.best_match(machine_types + [HTML], request.headers.get("accept") or HTML) or HTML


# ---------------------------------------------------------------------------
# SPARQL 1.1 Protocol


async def _query_request(request: Request) -> tuple[str | None, list[str], list[str]]:
    """(query, default-graph-uri list, named-graph-uri list) of a protocol request."""
    params = request.query_params
    if request.method == "GET":
        if "update" in params:
            raise QueryFailed(403, READ_ONLY)
        return params.get("query"), params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/sparql-update":
        raise QueryFailed(403, READ_ONLY)
    if media_type not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        raise QueryFailed(415, f"a query is sent as application/x-www-form-urlencoded or application/sparql-query, "
                               f"not {media_type or 'no content type'}")
    text = await _body_text(request, request.app.state.max_query_bytes)
    if media_type == "application/sparql-query":
        return text, params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    form = QueryParams(text)
    if "update" in form:
        raise QueryFailed(403, READ_ONLY)
    return (form.get("query"), form.getlist("default-graph-uri") + params.getlist("default-graph-uri"),
            form.getlist("named-graph-uri") + params.getlist("named-graph-uri"))


async def _body_text(request: Request, max_bytes: int) -> str:
    """The request body as text, refused (413) past `max_bytes`: by its Content-Length
    before reading any of it, or as soon as the bytes streamed in go past."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes, int(declared))
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise _too_large(max_bytes)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise QueryFailed(400, "the query is not UTF-8 text") from None


def _too_large(max_bytes: int, declared: int | None = None) -> QueryFailed:
    # the rest of the body is never read: the connection closes after the answer
    size = "" if declared is None else f"{declared} bytes, "
    return QueryFailed(413, f"the request body is {size}more than the {max_bytes} bytes this endpoint takes",
                       {"Connection": "close"})


async def sparql(request: Request) -> Response:
    pool: QueryPool = request.app.state.pool
    query, default_graphs, named_graphs = await _query_request(request)
    if not query:
        if request.method == "GET" and wants_html(request, ["application/sparql-results+json"]) == HTML:
            return RedirectResponse("/", status_code=303)  # a person opening /sparql: the query page
        raise QueryFailed(400, "no query: give the SPARQL text in the 'query' parameter")
    answer = await pool.run(query, request.headers.get("accept", ""),
                            default_graphs=default_graphs, named_graphs=named_graphs)
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers[TRUNCATED_HEADER] = f"only the first {pool.limit} results"
    return Response(answer.body, media_type=answer.media_type, headers=headers)


async def query_failed(request: Request, exc: QueryFailed) -> Response:
    """A request the endpoint or a page does not answer: its status, headers and why."""
    return PlainTextResponse(exc.message + "\n", status_code=exc.status, headers=exc.headers)


class QueryStringLimit:
    """414 for a query string longer than `max_bytes`, on every path (ASGI middleware)."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send) -> None:
        size = len(scope.get("query_string", b""))
        if scope["type"] == "http" and size > self.max_bytes:
            response = PlainTextResponse(f"the query string is {size} bytes, more than the {self.max_bytes} this "
                                         f"endpoint takes: send a long query by POST\n", status_code=414)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


# ---------------------------------------------------------------------------
# Pages


async def index(request: Request) -> Response:
    questions = [{"name": f.name, "title": _question_title(f)} for f in question_files()]
    return request.app.state.templates.TemplateResponse(request, "index.html", {"questions": questions})


def _question_title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# Question:"):
            return line.removeprefix("# Question:").strip()
    return path.stem


async def question_file(request: Request) -> Response:
    wanted = request.path_params["name"]
    for path in question_files():
        if path.name == wanted:
            return FileResponse(path, media_type="application/sparql-query")
    return PlainTextResponse(f"no question file {wanted}\n", status_code=404)


async def search_page(request: Request) -> Response:
    state = request.app.state
    if state.names is None:  # the store is read-only while served: the index never goes stale
        state.names = await state.pool.rows(_web_query("names"))
    text = request.query_params.get("q", "")
    found = pages.search(state.names, text)
    return state.templates.TemplateResponse(request, "search.html", {"q": text, "found": found})


async def entity_page(request: Request) -> Response:
    iri = pages.entity_iri(request.url.path)
    state = request.app.state
    if iri is None:
        return _not_found(request, request.url.path)
    media_type = wants_html(request, list(GRAPH_TYPES))
    if media_type != HTML:
        answer = await state.pool.run(f"DESCRIBE <{iri}>", media_type)
        return Response(answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})
    about = await state.pool.rows(pages.with_iri(_web_query("about"), iri))
    facts = await state.pool.rows(pages.with_iri(_web_query("facts"), iri))
    sentences = []
    if pages.kind_of(iri) == "article":
        sentences = pages.article_sentences(await state.pool.rows(pages.with_iri(_web_query("article"), iri)))
    page = pages.entity(iri, about, facts)
    if not page.found:
        return _not_found(request, iri)
    return state.templates.TemplateResponse(request, "entity.html", {"page": page, "sentences": sentences},
                                            headers={"Vary": "Accept"})


def _not_found(request: Request, what: str) -> Response:
    return request.app.state.templates.TemplateResponse(request, "not_found.html", {"what": what},
                                                        status_code=404)


async def rdf_document(request: Request) -> Response:
    """The ontology or the shapes: Turtle for machines, the HTML documentation for people."""
    turtle, html = RDF_PAGES[request.url.path.strip("/")]
    headers = {"Vary": "Accept"}
    if wants_html(request, ["text/turtle"]) == HTML:
        return FileResponse(DOCS / html, media_type=HTML, headers=headers)
    return FileResponse(resources.data_path(turtle), media_type="text/turtle", headers=headers)


# ---------------------------------------------------------------------------
# The app


def create_app(store_dir: Path | str, *, workers: int = 2, timeout: float = 30.0, limit: int = 10_000,
               queue: int = 64, max_query_bytes: int = MAX_QUERY_BYTES) -> Starlette:
    """The app over the store in `store_dir` (opened read-only by its query workers)."""
    pool = QueryPool(store_dir, workers=workers, timeout=timeout, limit=limit, queue=queue)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        pool.start()
        try:
            yield
        finally:
            pool.close()

    routes = [
        Route("/", index),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/search", search_page),
        Route("/questions/{name}", question_file),
        Route("/ontology", rdf_document),
        Route("/ontology/shapes", rdf_document),
        Mount("/static", StaticFiles(directory=WEB / "static"), name="static"),
        Route("/{kind}/{id:path}", entity_page),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={QueryFailed: query_failed},
                    middleware=[Middleware(QueryStringLimit, max_bytes=max_query_bytes)])
    app.state.pool = pool
    app.state.max_query_bytes = max_query_bytes
    app.state.names = None
    app.state.templates = Jinja2Templates(directory=WEB / "templates")
    return app


def run(store_dir: Path | str, host: str = "127.0.0.1", port: int = 8000, **options) -> None:
    """Serve until interrupted (uvicorn)."""
    import uvicorn

    print(f"serving {store_dir} at http://{host}:{port}/ (SPARQL endpoint: http://{host}:{port}/sparql)",
          flush=True)
    # uvicorn's HTTP parser (h11) answers 400 to a request line and headers longer than its
    # buffer: room for twice the longest query string, so a longer one gets our 414 first
    head_bytes = 2 * options.get("max_query_bytes", MAX_QUERY_BYTES) + 64 * 1024
    uvicorn.run(create_app(store_dir, **options), host=host, port=port, log_level="warning",
                h11_max_incomplete_event_size=head_bytes)
