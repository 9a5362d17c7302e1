"""Later mentions: honorifics with a given name, bare titles, pronouns."""
from conftest import run


def test_a_given_name_after_an_honorific_is_the_person_named_before():
    f = run("Phó Chủ tịch UBND tỉnh Bình Định Lưu Quang Khải cho biết dự án chậm. "
            "Ông Khải đề nghị Bộ Tài chính bố trí vốn.")
    assert f.persons == ["Lưu Quang Khải"]
    assert f.directives == [("Lưu Quang Khải", "đề nghị", "Bộ Tài chính")]


def test_given_names_that_differ_only_by_diacritics_stay_apart():
    f = run("Giám đốc Sở Xây dựng Phú Thọ Tạ Minh Hải báo cáo. Phó Giám đốc Sở Tài chính Phú Thọ Tạ Minh Hài bổ sung. "
            "Ông Hài đề xuất Bộ Xây dựng hướng dẫn. Ông Hải kiến nghị Bộ Tài chính hỗ trợ.")
    assert set(f.persons) == {"Tạ Minh Hải", "Tạ Minh Hài"}
    assert ("Tạ Minh Hài", "đề xuất", "Bộ Xây dựng") in f.directives
    assert ("Tạ Minh Hải", "kiến nghị", "Bộ Tài chính") in f.directives


def test_a_bare_title_is_the_person_last_named_with_that_post():
    f = run("Bộ trưởng Bộ Công Thương Lục Thị Hương làm việc với tỉnh. Bộ trưởng yêu cầu Tập đoàn Điện lực Việt Nam "
            "bảo đảm cung ứng điện.")
    assert f.directives == [("Lục Thị Hương", "yêu cầu", "Tập đoàn Điện lực Việt Nam")]


def test_a_bare_local_title_finds_the_holder_in_that_province():
    f = run("Bí thư Tỉnh ủy Quảng Trị Lê Thị Thanh chủ trì. Bí thư Tỉnh ủy giao Ban Tổ chức Tỉnh ủy tham mưu.")
    # an addressee written without its place is the body of the place of its context
    assert ("Lê Thị Thanh", "giao", "Ban Tổ chức Tỉnh ủy Quảng Trị") in f.directives


def test_a_pronoun_is_the_subject_of_the_sentence_before():
    f = run("Phát biểu kết luận, Phó Thủ tướng Phạm Thanh Tùng ghi nhận kết quả. "
            "Đồng chí yêu cầu các bộ, ngành khẩn trương hoàn thiện hồ sơ.")
    assert f.directives == [("Phạm Thanh Tùng", "yêu cầu", None)]


def test_a_family_name_that_is_also_an_honorific():
    f = run("Thứ trưởng Bộ Tư pháp Ông Thị Liên trình bày tờ trình. Ông Liên cho biết dự thảo đã hoàn thiện. "
            "Bà Liên đề nghị Ủy ban Pháp luật và Tư pháp cho ý kiến.")
    assert f.persons == ["Ông Thị Liên"]
    assert f.directives == [("Ông Thị Liên", "đề nghị", "Ủy ban Pháp luật và Tư pháp")]


def test_a_foreign_name_is_referred_to_by_any_of_its_words():
    f = run("Chủ tịch nước tiếp Bộ trưởng Ngoại giao Argentina Lucía Fernández Ortega. "
            "Bà Fernández đề nghị hai bên mở rộng thương mại.")
    assert ("Lucía Fernández Ortega", "đề nghị", None) in f.directives


def test_the_same_text_in_either_tone_placement_gives_the_same_persons():
    old = run("Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình Quách Văn Thủy phát biểu. Ông Thủy kiến nghị Bộ Xây dựng hỗ trợ.")
    new = run("Chủ tịch Uỷ ban nhân dân tỉnh Hoà Bình Quách Văn Thuỷ phát biểu. Ông Thuỷ kiến nghị Bộ Xây dựng hỗ trợ.")
    assert old.persons == new.persons == ["Quách Văn Thủy"]
    assert old.positions == new.positions
    assert old.directives == new.directives == [("Quách Văn Thủy", "kiến nghị", "Bộ Xây dựng")]


def test_a_bare_title_means_the_domestic_holder_not_a_foreign_one():
    f = run("Thủ tướng Chính phủ Đỗ Quang Vinh hội kiến Thủ tướng Campuchia Hun Manet. "
            "Thủ tướng đề nghị Bộ Công Thương thúc đẩy thương mại biên giới.")
    assert f.directives == [("Đỗ Quang Vinh", "đề nghị", "Bộ Công Thương")]


def test_a_bare_title_written_with_its_body_shortened():
    f = run("Bộ trưởng Bộ Công Thương Hà Hồng Diệp làm việc với tỉnh. "
            "Bộ trưởng Công Thương yêu cầu Tập đoàn Điện lực Việt Nam bảo đảm cung ứng điện.")
    assert f.directives == [("Hà Hồng Diệp", "yêu cầu", "Tập đoàn Điện lực Việt Nam")]


def test_a_rank_alone_is_the_person_last_named_with_it():
    f = run("Hội nghị do Đại tướng Lương Tam Hiển, Bộ trưởng Bộ Công an chủ trì. Thượng tướng Lê Quốc Vinh báo cáo. "
            "Đại tướng yêu cầu Công an các địa phương bảo đảm an ninh mạng.")
    assert f.directives == [("Lương Tam Hiển", "yêu cầu", None)]


def test_a_bare_title_listed_among_bodies_is_the_institution():
    f = run("Chủ tịch nước Lương Văn An dự họp. Sáng 2/9, Quốc hội, Chủ tịch nước, Chính phủ tổ chức lễ kỷ niệm.")
    (event,) = f.events
    assert event.chair is None


def test_nguoi_is_the_person_last_named():
    f = run("Tổng Bí thư Lê Văn Lâm nhấn mạnh tư tưởng của Chủ tịch Tôn Thất Dương là tài sản vô giá. "
            "Người luôn căn dặn “Dễ trăm lần không dân cũng chịu, khó vạn lần dân liệu cũng xong”.")
    assert f.quotes == [("Tôn Thất Dương", "Dễ trăm lần không dân cũng chịu, khó vạn lần dân liệu cũng xong")]
