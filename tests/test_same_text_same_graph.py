"""Same text, same graph: NFC or NFD, LF or CRLF, either tone placement give the same facts and IRIs."""
import unicodedata

import pytest

from pipeline.build import build_article
from pipeline.ingest import read_article

TEXT = (
    "Sáng 5-3, tại Trụ sở Ủy ban nhân dân tỉnh Hòa Bình, Phó Thủ tướng Quách Văn Thủy làm việc với "
    "Ủy ban nhân dân tỉnh Hòa Bình. Dự có Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình Bùi Thị Hoài.\n"
    "Phó Thủ tướng đề nghị Ủy ban nhân dân tỉnh Hòa Bình bảo đảm thủy lợi. “Không để dân thiếu nước "
    "trong mùa khô năm nay”, ông Thủy nói.\n"
)


def variants():
    new_style = (TEXT.replace("Ủy", "Uỷ").replace("Hòa", "Hoà").replace("Thủy", "Thuỷ")
                 .replace("thủy", "thuỷ").replace("Hoài", "Hoài"))
    return {
        "nfc": TEXT,
        "nfd": unicodedata.normalize("NFD", TEXT),
        "crlf": TEXT.replace("\n", "\r\n"),
        "bom": "\ufeff" + TEXT,
        "new tone placement": new_style,
        "all at once": "\ufeff" + unicodedata.normalize("NFD", new_style).replace("\n", "\r\n"),
    }


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    out = {}
    for label, text in variants().items():
        folder = tmp_path_factory.mktemp(label.replace(" ", "_"))
        path = folder / "bai.txt"
        path.write_bytes(text.encode("utf-8"))
        (folder / "bai.meta.json").write_text('{"published": "2026-03-06"}', encoding="utf-8")
        out[label] = build_article(read_article(path))
    return out


@pytest.mark.parametrize("label", [v for v in variants() if v != "nfc"])
def test_the_variant_gives_the_same_quads_as_nfc(results, label):
    reference = set(results["nfc"].quads)
    assert reference
    assert set(results[label].quads) == reference


def test_every_variant_gives_the_same_counts(results):
    counts = {label: r.counts for label, r in results.items()}
    assert len({tuple(sorted(c.items())) for c in counts.values()}) == 1
    assert counts["nfc"]["persons"] == 2 and counts["nfc"]["events"] == 1
