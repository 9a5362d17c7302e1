"""Directives: who asks whom to do what.

A trigger verb of the vocabulary (yêu cầu, đề nghị, chỉ đạo, giao, lưu ý, kiến nghị,
đề xuất...) is a directive when it is a verb: a whole word in underthesea's
segmentation ("bàn giao" is not "giao"), not a noun ("với yêu cầu rất cao", "các
kiến nghị của tỉnh", "phát biểu chỉ đạo"). Statements (khẳng định, nhấn mạnh) are
not triggers at all.
- issuer: the person or body named last before the verb in the sentence (a bare
  title or pronoun already resolved to its person); "đồng thời yêu cầu" keeps the
  issuer of the sentence's previous directive;
- addressee: the body or person named right after the verb, one directive per body
  ("Ủy ban nhân dân hai tỉnh A, B"); a vague group ("các bộ, ngành") is no addressee;
- passive "X được yêu cầu/giao": X is the addressee and the issuer is the one giving
  directives in the passage, or the agent when named ("X được Thủ tướng giao"); without
  a named X it is not listed;
- "giao" needs an addressee ("giao nhiệm vụ" is no directive); "Bộ" alone after the verb
  is the ministry named last before it; a body in brackets after a name describes the
  speaker ("đại biểu A (Đoàn ĐBQH tỉnh X) đề nghị").
A second trigger inside the first one's content ("yêu cầu EVN chỉ đạo các nhà thầu") is
no directive of its own unless a clause break opens it ("; đồng thời đề xuất ...").
"""
from __future__ import annotations

import re

from ..model import Directive, Span
from ..normalize import fold
from .lexicon import cue, lexicon
from .state import ExtractionState, SentenceState

NEEDS_ADDRESSEE = {"giao"}


class DirectiveExtractor:
    def __init__(self, state: ExtractionState):
        self.state = state
        self.text = state.article.text
        self.lex = lexicon()
        self.last_issuer: str | None = None
        self.last_issuer_paragraph: int | None = None

    def run(self, sent: SentenceState, tokens: list[tuple[int, int, str]]) -> None:
        """`tokens`: the sentence's lexical words (start, end, text) from the spaCy doc."""
        if sent.sentence.caption:
            return
        sentence_issuer = None
        previous_end = None  # end of the sentence's previous trigger
        named = [(x.start, x.end) for x in [*sent.orgs, *sent.titles]]
        for n, (start, end, word) in enumerate(tokens):
            trigger = fold(word)
            if trigger not in self.lex.directive_triggers:
                continue
            if any(s < end and start < e for s, e in named):
                continue  # "Trưởng Ban Chỉ đạo": a word of a name, not a verb
            if previous_end is not None and not self._new_clause(tokens, n, previous_end, start):
                continue  # "yêu cầu EVN chỉ đạo các nhà thầu": part of the first directive's content
            prev = fold(tokens[n - 1][2]) if n > 0 else ""
            prev2 = fold(" ".join(t[2] for t in tokens[max(0, n - 2):n]))
            nxt = fold(tokens[n + 1][2]) if n + 1 < len(tokens) else ""
            passive = prev == "được" or prev2 in {"được giao", "đã được"} or prev2.endswith(" được")
            agent = None if passive else self._passive_agent(sent, tokens, n, start)
            noun_before, noun_after = cue("trigger_noun_before"), cue("trigger_noun_after")
            if not passive and (prev in noun_before or prev2 in noun_before or nxt in noun_after or not nxt
                                or prev in self.lex.statement_verbs - set(self.lex.directive_triggers)
                                or nxt in {",", ".", ";", ":"} and trigger == "giao"):
                continue
            addressees, content_start = self._addressees(sent, end)
            if agent:  # "Bộ Tài chính được Thủ tướng giao ...": the agent issues, the subject receives
                issuer, subject = agent
                addressees = [subject]
            elif passive:
                subject = self._subject_before(sent, start)
                if not subject or not self.last_issuer or subject == self.last_issuer:
                    continue
                issuer, addressees = self.last_issuer, [subject]
            else:
                issuer = self._issuer(sent, start) or sentence_issuer or self._coordinated_subject(sent, tokens, n)
                if issuer is None:
                    continue
                addressees = [a for a in addressees if a != issuer]
            if trigger in NEEDS_ADDRESSEE and not addressees:
                continue
            content = self._content(sent, content_start)
            for addressee in addressees or [None]:
                self.state.directives.append(Directive(issuer, word, content, sent.span, addressee))
            sentence_issuer = issuer
            previous_end = end
            self.last_issuer = issuer
            self.last_issuer_paragraph = sent.sentence.paragraph

    def _passive_agent(self, sent: SentenceState, tokens, n: int, start: int) -> tuple[str, str] | None:
        """(issuer, addressee) of "X được <agent> <trigger>", where the agent is a named person or body."""
        agent = next((r for r in reversed(sent.refs) if r.end <= start), None)
        if agent is None or fold(self.text[agent.end:start]).strip() not in {"", "đã"}:
            return None
        before = fold(self.text[sent.span.start:agent.start]).rstrip()
        if not before.endswith("được"):
            return None
        subject = self._subject_before(sent, agent.start)
        return (agent.person, subject) if subject else None

    def _new_clause(self, tokens, n: int, previous_end: int, start: int) -> bool:
        """A second trigger in a sentence opens a directive of its own only after a
        clause break: "...; đồng thời đề xuất ...", "..., đồng thời yêu cầu ..."."""
        before = fold(" ".join(t[2] for t in tokens[max(0, n - 2):n]))
        return ";" in self.text[previous_end:start] or any(before.endswith(w) for w in cue("clause_link"))

    def _coordinated_subject(self, sent: SentenceState, tokens, n: int) -> str | None:
        """'Bộ trưởng A ghi nhận ... và đề nghị ...': the subject of the sentence's first verb."""
        if n == 0 or fold(tokens[n - 1][2]) not in {"và", "đồng thời"}:
            return None
        if not sent.refs:
            return None
        first = sent.refs[0]
        lead = fold(self.text[sent.span.start:first.start])
        return first.person if len(lead.split()) <= 6 else None

    def _issuer(self, sent: SentenceState, start: int) -> str | None:
        """The last person or body named before the trigger in this sentence."""
        candidates = [(r.end, r.person) for r in sent.refs if r.end <= start]
        in_titles = {id(t.org) for t in sent.titles if t.org}
        for org in sent.orgs:
            if org.end <= start and id(org) not in in_titles and sent.org_keys.get(org.i) \
                    and not self._in_brackets(org.start, sent.span.start):
                candidates.append((org.end, sent.org_keys[org.i]))
        if not candidates:
            return None
        end, key = max(candidates)
        between = re.sub(r"\([^()]*\)", " ", fold(self.text[end:start])).strip(" ,")  # brackets describe the subject
        adverbs = cue("subject_adverb")
        if between and between not in adverbs and not all(w in " ".join(adverbs).split() for w in between.split()):
            # something stands between the subject and the verb: accept only short adverbials
            if len(between.split()) > 3:
                return None
        return key

    def _in_brackets(self, position: int, sentence_start: int) -> bool:
        """'đại biểu A (Đoàn ĐBQH tỉnh X) đề nghị': a body in brackets describes the person before it."""
        before = self.text[sentence_start:position]
        return before.rfind("(") > before.rfind(")")

    def _subject_before(self, sent: SentenceState, start: int) -> str | None:
        candidates = [(r.end, r.person) for r in sent.refs if r.end <= start]
        for org in sent.orgs:
            key = sent.org_keys.get(org.i)
            if org.end <= start and key:
                candidates.append((org.end, key))
        if not candidates:
            return None
        end, key = max(candidates)
        between = fold(self.text[end:start]).strip()
        return key if between in {"được", "đã được", "cũng được", "sẽ được"} else None

    def _addressees(self, sent: SentenceState, end: int) -> tuple[list[str], int]:
        """The named addressees right after the trigger, and where the content begins."""
        rest = fold(self.text[end:sent.span.end]).lstrip()
        named_here = any(fold(self.text[end:o.start]).strip() == "" for o in sent.orgs if o.start >= end)
        if not named_here and any(rest.startswith(v + " ") for v in self.lex.vague_addressees):
            return [], end  # "các bộ, ngành", "cơ quan soạn thảo"; but "Cơ quan Phát triển Pháp" is named
        bare = re.match(r"\s*(Bộ|Ban|Sở|Ủy ban|Tỉnh|Thành phố)\s+(?=[^\W\d_]*[a-zà-ỹđ]\b)", self.text[end:sent.span.end])
        if bare and not any(o.start == end + bare.start(1) for o in sent.orgs):
            body = self._last_body_named(bare.group(1), end)  # "đề nghị Bộ sớm ban hành": the ministry named before
            if body:
                return [body], end + bare.end()
        out = []
        position = end
        while True:
            found = None
            for org in sorted(sent.orgs, key=lambda o: o.start):
                if org.start < position:
                    continue
                lead = fold(self.text[position:org.start]).strip()
                if lead in {"", ",", "và", "đồng chí"}:
                    found = ("org", org)
                break
            for ref in sent.refs:
                if ref.start >= position:
                    lead = fold(self.text[position:ref.start]).strip()
                    if lead in {"", "đồng chí", "ông", "bà", ",", "và"} and (found is None or ref.start < found[1].start):
                        found = ("person", ref)
                    break
            if found is None:
                break
            kind, item = found
            if kind == "org":
                if item.members:
                    out.extend(self.state.organization(m.name, m.kind, None, Span(m.start, m.end)) for m in item.members)
                else:
                    key = sent.org_keys.get(item.i)
                    if key is None:
                        # a body inside a title is the post's holder, not the addressee
                        holder = next((r for r in sent.refs if r.start <= item.start < r.end or r.end == item.end), None)
                        if holder is None:
                            break
                        out.append(holder.person)
                    else:
                        out.append(key)
                position = item.end
            else:
                out.append(item.person)
                position = item.end
            after = fold(self.text[position:position + 5]).lstrip()
            if not (after.startswith(",") or after.startswith("và ")):
                break
        return out, position

    def _last_body_named(self, head: str, before: int) -> str | None:
        """The body of that head ("Bộ ...") the article named last before an offset."""
        best, best_at = None, -1
        for key, org in self.state.organizations.items():
            if not org.name.startswith(head + " "):
                continue
            for span in org.mentions:
                if best_at < span.start < before:
                    best, best_at = key, span.start
        return best

    def _content(self, sent: SentenceState, end: int) -> str:
        rest = self.text[end:sent.span.end].strip()
        return rest.rstrip(".").strip()
