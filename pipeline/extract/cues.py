"""Cues: the words that signal a construction, as whole words of underthesea's segmentation.

Directive verbs ("yêu cầu", "giao": role "trigger"), verbs of saying ("khẳng định":
"say"), event words ("làm việc", "hội đàm": "event", with the event's kind) and the
roles of ontology/vocab/cue_words.tsv named in the component's config (`roles`): "giữ
chức" (hold_marker), "nguyên" (former_marker), "chủ trì" (chair_verb)... A cue counts
only as whole words: "giao" in "bàn giao" or "giao thông" is none, and neither is the
"chỉ đạo" of "Ban Chỉ đạo" (a cue inside a title, a body, a place or a name is none).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from ..normalize import fold
from .chunks import Cue, PhraseTable, chunks, keep
from .vocabulary import vocabulary


@Language.factory("govkg_cues", assigns=["doc.spans", "span._.cue"],
                  requires=["span._.title", "span._.body", "span._.place", "span._.name"],
                  default_config={"roles": []})
def create_cue_chunker(nlp: Language, name: str, roles: list[str]):
    return CueChunker(nlp, roles)


class CueChunker:
    def __init__(self, nlp: Language, roles: list[str]):
        voc = vocabulary()
        self.voc = voc
        phrases = {"trigger": list(voc.directive_triggers), "say": list(voc.statement_verbs),
                   "event": list(voc.event_words)}
        for role in roles:
            phrases[role] = list(voc.cue(role))
        self.table = PhraseTable(nlp.vocab, phrases)

    def __call__(self, doc: Doc) -> Doc:
        lookup = self.table(doc)
        entities = [s for group in ("titles", "bodies", "places", "names") for s in chunks(doc, group)]
        taken = {k for s in entities for k in range(s.start, s.end)}
        # a chunk ends a word, whatever the segmenter glued to it ("Lý Sỹ Thuận tiếp")
        self.starts = {s.end for s in entities}
        self.ends = {s.start for s in entities}
        roles: dict[tuple[int, int], set[str]] = {}
        for role, starts in lookup.by_label.items():
            for start, ends in starts.items():
                for end, _ in ends:
                    if self.whole_words(doc, start, end) and not any(k in taken for k in range(start, end)):
                        roles.setdefault((start, end), set()).add(role)
        spans = filter_spans([doc[s:e] for s, e in roles])
        by_start: dict[int, list[tuple[int, int]]] = {}
        for s, e in roles:
            by_start.setdefault(s, []).append((s, e))
        found = []
        for span in spans:
            # a cue holds the roles of the cues inside it: "buổi làm việc" is an event word too
            inner = {(s, e): roles[(s, e)] for k in range(span.start, span.end) for s, e in by_start.get(k, ())
                     if e <= span.end}
            kinds = set().union(*inner.values())
            event_kind = next((self.voc.event_words[fold(span.doc[s:e].text)] for (s, e), r in
                               sorted(inner.items(), key=lambda kv: kv[0][0] - kv[0][1]) if "event" in r), None)
            found.append((span.start, span.end, Cue(frozenset(kinds), fold(span.text), event_kind)))
        keep(doc, "cues", found)
        return doc

    def whole_words(self, doc: Doc, start: int, end: int) -> bool:
        """The phrase begins and ends at word boundaries of underthesea's segmentation, or of a chunk."""
        return (doc[start]._.word_start or start in self.starts) and (doc[end - 1]._.word_end or end in self.ends)
