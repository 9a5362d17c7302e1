"""Styles: the words that stand before a name without being a post.

Forms of address ("ông", "bà", "đồng chí"), the reverent pronoun "Người", ranks
("Đại tướng"), degrees ("PGS.TS"), honours, professions and roles ("đại biểu", "cử tri",
"bị cáo"), from ontology/vocab/honorifics.tsv. A form of address is written in lower
case, or capitalised where a clause begins ("Ông cho biết"); capitalised inside a
sentence it is a family name ("Phó Chủ nhiệm Ông Thiện Bảo"). A style inside a title or
a body ("Đại biểu Quốc hội", "Người phát ngôn") belongs to it.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .chunks import PhraseTable, chunks, is_cap, keep
from .vocabulary import vocabulary

CASE_SENSITIVE = {"address", "pronoun"}


@Language.factory("govkg_styles", assigns=["doc.spans", "span._.style"],
                  requires=["span._.title", "span._.body", "span._.place"])
def create_style_chunker(nlp: Language, name: str):
    return StyleChunker(nlp)


class StyleChunker:
    def __init__(self, nlp: Language):
        self.voc = vocabulary()
        self.table = PhraseTable(nlp.vocab, {"style": [s.word for s in self.voc.styles.values()]})

    def __call__(self, doc: Doc) -> Doc:
        lookup = self.table(doc)
        taken = {k for group in ("titles", "bodies", "places") for s in chunks(doc, group) for k in range(s.start, s.end)}
        found, i = [], 0
        while i < len(doc):
            match = lookup.longest("style", i)
            if match and i not in taken and self.written_as_style(doc, i, self.voc.styles[match[1]].kind) \
                    and self.whole_words(doc, i, match[0]):
                found.append((i, match[0], self.voc.styles[match[1]]))
                i = match[0]
            else:
                i += 1
        keep(doc, "styles", found)
        return doc

    @staticmethod
    def whole_words(doc: Doc, start: int, end: int) -> bool:
        """A style is a word of its own ("cụ thể" holds no "cụ"), though the segmenter may glue the
        name after it ("Bà Xuân")."""
        glued_name = end < len(doc) and is_cap(doc[end])
        return doc[start]._.word_start and (doc[end - 1]._.word_end or glued_name)

    def written_as_style(self, doc: Doc, i: int, kind: str) -> bool:
        if kind not in CASE_SENSITIVE:
            return True
        if kind == "pronoun":
            return is_cap(doc[i])  # "Người", not "người"
        if not is_cap(doc[i]):
            return True
        return clause_start(doc, i)


def clause_start(doc: Doc, i: int) -> bool:
    """Token i begins a sentence or a clause (after ":", an opening quote, a bracket...)."""
    k = i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return k < 0 or doc[i].is_sent_start or doc[k].text in vocabulary().cue("clause_opener")
