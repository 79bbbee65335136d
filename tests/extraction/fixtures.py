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
