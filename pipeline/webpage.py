"""News saved as web pages: the article's main text and metadata, through trafilatura.

A page saved from a news site holds menus, scripts, comments and footers around the
article. trafilatura keeps the main text (paragraphs, one per line, as `segment`
expects) and reads the page's metadata: title, publication date and canonical URL,
which stand in for a sidecar when the page has none.

HTML is recognised by its file suffix (.html, .htm) or, in a .txt file, by its content
(`looks_like_html`): a doctype or <html> at the start, or several block tags.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

HTML_SUFFIXES = (".html", ".htm")
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                         re.IGNORECASE | re.DOTALL)
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|body|head|script|span|article|section|h[1-6]|table|li|a)\b[^>]*>",
                         re.IGNORECASE)


class PageError(ValueError):
    """A page with no main text to read."""


@dataclass
class Page:
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None


def looks_like_html(text: str) -> bool:
    """A document that starts as HTML does, or text that is mostly markup."""
    head = text[:2048]
    if _HTML_START.match(head):
        return True
    return len(_BLOCK_TAGS.findall(head)) >= 5


def main_text(html: str) -> Page:
    """The article of a page (main text only) and its metadata."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      include_images=False, favor_precision=True, deduplicate=False)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise PageError("an HTML page with no main text that trafilatura could find")
    date = getattr(doc, "date", None)
    return Page(text=text, title=getattr(doc, "title", None) or None,
                published=date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None,
                url=getattr(doc, "url", None) or None)
