"""Names of persons: runs of capitalised words in the place of a name.

A run right after a title or a style is a name ("Trưởng Ban ... Lò Minh Hưng", "ông Lò
Văn Sính", "Đại tướng Mẫn Văn Chiến"), and so is one after a list mark that looks like
a name (a family name first, or three words or more: "các Phó Thủ tướng: A, B và C"); a
run that nothing anchors must look like a Vietnamese full name (a family name and two
or more words). Where a run starts with a field or a place ("Công Thương Bạch Văn
Hưng"), the name starts at the family name. A run after a word like "đường" is a street
("đường Lê Văn Lương"), not a person. The photographer of a photo credit ("Ảnh: Đăng
Khoa") is a name too, marked as such. A capitalised "Ông" at the head of a sentence is a
form of address, unless the article names someone "Ông ..." elsewhere ("Ông Thiện Bảo").
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .capitals import name_split
from .chunks import Name, chunks, is_cap, is_word, keep, word_before
from .vocabulary import vocabulary

MAX_NAME_WORDS = 6


@Language.factory("govkg_names", assigns=["doc.spans", "span._.name"],
                  requires=["span._.title", "span._.body", "span._.place", "span._.style", "doc._.segments"])
def create_name_chunker(nlp: Language, name: str):
    return NameChunker()


class NameChunker:
    def __init__(self):
        self.voc = vocabulary()

    def __call__(self, doc: Doc) -> Doc:
        covered = {k for group in ("titles", "bodies", "places", "styles") for s in chunks(doc, group)
                   for k in range(s.start, s.end)}
        title_ends = {s.end for s in chunks(doc, "titles")}
        styles = {s.end: s for s in chunks(doc, "styles")}
        credits = [(s.credit.start, s.credit.end) for s in doc._.segments if s.credit]
        found = self.names(doc, covered, title_ends, set(styles), credits)
        found = self.full_names_after_address(doc, found, styles)
        keep(doc, "names", found)
        return doc

    def names(self, doc: Doc, covered: set[int], title_ends: set[int], style_ends: set[int],
              credits: list[tuple[int, int]]) -> list[tuple[int, int, Name]]:
        out, i = [], 0
        titled_ends = set()  # ends of the names right after a title or a style, or listed after one
        while i < len(doc):
            if i in covered or not is_cap(doc[i]) or not is_word(doc[i]):
                i += 1
                continue
            j = i
            while j < len(doc) and j not in covered and is_cap(doc[j]) and is_word(doc[j]) and j - i < MAX_NAME_WORDS:
                j += 1
            in_credit = any(s <= doc[i].idx < e for s, e in credits)
            anchored_here = i in title_ends or i in style_ends
            if not anchored_here and self.after_place_word(doc, i):
                i = j  # "đường Lê Văn Lương", "cao tốc Trà Lĩnh": a street, a road, a project
                continue
            after_a_name = bool(out) and out[-1][1] == i - 1  # "A, B": the next item of a list of names
            if doc[i].text not in self.voc.surnames and not anchored_here and not in_credit and not after_a_name:
                split = name_split(doc, i, j - i)  # "Công Thương Khổng Văn Hưng"
                if split is not None:
                    i += split
            listed = bool(out) and out[-1][1] in titled_ends and self.listed_after(doc, out[-1][1], i)
            found = self.name_at(doc, i, j, title_ends | ({i} if listed else set()), style_ends, in_credit,
                                 after_a_name)
            if found:
                out.append(found)
                if anchored_here or listed:
                    titled_ends.add(found[1])
            i = max(j, i + 1)
        return out

    def name_at(self, doc: Doc, i: int, j: int, title_ends: set[int], style_ends: set[int],
                in_credit: bool, after_a_name: bool = False) -> tuple[int, int, Name] | None:
        n = j - i
        previous = doc[i - 1].text if i > 0 else ""
        strongly = i in title_ends or i in style_ends
        # after a list mark: a name, but after a comma only in a list of names ("A, B"), not of
        # places ("khu du lịch Long Hải, Hồ Tràm")
        anchored = strongly or (previous in self.voc.cue("list_mark") and (previous != "," or after_a_name))
        vietnamese = doc[i].text in self.voc.surnames
        if n >= 2 and (strongly or in_credit):
            return i, j, Name(doc[i:j].text, True)
        if n >= 2 and anchored and (vietnamese or n >= 3):
            return i, j, Name(doc[i:j].text, True)
        if n >= 3 and vietnamese:
            return i, j, Name(doc[i:j].text, False)
        return None

    def listed_after(self, doc: Doc, end: int, i: int) -> bool:
        """The name at i follows a name ending at `end` across a comma or "và" alone: the same
        list, anchored as the first item is ("các Thượng nghị sĩ Pierre Dubois và Anne Martin")."""
        between = [t.lower_ for t in doc[end:i]]
        return len(between) == 1 and between[0] in self.voc.cue("list_and") | {","}

    def after_place_word(self, doc: Doc, i: int) -> bool:
        """After "đường", "cao tốc", "thôn" (as words: not the "thôn" of "nông thôn")."""
        if i == 0 or is_cap(doc[i - 1]):
            return False
        return word_before(doc, i) in self.voc.cue("not_a_person_before")

    def full_names_after_address(self, doc: Doc, found, styles) -> list[tuple[int, int, Name]]:
        """'Ông Thiện Bảo' opening a sentence is the full name of someone named so elsewhere."""
        texts = {name.text for _, _, name in found}
        out = []
        for i, j, name in found:
            style = styles.get(i)
            if style is not None and len(style) == 1 and is_cap(style[0]) and f"{style.text} {name.text}" in texts:
                out.append((style.start, j, Name(f"{style.text} {name.text}", True)))
            else:
                out.append((i, j, name))
        return out
