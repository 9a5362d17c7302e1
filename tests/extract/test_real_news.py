"""The constructions real news is written in, family by family (issue 6), on sentences of our own.

Each test states every fact of its sentence that the extractor should find, and nothing
more: the persons, the bodies named, the posts (person, title, body) and, where the
sentence gives them, directives and events. Names are invented.
"""
import datetime as dt

from conftest import run

PUBLISHED = dt.date(2025, 6, 15)


# 1. Long attendance paragraphs: several shared headers, ranks inside items, the local side's place
def test_headers_shared_over_items_with_ranks_and_stacks():
    f = run("Tham gia đoàn có các đồng chí Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng: Trưởng Ban Tổ chức "
            "Trung ương Vi Văn Hạ; Chủ nhiệm Ủy ban Kiểm tra Trung ương Đào Minh Sơn; các đồng chí Ủy viên Bộ "
            "Chính trị, Đại tướng: Bộ trưởng Bộ Quốc phòng Lâm Văn Tường, Bộ trưởng Bộ Công an Kha Đức Huy; "
            "các đồng chí Ủy viên Trung ương Đảng: Phó Chủ tịch Quốc hội, Thượng tướng Mẫn Quốc Hải; "
            "Tư lệnh Quân khu 9, Trung tướng Ông Văn Lực cùng lãnh đạo một số ban, bộ, ngành.")
    assert f.persons == ["Vi Văn Hạ", "Đào Minh Sơn", "Lâm Văn Tường", "Kha Đức Huy", "Mẫn Quốc Hải", "Ông Văn Lực"]
    assert f.positions == {
        ("Vi Văn Hạ", "Ủy viên Bộ Chính trị", "Bộ Chính trị"),
        ("Vi Văn Hạ", "Bí thư Trung ương Đảng", "Ban Chấp hành Trung ương Đảng"),
        ("Vi Văn Hạ", "Trưởng Ban Tổ chức Trung ương", "Ban Tổ chức Trung ương"),
        ("Đào Minh Sơn", "Ủy viên Bộ Chính trị", "Bộ Chính trị"),
        ("Đào Minh Sơn", "Bí thư Trung ương Đảng", "Ban Chấp hành Trung ương Đảng"),
        ("Đào Minh Sơn", "Chủ nhiệm Ủy ban Kiểm tra Trung ương", "Ủy ban Kiểm tra Trung ương"),
        ("Lâm Văn Tường", "Ủy viên Bộ Chính trị", "Bộ Chính trị"),
        ("Lâm Văn Tường", "Bộ trưởng Bộ Quốc phòng", "Bộ Quốc phòng"),
        ("Kha Đức Huy", "Ủy viên Bộ Chính trị", "Bộ Chính trị"),
        ("Kha Đức Huy", "Bộ trưởng Bộ Công an", "Bộ Công an"),
        ("Mẫn Quốc Hải", "Ủy viên Trung ương Đảng", "Ban Chấp hành Trung ương Đảng"),
        ("Mẫn Quốc Hải", "Phó Chủ tịch Quốc hội", "Quốc hội"),
        ("Ông Văn Lực", "Ủy viên Trung ương Đảng", "Ban Chấp hành Trung ương Đảng"),
        ("Ông Văn Lực", "Tư lệnh Quân khu 9", "Quân khu 9"),
    }


def test_the_local_side_of_a_list_takes_the_place_it_names():
    f = run("Về phía thành phố Hải Phòng có các đồng chí: Bí thư Thành ủy Lưu Văn Khải; Phó Bí thư Thành ủy, "
            "Chủ tịch UBND thành phố Mạc Thị Hoa.")
    assert f.positions == {
        ("Lưu Văn Khải", "Bí thư Thành ủy Hải Phòng", "Thành ủy Hải Phòng"),
        ("Mạc Thị Hoa", "Phó Bí thư Thành ủy Hải Phòng", "Thành ủy Hải Phòng"),
        ("Mạc Thị Hoa", "Chủ tịch UBND thành phố Hải Phòng", "UBND thành phố Hải Phòng"),
    }


# 2. Rosters
def test_a_roster_gives_its_body_to_the_titles_it_lists():
    f = run("Như vậy, Bộ Công Thương hiện có Bộ trưởng Hầu Văn Tuấn và 3 Thứ trưởng: Đinh Thị Lan, "
            "Phùng Văn Quý và Khổng Minh Tâm.")
    assert f.positions == {
        ("Hầu Văn Tuấn", "Bộ trưởng", "Bộ Công Thương"),
        ("Đinh Thị Lan", "Thứ trưởng", "Bộ Công Thương"),
        ("Phùng Văn Quý", "Thứ trưởng", "Bộ Công Thương"),
        ("Khổng Minh Tâm", "Thứ trưởng", "Bộ Công Thương"),
    }


def test_two_deputy_prime_ministers_counted_before_their_names():
    f = run("Dự họp có hai Phó Thủ tướng Chu Văn Định và Lạc Thị Thu.")
    assert f.positions == {("Chu Văn Định", "Phó Thủ tướng", "Chính phủ"), ("Lạc Thị Thu", "Phó Thủ tướng", "Chính phủ")}


def test_ministries_shared_out_over_a_list_of_ministers():
    f = run("Cùng dự có các Bộ trưởng: Tài nguyên và Môi trường Viên Văn Hòa, Kế hoạch và Đầu tư Giáp Thị Nga.")
    assert f.positions == {
        ("Viên Văn Hòa", "Bộ trưởng Bộ Tài nguyên và Môi trường", "Bộ Tài nguyên và Môi trường"),
        ("Giáp Thị Nga", "Bộ trưởng Bộ Kế hoạch và Đầu tư", "Bộ Kế hoạch và Đầu tư"),
    }


# 3. Appointments with appositions, elections
def test_an_appointment_with_the_appointee_s_posts_in_apposition():
    f = run("Thủ tướng quyết định bổ nhiệm ông Tạ Văn Bình, Ủy viên Trung ương Đảng, nguyên Bí thư Tỉnh ủy "
            "Cà Mau, giữ chức Thứ trưởng Bộ Nội vụ.")
    assert f.titles_of("Tạ Văn Bình") == {"Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy Cà Mau", "Thứ trưởng Bộ Nội vụ"}
    former = {p.title for p in f.raw.positions if p.former}
    assert former == {"Bí thư Tỉnh ủy Cà Mau"}


def test_election_results_give_each_elected_their_post():
    f = run("Ban Chấp hành đã bầu đồng chí Lê Hữu Phúc tái cử Bí thư Tỉnh ủy Hà Tĩnh; các đồng chí Đinh Văn Cường, "
            "Ngô Thị Hằng giữ chức Phó Bí thư Tỉnh ủy.")
    assert f.positions == {
        ("Lê Hữu Phúc", "Bí thư Tỉnh ủy Hà Tĩnh", "Tỉnh ủy Hà Tĩnh"),
        ("Đinh Văn Cường", "Phó Bí thư Tỉnh ủy Hà Tĩnh", "Tỉnh ủy Hà Tĩnh"),
        ("Ngô Thị Hằng", "Phó Bí thư Tỉnh ủy Hà Tĩnh", "Tỉnh ủy Hà Tĩnh"),
    }


def test_posts_held_in_turn():
    f = run("Tại kỳ họp, HĐND tỉnh Bắc Ninh đã bầu các ông, bà: Kiều Văn Sáu, Lương Thị Mai lần lượt giữ chức "
            "Trưởng Ban Pháp chế, Trưởng Ban Dân tộc HĐND tỉnh.")
    assert f.titles_of("Kiều Văn Sáu") == {"Trưởng Ban Pháp chế"}
    assert f.titles_of("Lương Thị Mai") == {"Trưởng Ban Dân tộc HĐND tỉnh Bắc Ninh"}


# 4. Name – title lines
def test_name_dash_title_lines_with_a_ministry_named_without_bo():
    f = run("Danh sách được phê chuẩn gồm:\nÔng Quan Văn Lộc - Bộ trưởng Quốc phòng (466/470 đại biểu tán thành)\n"
            "Bà Ma Thị Thư - Bộ trưởng, Chủ nhiệm UB Dân tộc (460/470 đại biểu tán thành)\n")
    assert f.persons == ["Quan Văn Lộc", "Ma Thị Thư"]
    assert f.positions == {
        ("Quan Văn Lộc", "Bộ trưởng Quốc phòng", "Bộ Quốc phòng"),
        ("Ma Thị Thư", "Bộ trưởng", "UB Dân tộc"),
        ("Ma Thị Thư", "Chủ nhiệm UB Dân tộc", "UB Dân tộc"),
    }


def test_a_post_in_brackets_after_a_name():
    f = run("Ông Đặng Văn Hiếu (Chủ tịch UBND tỉnh Bình Định) cho biết tỉnh đã giải ngân 60% kế hoạch.")
    assert f.positions == {("Đặng Văn Hiếu", "Chủ tịch UBND tỉnh Bình Định", "UBND tỉnh Bình Định")}


# 5. Sub-units with their parent
def test_a_unit_followed_by_its_ministry():
    f = run("Vụ trưởng Vụ Pháp chế, Bộ Y tế Khúc Thị Hạnh trình bày dự thảo.")
    assert f.persons == ["Khúc Thị Hạnh"]
    assert f.positions == {("Khúc Thị Hạnh", "Vụ trưởng Vụ Pháp chế", "Vụ Pháp chế")}
    assert set(f.organizations) == {"Vụ Pháp chế", "Bộ Y tế"}


# 6. Directives to lists of bodies written as papers abbreviate them
def test_one_directive_per_addressee_of_a_list_of_abbreviated_bodies():
    f = run("Phó Chủ tịch UBND tỉnh Bình Thuận Lê Quang Vinh yêu cầu Sở TN-MT, Thanh tra tỉnh, Công an tỉnh và "
            "UBND H.Bắc Bình phối hợp kiểm tra.")
    assert f.directives == [("Lê Quang Vinh", "yêu cầu", "Sở TN-MT"),
                            ("Lê Quang Vinh", "yêu cầu", "Thanh tra tỉnh Bình Thuận"),
                            ("Lê Quang Vinh", "yêu cầu", "Công an tỉnh Bình Thuận"),
                            ("Lê Quang Vinh", "yêu cầu", "UBND H.Bắc Bình")]


def test_giao_chu_tri_phoi_hop_addresses_the_one_who_leads():
    f = run("Chủ tịch UBND tỉnh Đàm Văn Tú giao Sở KH&ĐT chủ trì, phối hợp với Sở Tài chính tham mưu điều chỉnh.")
    assert f.directives == [("Đàm Văn Tú", "giao", "Sở KH&ĐT")]


# 7. Who issues: bodies, documents, conclusions, deputies, voters
def test_a_document_stands_for_the_body_that_issued_it():
    f = run("Bộ Chính trị vừa ban hành Kết luận số 12-KL/TW về công tác cán bộ. Kết luận yêu cầu Đảng ủy Chính phủ "
            "chỉ đạo rà soát các nghị định.")
    assert f.directives == [("Bộ Chính trị", "yêu cầu", "Đảng ủy Chính phủ")]


def test_a_signed_dispatch_addresses_the_ministers_of_the_ministries_listed():
    f = run("Thủ tướng Chính phủ Lục Văn Khoa vừa ký Công điện số 45/CĐ-TTg yêu cầu Bộ trưởng các bộ: Nội vụ, "
            "Tài chính, Công an bảo đảm hoạt động thông suốt.")
    assert f.directives == [("Lục Văn Khoa", "yêu cầu", "Bộ Nội vụ"), ("Lục Văn Khoa", "yêu cầu", "Bộ Tài chính"),
                            ("Lục Văn Khoa", "yêu cầu", "Bộ Công an")]


def test_a_deputy_with_the_delegation_in_brackets():
    f = run("Chủ tịch Quốc hội Ninh Văn Hải điều hành phiên chất vấn. Đại biểu Chu Thị Hạnh (đoàn ĐBQH tỉnh Bình "
            "Định) đề nghị Bộ trưởng Bộ Giao thông vận tải Phan Văn Quảng làm rõ trách nhiệm.")
    assert ("Chu Thị Hạnh", "Đại biểu Quốc hội", "Đoàn ĐBQH tỉnh Bình Định") in f.positions
    assert f.directives == [("Chu Thị Hạnh", "đề nghị", "Phan Văn Quảng")]


def test_a_voter_with_the_ward_in_brackets_addresses_several_bodies():
    f = run("Cử tri Lều Văn Tâm (phường Điện Biên) đề nghị Trung ương, Quốc hội tiếp tục lãnh đạo công tác phòng, "
            "chống tham nhũng.")
    assert f.directives == [("Lều Văn Tâm", "đề nghị", "Trung ương"), ("Lều Văn Tâm", "đề nghị", "Quốc hội")]


def test_the_subject_after_an_introduction_issues():
    f = run("Tiếp Đại sứ Indonesia Harjanto Wibowo, Chủ tịch nước Võ Văn Đông đánh giá cao quan hệ hai nước, "
            "đồng thời đề nghị Đại sứ thúc đẩy hợp tác kinh tế.")
    assert f.directives == [("Võ Văn Đông", "đề nghị", "Harjanto Wibowo")]


# 8. Events that do not open with "Sáng 5-3, A làm việc với B"
def test_a_dot_date_opens_an_event():
    f = run("Chiều 14.6, Bộ trưởng Bộ Xây dựng Cù Văn Nam làm việc với UBND tỉnh Quảng Ninh.", published=PUBLISHED)
    (event,) = f.events
    assert event.date.iso() == "2025-06-14"
    assert f.name(event.chair) == "Cù Văn Nam"
    assert [f.name(o) for o in event.organizations] == ["UBND tỉnh Quảng Ninh"]


def test_a_date_in_brackets_after_the_lead_s_verb_opens_an_event():
    f = run("Thường trực Ban Bí thư Mai Văn Hòa đã thăm và làm việc tại tỉnh Kon Tum (ngày 12/1). Cùng đi có "
            "Phó Trưởng Ban Tổ chức Trung ương Lò Thị Vân.", published=PUBLISHED)
    (event,) = f.events
    assert event.date.iso() == "2025-01-12"
    assert f.name(event.chair) == "Mai Văn Hòa"
    assert [f.name(p) for p in event.participants] == ["Lò Thị Vân"]


def test_an_event_continued_in_a_session_opens_at_its_dated_clause():
    f = run("Tiếp tục chương trình Kỳ họp thứ 9, sáng 4/11, tại Nhà Quốc hội, Quốc hội tiến hành chất vấn Bộ trưởng "
            "Bộ Y tế Hà Thị Lan.", published=PUBLISHED)
    (event,) = f.events
    assert event.date.iso() == "2024-11-04"
    assert event.location == "Nhà Quốc hội"


def test_today_with_its_date_in_brackets():
    f = run("Hôm nay (18/4), Phó Thủ tướng Đoàn Văn Sơn dự lễ khởi công cầu Rạch Miễu 2.", published=dt.date(2025, 4, 18))
    (event,) = f.events
    assert event.date.iso() == "2025-04-18"


def test_a_phone_call_has_no_chair():
    f = run("Tối 20/6, Thủ tướng Chính phủ Hoàng Văn Tấn đã điện đàm với Thủ tướng Australia Peter Lawson.",
            published=PUBLISHED)
    (event,) = f.events
    assert event.chair is None
    assert sorted(f.name(p) for p in event.participants) == ["Hoàng Văn Tấn", "Peter Lawson"]


# 9. Foreign relations
def test_posts_named_by_a_country():
    f = run("Dự có Đại sứ Anh tại Việt Nam Iain Frew và Bộ trưởng Ngoại giao Trung Quốc Lý Cường.")
    assert f.positions == {("Iain Frew", "Đại sứ Anh tại Việt Nam", None),
                           ("Lý Cường", "Bộ trưởng Ngoại giao Trung Quốc", None)}


def test_the_host_chairs_when_the_guests_leader_leads_them():
    f = run("Chiều 18/4, Bộ trưởng Ngoại giao Hà Văn Khoa hội đàm với Bộ trưởng Ngoại giao Lào Bounmy Phanh, "
            "nhân dịp Đoàn đại biểu Bộ Ngoại giao Lào do ông Bounmy dẫn đầu thăm Việt Nam.", published=PUBLISHED)
    (event,) = f.events
    assert f.name(event.chair) == "Hà Văn Khoa"
    assert [f.name(p) for p in event.participants] == ["Bounmy Phanh"]


# 10. Bodies real news names
def test_military_units_border_posts_and_companies():
    f = run("Đoàn đến thăm Trung đoàn 48, Sư đoàn 320, Đồn Biên phòng Ia Mơr và Công ty TNHH MTV Cao su Chư Prông.")
    assert set(f.organizations) == {"Trung đoàn 48", "Sư đoàn 320", "Đồn Biên phòng Ia Mơr",
                                    "Công ty TNHH MTV Cao su Chư Prông"}


def test_a_newspaper_is_a_body_and_its_name_ends_before_the_verb():
    f = run("Báo Lao Động phản ánh tình trạng khai thác gỗ trái phép.")
    assert f.organizations == ["Báo Lao Động"]


def test_courts_and_procuracies_of_a_city():
    f = run("Ngày 14/9, TAND TP Hà Nội mở phiên tòa sơ thẩm. Đại diện VKSND TP Hà Nội đề nghị mức án.")
    assert set(f.organizations) == {"TAND TP Hà Nội", "VKSND TP Hà Nội"}


def test_bodies_of_earlier_years_are_known():
    f = run("Bộ Tài nguyên và Môi trường phối hợp với Ban Kinh tế Trung ương và Bộ Lao động - Thương binh và Xã hội.")
    assert set(f.organizations) == {"Bộ Tài nguyên và Môi trường", "Ban Kinh tế Trung ương",
                                    "Bộ Lao động - Thương binh và Xã hội"}


def test_local_bodies_written_with_their_unit_take_the_place_of_the_context():
    f = run("Tại tỉnh Hà Tĩnh, Chủ tịch UBND tỉnh Mạc Văn Tiến yêu cầu Công an tỉnh, Bảo hiểm xã hội tỉnh và "
            "Hội Chữ thập đỏ tỉnh hỗ trợ người dân. Thanh tra tỉnh đã vào cuộc.")
    assert f.persons == ["Mạc Văn Tiến"]
    assert set(f.organizations) == {"UBND tỉnh Hà Tĩnh", "Công an tỉnh Hà Tĩnh", "Bảo hiểm xã hội tỉnh Hà Tĩnh",
                                    "Hội Chữ thập đỏ tỉnh Hà Tĩnh", "Thanh tra tỉnh Hà Tĩnh"}
    assert f.positions == {("Mạc Văn Tiến", "Chủ tịch UBND tỉnh Hà Tĩnh", "UBND tỉnh Hà Tĩnh")}
    assert set(f.directives) == {("Mạc Văn Tiến", "yêu cầu", body) for body in
                                 ("Công an tỉnh Hà Tĩnh", "Bảo hiểm xã hội tỉnh Hà Tĩnh", "Hội Chữ thập đỏ tỉnh Hà Tĩnh")}


def test_a_body_inside_the_name_of_an_event_keeps_its_bare_unit():
    f = run("Bí thư Tỉnh ủy Bắc Ninh Đào Hồng Lan dự hội nghị triển khai Nghị quyết Đại hội Đảng bộ tỉnh.")
    assert set(f.organizations) == {"Tỉnh ủy Bắc Ninh", "Đảng bộ tỉnh"}


def test_a_ministrys_inspectorate_is_named_with_the_ministry():
    f = run("Bộ Y tế đã giao Thanh tra Bộ Y tế kiểm tra việc đấu thầu thuốc.")
    assert set(f.organizations) == {"Bộ Y tế", "Thanh tra Bộ Y tế"}
    assert f.directives == [("Bộ Y tế", "giao", "Thanh tra Bộ Y tế")]


def test_a_steering_committee_named_by_its_activities_heads_a_post():
    f = run("Chủ tịch UBND tỉnh, Trưởng Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh Quảng Trị "
            "Lò Thị Mơ chủ trì cuộc họp.")
    assert f.positions == {
        ("Lò Thị Mơ", "Chủ tịch UBND tỉnh Quảng Trị", "UBND tỉnh Quảng Trị"),
        ("Lò Thị Mơ", "Trưởng Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh Quảng Trị",
         "Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh Quảng Trị"),
    }


def test_foreign_names_listed_under_one_title():
    f = run("Cùng đi có các Thượng nghị sĩ Pierre Dubois và Anne Martin.")
    assert f.persons == ["Pierre Dubois", "Anne Martin"]
    assert f.positions == {("Pierre Dubois", "Thượng nghị sĩ", None), ("Anne Martin", "Thượng nghị sĩ", None)}


def test_the_board_of_a_group_on_its_side_of_the_meeting():
    f = run("Về phía Tập đoàn Dầu khí Việt Nam có Chủ tịch Hội đồng thành viên Lý Văn Cường, "
            "Tổng Giám đốc Mông Thị Hà.")
    assert f.persons == ["Lý Văn Cường", "Mông Thị Hà"]
    assert f.positions == {
        ("Lý Văn Cường", "Chủ tịch Hội đồng thành viên", "Tập đoàn Dầu khí Việt Nam"),
        ("Mông Thị Hà", "Tổng Giám đốc", "Tập đoàn Dầu khí Việt Nam"),
    }


def test_the_director_of_the_company_named_before():
    f = run("Công ty cổ phần Than Cao Sơn vượt kế hoạch quý I. Giám đốc công ty Lại Văn Thông cho biết đơn hàng tăng.")
    assert f.organizations == ["Công ty cổ phần Than Cao Sơn"]
    assert f.positions == {("Lại Văn Thông", "Giám đốc", "Công ty cổ phần Than Cao Sơn")}


def test_who_attends_and_chairs_chairs_and_members_a_decision_names_are_only_listed():
    f = run("Sáng 20/4, tại Hà Nội, Bộ Y tế tổ chức lễ bàn giao công việc, ngay sau khi Quốc hội phê chuẩn. "
            "Phó Thủ tướng Chính phủ Kiều Văn Đông dự và chủ trì buổi lễ. Tại buổi lễ, Phó Trưởng Ban Tổ chức "
            "Trung ương Mai Quốc Khải công bố Quyết định chỉ định Ban Cán sự đảng Bộ Y tế gồm 2 đồng chí:\n\n"
            "Ông Tạ Hồng Phong - Bí thư Ban Cán sự đảng, Bộ trưởng;\n\n"
            "Bà Vi Thị Dung - Ủy viên Ban Cán sự đảng, Thứ trưởng.", published=PUBLISHED)
    (event,) = f.events
    assert (event.kind, event.date.iso()) == ("ceremony", "2025-04-20")
    assert f.name(event.chair) == "Kiều Văn Đông"
    assert [f.name(p) for p in event.participants] == ["Mai Quốc Khải"]
    assert [f.name(o) for o in event.organizations] == ["Bộ Y tế"]


def test_a_councillor_with_the_group_in_brackets_sits_in_the_council_in_session():
    f = run("Tại kỳ họp thứ 9 của HĐND tỉnh Kon Tum, đại biểu Đinh Văn Lũy (tổ đại biểu huyện Sa Thầy) hỏi.")
    assert f.persons == ["Đinh Văn Lũy"]
    assert f.positions == {("Đinh Văn Lũy", "Đại biểu", "HĐND tỉnh Kon Tum")}


def test_a_rank_among_the_posts_in_apposition_and_a_city_named_like_a_body():
    f = run("Tại tỉnh Bắc Kạn, đồng chí Lò Văn Tráng, Tỉnh ủy viên, Đại tá, Giám đốc Công an tỉnh, được chỉ định "
            "giữ chức Ủy viên Ban Thường vụ Tỉnh ủy. Đại biểu Hà Thị Lệ (tổ đại biểu TP. Hội An) phát biểu.")
    assert f.persons == ["Lò Văn Tráng", "Hà Thị Lệ"]
    assert set(f.organizations) == {"Công an tỉnh Bắc Kạn", "Ban Thường vụ Tỉnh ủy Bắc Kạn"}
    assert f.positions == {
        ("Lò Văn Tráng", "Tỉnh ủy viên", None),
        ("Lò Văn Tráng", "Giám đốc Công an tỉnh Bắc Kạn", "Công an tỉnh Bắc Kạn"),
        ("Lò Văn Tráng", "Ủy viên Ban Thường vụ Tỉnh ủy Bắc Kạn", "Ban Thường vụ Tỉnh ủy Bắc Kạn"),
    }


def test_the_bodies_a_visit_goes_to_in_its_course():
    f = run("Ngày 12/1, Phó Chủ tịch nước Hà Minh Tâm thăm và làm việc tại tỉnh Kon Tum.\n\n"
            "Thăm Đồn Biên phòng Bờ Y, Bộ đội Biên phòng tỉnh Kon Tum, Phó Chủ tịch nước biểu dương cán bộ, "
            "chiến sĩ.\n\nTại Công ty cổ phần Cao su Kon Tum, đồng chí Hà Minh Tâm nghe báo cáo sản xuất.",
            published=PUBLISHED)
    (event,) = f.events
    assert (event.kind, f.name(event.chair)) == ("visit", "Hà Minh Tâm")
    assert [f.name(o) for o in event.organizations] == ["Đồn Biên phòng Bờ Y", "Công ty cổ phần Cao su Kon Tum"]


def test_a_body_addressed_by_its_short_name_before_its_full_name_is_one_body():
    f = run("Phó Chủ tịch UBND tỉnh Gia Lai Kha Văn Sơn yêu cầu Chi cục Kiểm lâm kiểm tra hiện trường. "
            "Ông Mạc Văn Bình, Chi cục trưởng Chi cục Kiểm lâm tỉnh Gia Lai, cho biết đã cử người.")
    assert set(f.organizations) == {"UBND tỉnh Gia Lai", "Chi cục Kiểm lâm tỉnh Gia Lai"}
    assert f.directives == [("Kha Văn Sơn", "yêu cầu", "Chi cục Kiểm lâm tỉnh Gia Lai")]


def test_a_dispatch_to_the_chairs_of_listed_provinces_and_cities_addresses_their_committees():
    f = run("Thủ tướng Kiều Văn Đông yêu cầu Chủ tịch UBND các tỉnh, thành phố: Quảng Trị, Thừa Thiên Huế, "
            "Đà Nẵng tập trung sơ tán người dân.", published=dt.date(2023, 11, 14))
    bodies = ["UBND tỉnh Quảng Trị", "UBND tỉnh Thừa Thiên Huế", "UBND thành phố Đà Nẵng"]
    assert f.organizations == bodies
    assert f.directives == [("Kiều Văn Đông", "yêu cầu", body) for body in bodies]


def test_a_foreign_parliamentary_group_and_its_members_in_lower_case():
    f = run("Phó Chủ tịch Quốc hội Ứng Thị Bình tiếp Đoàn Nhóm Nghị sĩ hữu nghị Hàn Quốc - Việt Nam do nghị sĩ "
            "Park Min-jun dẫn đầu. Cùng đi có nghị sĩ Quốc hội Hàn Quốc Kim Ji-hye.")
    assert f.persons == ["Ứng Thị Bình", "Park Min-jun", "Kim Ji-hye"]
    assert set(f.organizations) == {"Quốc hội", "Nhóm Nghị sĩ hữu nghị Hàn Quốc - Việt Nam", "Quốc hội Hàn Quốc"}
    assert f.positions == {("Ứng Thị Bình", "Phó Chủ tịch Quốc hội", "Quốc hội"), ("Park Min-jun", "nghị sĩ", None),
                           ("Kim Ji-hye", "nghị sĩ Quốc hội Hàn Quốc", "Quốc hội Hàn Quốc")}


def test_a_high_court_its_procuracy_and_the_panel_asked():
    f = run("TAND cấp cao tại Đà Nẵng mở phiên tòa phúc thẩm. Đại diện VKSND cấp cao tại Đà Nẵng đề nghị HĐXX "
            "không chấp nhận kháng cáo.")
    assert set(f.organizations) == {"TAND cấp cao tại Đà Nẵng", "VKSND cấp cao tại Đà Nẵng", "HĐXX"}
    assert f.directives == [("VKSND cấp cao tại Đà Nẵng", "đề nghị", "HĐXX")]


def test_the_city_committee_written_bare_is_the_centrally_run_citys():
    f = run("Sáng 5/3, Chủ tịch UBND TP.HCM Khưu Văn Đạt khảo sát quận 8 và TP. Thủ Đức. Cùng đi có Phó Chủ tịch "
            "UBND TP Lâm Ngọc Hải; Giám đốc Ban Quản lý dự án giao thông TP Mạch Tấn Phát.", published=PUBLISHED)
    assert f.persons == ["Khưu Văn Đạt", "Lâm Ngọc Hải", "Mạch Tấn Phát"]
    assert f.positions == {
        ("Khưu Văn Đạt", "Chủ tịch UBND TP.HCM", "UBND TP Hồ Chí Minh"),
        ("Lâm Ngọc Hải", "Phó Chủ tịch UBND TP Hồ Chí Minh", "UBND TP Hồ Chí Minh"),
        ("Mạch Tấn Phát", "Giám đốc Ban Quản lý dự án giao thông TP Hồ Chí Minh",
         "Ban Quản lý dự án giao thông TP Hồ Chí Minh"),
    }


def test_a_district_written_q_dot_number_and_the_city_chair_by_his_bare_title():
    f = run("Sáng 5/3, Chủ tịch UBND TP.HCM Khưu Văn Đạt làm việc với UBND quận 8. Chủ tịch UBND TP yêu cầu "
            "UBND Q.8 công khai phương án bồi thường; đề nghị Quận ủy Q.8 chỉ đạo vận động.", published=PUBLISHED)
    assert set(f.organizations) == {"UBND TP.HCM", "UBND quận 8", "Quận ủy Q.8"}
    assert f.directives == [("Khưu Văn Đạt", "yêu cầu", "UBND quận 8"), ("Khưu Văn Đạt", "đề nghị", "Quận ủy Q.8")]


def test_a_company_named_like_a_person_after_its_director_and_a_fund_named_by_a_field():
    f = run("Bị cáo Lạc Văn Sĩ, Giám đốc Công ty TNHH Đầu tư Bất động sản Hòa Phong, kháng cáo. "
            "Quỹ Phát triển khoa học và công nghệ quốc gia sẽ hỗ trợ.")
    assert f.persons == ["Lạc Văn Sĩ"]
    assert set(f.organizations) == {"Công ty TNHH Đầu tư Bất động sản Hòa Phong",
                                    "Quỹ Phát triển khoa học và công nghệ quốc gia"}
    assert f.positions == {("Lạc Văn Sĩ", "Giám đốc Công ty TNHH Đầu tư Bất động sản Hòa Phong",
                            "Công ty TNHH Đầu tư Bất động sản Hòa Phong")}


def test_a_title_shared_over_a_comma_list():
    f = run("Cùng đi có các nghị sĩ Quốc hội Hàn Quốc Kim Ji-hye, Lee Min-su và Đại sứ Hàn Quốc Choi Jae-sung.")
    assert f.persons == ["Kim Ji-hye", "Lee Min-su", "Choi Jae-sung"]
    assert f.positions == {("Kim Ji-hye", "nghị sĩ Quốc hội Hàn Quốc", "Quốc hội Hàn Quốc"),
                           ("Lee Min-su", "nghị sĩ Quốc hội Hàn Quốc", "Quốc hội Hàn Quốc"),
                           ("Choi Jae-sung", "Đại sứ Hàn Quốc", None)}


def test_the_bodies_that_organise_an_event_and_regions_that_are_no_persons():
    f = run("Sáng 5/3, tại TP. Pleiku, Thủ tướng Kiều Văn Đông chủ trì hội nghị về cà phê. Hội nghị do Ban Chỉ đạo "
            'Tây Nguyên phối hợp với Bộ Tài chính tổ chức. "Rừng là mái nhà của cả Tây Nguyên và Đông Nam Bộ", '
            "Thủ tướng nói.", published=PUBLISHED)
    assert f.persons == ["Kiều Văn Đông"]
    (event,) = f.events
    assert f.name(event.chair) == "Kiều Văn Đông" and event.participants == []
    assert [f.name(o) for o in event.organizations] == ["Ban Chỉ đạo Tây Nguyên", "Bộ Tài chính"]


def test_names_listed_in_turn_keep_an_unknown_family_name_whole():
    f = run("Các ông, bà: Đàm Văn Lợi, Hà Thị Bích Ngân, Nịnh Văn Thắm lần lượt được bầu giữ chức Phó Chủ tịch "
            "UBND tỉnh Bắc Giang, Giám đốc Sở Tư pháp tỉnh Bắc Giang và Giám đốc Sở Y tế tỉnh Bắc Giang.")
    assert f.persons == ["Đàm Văn Lợi", "Hà Thị Bích Ngân", "Nịnh Văn Thắm"]
    assert f.positions == {("Đàm Văn Lợi", "Phó Chủ tịch UBND tỉnh Bắc Giang", "UBND tỉnh Bắc Giang"),
                           ("Hà Thị Bích Ngân", "Giám đốc Sở Tư pháp tỉnh Bắc Giang", "Sở Tư pháp tỉnh Bắc Giang"),
                           ("Nịnh Văn Thắm", "Giám đốc Sở Y tế tỉnh Bắc Giang", "Sở Y tế tỉnh Bắc Giang")}


def test_a_title_with_its_bodys_short_name_in_brackets_and_an_ambassador_in_a_one_syllable_country():
    f = run("Phó Thủ tướng Kiều Văn Đông làm việc với EVN. Báo cáo với Phó Thủ tướng, Chủ tịch Hội đồng thành viên "
            "Tập đoàn Điện lực Việt Nam (EVN) Quản Trọng Lâm cho biết dự án lớn. Dự có Đại sứ Việt Nam tại Lào "
            "Cù Văn Tiến.")
    assert f.persons == ["Kiều Văn Đông", "Quản Trọng Lâm", "Cù Văn Tiến"]
    assert f.positions == {
        ("Kiều Văn Đông", "Phó Thủ tướng", "Chính phủ"),
        ("Quản Trọng Lâm", "Chủ tịch Hội đồng thành viên Tập đoàn Điện lực Việt Nam", "Tập đoàn Điện lực Việt Nam"),
        ("Cù Văn Tiến", "Đại sứ Việt Nam tại Lào", None),
    }


def test_the_verb_an_addressed_department_is_asked_with_ends_its_name():
    f = run("Bộ trưởng Kha Văn Lợi giao Vụ Chính sách dân tộc chủ trì tham mưu sửa đổi chính sách.")
    assert f.organizations == ["Vụ Chính sách dân tộc"]
    assert f.directives == [("Kha Văn Lợi", "giao", "Vụ Chính sách dân tộc")]


def test_quotes_by_a_title_and_a_foreign_family_name_and_by_a_deputy_named_by_her_role():
    f = run("Thủ tướng Nhật Bản Tanaka Hiroshi hội đàm với Chủ tịch nước Kha Văn Đông. “Nhật Bản coi trọng "
            "Việt Nam”, Thủ tướng Tanaka nói.\n\nĐại biểu Giáp Thị Lan (đoàn ĐBQH tỉnh Nam Định) chất vấn. "
            "“Người dân rất khó khăn”, nữ đại biểu nói.")
    assert f.quotes == [("Tanaka Hiroshi", "Nhật Bản coi trọng Việt Nam"), ("Giáp Thị Lan", "Người dân rất khó khăn")]


def test_a_title_with_the_head_of_a_body_named_before_is_a_post_in_that_body():
    f = run("Chiều 12-9, Phó Chủ tịch Quốc hội Lạc Văn Sở tiếp Đoàn Nhóm Nghị sĩ hữu nghị Nhật Bản - Việt Nam "
            "do ông Ishida Kenji, Chủ tịch Nhóm, dẫn đầu.")
    assert f.persons == ["Lạc Văn Sở", "Ishida Kenji"]
    assert f.organizations == ["Quốc hội", "Nhóm Nghị sĩ hữu nghị Nhật Bản - Việt Nam"]
    assert f.positions == {
        ("Lạc Văn Sở", "Phó Chủ tịch Quốc hội", "Quốc hội"),
        ("Ishida Kenji", "Chủ tịch", "Nhóm Nghị sĩ hữu nghị Nhật Bản - Việt Nam"),
    }


def test_a_standing_deputy_head_of_a_known_board_holds_the_post_in_that_board():
    f = run("Phó Trưởng Ban Thường trực Ban Tổ chức Trung ương Hoàng Văn Khải trao quyết định.")
    assert f.organizations == ["Ban Tổ chức Trung ương"]
    assert f.positions == {("Hoàng Văn Khải", "Phó Trưởng Ban Thường trực Ban Tổ chức Trung ương",
                            "Ban Tổ chức Trung ương")}
