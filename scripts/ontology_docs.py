"""Write the HTML documentation of the ontology and the shapes into docs/ontology/.

- docs/ontology/index.html: ontology/governance.ttl, by pyLODE (OntPub profile). Each
  term's HTML anchor is its local name, so a term IRI such as
  https://w3id.org/govkg/ontology#Person opens the page at the term (pyLODE would
  otherwise derive anchors from labels).
- docs/ontology/shapes.html: ontology/shapes.ttl, one section per shape (its target,
  message and property constraints), from the template docs/ontology/shapes.template.html.
  pyLODE's profiles document OWL and SKOS, not SHACL shapes.

`govkg serve` serves both at /ontology and /ontology/shapes. Run again after changing
the ontology or the shapes (tests/test_docs.py checks that the committed pages are
current):   python scripts/ontology_docs.py [OUT_DIR]
(needs the `docs` extra: pip install -e '.[docs]').
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.docs import write_docs  # noqa: E402

if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "ontology"
    for path in write_docs(out):
        print(f"wrote {path}")
