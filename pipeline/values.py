"""Values made safe for the graph: text without characters RDF tools refuse, and URLs
that are valid URIs.

Text from articles and sidecars can hold anything: control characters a web page or a
PDF export left behind, Unicode noncharacters (U+FFFE...), lone surrogates from a JSON
escape or an undecodable file name. XML 1.0 and the OWL reasoner (HermiT) refuse them,
so `clean_text` drops them (articles are cleaned once, at normalization, so offsets
stay right; the mapper cleans every literal again, replacing rather than dropping in
text spans so that a span keeps its length).

A sidecar's URL is free text too ("https://báo.vn/tin tức|a"). `safe_uri` percent-
encodes what a URI may not hold (spaces, `|`, non-ASCII letters as UTF-8 bytes, a
non-ASCII host name as IDNA) and returns None when the result still is no valid URI
reference (RFC 3986, and the few shapes java.net.URI refuses on top: the reasoner
parses xsd:anyURI literals with it); the mapper then keeps the text as a plain literal.
"""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# C0 controls but tab and line feed (CR is made LF by normalization), DEL, C1 controls,
# surrogates, and the 66 noncharacters (U+FDD0..U+FDEF and the last two of each plane).
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + _NONCHARACTERS + "]")


def clean_text(text: str | None, keep_length: bool = False) -> str:
    """`text` without the characters of `UNSAFE`; with `keep_length`, each is replaced
    by U+FFFD instead, so that offsets into the text stay right."""
    if not text:
        return text or ""
    return UNSAFE.sub("\ufffd" if keep_length else "", text)


def unsafe_characters(text: str) -> list[str]:
    """The unsafe characters of `text`, as U+XXXX (for messages)."""
    return sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(text)})


# ---------------------------------------------------------------------------
# URIs (RFC 3986)

_UNRESERVED = r"A-Za-z0-9\-._~"
_SUB_DELIMS = "!$&'()*+,;="
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[{_UNRESERVED}{re.escape(_SUB_DELIMS)}:@]|{_PCT})"
_PCHAR_NC = rf"(?:[{_UNRESERVED}{re.escape(_SUB_DELIMS)}@]|{_PCT})"  # no colon
_SCHEME = r"[A-Za-z][A-Za-z0-9+.\-]*"
_HOST = rf"(?:\[[0-9A-Fa-f:.]+\]|(?:[{_UNRESERVED}{re.escape(_SUB_DELIMS)}]|{_PCT})*)"
_AUTHORITY = rf"(?:(?:[{_UNRESERVED}{re.escape(_SUB_DELIMS)}:]|{_PCT})*@)?{_HOST}(?::[0-9]*)?"
_ABEMPTY = rf"(?:/{_PCHAR}*)*"
_TAIL = rf"(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?"
_URI = re.compile(rf"{_SCHEME}:(?://{_AUTHORITY}{_ABEMPTY}|/?(?:{_PCHAR}+{_ABEMPTY})?){_TAIL}")
_RELATIVE = re.compile(rf"(?://{_AUTHORITY}{_ABEMPTY}|/?(?:{_PCHAR_NC}+{_ABEMPTY})?){_TAIL}")
_SCHEME_PREFIX = re.compile(rf"{_SCHEME}:")


def is_valid_uri(value: str) -> bool:
    """A URI reference by RFC 3986 that java.net.URI (the reasoner's parser) accepts too:
    it refuses an empty part after the scheme ("http:", "http:#x") and an empty "//"."""
    if not value:
        return False
    absolute = _URI.fullmatch(value) is not None
    if not absolute and not _RELATIVE.fullmatch(value):
        return False
    before_fragment = (value.split(":", 1)[1] if absolute else value).split("#", 1)[0]
    return before_fragment != "//" and (before_fragment != "" or not absolute)


def _quote(text: str, safe: str) -> str:
    """Percent-encode all but `safe` and well-formed %XX escapes (a stray % becomes %25)."""
    text = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", text)
    return quote(text, safe=safe + "%")


def _host(host: str) -> str:
    if host.startswith("[") and host.endswith("]"):
        return host if re.fullmatch(r"\[[0-9A-Fa-f:.]+\]", host) else _quote(host, "")
    if not host.isascii():
        try:
            return host.encode("idna").decode("ascii")
        except UnicodeError:
            pass
    return _quote(host, _SUB_DELIMS)


def _netloc(netloc: str) -> str:
    userinfo, at, hostport = netloc.rpartition("@")
    host, colon, port = hostport, "", ""
    if not hostport.endswith("]") and ":" in hostport:
        host, colon, port = hostport.rpartition(":")
    if port and not port.isdigit():
        host, colon, port = hostport, "", ""
    return (_quote(userinfo, _SUB_DELIMS + ":") + at if at else "") + _host(host) + colon + port


def safe_uri(value: str | None) -> str | None:
    """`value` as a valid URI (see the module docstring), or None when it cannot be one."""
    text = clean_text(value).strip() if value else ""
    if not text:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    scheme = parts.scheme if re.fullmatch(_SCHEME, parts.scheme or "") else ""
    rest = text[len(scheme) + 1:] if scheme else text
    has_authority = rest.startswith("//")
    path = _quote(parts.path, _SUB_DELIMS + ":@/")
    if not scheme and not has_authority:
        first, slash, others = path.partition("/")
        path = first.replace(":", "%3A") + slash + others
    uri = (scheme + ":" if scheme else "") + ("//" + _netloc(parts.netloc) if has_authority else "") + path
    if "?" in rest.split("#", 1)[0]:
        uri += "?" + _quote(parts.query, _SUB_DELIMS + ":@/?")
    if "#" in rest:
        uri += "#" + _quote(parts.fragment, _SUB_DELIMS + ":@/?")
    return uri if is_valid_uri(uri) else None
