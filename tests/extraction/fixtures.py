# ruff: noqa: E501  (prose fixtures keep their natural line breaks)
"""Short Vietnamese texts written for these tests (not taken from any corpus)."""

from __future__ import annotations

SEED_LIKE = """URL: https://example.invalid/hoi-nghi

Sáng ngày 11/9/2020, đồng chí Ngô Mạnh Điềm - Phó Bí thư Thường trực Quận ủy đã chủ trì \
hội nghị bàn nhiệm vụ trọng tâm 3 tháng cuối năm 2020.

Các đại biểu đã thảo luận, bổ sung nhiều ý kiến vào dự thảo báo cáo 9 tháng đầu năm.

Kết luận hội nghị, đồng chí Ngô Mạnh Điềm - Phó Bí thư Thường trực Quận ủy đề nghị các ban, \
ngành, đoàn thể quận tập trung thực hiện tốt các nhiệm vụ trong 3 tháng cuối năm 2020:

1. Hoàn thiện dự thảo báo cáo chính trị trình Ban Thường vụ Quận ủy.
2. Tổ chức kiểm tra việc thực hiện quy chế dân chủ ở cơ sở.
3. Chuẩn bị tốt các điều kiện tổ chức hội nghị tổng kết năm.
4. Tăng cường công tác tuyên truyền trên địa bàn quận."""

DIRECTIVE = """UBND quận có ý kiến như sau:

Giao UBND phường Ngọc Lâm chủ trì, phối hợp với Phòng Tài nguyên và Môi trường, Công an quận \
xây dựng kế hoạch giải tỏa vi phạm hành lang giao thông, báo cáo UBND quận trước ngày 15/10/2020./."""

PROSE = """Ngày 5/3/2021, Đảng ủy phường Bồ Đề tổ chức hội nghị giao ban quý I. Đồng chí Trần Văn Bình, \
Bí thư Đảng ủy phường chủ trì hội nghị.

Đồng chí Trần Văn Bình yêu cầu các chi bộ tập trung rà soát đảng viên, hoàn thành trong tháng 4. \
Đề nghị Ủy ban MTTQ phường phối hợp với các đoàn thể tổ chức Ngày hội Đại đoàn kết; giao Văn \
phòng Đảng ủy theo dõi, đôn đốc, tổng hợp báo cáo trong quý II/2021. Làm rõ trách nhiệm của người đứng \
đầu khi để xảy ra vi phạm."""

LETTERED = """Kết luận cuộc họp ngày 20/4/2022, đồng chí Lê Thị Hoa - Chủ tịch UBND xã yêu cầu:
a) Công an xã tăng cường tuần tra, kiểm soát trên địa bàn.
b) Ban Văn hóa xã xây dựng kế hoạch tổ chức lễ hội, xong trước ngày 30/4/2022.
c) Tiếp tục vận động nhân dân giữ gìn vệ sinh môi trường."""

BULLETED = """Ngày 02/6/2023, Thường trực Huyện ủy họp giao ban. Kết luận cuộc họp, đồng chí \
Phạm Quang Huy - Bí thư Huyện ủy đề nghị các cơ quan, đơn vị thực hiện tốt một số nội dung sau:
- Phòng Nội vụ huyện tham mưu kiện toàn tổ chức bộ máy trước ngày 25.6.
+ Các xã, thị trấn rà soát danh sách hộ nghèo trong 6 tháng cuối năm.
• Khẩn trương hoàn thành công tác giải phóng mặt bằng."""

GUEST_ONLY = """Chiều 14/8/2022, Đảng ủy xã Hòa An tổ chức hội nghị sơ kết 6 tháng. Phát biểu chỉ đạo \
hội nghị, đồng chí Vũ Văn Nam, Ủy viên Ban Thường vụ Huyện ủy đề nghị Đảng ủy xã tiếp tục lãnh \
đạo thực hiện tốt nhiệm vụ phát triển kinh tế - xã hội."""

REPORT_ONLY = """Năm 2022, Đảng bộ xã đã lãnh đạo hoàn thành 18/20 chỉ tiêu. Công tác xây dựng Đảng \
được quan tâm. An ninh chính trị, trật tự an toàn xã hội được giữ vững."""

# Directives written as plain paragraphs after a frame, each sentence opening with its action.
PLAIN_PARAGRAPHS = """URL: https://example.invalid/giai-ngan

UBND tỉnh họp bàn giải pháp thúc đẩy giải ngân vốn đầu tư công năm 2024

Chiều ngày 20/2, UBND tỉnh tổ chức cuộc họp đánh giá tình hình giải ngân vốn đầu tư công. Chủ tịch \
UBND tỉnh Lê Văn Hòa dự và điều hành cuộc họp.

Tại cuộc họp, các đại biểu đã thảo luận, làm rõ nguyên nhân chậm giải ngân.

Theo đó, Chủ tịch UBND tỉnh Lê Văn Hòa yêu cầu các sở, ngành, địa phương quyết liệt hơn nữa trong \
công tác giải ngân. Triển khai đồng bộ các giải pháp đẩy nhanh tiến độ thi công các công trình \
trọng điểm. Tiếp tục rà soát, điều chuyển vốn từ các dự án chậm giải ngân sang các dự án có khả \
năng giải ngân tốt. Đẩy nhanh công tác bồi thường, giải phóng mặt bằng. Thời gian hoàn thành trước \
ngày 30/6/2024. Giải quyết dứt điểm các vướng mắc về thủ tục đầu tư. Sở Kế hoạch và Đầu tư chủ trì, \
phối hợp với Sở Tài chính tổng hợp tình hình, báo cáo UBND tỉnh trước ngày 15/3/2024."""

# The host's leader gives the directives without "chủ trì"; the date has no year anywhere.
HOST_LEADER_NO_YEAR = """URL: https://example.invalid/so-ket-2024

Sáng 15-8, Huyện ủy Tân Phước tổ chức hội nghị sơ kết công tác 6 tháng đầu năm.

Theo báo cáo, 6 tháng qua, các chỉ tiêu đều đạt và vượt kế hoạch đề ra.

Phát biểu tại hội nghị, đồng chí Đỗ Thị Mai, Phó Bí thư Thường trực Huyện ủy yêu cầu các cấp ủy \
trực thuộc tập trung lãnh đạo thực hiện hoàn thành các chỉ tiêu năm.

Tăng cường công tác kiểm tra, giám sát việc thực hiện nhiệm vụ chính trị ở cơ sở.

Một là, thực hiện tốt công tác chuẩn bị nhân sự đại hội chi bộ nhiệm kỳ tới.

Các xã, thị trấn rà soát, bổ sung quy hoạch cán bộ; báo cáo kết quả về Ban Tổ chức Huyện ủy \
trước ngày 30/9."""

# A visiting superior who only "phát biểu chỉ đạo" is not the chair.
VISITOR_ONLY = """Ngày 10/3/2023, Đảng ủy xã Phú Lộc tổ chức hội nghị tổng kết công tác năm 2022.

Dự hội nghị có đồng chí Phan Văn Tùng, Ủy viên Ban Thường vụ Huyện ủy.

Phát biểu chỉ đạo hội nghị, đồng chí Phan Văn Tùng, Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban \
Tuyên giáo Huyện ủy đề nghị Đảng ủy xã tiếp tục đổi mới phương thức lãnh đạo, nâng cao chất lượng \
sinh hoạt chi bộ."""

# A chair known only by title has no name to report.
TITLE_ONLY_CHAIR = """Chiều ngày 3/4/2025, Ban Thường vụ Thành ủy họp cho ý kiến về công tác cán bộ. \
Đồng chí Bí thư Thành ủy chủ trì cuộc họp.

Đồng chí Bí thư Thành ủy yêu cầu Ban Tổ chức Thành ủy hoàn thiện hồ sơ nhân sự trước ngày 20/4/2025."""

# The year of the meeting comes from the text's own title; a term ("nhiệm kỳ 2021 - 2026") is not a
# year of the meeting.
YEAR_FROM_TITLE = """Hội nghị Ban Chấp hành Đảng bộ phường lần thứ 12 năm 2025

Chiều ngày 20/2, Ban Chấp hành Đảng bộ phường Hòa Bình tổ chức hội nghị lần thứ 12."""

TERM_YEAR_ONLY = """Thường trực HĐND huyện họp thống nhất nội dung kỳ họp, nhiệm kỳ 2021 - 2026

Sáng ngày 12/3, Thường trực HĐND huyện tổ chức phiên họp thường kỳ. Đồng chí Hà Văn Lâm, Chủ tịch \
HĐND huyện chủ trì phiên họp."""

# A frame written with a full stop ("... các nhiệm vụ sau.") before sentences that open with the
# action, in the same paragraph and in the paragraphs after it.
FRAME_WITH_FULL_STOP = """Chiều 9/10/2024, UBND huyện Đông Hải họp giao ban tháng 10. Chủ tịch UBND huyện Tô Minh \
Quân chủ trì cuộc họp.

Kết luận cuộc họp, UBND huyện yêu cầu các phòng, ban, các xã tập trung thực hiện các nhiệm vụ sau. \
Đẩy mạnh thu ngân sách, phấn đấu hoàn thành dự toán năm 2024. Tăng cường kiểm tra an toàn thực phẩm.

Rà soát các hộ nghèo, cận nghèo, hoàn thành trong tháng 11/2024."""
