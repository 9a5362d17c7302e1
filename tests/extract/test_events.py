"""Events: one per dated opening sentence, with place, chair, participants and bodies."""
import datetime as dt

from conftest import run

TEXT = (
    "Chiều 9/5, tại Trụ sở Bộ Ngoại giao, Bộ trưởng Bộ Ngoại giao Đinh Thị Hằng chủ trì cuộc họp của "
    "Ban Chỉ đạo Tây Nam Bộ về việc chuẩn bị hội nghị. Dự họp có Thứ trưởng "
    "Bộ Ngoại giao Phí Văn Tú và lãnh đạo Văn phòng Chính phủ.\n"
    "Quang cảnh cuộc họp. Ảnh: Minh Khôi\n"
    "Thứ trưởng Phí Văn Tú cho biết công tác chuẩn bị đã hoàn tất. Theo ông Tú, Thủ tướng Chính phủ "
    "Văn Đức Toàn đã yêu cầu các bộ phối hợp chặt chẽ.\n"
    "Trước đó, ngày 7/5, Bộ Ngoại giao phối hợp với UBND tỉnh Khánh Hòa tổ chức hội nghị tại Nha Trang. "
    "Chủ tịch UBND tỉnh Khánh Hòa Mai Văn Nhơn chủ trì hội nghị."
)


def events():
    f = run(TEXT, published=dt.date(2026, 5, 10))
    return f, {e.date.iso(): e for e in f.events}


def test_each_dated_opening_sentence_opens_an_event():
    _, by_date = events()
    assert set(by_date) == {"2026-05-09", "2026-05-07"}
    assert by_date["2026-05-09"].part_of_day == "afternoon"


def test_location_chair_participants_and_bodies():
    f, by_date = events()
    e = by_date["2026-05-09"]
    assert e.location == "Trụ sở Bộ Ngoại giao"
    assert f.name(e.chair) == "Đinh Thị Hằng"
    assert [f.name(p) for p in e.participants] == ["Phí Văn Tú"]  # not the photographer, not the PM reported on
    bodies = {f.name(o) for o in e.organizations}
    assert "Văn phòng Chính phủ" in bodies  # its unnamed leaders attend
    assert "Ban Chỉ đạo Tây Nam Bộ" in bodies
    assert "Bộ Ngoại giao" not in bodies  # only in the place and in titles


def test_a_second_event_has_its_own_organiser_and_chair():
    f, by_date = events()
    e = by_date["2026-05-07"]
    assert e.location == "Nha Trang"
    assert f.name(e.chair) == "Mai Văn Nhơn"
    assert {f.name(o) for o in e.organizations} == {"Bộ Ngoại giao", "UBND tỉnh Khánh Hòa"}


def test_an_undated_article_gives_a_month_day():
    f = run("Sáng 5-3, tại Hà Nội, Chủ tịch nước Lâm Quốc Vũ tiếp Đại sứ Nhật Bản tại Việt Nam Ito Naoki.")
    assert [e.date.iso() for e in f.events] == ["--03-05"]


def test_a_document_is_not_an_event():
    f = run("Ban Bí thư vừa ban hành Chỉ thị số 12-CT/TW ngày 19-11 về công tác cán bộ.", published=dt.date(2026, 11, 21))
    assert f.events == []


def test_a_dated_clause_after_an_introduction_opens_an_event():
    f = run("Trong chương trình thăm chính thức Lào, chiều 5-3, tại Viêng Chăn, Chủ tịch nước Lâm Quốc Vũ "
            "đã hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongsing Phomvihane.", published=dt.date(2026, 3, 6))
    assert [e.date.iso() for e in f.events] == ["2026-03-05"]
    assert f.events[0].location == "Viêng Chăn"
    assert f.name(f.events[0].chair) == "Lâm Quốc Vũ"
    assert ("Thongsing Phomvihane", "Tổng Bí thư") in f.titles


def test_a_person_named_only_by_a_former_post_is_not_a_participant():
    f = run("Sáng 3-2, tại Hà Nội, Chủ tịch nước Lò Văn Tấn dự lễ kỷ niệm. Chủ tịch nước nhắc lại lời dạy của "
            "nguyên Tổng Bí thư Hoàng Trọng Lễ. Dự lễ có Bộ trưởng Bộ Nội vụ Khúc Thị Duyên.")
    (event,) = f.events
    assert [f.name(p) for p in event.participants] == ["Khúc Thị Duyên"]


def test_a_directive_given_in_the_course_of_an_event_is_linked_to_it():
    f, by_date = events()
    given = {d.trigger: d.event for d in f.raw.directives}
    assert given == {"yêu cầu": by_date["2026-05-09"].key}


def test_a_dateline_dates_the_article_and_not_an_event():
    f = run("Hà Nội, ngày 8/1 - Sáng nay, tại Trụ sở Chính phủ, Phó Thủ tướng Chính phủ Lê Văn Hòa chủ trì "
            "cuộc họp về đường sắt tốc độ cao. Tham dự cuộc họp có lãnh đạo các Bộ: Xây dựng, Tài chính, "
            "Nông nghiệp và Môi trường.")
    (event,) = f.events
    assert event.date.iso() == "--01-08" and event.part_of_day == "morning"
    assert {f.name(o) for o in event.organizations} == {"Bộ Xây dựng", "Bộ Tài chính", "Bộ Nông nghiệp và Môi trường"}


def test_a_place_may_open_with_a_common_noun():
    f = run("Sáng 7-5, tại hội trường Diên Hồng, Chủ tịch Quốc hội Võ Thị Lan khai mạc phiên họp.")
    assert f.events[0].location == "hội trường Diên Hồng"


def test_the_host_chairs_when_the_guests_delegation_has_its_own_leader():
    f = run("Chiều 16-4, tại Trụ sở Trung ương Đảng, Thường trực Ban Bí thư Đào Văn Cẩm tiếp Đoàn đại biểu "
            "Đảng Cộng sản Trung Quốc do đồng chí Lý Kiến Hoa, Trưởng Ban Liên lạc Đối ngoại Trung ương "
            "Đảng Cộng sản Trung Quốc dẫn đầu.")
    (event,) = f.events
    assert f.name(event.chair) == "Đào Văn Cẩm"
    assert [f.name(p) for p in event.participants] == ["Lý Kiến Hoa"]
    assert {f.name(o) for o in event.organizations} == {"Đảng Cộng sản Trung Quốc"}


def test_a_venue_is_a_place_not_a_body():
    f = run("Sáng 14/10, Đại hội đại biểu Đảng bộ tỉnh Thái Nguyên khai mạc tại Trung tâm Hội nghị tỉnh.")
    assert f.events[0].location == "Trung tâm Hội nghị tỉnh"
    assert "Trung tâm Hội nghị tỉnh" not in f.organizations


def test_a_bracketed_note_after_the_date():
    f = run("Trong khuôn khổ chuyến thăm chính thức Pháp, chiều 7/10 (giờ địa phương), tại Paris, "
            "Thủ tướng Chính phủ Phạm Văn Tuấn hội đàm với Thủ tướng Pháp Louis Martin.")
    assert [(e.date.iso(), e.location) for e in f.events] == [("--10-07", "Paris")]


def test_a_person_only_spoken_of_is_not_a_participant():
    f = run("Chiều 15/5, tại Bộ Ngoại giao, Người phát ngôn Bộ Ngoại giao Phạm Thu Hà chủ trì họp báo. "
            "Về chuyến thăm sắp tới của Tổng thống Indonesia Budi Santoso, bà Hà cho biết hai bên đang chuẩn bị.")
    (event,) = f.events
    assert event.participants == []


def test_attending_is_an_event_but_a_project_is_not():
    f = run("Sáng 5/3, Tổng Bí thư Hà Văn Lâm đã đến dự và phát biểu tại Đại hội Hội Nông dân Việt Nam. "
            "Ngày 6/3, dự án cao tốc được phê duyệt.")
    assert [e.date.iso() for e in f.events] == ["--03-05"]


def test_retired_leaders_listed_as_attending_are_present():
    f = run("Sáng 2/9, tại Hà Nội, Chủ tịch nước Lương Văn An dự lễ kỷ niệm. Dự buổi lễ có các đồng chí nguyên "
            "lãnh đạo Đảng, Nhà nước: nguyên Chủ tịch nước Trương Minh Tấn; nguyên Thủ tướng Hà Văn Dũng.")
    (event,) = f.events
    assert {f.name(p) for p in event.participants} == {"Trương Minh Tấn", "Hà Văn Dũng"}


def test_attendance_as_a_bulleted_list():
    f = run("Chiều 5/6, tại Hà Nội, Bộ Nội vụ tổ chức hội nghị. Tham dự có:\n"
            "- Đồng chí Phạm Thị Thanh Vân, Ủy viên Trung ương Đảng, Bộ trưởng Bộ Nội vụ\n"
            "- Đồng chí Vũ Chiến Thành, Thứ trưởng Bộ Nội vụ\n")
    (event,) = f.events
    assert f.name(event.chair) == "Phạm Thị Thanh Vân"
    assert [f.name(p) for p in event.participants] == ["Vũ Chiến Thành"]
    assert f.titles_of("Vũ Chiến Thành") == {"Thứ trưởng Bộ Nội vụ"}


def test_a_two_day_trip_to_two_provinces():
    f = run("Trong hai ngày 15 và 16/7, Đoàn công tác của Chính phủ do Phó Thủ tướng Mai Văn Lộc làm trưởng đoàn "
            "đã làm việc tại các tỉnh Cà Mau và An Giang.", published=dt.date(2025, 7, 17))
    (event,) = f.events
    assert event.date.iso() == "2025-07-15" and event.location == "các tỉnh Cà Mau và An Giang"
    assert f.name(event.chair) == "Mai Văn Lộc"


def test_the_first_of_two_co_chairs_chairs():
    f = run("Ngày 25/3, tại TP Đà Lạt, Bộ Nông nghiệp và Môi trường tổ chức diễn đàn. Bộ trưởng Đỗ Văn Duy và "
            "Chủ tịch UBND tỉnh Lâm Đồng Trần Hồng Thanh đồng chủ trì diễn đàn.", published=dt.date(2026, 3, 26))
    (event,) = f.events
    assert f.name(event.chair) == "Đỗ Văn Duy"
    assert [f.name(p) for p in event.participants] == ["Trần Hồng Thanh"]


def test_bodies_an_attendance_sentence_names_take_part_though_it_comes_after_the_chair():
    f = run("Ngày 14/10, UBND tỉnh Quảng Ngãi tổ chức hội nghị trực tuyến về phòng, chống thiên tai. Chủ tịch "
            "UBND tỉnh Khúc Minh Trí chủ trì hội nghị. Tham dự có Phó Chủ tịch UBND tỉnh Võ Thành Nam; đại diện "
            "Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh và các sở, ngành liên quan.", published=dt.date(2025, 10, 15))
    [e] = f.events
    assert f.name(e.chair) == "Khúc Minh Trí"
    assert [f.name(p) for p in e.participants] == ["Võ Thành Nam"]
    assert {f.name(o) for o in e.organizations} == {
        "UBND tỉnh Quảng Ngãi", "Bộ Chỉ huy Quân sự tỉnh Quảng Ngãi", "Công an tỉnh Quảng Ngãi"}


def test_the_body_whose_decision_a_conference_announces_is_no_party_to_it():
    f = run("Sáng 20/3, Ban Thường vụ Tỉnh ủy Thanh Hóa tổ chức hội nghị công bố quyết định của Ban Bí thư về "
            "công tác cán bộ.", published=dt.date(2025, 3, 21))
    [e] = f.events
    assert {f.name(o) for o in e.organizations} == {"Ban Thường vụ Tỉnh ủy Thanh Hóa"}


def test_the_body_an_event_named_at_length_belongs_to_takes_part():
    f = run("Ngày 15-11, tại Hà Nội, Hội nghị tổng kết công tác năm 2025 của Bộ Tư pháp đã diễn ra dưới sự chủ "
            "trì của Bộ trưởng Lạc Hải Ninh.", published=dt.date(2025, 12, 10))
    [e] = f.events
    assert (e.location, f.name(e.chair)) == ("Hà Nội", "Lạc Hải Ninh")
    assert {f.name(o) for o in e.organizations} == {"Bộ Tư pháp"}


def test_a_place_in_the_topic_is_not_where_the_event_is_and_a_bodys_short_name_keeps_a_list_going():
    f = run("Chiều 3/7, Bộ Công an tổ chức họp báo thông tin về vụ án xảy ra tại Công ty cổ phần Tập đoàn Phúc Hưng. "
            "Thiếu tướng Tô Ân Hòa, Chánh Văn phòng Bộ Công an chủ trì họp báo. Tham dự có đại diện Cục Cảnh sát "
            "điều tra tội phạm về tham nhũng, kinh tế, buôn lậu (C03) và Cục Truyền thông Công an nhân dân.",
            published=dt.date(2025, 7, 4))
    [e] = f.events
    assert (e.location, f.name(e.chair)) == (None, "Tô Ân Hòa")
    assert [f.name(o) for o in e.organizations] == [
        "Bộ Công an", "Cục Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu", "Cục Truyền thông Công an nhân dân"]


def test_departments_listed_by_field_and_bodies_after_a_semicolon_attend():
    f = run("Ngày 12/6, tại trụ sở UBND tỉnh, Phó Chủ tịch UBND tỉnh Lào Cai Hầu A Dình chủ trì cuộc họp về dự án "
            "đường cao tốc. Cùng dự có lãnh đạo các sở: Giao thông vận tải, Tài chính, Kế hoạch và Đầu tư; UBND các "
            "huyện Bảo Thắng, Bảo Yên.", published=dt.date(2025, 6, 13))
    [e] = f.events
    assert (e.location, f.name(e.chair)) == ("trụ sở UBND tỉnh", "Hầu A Dình")
    assert [f.name(o) for o in e.organizations] == [
        "Sở Giao thông vận tải", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "UBND huyện Bảo Thắng", "UBND huyện Bảo Yên"]
