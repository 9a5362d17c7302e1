"""Stage 4: extraction. `extract_facts(article)` runs the Vietnamese spaCy pipeline.

One extractor per concept, each a spaCy component (see `pipeline/language.py` and
`pipeline/config.cfg`): organizations and titles, persons and their posts,
coreference, quotes, directives, events.
"""
from __future__ import annotations

from ..model import Article, ArticleFacts


def extract_facts(article: Article) -> ArticleFacts:
    """All facts of one article: a pure function of the article."""
    from ..language import vietnamese_pipeline

    nlp = vietnamese_pipeline()
    nlp.max_length = max(nlp.max_length, len(article.text) + 1)  # no length limit (spaCy's E088)
    doc = nlp.make_doc(article.text)
    doc.user_data["article"] = article
    doc = nlp(doc)
    return doc.user_data["facts"]
