"""The facts of the article for the mapper (pipeline.model), and persons and bodies as a span
group (doc.spans["govkg"]) for spaCy users."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import ArticleFacts


@Language.factory("govkg_finalize", assigns=["doc._.facts", "doc.spans"],
                  requires=["doc._.entities", "doc._.positions", "doc._.events", "doc._.directives", "doc._.quotes"])
def create_finalize(nlp: Language, name: str):
    return finalize


def finalize(doc: Doc) -> Doc:
    entities = doc._.entities
    facts = ArticleFacts(article=doc._.article, persons=list(entities.persons.values()),
                         organizations=list(entities.organizations.values()), positions=doc._.positions,
                         events=doc._.events, directives=doc._.directives, quotes=doc._.quotes)
    doc._.facts = facts
    spans = []
    for label, found in (("PERSON", facts.persons), ("ORG", facts.organizations)):
        for entity in found:
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, label=label, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
    doc.spans["govkg"] = spans
    return doc
