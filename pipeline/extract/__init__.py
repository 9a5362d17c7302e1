"""Stage 4: extraction. `extract_facts(article)` runs the Vietnamese spaCy pipeline."""
from __future__ import annotations

from ..model import Article, ArticleFacts


def extract_facts(article: Article) -> ArticleFacts:
    """All facts of one article (a pure function of the article)."""
    # Placeholder until the extractors land: an article with no facts.
    return ArticleFacts(article=article)
