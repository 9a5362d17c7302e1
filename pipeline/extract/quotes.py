"""Quotations and their speakers.

A saying in quotation marks (curly or straight) is a quotation when it is
attributed: followed by ", <speaker> nói/khẳng định..." or preceded by a verb of
saying or a colon ("chỉ rõ "...", "chia sẻ qua điện thoại: "..."), or standing
at the head of its sentence. A phrase quoted inside running text is a scare quote,
not a saying ("phải "chạy nước rút""), and is left out. An answer in a Q&A without
quotation marks is not a quotation.
"""
from __future__ import annotations

import re

from ..model import Quote, Span
from ..normalize import fold
from .lexicon import lexicon
from .state import ExtractionState, SentenceState

QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»")


class QuoteExtractor:
    def __init__(self, state: ExtractionState):
        self.state = state
        self.text = state.article.text
        self.lex = lexicon()
        self.last_subject: str | None = None
        self.introduced_by_colon = False  # the previous sentence ends with a colon

    def run(self, sent: SentenceState) -> None:
        span = sent.span
        for m in QUOTED.finditer(self.text, span.start, span.end):
            inner = next(g for g in m.groups() if g is not None)
            start, end = m.start(), m.end()
            quote_text = inner.strip().rstrip(".,;:!?…").strip()
            after = self.text[end:span.end]
            before = self.text[span.start:start]
            speaker = None
            after_ref = next((r for r in sent.refs if r.start >= end), None)
            lead = fold(after[: (after_ref.start - end) if after_ref else 0])
            if after_ref and lead.strip(" ,") == "" and self._says(after_ref.end, span.end):
                speaker = after_ref.person
            elif self._introduced(before):
                earlier = [r for r in sent.refs if r.end <= start]
                speaker = earlier[-1].person if earlier else self.last_subject
            elif before.strip() == "" and len(quote_text.split()) >= 5:
                speaker = after_ref.person if after_ref else None
                if speaker is None and self.introduced_by_colon:
                    speaker = self.last_subject  # "Thủ tướng nhấn mạnh:" and the saying below it
            if speaker and len(quote_text.split()) >= 2:
                self.state.quotes.append(Quote(speaker, quote_text, Span(start, end)))
        if sent.refs and not sent.sentence.caption:
            self.last_subject = sent.refs[0].person
        self.introduced_by_colon = self.text[span.start:span.end].rstrip().endswith(":")

    def _says(self, start: int, end: int) -> bool:
        following = fold(self.text[start:end]).strip()
        return any(following.startswith(v) for v in self.lex.statement_verbs)

    def _introduced(self, before: str) -> bool:
        lead = fold(before).rstrip()
        if lead.endswith(":"):
            return True
        return any(lead.endswith(" " + v) or lead == v for v in self.lex.statement_verbs)
