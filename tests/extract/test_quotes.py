"""Quotations: attributed sayings in curly or straight quotes; scare quotes and Q&A answers are not."""
from conftest import run


def test_a_curly_quote_attributed_after_it():
    f = run("“Không để người dân phải chờ đợi quá hạn”, Chủ tịch UBND tỉnh Vĩnh Long Trương Văn Tư nói.")
    assert f.quotes == [("Trương Văn Tư", "Không để người dân phải chờ đợi quá hạn")]


def test_a_straight_quote_attributed_to_a_bare_title():
    f = run('Bộ trưởng Bộ Y tế Đàm Thị Hương làm việc với bệnh viện. '
            '"Bệnh viện phải lấy người bệnh làm trung tâm của mọi hoạt động", Bộ trưởng nhấn mạnh.')
    assert f.quotes == [("Đàm Thị Hương", "Bệnh viện phải lấy người bệnh làm trung tâm của mọi hoạt động")]


def test_a_quote_introduced_by_a_verb_of_saying():
    f = run("Giám đốc Sở Nội vụ Cao Bằng Nông Văn Lý chia sẻ: “Chúng tôi sẽ sắp xếp xong trong tháng này.”")
    assert f.quotes == [("Nông Văn Lý", "Chúng tôi sẽ sắp xếp xong trong tháng này")]


def test_a_quote_of_several_sentences_stays_whole():
    f = run("“Cán bộ phải gần dân. Dân có tin thì việc mới thành”, ông Lâm Văn Tài, Bí thư Tỉnh ủy Cà Mau, nói.")
    assert f.quotes == [("Lâm Văn Tài", "Cán bộ phải gần dân. Dân có tin thì việc mới thành")]


def test_a_scare_quote_is_no_quotation():
    f = run('Phó Thủ tướng Ninh Văn Khoa yêu cầu các địa phương phải "chạy nước rút" để về đích.')
    assert f.quotes == []


def test_an_answer_without_quotation_marks_is_no_quotation():
    f = run("PV: Thưa ông, dự án có kịp tiến độ? Ông Lý Văn Sáu (Cục trưởng Cục Đường bộ Việt Nam): "
            "Chúng tôi tin là kịp nếu mặt bằng được bàn giao.")
    assert f.quotes == []


def test_a_saying_below_a_line_that_ends_with_a_colon():
    f = run("Kết luận hội nghị, Bộ trưởng Bộ Nội vụ Lý Thị Thu nhấn mạnh:\n"
            "“Mỗi cán bộ phải là một tấm gương về tinh thần phục vụ nhân dân.”")
    assert f.quotes == [("Lý Thị Thu", "Mỗi cán bộ phải là một tấm gương về tinh thần phục vụ nhân dân")]


def test_a_saying_after_according_to_its_speaker_is_theirs():
    f = run('Bộ trưởng Bộ Y tế Đào Hồng Liên cho biết ngành đã sẵn sàng. Theo bà Liên, "ngành y tế sẽ không để '
            'người dân thiếu thuốc". Theo kế hoạch, "mỗi bệnh viện có một tổ trực".')
    assert f.quotes == [("Đào Hồng Liên", "ngành y tế sẽ không để người dân thiếu thuốc")]
