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
        taken = {k for group in ("titles", "bodies", "places", "names") for s in chunks(doc, group)
                 for k in range(s.start, s.end)}
        roles: dict[tuple[int, int], set[str]] = {}
        for role, starts in lookup.by_label.items():
            for start, ends in starts.items():
                for end, _ in ends:
                    if self.whole_words(doc, start, end) and not any(k in taken for k in range(start, end)):
                        roles.setdefault((start, end), set()).add(role)
        spans = filter_spans([doc[s:e] for s, e in roles])
        found = []
        for span in spans:
            text = span.text.casefold()
            kinds = roles[(span.start, span.end)]
            found.append((span.start, span.end, Cue(frozenset(kinds), " ".join(text.split()),
                                                    self.voc.event_words.get(" ".join(text.split())) if "event" in kinds else None)))
        keep(doc, "cues", found)
        return doc

    @staticmethod
    def whole_words(doc: Doc, start: int, end: int) -> bool:
        """The phrase begins and ends at word boundaries of underthesea's segmentation."""
        return doc[start]._.word_start and doc[end - 1]._.word_end
