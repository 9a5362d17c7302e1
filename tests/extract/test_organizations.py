"""Organizations: bodies named in full, in a title, with a comma or "và", by abbreviation."""
from conftest import run


def test_a_body_whose_name_holds_a_comma_is_one_body():
    f = run("Trưởng Ban Chính sách, chiến lược Trung ương Lạc Văn Kha làm việc với Ủy ban Kinh tế và Tài chính.")
    assert "Ban Chính sách, chiến lược Trung ương" in f.organizations
    assert "Ủy ban Kinh tế và Tài chính" in f.organizations


def test_two_bodies_joined_by_va_stay_two_bodies():
    f = run("Thủ tướng giao Ban Tổ chức Trung ương và Ban Tuyên giáo và Dân vận Trung ương phối hợp thực hiện.")
    assert "Ban Tổ chức Trung ương" in f.organizations
    assert "Ban Tuyên giáo và Dân vận Trung ương" in f.organizations
    assert not any(o.startswith("Ban Tổ chức Trung ương và") for o in f.organizations)


def test_a_ministry_name_with_comma_and_va():
    f = run("Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch Quách Minh Tâm cho biết du lịch tăng trưởng.")
    assert f.organizations == ["Bộ Văn hóa, Thể thao và Du lịch"]


def test_a_body_named_only_inside_a_title_is_listed():
    f = run("Phó Cục trưởng Cục Hàng không Việt Nam Lều Văn Sỹ phát biểu.")
    assert "Cục Hàng không Việt Nam" in f.organizations


def test_a_local_body_is_its_head_and_its_province():
    f = run("Chủ tịch UBND tỉnh Quảng Ninh Tống Văn Lương và Bí thư Thành ủy Hải Phòng Mẫn Thị Hà dự họp.")
    assert "UBND tỉnh Quảng Ninh" in f.organizations
    assert "Thành ủy Hải Phòng" in f.organizations


def test_a_generic_body_ends_before_the_verb_phrase():
    f = run("Cục Quản lý giá cho biết đã hoàn thành dự thảo. Vụ Pháp chế - Thanh tra đang tổng hợp ý kiến.")
    assert "Cục Quản lý giá" in f.organizations
    assert "Vụ Pháp chế - Thanh tra" in f.organizations


def test_a_generic_body_does_not_take_the_name_after_it():
    f = run("Tổng Giám đốc Tổng công ty Lương thực miền Nam Ninh Văn Khải báo cáo.")
    assert "Tổng công ty Lương thực miền Nam" in f.organizations
    assert "Ninh Văn Khải" in f.persons


def test_standing_organs_wrap_the_body_they_belong_to():
    f = run("Ban Thường vụ Tỉnh ủy Gia Lai họp; Ban Chấp hành Đảng bộ tỉnh Gia Lai thống nhất chủ trương.")
    assert "Ban Thường vụ Tỉnh ủy Gia Lai" in f.organizations
    assert "Ban Chấp hành Đảng bộ tỉnh Gia Lai" in f.organizations


def test_a_distributive_mention_gives_one_body_per_province():
    f = run("Thứ trưởng Bộ Xây dựng Khúc Thị Mai đề nghị UBND hai tỉnh Bắc Ninh, Thái Nguyên bàn giao mặt bằng.")
    assert {"UBND tỉnh Bắc Ninh", "UBND tỉnh Thái Nguyên"} <= set(f.organizations)
    assert ("Khúc Thị Mai", "đề nghị", "UBND tỉnh Bắc Ninh") in f.directives
    assert ("Khúc Thị Mai", "đề nghị", "UBND tỉnh Thái Nguyên") in f.directives


def test_a_country_written_after_a_ministry_is_part_of_its_name():
    f = run("Đại sứ quán Pháp tại Việt Nam phối hợp với Bộ Ngoại giao Việt Nam tổ chức triển lãm.")
    assert "Đại sứ quán Pháp tại Việt Nam" in f.organizations
    assert "Bộ Ngoại giao Việt Nam" in f.organizations


def test_a_body_is_listed_by_its_longest_written_form():
    f = run("Thứ trưởng Bộ Ngoại giao Vi Văn Bình tiếp đoàn. Bộ Ngoại giao Việt Nam sẽ gửi công hàm.")
    assert "Bộ Ngoại giao Việt Nam" in f.organizations
    assert "Bộ Ngoại giao" not in f.organizations


def test_a_delegation_stands_for_its_body():
    f = run("Chiều 2/6, Phó Chủ tịch nước Mã Thị Lan tiếp Đoàn đại biểu Quốc hội Cộng hòa Pháp.",)
    assert "Quốc hội Cộng hòa Pháp" in f.organizations


def test_a_standing_national_assembly_delegation_is_a_body_not_a_visit():
    f = run("Trưởng đoàn Đại biểu Quốc hội tỉnh Nghệ An Tôn Thất Bách phát biểu.")
    assert ("Tôn Thất Bách", "Trưởng đoàn Đại biểu Quốc hội tỉnh Nghệ An",
            "Đoàn Đại biểu Quốc hội tỉnh Nghệ An") in f.positions


def test_a_building_is_not_a_body():
    f = run("Sáng 3-4, tại Phủ Chủ tịch, Chủ tịch nước Thạch Văn Hòa tiếp đoàn.")
    assert "Phủ Chủ tịch" not in f.organizations
    assert f.titles_of("Thạch Văn Hòa") == {"Chủ tịch nước"}


def test_a_department_takes_the_field_of_its_ministry():
    f = run("Giám đốc Sở Tài nguyên và Môi trường Quảng Ngãi Võ Văn Đông cho biết. "
            "Chủ tịch UBND tỉnh giao Sở Tài chính thẩm định phương án giá đất.")
    assert "Sở Tài nguyên và Môi trường Quảng Ngãi" in f.organizations
    assert "Sở Tài chính" in f.organizations
    assert f.titles_of("Võ Văn Đông") == {"Giám đốc Sở Tài nguyên và Môi trường Quảng Ngãi"}


def test_an_addressed_body_written_without_its_province_is_the_province_of_the_context():
    f = run("Phó Chủ tịch UBND tỉnh Quảng Ngãi Võ Phiên yêu cầu Công an tỉnh hỗ trợ bảo vệ thi công.")
    assert f.directives == [("Võ Phiên", "yêu cầu", "Công an tỉnh Quảng Ngãi")]


def test_a_body_written_without_its_province_elsewhere_stays_as_written():
    f = run("Bí thư Tỉnh ủy Bắc Ninh Đào Hồng Lan dự hội nghị triển khai Nghị quyết Đại hội Đảng bộ tỉnh.")
    assert "Đảng bộ tỉnh" in f.organizations


def test_a_short_form_of_a_body_named_before_is_that_body():
    f = run("Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, lãng phí, tiêu cực họp phiên thứ 30. "
            "Tổng Bí thư Đặng Quốc Hưng, Trưởng Ban Chỉ đạo, chủ trì.")
    assert f.organizations == ["Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, lãng phí, tiêu cực"]


def test_a_body_abbreviated_and_spelled_out_is_one_body():
    f = run("Chủ tịch UBND TP.HCM Trần Văn Nhơn đề nghị Ủy ban nhân dân Thành phố Hồ Chí Minh rà soát. "
            "Bộ trưởng Tài chính Lê Văn Thắng đề nghị UBND TP HCM báo cáo.")
    assert len(f.organizations) == 2  # the city's people's committee, and the ministry
    assert f.titles_of("Lê Văn Thắng") == {"Bộ trưởng Tài chính"}


def test_a_generic_body_may_end_with_its_province_and_stops_at_a_verb():
    f = run("Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh tiếp nhận hồ sơ. "
            "Cục Điện lực tăng cường kiểm tra các nhà máy.")
    assert f.organizations == ["Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh", "Cục Điện lực"]


def test_a_generic_body_name_goes_on_after_a_capitalised_word_and_stops_at_a_verb():
    f = run("Ban Liên lạc Đối ngoại Trung ương Lào thông báo. Ban Chỉ đạo Tây Nam Bộ chỉ đạo các tỉnh.")
    assert f.organizations == ["Ban Liên lạc Đối ngoại Trung ương Lào", "Ban Chỉ đạo Tây Nam Bộ"]


def test_a_hospital_named_like_a_person():
    f = run("Giám đốc Bệnh viện Bạch Mai Đào Xuân Cơ báo cáo tại hội nghị.")
    assert f.organizations == ["Bệnh viện Bạch Mai"]
    assert f.persons == ["Đào Xuân Cơ"]


def test_a_body_name_does_not_run_into_the_verb_after_it():
    f = run("Công an xã phối hợp với Đồn Biên phòng Mường Nhé giữ vững an ninh biên giới.")
    assert "Đồn Biên phòng Mường Nhé" in f.organizations


def test_local_courts_procuracies_and_fatherland_front_committees():
    f = run("Chủ tịch Ủy ban MTTQ Việt Nam tỉnh Nghệ An Võ Thị Minh Sinh dự phiên tòa của "
            "Tòa án nhân dân tỉnh Nghệ An.")
    assert f.organizations == ["Ủy ban MTTQ Việt Nam tỉnh Nghệ An", "Tòa án nhân dân tỉnh Nghệ An"]


def test_a_company_name_stops_where_its_directors_name_begins():
    f = run("Tổng Giám đốc Công ty Cổ phần Tập đoàn Vingroup Nguyễn Việt Quân và đại diện "
            "Hiệp hội Ngân hàng Việt Nam dự họp.")
    assert f.organizations == ["Công ty Cổ phần Tập đoàn Vingroup", "Hiệp hội Ngân hàng Việt Nam"]
    assert f.persons == ["Nguyễn Việt Quân"]


def test_a_project_board_keeps_du_an_and_a_place_that_starts_like_a_country():
    f = run("Bộ trưởng giao Ban Quản lý dự án Mỹ Thuận đẩy nhanh tiến độ.")
    assert f.organizations == ["Ban Quản lý dự án Mỹ Thuận"]


def test_companies_and_long_department_names():
    f = run("Bà Trần Thị Loan, Tổng giám đốc Công ty cổ phần Sữa Việt Nam, và ông Lê Văn Phụng, "
            "nguyên vụ trưởng Vụ Quản lý thuế doanh nghiệp lớn, dự họp.")
    assert "Công ty cổ phần Sữa Việt Nam" in f.organizations
    assert "Vụ Quản lý thuế doanh nghiệp lớn" in f.organizations
    assert [o.kind for o in f.raw.organizations if o.name.startswith("Công ty")] == ["Enterprise"]
