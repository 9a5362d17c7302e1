"""Stage 4: extraction. `extract_facts(article)` runs the Vietnamese spaCy pipeline.

The components, in the order `pipeline/config.cfg` gives them:
- chunkers, each finding one kind of chunk and keeping it on the Doc (`chunks.py`):
  sentences, places, bodies, titles, styles, names, dates, cues;
- constructions (`constructions.py`): patterns over chunks, kept as data in
  `ontology/constructions/`, each naming the action it triggers;
- the entities and facts: persons and bodies, posts, coreference, quotes, directives,
  events; and `finalize`, which hands the facts (`pipeline.model`) to the mapper.
"""
from __future__ import annotations

from ..model import Article, ArticleFacts
from ..timing import stage
from . import (bodies, coreference, cues, dates, directives, entities, events, finalize, holdings,  # noqa: F401
               names, places, positions, quotes, sentences, styles, titles, view)  # (the factories)
from .chunks import register_extensions

register_extensions()


def extract_facts(article: Article) -> ArticleFacts:
    """All facts of one article: a pure function of the article."""
    from ..language import vietnamese_pipeline

    nlp = vietnamese_pipeline()
    with stage("tokenize"):  # syllables, and underthesea's words (language.py)
        doc = nlp.make_doc(article.text)
    doc._.article = article
    for name, component in nlp.pipeline:  # as nlp(doc) does, each stage timed
        with stage("segment" if name == "sentences" else "extract"):
            doc = component(doc)
    return doc._.facts
