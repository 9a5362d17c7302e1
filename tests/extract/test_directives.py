"""Directives: triggers as verbs, issuers, addressees, passives; statements are not directives."""
from conftest import run


def test_a_directive_names_its_issuer_and_addressee():
    f = run("Thủ tướng Chính phủ Hoàng Văn Bính giao Bộ Kế hoạch và Đầu tư chủ trì xây dựng đề án.")
    assert f.directives == [("Hoàng Văn Bính", "giao", "Bộ Kế hoạch và Đầu tư")]
    assert f.raw.directives[0].content.startswith("chủ trì xây dựng đề án")


def test_a_vague_group_is_no_addressee():
    f = run("Phó Thủ tướng Trần Minh Quý yêu cầu các bộ, ngành, địa phương đẩy nhanh giải ngân.")
    assert f.directives == [("Trần Minh Quý", "yêu cầu", None)]


def test_statements_are_not_directives():
    f = run("Chủ tịch Quốc hội Đỗ Văn Nam khẳng định Quốc hội sẽ đồng hành. Ông Nam nhấn mạnh yêu cầu đổi mới.")
    assert f.directives == []


def test_a_trigger_used_as_a_noun_is_no_directive():
    f = run("Bộ trưởng Bộ Nội vụ Vũ Hải Đăng cho biết các kiến nghị của tỉnh đã được tiếp thu. "
            "Đất nước bước vào giai đoạn mới với yêu cầu rất cao. Đối với đề xuất của tỉnh, Bộ sẽ xem xét. "
            "Phát biểu chỉ đạo, ông Đăng nhấn mạnh vai trò của cán bộ.")
    assert f.directives == []


def test_a_passive_directive_takes_the_issuer_of_the_passage():
    f = run("Thủ tướng Chính phủ Lê Hoàng Phúc giao Bộ Tài chính rà soát nguồn vốn. "
            "Ngân hàng Nhà nước Việt Nam được yêu cầu điều hành lãi suất linh hoạt.")
    assert ("Lê Hoàng Phúc", "yêu cầu", "Ngân hàng Nhà nước Việt Nam") in f.directives


def test_a_passive_without_a_named_addressee_is_not_listed():
    f = run("Cục trưởng Cục Điện lực Hà Văn Tâm cho biết các nhà máy đã được yêu cầu dự trữ than.")
    assert f.directives == []


def test_a_second_trigger_inside_the_content_is_not_a_directive():
    f = run("Phó Thủ tướng Vũ Đức Long yêu cầu UBND tỉnh Điện Biên chỉ đạo các sở rà soát quy hoạch.")
    assert f.directives == [("Vũ Đức Long", "yêu cầu", "UBND tỉnh Điện Biên")]


def test_dong_thoi_opens_a_second_directive_of_the_same_issuer():
    f = run("Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam Đào Văn Kiên đề nghị Hội Chữ thập đỏ Việt Nam "
            "tiếp nhận hàng cứu trợ, đồng thời yêu cầu công khai danh sách hộ được hỗ trợ.")
    assert f.directives == [("Đào Văn Kiên", "đề nghị", "Hội Chữ thập đỏ Việt Nam"),
                            ("Đào Văn Kiên", "yêu cầu", None)]


def test_a_body_can_issue_a_directive():
    f = run("Ban Bí thư yêu cầu các cấp ủy hoàn thành việc rà soát. Ban Bí thư giao Đảng ủy Chính phủ lãnh đạo "
            "sửa đổi quy định.")
    assert f.directives == [("Ban Bí thư", "yêu cầu", None), ("Ban Bí thư", "giao", "Đảng ủy Chính phủ")]


def test_a_directive_to_a_person():
    f = run("Trưởng Ban Tổ chức Trung ương Lò Văn Hùng đề nghị đồng chí Sùng A Lử phát huy kinh nghiệm.")
    assert f.directives == [("Lò Văn Hùng", "đề nghị", "Sùng A Lử")]


def test_a_bare_local_addressee_is_the_body_of_the_province_in_context():
    f = run("Chủ tịch HĐND tỉnh Kon Tum A Pớt dự họp. Bí thư Tỉnh ủy Kon Tum Y Thảo đề nghị HĐND tỉnh ban hành nghị quyết.")
    assert ("Y Thảo", "đề nghị", "HĐND tỉnh Kon Tum") in f.directives


def test_upward_proposals_are_directives_too():
    f = run("Phó Chủ tịch UBND tỉnh Ninh Bình Đinh Văn Điền kiến nghị Bộ Giao thông vận tải sớm phê duyệt dự án; "
            "đồng thời đề xuất Bộ Tài chính bổ sung vốn.")
    assert f.directives == [("Đinh Văn Điền", "kiến nghị", "Bộ Giao thông vận tải"),
                            ("Đinh Văn Điền", "đề xuất", "Bộ Tài chính")]


def test_giao_needs_an_addressee():
    f = run("Phát biểu giao nhiệm vụ, Bộ trưởng Bộ Y tế Tô Thị Lan đề nghị Cục Quản lý dược tăng cường kiểm tra.")
    assert f.directives == [("Tô Thị Lan", "đề nghị", "Cục Quản lý dược")]


def test_a_passive_with_its_agent_named():
    f = run("Thủ tướng Chính phủ Lã Thanh Bình dự họp. Bộ Tài chính được Thủ tướng giao chủ trì xây dựng đề án.")
    assert f.directives == [("Lã Thanh Bình", "giao", "Bộ Tài chính")]


def test_a_body_in_brackets_describes_the_speaker_and_is_not_the_issuer():
    f = run("Phát biểu tại phiên họp, đại biểu Trần Văn Lâm (Đoàn ĐBQH tỉnh Bắc Ninh) đề nghị "
            "Chính phủ làm rõ khái niệm dữ liệu cốt lõi.")
    assert f.directives == [("Trần Văn Lâm", "đề nghị", "Chính phủ")]


def test_a_trigger_word_inside_a_body_name_is_no_verb():
    f = run("Phó Trưởng Ban Chỉ đạo Tây Nguyên Đinh Văn Ka dự họp.")
    assert f.directives == []


def test_directing_a_meeting_is_no_directive():
    f = run("Phó Thủ tướng Chính phủ Lò Thị Hà dự và chỉ đạo hội nghị.")
    assert f.directives == []


def test_a_bare_bo_is_the_ministry_named_before():
    f = run("Đại biểu Lò Thị Mơ đề nghị Bộ trưởng Bộ Giáo dục và Đào tạo làm rõ giải pháp. "
            "Đại biểu Phạm Văn Hoan (Đoàn ĐBQH tỉnh Đồng Tháp) đề nghị Bộ sớm ban hành quy định về dạy thêm.")
    assert ("Phạm Văn Hoan", "đề nghị", "Bộ Giáo dục và Đào tạo") in f.directives


def test_a_sentence_opening_with_the_verb_goes_on_with_the_directives_before():
    f = run("Phát biểu kết luận, ông Lò Văn Tám yêu cầu Sở Xây dựng rà soát các công trình. Đồng thời giao "
            "Sở Y tế chủ trì, phối hợp với Sở Tài chính kiểm tra giá thuốc.")
    assert f.directives == [("Lò Văn Tám", "yêu cầu", "Sở Xây dựng"), ("Lò Văn Tám", "giao", "Sở Y tế")]


def test_a_verb_opening_a_sentence_after_one_without_directives_has_no_issuer_carried_over():
    f = run("Ông Lò Văn Tám yêu cầu Sở Xây dựng rà soát các công trình. Các đại biểu thảo luận sôi nổi. "
            "Đồng thời giao Sở Y tế kiểm tra giá thuốc.")
    assert f.directives == [("Lò Văn Tám", "yêu cầu", "Sở Xây dựng")]
