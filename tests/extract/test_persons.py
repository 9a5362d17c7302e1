"""Persons and the posts they hold: stacks, appositions, shared lists, acts of appointment."""
from conftest import run


def test_stacked_titles_all_go_to_the_name_after_them():
    f = run("Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng Ban Nội chính Trung ương Hứa Văn Lâm phát biểu.")
    assert f.persons == ["Hứa Văn Lâm"]
    assert f.titles_of("Hứa Văn Lâm") == {
        "Ủy viên Bộ Chính trị", "Bí thư Trung ương Đảng", "Trưởng Ban Nội chính Trung ương"}


def test_a_province_at_the_end_of_a_stack_completes_every_title_of_it():
    f = run("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Sơn La Cầm Văn Pánh báo cáo.")
    assert f.titles_of("Cầm Văn Pánh") == {"Phó Bí thư Tỉnh ủy Sơn La", "Chủ tịch UBND tỉnh Sơn La"}
    assert ("Cầm Văn Pánh", "Phó Bí thư Tỉnh ủy Sơn La", "Tỉnh ủy Sơn La") in f.positions


def test_a_title_shared_by_a_list_after_a_colon_goes_to_every_member():
    f = run("Dự hội nghị có các Ủy viên Bộ Chính trị: Trưởng Ban Tổ chức Trung ương Diệp Văn An; "
            "Chánh Văn phòng Trung ương Đảng Bế Thị Thu; Chủ nhiệm Ủy ban Kiểm tra Trung ương Mạc Đình Lộc.")
    assert f.persons == ["Diệp Văn An", "Bế Thị Thu", "Mạc Đình Lộc"]
    for name in f.persons:
        assert "Ủy viên Bộ Chính trị" in f.titles_of(name)
    assert "Chánh Văn phòng Trung ương Đảng" in f.titles_of("Bế Thị Thu")
    assert ("Bế Thị Thu", "Chánh Văn phòng Trung ương Đảng", "Văn phòng Trung ương Đảng") in f.positions


def test_a_title_shared_by_a_list_of_bare_names():
    f = run("Dự họp có các Phó Thủ tướng: Giang Văn Hải, Thái Thị Mỹ và Hầu A Lử.")
    assert f.persons == ["Giang Văn Hải", "Thái Thị Mỹ", "Hầu A Lử"]
    assert all(f.titles_of(n) == {"Phó Thủ tướng"} for n in f.persons)


def test_ministries_shared_out_over_a_list_of_deputy_ministers():
    f = run("Cùng dự có Thứ trưởng các bộ: Y tế Lạc Thị Hồng, Tư pháp Đào Văn Khánh, Giáo dục và Đào tạo Âu Minh Quân.")
    assert f.titles_of("Lạc Thị Hồng") == {"Thứ trưởng Bộ Y tế"}
    assert f.titles_of("Đào Văn Khánh") == {"Thứ trưởng Bộ Tư pháp"}
    assert f.titles_of("Âu Minh Quân") == {"Thứ trưởng Bộ Giáo dục và Đào tạo"}


def test_a_list_without_a_colon_holds_bare_names_only():
    f = run("Cùng đi có các Thượng nghị sĩ Pierre Dubois và Anne Martin; Đại sứ Pháp tại Việt Nam Claire Lenoir.")
    assert f.titles_of("Pierre Dubois") == {"Thượng nghị sĩ"}
    assert f.titles_of("Claire Lenoir") == {"Đại sứ Pháp tại Việt Nam"}


def test_titles_in_apposition_after_a_name():
    f = run("Theo quyết định, ông Mã Văn Dũng, Phó Bí thư Tỉnh ủy Lạng Sơn, được phê chuẩn giữ chức "
            "Chủ tịch UBND tỉnh Lạng Sơn.")
    assert f.titles_of("Mã Văn Dũng") == {"Phó Bí thư Tỉnh ủy Lạng Sơn", "Chủ tịch UBND tỉnh Lạng Sơn"}


def test_a_title_in_brackets_after_a_name():
    f = run("Ông Chu Văn Tiến (Vụ trưởng Vụ Tổ chức cán bộ, Bộ Nội vụ) trả lời phỏng vấn.")
    assert "Chu Văn Tiến" in f.persons
    assert "Vụ trưởng Vụ Tổ chức cán bộ" in f.titles_of("Chu Văn Tiến")


def test_the_same_title_in_two_provinces_stays_with_each_holder():
    f = run("Chủ tịch UBND tỉnh Cà Mau Lâm Văn Bé và Chủ tịch UBND tỉnh An Giang Lý Thị Hoa ký kết hợp tác.")
    assert f.titles_of("Lâm Văn Bé") == {"Chủ tịch UBND tỉnh Cà Mau"}
    assert f.titles_of("Lý Thị Hoa") == {"Chủ tịch UBND tỉnh An Giang"}


def test_a_title_without_its_place_takes_the_province_of_the_context():
    f = run("Tỉnh ủy Hà Tĩnh tổ chức hội nghị. Cùng dự có các Phó Bí thư Tỉnh ủy: "
            "Phó Bí thư Thường trực Tỉnh ủy Sầm Thị Vân; Chủ tịch UBND tỉnh Đặng Văn Tư.")
    assert f.titles_of("Sầm Thị Vân") == {"Phó Bí thư Tỉnh ủy Hà Tĩnh", "Phó Bí thư Thường trực Tỉnh ủy Hà Tĩnh"}
    assert f.titles_of("Đặng Văn Tư") == {"Phó Bí thư Tỉnh ủy Hà Tĩnh", "Chủ tịch UBND tỉnh Hà Tĩnh"}


def test_a_bare_title_followed_by_another_takes_its_body():
    f = run("Họp báo do Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ Giáp Văn Luân chủ trì.")
    assert ("Giáp Văn Luân", "Bộ trưởng", "Văn phòng Chính phủ") in f.positions


def test_a_dash_title_is_one_post():
    f = run("Phó Chủ tịch - Tổng Thư ký Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam Lò Thị Sen phát biểu.")
    assert f.titles_of("Lò Thị Sen") == {"Phó Chủ tịch - Tổng Thư ký Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"}


def test_a_title_after_a_preposition_is_not_the_next_persons_post():
    f = run("Phó Thủ tướng Lương Văn Hải kiểm tra dự án. "
            "Báo cáo với Phó Thủ tướng, Tổng Giám đốc Tập đoàn Dầu khí Việt Nam Nghiêm Văn Thái cho biết.")
    assert f.titles_of("Nghiêm Văn Thái") == {"Tổng Giám đốc Tập đoàn Dầu khí Việt Nam"}


def test_a_former_post_is_marked_former():
    f = run("Dự lễ có đồng chí Vương Thị Hạnh, nguyên Bí thư Tỉnh ủy Bắc Kạn, hiện là Phó Trưởng Ban Tổ chức Trung ương.")
    former = {p.title for p in f.raw.positions if p.former}
    assert former == {"Bí thư Tỉnh ủy Bắc Kạn"}
    assert "Phó Trưởng Ban Tổ chức Trung ương" in f.titles_of("Vương Thị Hạnh")


def test_a_rank_or_degree_anchors_a_name_but_is_no_post():
    f = run("Tham dự có Thượng tướng Trần Hải, Thứ trưởng Bộ Công an; PGS.TS Lê Thu, Giám đốc Học viện Ngoại giao.")
    assert f.persons == ["Trần Hải", "Lê Thu"]
    assert f.titles_of("Trần Hải") == {"Thứ trưởng Bộ Công an"}
    assert f.titles_of("Lê Thu") == {"Giám đốc Học viện Ngoại giao"}


def test_a_photo_credit_is_a_person_apart():
    f = run("Quang cảnh hội nghị. Ảnh: Tuấn Khang")
    assert f.persons == []
    assert f.photo_credits == ["Tuấn Khang"]


def test_a_place_inside_a_name_stays_in_the_name():
    f = run("Phó Thủ tướng Âu Đức Hòa và Bộ trưởng Bộ Tài chính Lý Nam Phong dự họp.")
    assert f.persons == ["Âu Đức Hòa", "Lý Nam Phong"]


def test_a_run_of_capitals_without_a_family_name_is_not_a_person():
    f = run("Dự án cao tốc Trà Lĩnh Đồng Đăng Khánh Hòa được khởi công.")
    assert f.persons == []


def test_a_country_after_a_title_makes_a_foreign_post():
    f = run("Chủ tịch nước Hà Minh Đạo hội kiến Thủ tướng Lào Khamphan Sibounheuang và "
            "Bộ trưởng Ngoại giao Argentina Lucía Fernández Ortega.")
    assert f.titles_of("Khamphan Sibounheuang") == {"Thủ tướng Lào"}
    assert f.titles_of("Lucía Fernández Ortega") == {"Bộ trưởng Ngoại giao Argentina"}
    assert ("Khamphan Sibounheuang", "Thủ tướng Lào", None) in f.positions  # not the Vietnamese Government


def test_a_rank_between_the_titles_and_the_name_is_passed_over():
    f = run("Ủy viên Bộ Chính trị, Phó Chủ tịch Quốc hội, Thượng tướng Lại Văn Cường dự lễ.")
    assert f.titles_of("Lại Văn Cường") == {"Ủy viên Bộ Chính trị", "Phó Chủ tịch Quốc hội"}


def test_a_spokesperson_is_a_post_not_a_pronoun():
    f = run("Người phát ngôn Bộ Ngoại giao Phan Thu Hà cho biết Việt Nam hoan nghênh thỏa thuận.")
    assert f.titles_of("Phan Thu Hà") == {"Người phát ngôn Bộ Ngoại giao"}


def test_a_title_after_cua_belongs_to_someone_else():
    f = run("Thừa ủy quyền của Thủ tướng Chính phủ, Bộ trưởng Bộ Tư pháp Hà Thị Mai trình bày tờ trình.")
    assert f.titles_of("Hà Thị Mai") == {"Bộ trưởng Bộ Tư pháp"}


def test_a_shared_list_whose_members_are_named_before_their_titles():
    f = run("Dự hội nghị có các đồng chí Ủy viên Bộ Chính trị: Hà Văn An, Trưởng Ban Tổ chức Trung ương; "
            "Lê Thị Bình, Chánh Văn phòng Trung ương Đảng.")
    assert f.titles_of("Hà Văn An") == {"Ủy viên Bộ Chính trị", "Trưởng Ban Tổ chức Trung ương"}
    assert f.titles_of("Lê Thị Bình") == {"Ủy viên Bộ Chính trị", "Chánh Văn phòng Trung ương Đảng"}


def test_titles_both_before_and_after_a_name():
    f = run("Phiên họp do Tổng Bí thư Mạc Văn Khang, Trưởng Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, "
            "lãng phí, tiêu cực, chủ trì.")
    assert f.titles_of("Mạc Văn Khang") == {
        "Tổng Bí thư", "Trưởng Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, lãng phí, tiêu cực"}


def test_a_commune_ends_where_the_holders_family_name_begins():
    f = run("Chủ tịch UBND phường Ba Đình Đỗ Văn Hùng và Bí thư Đảng ủy xã Tiên Lữ Phạm Thị Nga báo cáo.")
    assert f.titles_of("Đỗ Văn Hùng") == {"Chủ tịch UBND phường Ba Đình"}
    assert f.titles_of("Phạm Thị Nga") == {"Bí thư Đảng ủy xã Tiên Lữ"}


def test_a_country_whose_name_starts_like_a_family_name():
    f = run("Chủ tịch nước hội đàm với Tổng thống Hàn Quốc Park Min-su.")
    assert f.titles_of("Park Min-su") == {"Tổng thống Hàn Quốc"}


def test_a_photo_credit_after_an_agency_is_the_photographer():
    assert run("Quang cảnh phiên họp. Ảnh: VGP/Nhật Bắc").photo_credits == ["Nhật Bắc"]
    assert run("Quang cảnh phiên họp. Ảnh: TTXVN").photo_credits == []


def test_a_list_of_bare_names_ends_at_an_item_with_its_own_title():
    f = run("Cùng dự có các Thứ trưởng Bộ Y tế: Trần Văn Lâm, Đỗ Xuân Hòa; Giám đốc Bảo hiểm xã hội Việt Nam "
            "Lê Hùng Phong.")
    assert f.titles_of("Đỗ Xuân Hòa") == {"Thứ trưởng Bộ Y tế"}
    assert f.titles_of("Lê Hùng Phong") == {"Giám đốc Bảo hiểm xã hội Việt Nam"}


def test_a_complete_title_followed_by_its_default_body():
    f = run("Ủy viên Bộ Chính trị, Phó Thủ tướng Thường trực Chính phủ Nguyễn Hòa Lâm dự đại hội.")
    assert f.titles_of("Nguyễn Hòa Lâm") == {"Ủy viên Bộ Chính trị", "Phó Thủ tướng Thường trực Chính phủ"}


def test_a_bare_head_again_is_no_second_post():
    f = run("Thủ tướng Chính phủ Vũ Văn An hội đàm với Thủ tướng Pháp Louis Martin. Thủ tướng Louis Martin cảm ơn.")
    assert f.titles_of("Louis Martin") == {"Thủ tướng Pháp"}


def test_a_long_minority_name_after_a_title_stays_whole():
    f = run("Phó Chủ tịch Hội đồng Dân tộc của Quốc hội Y Thanh Hải Niê Kđăm phát biểu.")
    assert f.persons == ["Y Thanh Hải Niê Kđăm"]


def test_a_title_after_a_preposition_and_before_a_rank_is_someone_already_named():
    f = run("Chủ tịch nước Lương Quốc An thăm Lữ đoàn 147 Hải quân. Báo cáo với Chủ tịch nước, "
            "Chuẩn Đô đốc Phạm Mạnh Hà, Tư lệnh Quân chủng Hải quân cho biết.")
    assert f.titles_of("Phạm Mạnh Hà") == {"Tư lệnh Quân chủng Hải quân"}
    assert "Lữ đoàn 147 Hải quân" in f.organizations


def test_kiem_joins_two_titles_into_one_post():
    f = run("Chủ tịch kiêm Tổng Giám đốc Tập đoàn Dầu khí Việt Nam Lê Mạnh Hà ký thỏa thuận.")
    assert f.titles_of("Lê Mạnh Hà") == {"Chủ tịch kiêm Tổng Giám đốc Tập đoàn Dầu khí Việt Nam"}
