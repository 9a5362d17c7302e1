"""govkg: a knowledge graph of Vietnamese governance news.

The package reads top-down as the data flows:
ingest -> normalize -> segment -> extract -> mapping (RDF) -> validate -> write.
"""
__version__ = "0.1.0"
