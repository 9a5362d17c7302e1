"""Events: the meeting, session, visit or ceremony a dated clause reports.

An event opens wherever a dated clause and an event word meet in a sentence (the
constructions of ontology/constructions/events.yml): a date at the head of the sentence
("Sáng 5-3, ...", "Trước đó, ngày 13-10, ...", "Hôm nay (18/4)"), set off by commas near
it ("Tiếp tục chương trình Kỳ họp thứ 4, sáng 4/11, ..."), or in brackets after the lead's
verb ("... thăm và làm việc tại tỉnh Gia Lai (ngày 12/1)"). It runs until the next
opening. In it:
- location: the phrase after the first "tại" of the opening sentence;
- chair: the person "do ... chủ trì / dẫn đầu / làm trưởng đoàn", or who "chủ trì" in the
  opening paragraphs (the host, when the guests' leader "dẫn đầu" them), else the subject
  of the opening sentence or, when a body opens it, the first person named after it;
  never someone tried ("bị cáo");
- participants: the persons mentioned in its course, except the chair, photo credits,
  persons only listed in a roster, persons only reported on by another speaker or
  spoken of ("của A", "Về ... A,"), and persons known only by a former or body-less post;
- organizations: the organiser and counterpart bodies of the opening sentence (not
  bodies inside a title, the place, or the topic after "về"), a delegation's body, and
  bodies whose unnamed leaders attend ("lãnh đạo Văn phòng Chính phủ").
At most one event per date: a second dated sentence of the same day adds to it, and
"Cùng ngày, ..." (another event of that day) ends the course of the one before. A
dateline ("Hà Nội, ngày 8/1 - ") dates the article, not an event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span as DocSpan

from ..model import Event, Span
from ..normalize import fold
from ..segment import Sentence
from .chunks import Body, ByOffset, chunks, is_cap, is_word
from .constructions import Actions, ConstructionMatcher, Match, load_constructions
from .coreference import Mention
from .dates import DateMention, dateline
from .entities import Entities
from .view import Item
from .vocabulary import vocabulary

actions = Actions()
MAX_WORDS_BEFORE_DATED_CLAUSE = 20
SUBJECT_SENTENCES = 3
EVENT_NAME_TOKENS = 12  # syllables between an event's word and the "của" naming its body, at most


@Language.factory("govkg_events", assigns=["doc._.events"],
                  requires=["doc._.view", "doc._.entities", "doc._.mentions", "doc._.directives", "doc._.holdings"],
                  default_config={"constructions": "events", "unchaired": []})
def create_event_finder(nlp: Language, name: str, constructions: str, unchaired: list[str]):
    return EventFinder(nlp, constructions, unchaired)


@dataclass
class Opening:
    sentence: int  # index in doc._.segments
    date: DateMention
    kind: str


@dataclass
class Openings:
    doc: Doc
    found: dict[int, Opening] = field(default_factory=dict)  # sentence index -> first opening
    visited: list[Item] = field(default_factory=list)  # bodies the events go to ("Thăm Đồn X, ...")

    def __post_init__(self):
        self.text = self.doc.text
        self.dateline_end = dateline(self.text)[0]
        self.starts = [s.span.start for s in self.doc._.segments]


class EventFinder:
    def __init__(self, nlp: Language, constructions: str, unchaired: list[str]):
        self.matcher = ConstructionMatcher(nlp.vocab, load_constructions(constructions), actions)
        self.unchaired = set(unchaired)

    def __call__(self, doc: Doc) -> Doc:
        openings = Openings(doc)
        for sentence in doc._.view.sents:
            for match in self.matcher(sentence):
                actions[match.construction.action](match, openings)
        course = Course(doc, self.unchaired, openings.visited)
        doc._.events = course.events(sorted(openings.found.values(), key=lambda o: o.sentence))
        return doc


@actions.register("open_event")
def open_event(match: Match, openings: Openings) -> None:
    date_token = match.first("date")
    # the first event word of the clause names its kind: "thăm và làm việc" is a visit
    event = next(t for t in match.tokens if "event" in t._.tags)
    date: DateMention = date_token._.item.data
    if date.date is None or date.start < openings.dateline_end:
        return  # a relative date that cannot be resolved; the dateline dates the article
    import bisect

    n = bisect.bisect_right(openings.starts, date.start) - 1
    segment = openings.doc._.segments[n]
    if segment.caption or n in openings.found:
        return
    if _opens(openings.doc, openings.text, segment, date, openings.dateline_end):
        openings.found[n] = Opening(n, date, event._.item.data.event_kind or "meeting")


@actions.register("visit_body")
def visit_body(match: Match, openings: Openings) -> None:
    """'Thăm Đồn Biên phòng X, ...', 'Tại Trung đoàn 48, ...' opening a sentence: the event of its
    course goes to that body (the first named: those after it in apposition are its parents);
    with `organisers`, every body of the role organises the event ("do A phối hợp với B tổ chức")."""
    if match.construction.params.get("organisers"):
        openings.visited.extend(t._.item for t in match.role("body") if t._.kind == "BODY")
    elif match.start == match.sentence.start:
        openings.visited.append(match.first("body")._.item)


def _opens(doc: Doc, text: str, segment: Sentence, date: DateMention, dateline_end: int) -> bool:
    """The date dates the sentence's clause: at its head, set off by commas near it, or in
    brackets after the lead's verb."""
    start = max(segment.span.start, dateline_end)
    openers = vocabulary().cue("event_opener")
    before = [t for t in doc.char_span(start, date.start, alignment_mode="expand") or []] if date.start > start else []
    content = [t for t in before if is_word(t) and t.lower_ not in openers]
    if not content:
        return True
    after = re.sub(r"^\s*\([^()]{0,30}\)", "", text[date.end:date.end + 40]).lstrip()  # "(giờ địa phương)"
    if before and before[-1].text == "," and after.startswith(",") and len(before) <= MAX_WORDS_BEFORE_DATED_CLAUSE:
        return True  # "Trong chuyến thăm chính thức Lào, chiều 5-3, Chủ tịch nước ..."
    bracketed = text[:date.start].rstrip().endswith("(") and text[date.end:].lstrip().startswith(")")
    if bracketed:
        return True  # "... làm việc tại tỉnh Gia Lai (ngày 12/1)."
    previous = before[-1] if before else None
    return previous is not None and any(c.start <= previous.i < c.end and "event" in c._.cue.roles
                                        for c in chunks(doc, "cues"))  # "Phiên họp chiều 8/4 tại ..."


def _next_word(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


class Course:
    """The events of an article from its openings: each runs until the next opening."""

    def __init__(self, doc: Doc, unchaired: set[str] = frozenset(), visited: list[Item] = ()):
        self.doc = doc
        self.unchaired = unchaired
        self.visited = ByOffset(list(visited), lambda item: item.start)
        self.text = doc.text
        self.voc = vocabulary()
        self.entities: Entities = doc._.entities
        self.segments: list[Sentence] = doc._.segments
        self.mentions: list[Mention] = doc._.mentions
        self.directives = doc._.directives
        holdings = doc._.holdings
        # persons named only in a roster, or only as the object of an election or appointment, are
        # not said to be present
        listed = {h.holder.start for h in holdings.holdings if h.appointed} | holdings.roster_only
        named_otherwise = {m.person for m in self.mentions if m.start not in listed}
        self.listed_only = {m.person for m in self.mentions if m.start in listed} - named_otherwise
        in_titles = {k for t in chunks(doc, "titles") for k in range(t.start, t.end)}
        self.bodies = ByOffset([s for s in chunks(doc, "bodies") if s.start not in in_titles], lambda s: s.start_char)
        self.cues = ByOffset(chunks(doc, "cues"), lambda s: s.start_char)
        self.by_mention = ByOffset(self.mentions)
        self.titles_by_end = {t.end_char: t for t in chunks(doc, "titles")}
        self.provinces = {p.start: p for p in chunks(doc, "places") if p._.place.level == "province"}
        # "bị cáo A": where a name right after the style of someone tried begins
        self.accused_starts = {_next_word(self.text, s.end_char) for s in chunks(doc, "styles")
                               if s._.style.kind == "accused"}
        self.accused_persons = {m.person for m in self.mentions if m.start in self.accused_starts}
        self.not_present = self.honorary_only() - self.accused_persons
        self.contents = ByOffset(self.directive_contents(), lambda span: span[0])

    # -- per sentence ---------------------------------------------------------------
    def mentions_in(self, segment: Sentence) -> list[Mention]:
        return self.by_mention.within(segment.span.start, segment.span.end)

    def bodies_in(self, segment: Sentence) -> list[DocSpan]:
        return self.bodies.within(segment.span.start, segment.span.end)

    def cues_in(self, segment: Sentence, role: str) -> list[DocSpan]:
        return [c for c in self.cues.within(segment.span.start, segment.span.end) if role in c._.cue.roles]

    def side_after(self, cue: DocSpan) -> bool:
        """A side named after the cue ("về phía Việt Nam"): the party it speaks for, not a topic."""
        sides = self.voc.cue("side_word")
        after = self.text[cue.end_char:cue.end_char + 1 + max(map(len, sides))].strip()
        return after.startswith(tuple(sides))

    def tokens(self, segment: Sentence):
        return self.doc.char_span(segment.span.start, segment.span.end, alignment_mode="expand") or []

    # -- events ---------------------------------------------------------------------
    def events(self, openings: list[Opening]) -> list[Event]:
        by_date: dict[str, Event] = {}
        explicit: set[str] = set()  # events whose chair the text says chairs
        out = []
        for k, opening in enumerate(openings):
            n = opening.sentence
            end = openings[k + 1].sentence if k + 1 < len(openings) else len(self.segments)
            # "Cùng ngày, tại Cần Thơ, ...": another event of that day ends this one's course
            end = next((m for m in range(n + 1, end) if self.same_day_opening(self.segments[m])), end)
            scope = self.segments[n:end]
            iso = opening.date.date.iso()
            segment = self.segments[n]
            event = by_date.get(iso)
            if event is None:
                event = Event(f"event:{len(by_date) + 1}", opening.kind, opening.date.date, segment.span,
                              part_of_day=opening.date.part_of_day)
                by_date[iso] = event
                out.append(event)
            location = self.location(segment)
            if event.location is None:
                event.location = location
            chair, said = self.chair(scope) if event.kind not in self.unchaired else (None, False)
            if chair is not None and (event.chair is None or (said and event.key not in explicit)):
                event.chair = chair  # a chair said to chair wins over the subject taken for it
                if said:
                    explicit.add(event.key)
            for key in self.participants(scope, event.chair):
                if key not in event.participants:
                    event.participants.append(key)
            visited = [k for item in self.visited.within(scope[0].span.start, scope[-1].span.end)
                       for k in self.keys_of(item.data)]
            for key in self.organizations(segment, location, scope, event.chair) + visited:
                if key not in event.organizations:
                    event.organizations.append(key)
            event.topic = event.topic or self.topic(segment)
            self.link_directives(event, scope)
        return out

    def same_day_opening(self, segment: Sentence) -> bool:
        head = fold(self.text[segment.span.start:segment.span.end]).split()
        return any(" ".join(head[:4]).startswith(p) for p in self.voc.cue("same_day_opener"))

    def link_directives(self, event: Event, scope: list[Sentence]) -> None:
        """A directive stated in the course of an event was given at it."""
        start, end = scope[0].span.start, scope[-1].span.end
        for directive in self.directives:
            if directive.event is None and start <= directive.evidence.start < end:
                directive.event = event.key

    # -- location -------------------------------------------------------------------
    def location(self, segment: Sentence) -> str | None:
        tokens = [t for t in self.tokens(segment) if not t.is_space]
        ends, conjunctions = self.voc.cue("location_end"), self.voc.cue("list_and")
        provinces = self.provinces
        topic_at = self.topic_at(segment)
        for k, token in enumerate(tokens):
            if topic_at is not None and token.idx > topic_at:
                break  # "họp báo thông tin về vụ án xảy ra tại Công ty X": where the topic happened
            if token.lower_ not in self.voc.cue("place_preposition") or k + 1 >= len(tokens):
                continue
            if not any(is_cap(t) and is_word(t) for t in tokens[k + 1:k + 4]):
                continue  # a place is named: "tại Hà Nội", "tại thủ đô Viêng Chăn", "tại hội trường Diên Hồng"
            j = k + 1
            while j < len(tokens) and (tokens[j].lower_ not in ends
                                       or (tokens[j].lower_ in conjunctions and tokens[j + 1].i in provinces
                                           if j + 1 < len(tokens) else False)):
                j += 1  # "tại các tỉnh Cà Mau và An Giang": "và" between places goes on
            if j + 1 < len(tokens) and tokens[j].text == ",":
                province = provinces.get(tokens[j + 1].i)
                if province is not None:
                    after = province.end
                    if after >= len(self.doc) or self.doc[after].text in {",", ".", ")"}:
                        j = next((n for n, t in enumerate(tokens) if t.i == after), len(tokens))
                        return self.text[tokens[k + 1].idx:self.doc[after - 1].idx + len(self.doc[after - 1])]
            location = self.text[tokens[k + 1].idx:tokens[j - 1].idx + len(tokens[j - 1])]
            return re.sub(r"\s*\([^()]*\)$", "", location)  # "TP. Buôn Ma Thuột (Đắk Lắk)": the bracket explains
        return None

    # -- chair ----------------------------------------------------------------------
    def chair(self, scope: list[Sentence]) -> tuple[str | None, bool]:
        """(who chairs, whether the text says so)."""
        for segment in scope:
            mentions = self.mentions_in(segment)
            for verb in self.cues_in(segment, "chair_verb"):
                before = [m for m in mentions if m.end <= verb.start_char]
                if not before:
                    continue
                if verb.start > 0 and self.doc[verb.start - 1].lower_ in self.voc.cue("co_marker"):
                    return before[0].person, True  # "A và B đồng chủ trì": the first named co-chair
                if self.adjacent(before[-1].end, verb.start_char):
                    return self.host(segment, before[-1].start) or before[-1].person, True
        # else the subject of the opening sentence, or, when a body opens it ("Ban Thường vụ
        # Thành ủy X tổ chức hội nghị"), the first person named in the sentence after, unless that
        # person only attends ("A dự và phát biểu")
        accused = {m.person for s in scope for m in self.mentions_in(s) if self.accused(m)}
        for n, segment in enumerate(scope[:SUBJECT_SENTENCES]):
            for m in self.mentions_in(segment):
                if m.person in accused:
                    continue
                if n > 0 and self.attends(m, segment):
                    return None, False
                return m.person, False
        return None, False

    def attends(self, mention: Mention, segment: Sentence) -> bool:
        """'A dự và phát biểu', 'A cùng dự': the person is said to attend."""
        after = fold(self.text[mention.end:segment.span.end]).split()[:3]
        return any(w in self.voc.cue("attend_verb") for w in after[:2])

    def accused(self, mention: Mention) -> bool:
        """'bị cáo A': someone tried or investigated, never the one who chairs."""
        return mention.start in self.accused_starts

    def host(self, segment: Sentence, leader_start: int) -> str | None:
        """'A tiếp Đoàn ... do B dẫn đầu': B leads the guests; A, who receives them, chairs."""
        for verb in self.cues_in(segment, "reception_verb"):
            if verb.start_char >= leader_start:
                break
            subject = [m for m in self.mentions_in(segment) if m.end <= verb.start_char]
            return subject[0].person if subject else None
        return None

    def adjacent(self, end: int, start: int) -> bool:
        """Nothing but a word, or a title in apposition, between a person and the verb
        ("do đồng chí A, Bí thư Tỉnh ủy, chủ trì"), or that the person attends and ("dự và")."""
        between = self.text[end:start]
        for title in chunks(self.doc, "titles"):
            if end <= title.start_char and title.end_char <= start:
                between = between.replace(title.text, " ")
        words = fold(between.replace(",", " ")).split()
        if len(words) >= 2 and words[-1] in self.voc.cue("list_and") and " ".join(words[:-1]) in self.voc.cue("attend_verb"):
            return True  # "A dự và chủ trì"
        return len(words) <= 1

    # -- participants ---------------------------------------------------------------
    def participants(self, scope: list[Sentence], chair: str | None) -> list[str]:
        out = []
        honorary_only = self.not_present
        for segment in scope:
            attending = self.attendance_sentence(segment)
            mentions = self.mentions_in(segment)
            for k, mention in enumerate(mentions):
                person = self.entities.persons[mention.person]
                if mention.person == chair or person.photo_credit or mention.person in self.listed_only:
                    continue
                if mention.person in honorary_only and not attending:
                    continue
                if self.reported(segment, mentions, k) or self.in_content(mention.start):
                    continue  # "... báo cáo Thủ tướng": spoken of in what a directive asks
                if mention.person not in out:
                    out.append(mention.person)
        return out

    def in_content(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.contents.within(offset - 2000, offset + 1))

    def directive_contents(self) -> list[tuple[int, int]]:
        """Where the contents of directives are written (what is asked, after the addressees)."""
        spans = []
        for d in self.directives:
            start = self.text.find(d.content, d.evidence.start, d.evidence.end + 1) if d.content else -1
            if start >= 0:
                spans.append((start, start + len(d.content)))
        return spans

    def attendance_sentence(self, segment: Sentence) -> bool:
        head = " ".join(fold(self.text[segment.span.start:segment.span.end]).split()[:3])
        return any(head.startswith(p) for p in self.voc.cue("attendance_opener"))

    def honorary_only(self) -> set[str]:
        """Persons whose only posts are titles written without a body (a bare "Chủ tịch") or
        posts held before ("nguyên Tổng Bí thư"): someone referred to, not someone in the room."""
        with_body, bare = set(), set()
        for p in self.doc._.positions:
            entry = self.voc.titles.get(fold(p.title))
            if p.former or (p.organization is None and entry is not None and entry.body != "none"):
                bare.add(p.person)
            else:
                with_body.add(p.person)
        return bare - with_body

    def reported(self, segment: Sentence, mentions: list[Mention], k: int) -> bool:
        """A person mentioned after another speaker's reporting verb ("Theo Bộ trưởng, Thủ
        tướng A đã ..."), or spoken of ("chuyến thăm của A", "Về chuyến thăm của A, ...")."""
        mention = mentions[k]
        title = self.titles_by_end.get(mention.start - 1) or self.titles_by_end.get(mention.start)
        start = title.start_char if title is not None else mention.start
        before = fold(self.text[segment.span.start:start]).split()
        if before and before[-1] in self.voc.cue("possessive"):
            return True  # "chuyến thăm ... của Tổng thống A": spoken of, not present
        opens_topic = len(before) > 0 and before[0] in self.voc.cue("topic_opener")
        names_side = len(before) > 1 and before[1] in self.voc.cue("side_word")  # "Về phía Việt Nam, ..."
        if opens_topic and not names_side and "," not in self.text[segment.span.start:mention.start]:
            return True  # "Về chuyến thăm của A, ...": the topic of the sentence
        earlier = [m for m in mentions[:k] if m.person != mention.person]
        if not earlier:
            return False
        between = fold(self.text[segment.span.start:mention.start])
        return any(f" {verb} " in f" {between} " or between.startswith(verb + " ") for verb in self.voc.cue("reporting_verb"))

    # -- organizations -------------------------------------------------------------
    def organizations(self, segment: Sentence, location: str | None, scope: list[Sentence],
                      chair: str | None) -> list[str]:
        keys: list[str] = []
        text = self.text
        loc_start = text.find(location, segment.span.start) if location else -1
        loc_end = loc_start + len(location) if location else -1
        topic_at = self.topic_at(segment)
        attendance_at = [c.start_char for c in self.cues_in(segment, "attendance")]
        organise = self.voc.cue("organise_verb")
        organiser_at = next((c.start_char for c in self.cues.within(segment.span.start, segment.span.end)
                             if fold(c.text) in organise), None)
        bodies = self.bodies_in(segment)
        organisers = [b for b in bodies if organiser_at is not None and b.end_char <= organiser_at]
        event_words = set(self.voc.event_words) | self.voc.cue("press_word")
        for body in bodies:
            if loc_start <= body.start_char < loc_end:
                continue
            previous = self.doc[body.start - 1].lower_ if body.start > 0 else ""
            after_attendance = any(a < body.start_char for a in attendance_at)
            if topic_at is not None and body.start_char > topic_at and not after_attendance:
                continue
            if previous in self.voc.cue("possessive") and not self.of_the_event(body.start - 1):
                continue  # "quyết định của Bộ Chính trị": the topic, not a party to the event
            if organisers and body not in organisers and body.start > 0 and fold(self.doc[body.start - 1].text) in event_words:
                continue  # "Văn phòng Chính phủ tổ chức họp báo Chính phủ": the organiser is named
            keys.extend(self.keys_of(body._.body))
        for n, following in enumerate(scope[1:], 1):
            if n == 1 or self.attendance_sentence(following):  # and "Tham dự có ..." further on
                keys.extend(self.attending_bodies(following))
        keys.extend(self.delegation_body(segment, chair))
        out = []
        for key in keys:
            if key not in out:
                out.append(key)
        return out

    def topic_at(self, segment: Sentence) -> int | None:
        """Where the topic of the sentence begins ("về ..."; not "về phía"), as a character offset."""
        return next((c.start_char for c in self.cues_in(segment, "topic_marker") if not self.side_after(c)), None)

    def attending_bodies(self, segment: Sentence) -> list[str]:
        """'lãnh đạo Văn phòng Chính phủ', 'lãnh đạo các Bộ: Xây dựng, Tài chính': bodies whose
        leaders attend, and the bodies listed with them."""
        keys = []
        previous_end = None
        attendance = [c for c in self.cues_in(segment, "attendance")]
        conjunctions = self.voc.cue("list_and")
        separators = {",", *conjunctions, *(f", {c}" for c in conjunctions)}  # ",", "và", ", và"
        if self.attendance_sentence(segment):
            separators.add(";")  # "Cùng dự có lãnh đạo các sở: A, B; UBND các huyện C, D"
        for body in self.bodies_in(segment):
            k = body.start
            if k > 0 and self.doc[k - 1].lower_ in self.voc.cue("plural_marker"):
                k -= 1
            between = self.text[previous_end:body.start_char].strip() if previous_end is not None else None
            if between == "(":  # "Cục Cảnh sát điều tra ... (C03) và ...": the short name of the body before
                previous_end = self.text.find(")", body.end_char) + 1 or body.end_char
                continue
            listed = between in separators
            led = any(c.end == k for c in attendance)
            if listed or led:
                keys.extend(self.keys_of(body._.body))
                previous_end = body.end_char
            else:
                previous_end = None
        return keys

    def of_the_event(self, k: int) -> bool:
        """Whether the "của" at token k follows the event itself: "phiên họp lần thứ 15 của X",
        "cuộc họp của X", "đoàn công tác của X", "Hội nghị tổng kết công tác năm 2025 của X"
        (within the clause: no comma between)."""
        start = max(0, k - EVENT_NAME_TOKENS)
        commas = [t.i for t in self.doc[start:k] if t.text in {",", ";", ":"} or t.is_sent_start]
        before = fold(self.doc[max([start, *commas]):k].text)
        words = set(self.voc.event_words) | self.voc.cue("delegation_head")
        at = max((f" {before}".rfind(f" {word}") for word in words), default=-1)
        if at < 0:
            return False
        # "hội nghị công bố quyết định của Ban Bí thư": the paper's author, not the event's
        between = f" {before}"[at:]
        return not any(f" {paper} " in f"{between} " for paper in self.voc.cue("document"))

    def delegation_body(self, segment: Sentence, chair: str | None) -> list[str]:
        """'đoàn công tác do <chair> dẫn đầu' or 'đoàn công tác của Bộ X': the chair's body."""
        if chair is None:
            return []
        tokens = [t for t in self.tokens(segment) if not t.is_space]
        heads = self.voc.cue("delegation_head")
        for k in range(len(tokens) - 3):
            if fold(" ".join(t.text for t in tokens[k:k + 3])) not in heads:
                continue
            nxt = tokens[k + 3]
            head = None
            if nxt.lower_ == "do":
                head = ""
            elif nxt.lower_ in self.voc.cue("possessive") and k + 4 < len(tokens) and is_cap(tokens[k + 4]) and \
                    (k + 5 >= len(tokens) or not is_cap(tokens[k + 5])):
                head = tokens[k + 4].text
            if head is None:
                continue
            for p in self.doc._.positions:
                org = self.entities.organizations.get(p.organization) if p.organization else None
                if p.person == chair and org and org.mentions and org.name.startswith(head):
                    return [p.organization]
            return []
        return []

    def keys_of(self, body: Body) -> list[str]:
        if body.represents is not None:
            body = body.represents
        if body.members:
            return [self.entities.register(m) for m in body.members]
        key = self.entities.body_at.get((body.start, body.end))
        return [key] if key else [self.entities.register(body)]

    def topic(self, segment: Sentence) -> str | None:
        m = _topic_pattern().search(self.text[segment.span.start:segment.span.end])
        return m.group(1).strip(" ,") if m else None


@lru_cache(maxsize=1)
def _topic_pattern() -> re.Pattern:
    """The topic of an event: what is written after a topic word ("về") to the end of the clause."""
    words = sorted(vocabulary().cue("topic_word"), key=lambda w: (-len(w), w))
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in words)})\s+(.+?)(?:[.;]|$)")
