"""Places: provinces, districts, communes and countries, with the unit written before them.

"tỉnh Lào Cai" (a province), "thành phố Cần Thơ" (a city run by the centre: a province),
"TP. Trà Vinh" (a city inside a province: a district), "H.Sa Thầy", "quận Ba Đình",
"xã Đồng Đăng", "Quận 1", provinces and countries named alone ("Lào Cai", "Lào"), and
regions ("Tây Nguyên", "Đông Nam Bộ").
A province's name inside a run of capitalised words is part of a person's name
("Lã Thị Hà Giang"), and so is a long one that starts with a family name and has no
unit before it ("tư tưởng Hồ Chí Minh").
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .capitals import local_name_length
from .chunks import Lookup, PhraseTable, Place, ends_word, is_cap, is_word, keep
from .vocabulary import vocabulary


@Language.factory("govkg_places", assigns=["doc.spans", "span._.place"])
def create_place_chunker(nlp: Language, name: str):
    return PlaceChunker(nlp)


class PlaceChunker:
    def __init__(self, nlp: Language):
        voc = vocabulary()
        self.voc = voc
        self.table = PhraseTable(nlp.vocab, {"unit": list(voc.units), "province": list(voc.provinces),
                                             "country": list(voc.countries), "region": list(voc.regions)},
                                 cased=("province", "country", "region"))

    def __call__(self, doc: Doc) -> Doc:
        lookup = self.table(doc)
        found, i = [], 0
        while i < len(doc):
            place = self.place_at(doc, lookup, i)
            if place:
                found.append(place)
                i = place[1]
            else:
                i += 1
        keep(doc, "places", found)
        return doc

    def place_at(self, doc: Doc, lookup: Lookup, i: int) -> tuple[int, int, Place] | None:
        if not is_word(doc[i]):
            return None
        return self._with_unit(doc, lookup, i) or self._region(doc, lookup, i) or self._province(doc, lookup, i) \
            or self._country(doc, lookup, i)

    def _region(self, doc: Doc, lookup: Lookup, i: int) -> tuple[int, int, Place] | None:
        """'Tây Nguyên', 'Đông Nam Bộ': a region, whatever names start like it."""
        found = lookup.longest("region", i)
        if not found or not is_cap(doc[i]) or not ends_word(doc, found[0]):
            return None
        return i, found[0], Place(self.voc.regions[found[1]], "region")

    def _with_unit(self, doc: Doc, lookup: Lookup, i: int) -> tuple[int, int, Place] | None:
        unit = lookup.longest("unit", i)
        if unit is None:
            return None
        whole = lookup.longest("province", i)  # "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh": the unit is in the name
        if whole and whole[0] > unit[0]:
            return i, whole[0], Place(self.voc.provinces[whole[1]], "province", unit[1])
        j, written = unit
        level = self.voc.units[written]
        if j >= len(doc):
            return None
        province = lookup.longest("province", j)
        if province:
            name = self.voc.provinces[province[1]]
            if level == "city":  # a city run by the centre is a province; a city inside one, a district
                level = "province" if name in self.voc.cities else "district"
            return i, province[0], Place(name, level, written)
        if level == "province":
            return None
        if doc[j].text.isdigit():  # "Quận 1", "phường 7"
            return i, j + 1, Place(doc[j].text, "commune" if level == "commune" else "district", written)
        run = local_name_length(doc, j) if is_cap(doc[j]) else 0
        if not run:
            return None
        if level == "city" and run >= 3 and doc[j].text in self.voc.surnames:
            return None  # "... giao thông TP Mạch Văn Bền": the city ends a body's name, a person follows
        return i, j + run, Place(doc[j:j + run].text, "district" if level == "city" else level, written)

    def _province(self, doc: Doc, lookup: Lookup, i: int) -> tuple[int, int, Place] | None:
        found = lookup.longest("province", i)
        if not found or not is_cap(doc[i]) or self._inside_name(doc, i):
            return None
        end, written = found
        surname_first = doc[i].text in self.voc.surnames
        if surname_first and end - i >= 3:
            return None  # "tư tưởng Hồ Chí Minh": a person named like the city; the city has its unit
        if surname_first and end < len(doc) and is_cap(doc[end]) and is_word(doc[end]) \
                and doc[end].text not in self.voc.surnames:
            return None  # "Hà Giang Sơn": a name that starts like a province
        return i, end, Place(self.voc.provinces[written], "province")

    def _country(self, doc: Doc, lookup: Lookup, i: int) -> tuple[int, int, Place] | None:
        found = lookup.longest("country", i)
        if not found or not is_cap(doc[i]) or self._inside_name(doc, i):
            return None
        end, written = found
        if not ends_word(doc, end):
            return None  # "Pháp chế" (legislation) holds no "Pháp" (France)
        if end - i == 1 and not (i > 0 and doc[i - 1].lower_ in self.voc.cue("place_preposition")):
            # a one-syllable country ("Lào", "Nga", "Anh") is also a given name or a form of address;
            # but not after "tại" ("Đại sứ Việt Nam tại Lào Cù Văn Tiến")
            if written in self.voc.styles or (end < len(doc) and is_cap(doc[end]) and is_word(doc[end])):
                return None
        return i, end, Place(self.voc.countries[written], "country")

    def _inside_name(self, doc: Doc, i: int) -> bool:
        """A place name right after a capitalised word belongs to a name ("Tăng Đức Trọng")."""
        if i == 0:
            return False
        previous = doc[i - 1]
        return is_cap(previous) and is_word(previous) and previous.lower_ not in self.voc.units \
            and not previous.text.isupper() and not previous.is_sent_start
