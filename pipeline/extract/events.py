"""Events: the meeting, session, visit or ceremony a dated sentence reports.

An event opens with a sentence that starts with a date ("Sáng 5-3, tại ...",
"Trước đó, ngày 13-10, ...") and holds an event word ("làm việc", "chủ trì",
"hội nghị", "tiếp"...). It runs until the next such sentence. In it:
- location: the phrase after the first "tại" of the opening sentence;
- chair: the person "do ... chủ trì / dẫn đầu / làm trưởng đoàn", or who "chủ trì" in the
  opening paragraphs (the host, when the guests' leader "dẫn đầu" them), else the subject
  of the opening sentence or, when a body opens it, the first person named after it; never
  someone tried ("bị cáo");
- participants: the persons named in its course, except the chair, photo credits,
  persons only reported on by another speaker or spoken of ("của A", "Về ... A,"), and
  persons known only by a former post or a bare honorary title;
- organizations: the organiser and counterpart bodies of the opening sentence (not
  bodies inside a title, the place, or the topic after "về"), a delegation's body,
  and bodies whose unnamed leaders attend ("lãnh đạo Văn phòng Chính phủ").
At most one event per date: a second dated sentence of the same day adds to it, and
"Cùng ngày, ..." (another event of that day) ends the course of the one before. A
dateline ("Hà Nội, ngày 8/1 - ") dates the article, not an event.
"""
from __future__ import annotations

import re

from ..model import Event, Span
from ..normalize import fold
from .dates import dateline, find_dates, year_in_text
from .lexicon import cue, cue_sequences, lexicon
from .organizations import OrganizationFinder
from .state import ExtractionState, SentenceState


def _keys(ws, i, n):
    return tuple(w.key for w in ws[i:i + n])


class EventExtractor:
    def __init__(self, state: ExtractionState):
        self.state = state
        self.text = state.article.text
        self.lex = lexicon()
        self.text_year = year_in_text(self.text) if state.article.published is None else None
        self.dateline_end, self.dateline_date = dateline(self.text)

    def _opening_date(self, sent: SentenceState):
        if sent.sentence.caption:
            return None
        ws = sent.words
        if not ws:
            return None
        dates = find_dates(self.text, sent.span.start, sent.span.end, self.state.article.published, self.text_year,
                           self.dateline_date)
        if not dates:
            return None
        for date in dates:
            if date.start < self.dateline_end:
                continue  # the dateline dates the article, not an event
            before = [w for w in ws if self.dateline_end <= w.start and w.end <= date.start]
            content = [w for w in before if w.is_word and w.key not in cue("event_opener")]
            if not content:
                return date
            # "Trong chuyến thăm chính thức Lào, chiều 5-3, Chủ tịch nước ...": a dated clause
            # set off by commas near the head of the sentence
            after = re.sub(r"^\s*\([^()]{0,30}\)", "", self.text[date.end:date.end + 40]).lstrip()  # "(giờ địa phương)"
            if before and before[-1].text == "," and after.startswith(",") and len(before) <= 20:
                return date
        return None

    def _kind(self, sent: SentenceState) -> str | None:
        ws = sent.words
        lowered = " " + " ".join(w.key for w in ws) + " "
        for word, kind in sorted(self.lex.event_words.items(), key=lambda kv: -len(kv[0])):
            if f" {word} " in lowered:
                return kind
        # "đến dự và phát biểu": attending is an event; "dự án", "dự thảo", "dự báo" are not
        if any(w.key == "dự" and (k + 1 >= len(ws) or ws[k + 1].key not in cue("du_compound"))
               for k, w in enumerate(ws)):
            return "meeting"
        return None

    def run(self) -> None:
        sentences = self.state.sentences
        openings = []
        for n, sent in enumerate(sentences):
            date = self._opening_date(sent)
            if date and date.date and self._kind(sent):
                openings.append((n, date))
        by_date: dict[str, Event] = {}
        for k, (n, date) in enumerate(openings):
            end = openings[k + 1][0] if k + 1 < len(openings) else len(sentences)
            # "Cùng ngày, tại Cần Thơ, ...": another event of that day ends this one's course
            end = next((m for m in range(n + 1, end) if self._same_day_opening(sentences[m])), end)
            scope = sentences[n:end]
            iso = date.date.iso()
            opening = sentences[n]
            event = by_date.get(iso)
            if event is None:
                event = Event(f"event:{len(by_date) + 1}", self._kind(opening) or "meeting", date.date,
                              opening.span, part_of_day=date.part_of_day)
                by_date[iso] = event
                self.state.events.append(event)
            location = self._location(opening)
            if event.location is None:
                event.location = location
            if event.chair is None:
                event.chair = self._chair(scope)
            for key in self._participants(scope, event.chair):
                if key not in event.participants:
                    event.participants.append(key)
            for key in self._organizations(opening, location, scope, event.chair):
                if key not in event.organizations:
                    event.organizations.append(key)
            event.topic = event.topic or self._topic(opening)
            self._link_directives(event, scope)

    def _same_day_opening(self, sent: SentenceState) -> bool:
        head = " ".join(w.key for w in sent.words[:4])
        return any(head.startswith(p) for p in cue("same_day_opener"))

    def _link_directives(self, event: Event, scope: list[SentenceState]) -> None:
        """A directive stated in the course of an event was given at it."""
        start, end = scope[0].span.start, scope[-1].span.end
        for directive in self.state.directives:
            if directive.event is None and start <= directive.evidence.start < end:
                directive.event = event.key

    def _location(self, sent: SentenceState) -> str | None:
        ws = sent.words
        for k, w in enumerate(ws):
            if w.key != "tại" or k + 1 >= len(ws):
                continue
            if not any(w.cap and w.is_word for w in ws[k + 1:k + 4]):
                continue  # a place is named: "tại Hà Nội", "tại thủ đô Viêng Chăn", "tại hội trường Diên Hồng"
            j = k + 1
            finder = OrganizationFinder(self.text, ws)
            while j < len(ws) and (ws[j].key not in cue("location_end")
                                   or (ws[j].key == "và" and finder.province_at(j + 1))):
                j += 1  # "tại các tỉnh Cà Mau và An Giang": "và" between places goes on
            if j + 1 < len(ws) and ws[j].text == ",":
                unit = finder.ix["units"].match(ws, j + 1, need_cap=False)
                at = j + 1 + (unit[0] if unit else 0)
                province = finder.province_at(at)
                if province and (at + province[0] >= len(ws) or ws[at + province[0]].text in {",", "."}):
                    j = at + province[0]  # "tại Quảng trường Ba Đình, Hà Nội", "..., tỉnh Nghệ An"
            return self.text[ws[k + 1].start:ws[j - 1].end]
        return None

    def _chair(self, scope: list[SentenceState]) -> str | None:
        for sent in scope[:6]:  # the opening paragraphs: who "chủ trì"
            ws = sent.words
            for k in range(len(ws)):
                for verb in cue_sequences("chair_verb"):
                    if _keys(ws, k, len(verb)) != verb:
                        continue
                    before = [r for r in sent.refs if r.end <= ws[k].start]
                    if before and k > 0 and ws[k - 1].key == "đồng":
                        return before[0].person  # "A và B đồng chủ trì": the first named co-chair
                    if before and self._adjacent(sent, before[-1].end, ws[k].start):
                        host = self._host(sent, before[-1].start)
                        return host or before[-1].person
        # else the subject of the opening sentence, or, when a body opens it ("Ban Thường vụ
        # Thành ủy X tổ chức hội nghị"), the first person named in the sentence after
        accused = {r.person for sent in scope for r in sent.refs if self._accused(sent, r)}
        for sent in scope[:3]:
            for ref in sent.refs:
                if ref.person not in accused:
                    return ref.person
        return None

    def _accused(self, sent: SentenceState, ref) -> bool:
        """"bị cáo A": someone tried or investigated, never the one who chairs."""
        before = fold(self.text[sent.span.start:ref.start]).split()
        return any(" ".join(before[-len(p.split()):]) == p for p in cue("accused"))

    def _host(self, sent: SentenceState, leader_start: int) -> str | None:
        """'A tiếp Đoàn ... do B dẫn đầu': B leads the guests; A, who receives them, chairs."""
        ws = sent.words
        for k, w in enumerate(ws):
            if w.start >= leader_start:
                break
            if any(_keys(ws, k, len(v)) == v for v in cue_sequences("reception_verb")):
                subject = [r for r in sent.refs if r.end <= w.start]
                return subject[0].person if subject else None
        return None

    def _adjacent(self, sent: SentenceState, end: int, start: int) -> bool:
        between = self.text[end:start].strip(" ,")
        return len(between.split()) <= 1

    def _participants(self, scope: list[SentenceState], chair: str | None) -> list[str]:
        out = []
        honorary_only = self._honorary_only()
        for sent in scope:
            attending = self._attendance_sentence(sent)  # "Dự có các đồng chí nguyên lãnh đạo ...: ..."
            for k, ref in enumerate(sent.refs):
                person = self.state.persons[ref.person]
                if ref.person == chair or person.photo_credit or (ref.person in honorary_only and not attending):
                    continue
                if self._reported(sent, k):
                    continue
                if ref.person not in out:
                    out.append(ref.person)
        return out

    def _attendance_sentence(self, sent: SentenceState) -> bool:
        head = " ".join(w.key for w in sent.words[:3])
        return any(head.startswith(p) for p in cue("attendance_opener"))

    def _honorary_only(self) -> set[str]:
        """Persons whose only posts are titles written without a body (a bare "Chủ tịch")
        or posts held before ("nguyên Tổng Bí thư"): someone referred to, as a rule, not
        someone in the room."""
        with_body, bare = set(), set()
        for p in self.state.positions:
            title = self.lex.titles.get(fold(p.title))
            if p.former or (p.organization is None and title is not None and title.body != "none"):
                bare.add(p.person)
            else:
                with_body.add(p.person)
        return bare - with_body

    def _reported(self, sent: SentenceState, k: int) -> bool:
        """A person mentioned after another speaker's reporting verb ("Theo Bộ trưởng, Thủ tướng A đã ...")."""
        ref = sent.refs[k]
        start = min([t.start for t in sent.titles if t.end <= ref.start and not self.text[t.end:ref.start].strip()]
                    + [ref.start])
        before = fold(self.text[sent.span.start:start]).split()
        if before[-1:] == ["của"]:
            return True  # "chuyến thăm ... của Tổng thống A": spoken of, not present
        if before[:1] and before[0] in cue("topic_opener") and before[1:2] != ["phía"] \
                and "," not in self.text[sent.span.start:ref.start]:
            return True  # "Về chuyến thăm của A, ...": the topic of the sentence
        earlier = [r for r in sent.refs[:k] if r.person != ref.person]
        if not earlier:
            return False
        between = fold(self.text[sent.span.start:ref.start])
        return any(f" {verb} " in f" {between} " or between.startswith(verb + " ") for verb in cue("reporting_verb"))

    def _organizations(self, opening: SentenceState, location: str | None, scope: list[SentenceState],
                       chair: str | None) -> list[str]:
        ws = opening.words
        keys = []
        in_titles = {id(t.org) for t in opening.titles if t.org}
        loc_start = self.text.find(location, opening.span.start) if location else -1
        loc_end = loc_start + len(location) if location else -1
        topic_at = next((w.start for k, w in enumerate(ws) if w.key in cue("topic_marker")
                         and not (k + 1 < len(ws) and ws[k + 1].key == "phía")), None)
        attendance = cue_sequences("attendance")
        attendance_at = [w.start for k, w in enumerate(ws) if any(_keys(ws, k, len(a)) == a for a in attendance)]
        organiser = [o for o in opening.orgs if id(o) not in in_titles and self._before_verb(opening, o, ("tổ", "chức"))]
        word_index = {w.start: k for k, w in enumerate(ws)}
        for org in opening.orgs:
            if id(org) in in_titles or (loc_start <= org.start < loc_end):
                continue
            k = word_index.get(org.start, 0)
            prev = ws[k - 1].key if k > 0 else ""
            after_attendance = any(a < org.start for a in attendance_at)
            if topic_at is not None and org.start > topic_at and not after_attendance:
                continue
            if prev == "của" and not self._of_the_event(ws, k - 1):
                continue  # "quyết định của Bộ Chính trị": the topic, not a party to the event
            if organiser and org not in organiser and k > 0 and fold(ws[k - 1].text) in set(self.lex.event_words) | {"báo"}:
                continue  # "Văn phòng Chính phủ tổ chức họp báo Chính phủ": the organiser is named
            keys.extend(self._keys_of(opening, org))
        for sent in scope[1:2]:
            sw = sent.words
            previous_end = None  # end of the last body whose leaders attend
            for org in sent.orgs:
                k = next((n for n, w in enumerate(sw) if w.start == org.start), 0)
                if k > 0 and sw[k - 1].key in {"các", "những"}:
                    k -= 1  # "lãnh đạo các Bộ: Xây dựng, Tài chính"
                listed = previous_end is not None and self.text[previous_end:org.start].strip() in {",", "và", ", và"}
                if listed or any(k >= len(a) and _keys(sw, k - len(a), len(a)) == a for a in attendance):
                    keys.extend(self._keys_of(sent, org))  # "lãnh đạo A và B": both
                    previous_end = org.end
                else:
                    previous_end = None
        body_head = self._delegation_of_chair(ws)
        if chair and body_head is not None:
            for p in self.state.positions:
                org = self.state.organizations.get(p.organization) if p.organization else None
                if p.person == chair and org and org.mentions and org.name.startswith(body_head):
                    keys.append(p.organization)
                    break
        out = []
        for key in keys:
            if key not in out:
                out.append(key)
        return out

    def _of_the_event(self, ws, k: int) -> bool:
        """Whether the "của" at word k follows the event itself: "phiên họp lần thứ 15 của X",
        "cuộc họp của X", "đoàn công tác của X"."""
        before = " ".join(w.key for w in ws[max(0, k - 5):k])
        return any(f" {word}" in f" {before}" for word in set(self.lex.event_words) | {"đoàn công tác", "đoàn đại biểu"})

    def _delegation_of_chair(self, ws) -> str | None:
        """'đoàn công tác do <chair> dẫn đầu' or 'đoàn công tác của Bộ': the delegation of
        the chair's body; returns the head its name starts with ("" for any)."""
        for k in range(len(ws) - 3):
            if _keys(ws, k, 3) != ("đoàn", "công", "tác"):
                continue
            nxt = ws[k + 3]
            if nxt.key == "do":
                return ""
            if nxt.key == "của" and k + 4 < len(ws) and ws[k + 4].cap and (k + 5 >= len(ws) or not ws[k + 5].cap):
                return ws[k + 4].text
        return None

    def _before_verb(self, sent: SentenceState, org, verb) -> bool:
        ws = sent.words
        for k in range(len(ws)):
            if _keys(ws, k, len(verb)) == verb:
                return org.end <= ws[k].start
        return False

    def _keys_of(self, sent: SentenceState, org) -> list[str]:
        if org.represents:
            org = org.represents
        if org.members:
            return [self.state.organization(m.name, m.kind, None, Span(m.start, m.end)) for m in org.members]
        key = sent.org_keys.get(org.i)
        if key:
            return [key]
        return [self.state.organization(org.name, org.kind, org.reference, Span(org.start, org.end))]

    def _topic(self, sent: SentenceState) -> str | None:
        ws = sent.words
        for k, w in enumerate(ws):
            if w.key == "về" and k + 1 < len(ws):
                end = next((x.start for x in ws[k + 1:] if x.text in {".", ";"}), sent.span.end)
                return self.text[ws[k + 1].start:end].strip(" ,")
        return None
