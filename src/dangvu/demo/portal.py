"""Chapter 4 of the Long Biên story: the portal publishes what happened.

The seed article is drafted from the demo conference by the portal's own service, given the photo
caption the district portal used, and published on 12/09/2020 at 09:38 with 2,402 views (the
figure the article showed). The photo is a drawn placeholder. The twenty other articles are
sample texts written for the demo (not taken from any portal), spread over the categories and
over the autumn of 2020, plus a few recent ones so that "most read this week" has something to
rank. The issued notice and report are published under "Văn bản".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from zoneinfo import ZoneInfo

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.signal_handlers import disable_reference_index_auto_update

from dangvu.core import policy
from dangvu.demo.chapters import Story
from dangvu.documents.numbering import format_number
from dangvu.meetings.models import Conclusion
from dangvu.portal import services
from dangvu.portal.models import ArticlePage, ArticleView, CategoryPage
from dangvu.portal.permissions import PortalRole

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SEED_PUBLISHED_AT = dt.datetime(2020, 9, 12, 9, 38, tzinfo=TZ)
SEED_VIEWS = 2402
PHOTO_CAPTION = "Đồng chí Ngô Mạnh Điềm - Phó Bí thư Thường trực Quận ủy kết luận hội nghị"
PHOTO_ALT = "Đồng chí Phó Bí thư Thường trực Quận ủy phát biểu tại hội nghị (ảnh minh họa)"

# (category, published at (day, month, hour, minute) in 2020, title, lead, paragraph) — sample
# articles written for the demo.
ARTICLES = [
    ("tin-tuc-su-kien", (2, 9, 8, 15), "Quận Long Biên tổ chức Lễ chào cờ mừng Quốc khánh 2/9",
     "Sáng 2/9, tại Quảng trường Quận, cán bộ, công chức và nhân dân Quận đã dự Lễ chào cờ "
     "kỷ niệm 75 năm Cách mạng Tháng Tám thành công và Quốc khánh nước Cộng hòa xã hội chủ nghĩa "
     "Việt Nam.",
     "Buổi lễ diễn ra trang trọng, bảo đảm các quy định phòng, chống dịch bệnh. Các đại biểu "
     "ôn lại truyền thống vẻ vang của dân tộc và bày tỏ quyết tâm thực hiện thắng lợi nhiệm vụ "
     "phát triển kinh tế - xã hội năm 2020."),
    ("tin-tuc-su-kien", (5, 9, 7, 30), "Học sinh Long Biên tựu trường năm học mới 2020-2021",
     "Hơn 60.000 học sinh các cấp trên địa bàn Quận đã tựu trường trong không khí phấn khởi, "
     "an toàn.",
     "Các nhà trường đã chuẩn bị chu đáo cơ sở vật chất, vệ sinh lớp học, bố trí khu vực đo "
     "thân nhiệt và hướng dẫn học sinh thực hiện khuyến cáo phòng dịch."),
    ("tin-tuc-su-kien", (18, 9, 10, 5), "Ra quân tổng vệ sinh môi trường mùa thu",
     "Hưởng ứng phong trào “Ngày Chủ nhật xanh”, các phường đồng loạt ra quân dọn dẹp vệ sinh "
     "đường phố, ngõ xóm và khu vực công cộng.",
     "Lực lượng đoàn viên thanh niên, hội viên phụ nữ và cựu chiến binh đã thu gom hàng chục "
     "tấn rác thải, phát quang nhiều điểm tập kết rác tự phát ven đê."),
    ("tin-tuc-su-kien", (8, 10, 15, 20), "Khánh thành nhà văn hóa tổ dân phố sau sắp xếp",
     "Nhà văn hóa mới được xây dựng từ nguồn ngân sách Quận và đóng góp của nhân dân, phục vụ "
     "sinh hoạt chung của hai tổ dân phố sau sắp xếp.",
     "Công trình có hội trường 150 chỗ ngồi, sân tập thể thao và khu vui chơi cho thiếu nhi; "
     "bà con đánh giá cao sự quan tâm của cấp ủy, chính quyền."),
    ("tin-tuc-su-kien", (20, 10, 9, 0), "Tôn vinh phụ nữ tiêu biểu nhân ngày 20/10",
     "Hội Liên hiệp Phụ nữ Quận tổ chức gặp mặt, biểu dương 90 hội viên tiêu biểu trong lao "
     "động, sản xuất và công tác xã hội.",
     "Các tấm gương được biểu dương đến từ nhiều lĩnh vực: giáo dục, y tế, kinh doanh và "
     "hoạt động tình nguyện tại khu dân cư."),
    ("dang-doan-the", (3, 9, 14, 10), "Ban Tuyên giáo Quận ủy triển khai công tác tuyên truyền sau Đại hội",
     "Ban Tuyên giáo Quận ủy đã ban hành kế hoạch tuyên truyền kết quả Đại hội Đảng bộ Quận lần "
     "thứ IV, nhiệm kỳ 2020-2025 đến các chi bộ, đảng bộ cơ sở.",
     "Kế hoạch yêu cầu các cơ sở đảng đa dạng hình thức tuyên truyền, chú trọng trang thông tin "
     "điện tử, bản tin nội bộ và sinh hoạt chi bộ định kỳ."),
    ("dang-doan-the", (16, 9, 16, 45), "Hội nghị giao ban công tác xây dựng Đảng tháng 9",
     "Thường trực Quận ủy chủ trì giao ban với các ban xây dựng Đảng, Văn phòng Quận ủy và "
     "Trung tâm Chính trị Quận.",
     "Hội nghị thống nhất lịch triển khai các chương trình công tác toàn khóa và phân công theo "
     "dõi việc thực hiện kết luận của Thường trực Quận ủy."),
    ("dang-doan-the", (25, 9, 8, 40), "Khai giảng lớp bồi dưỡng kết nạp Đảng",
     "Trung tâm Chính trị Quận khai giảng lớp bồi dưỡng nhận thức về Đảng cho 120 quần chúng ưu "
     "tú của các chi bộ, đảng bộ cơ sở.",
     "Trong thời gian học, học viên được nghiên cứu những vấn đề cơ bản về Đảng Cộng sản Việt "
     "Nam, Điều lệ Đảng và nhiệm vụ của người đảng viên."),
    ("dang-doan-the", (9, 10, 9, 25), "Ủy ban Kiểm tra Quận ủy triển khai chương trình giám sát",
     "Ủy ban Kiểm tra Quận ủy quán triệt chương trình kiểm tra, giám sát giai đoạn 2020-2025 "
     "tới ủy ban kiểm tra các đảng ủy cơ sở.",
     "Chương trình tập trung vào việc thực hiện nguyên tắc tập trung dân chủ, công tác cán bộ "
     "và quản lý đất đai, trật tự xây dựng."),
    ("dang-doan-the", (30, 10, 14, 0), "Sơ kết công tác dân vận 10 tháng năm 2020",
     "Ban Dân vận Quận ủy đánh giá kết quả thực hiện “Năm Dân vận khéo” và bàn nhiệm vụ những "
     "tháng cuối năm.",
     "Nhiều mô hình dân vận khéo được nhân rộng, nhất là trong giải phóng mặt bằng và vận động "
     "nhân dân chung tay phòng, chống dịch bệnh."),
    ("chinh-quyen", (7, 9, 10, 30), "UBND Quận đối thoại với doanh nghiệp về thủ tục hành chính",
     "UBND Quận tổ chức hội nghị đối thoại, tháo gỡ khó khăn về thủ tục đất đai, xây dựng cho "
     "các doanh nghiệp trên địa bàn.",
     "Các phòng chuyên môn đã trả lời trực tiếp nhiều kiến nghị và cam kết rút ngắn thời gian "
     "giải quyết hồ sơ tại bộ phận một cửa."),
    ("chinh-quyen", (22, 9, 15, 5), "Đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm",
     "Quận tập trung tháo gỡ vướng mắc, bảo đảm bàn giao mặt bằng đúng tiến độ cho các dự án "
     "giao thông và hạ tầng xã hội.",
     "Các phường được yêu cầu công khai phương án bồi thường, tổ chức đối thoại với từng hộ dân "
     "và kịp thời báo cáo những trường hợp phức tạp."),
    ("chinh-quyen", (6, 10, 9, 50), "Kiểm tra công tác phòng cháy, chữa cháy tại khu dân cư",
     "Đoàn kiểm tra liên ngành của Quận đã kiểm tra điều kiện an toàn phòng cháy tại các nhà "
     "trọ, cơ sở kinh doanh kết hợp nhà ở.",
     "Đoàn đề nghị các hộ kinh doanh trang bị bình chữa cháy, mở lối thoát nạn thứ hai và tham "
     "gia tập huấn kỹ năng thoát hiểm."),
    ("chinh-quyen", (27, 10, 11, 15), "Quận triển khai chuyển đổi số trong giải quyết thủ tục hành chính",
     "Từ tháng 11, người dân có thể nộp hồ sơ trực tuyến mức độ 3, 4 đối với nhiều thủ tục "
     "thuộc thẩm quyền của Quận và phường.",
     "Bộ phận một cửa bố trí cán bộ hướng dẫn, hỗ trợ người cao tuổi sử dụng dịch vụ công trực "
     "tuyến và thanh toán không dùng tiền mặt."),
    ("mat-tran-doan-the", (10, 9, 9, 10), "Mặt trận Tổ quốc Quận phát động ủng hộ đồng bào miền Trung",
     "Ủy ban MTTQ Quận phát động cán bộ, đoàn viên, hội viên và nhân dân ủng hộ đồng bào các "
     "tỉnh miền Trung bị thiệt hại do mưa lũ.",
     "Chỉ sau một tuần, Quận đã tiếp nhận nhiều tấm lòng hảo tâm, được chuyển kịp thời tới "
     "các địa phương bị ảnh hưởng."),
    ("mat-tran-doan-the", (19, 9, 8, 0), "Quận đoàn tổ chức ngày hội hiến máu tình nguyện",
     "Hàng trăm đoàn viên, thanh niên đã tham gia ngày hội hiến máu do Quận đoàn phối hợp với "
     "Trung tâm Y tế Quận tổ chức.",
     "Ngày hội góp phần bổ sung nguồn máu dự trữ cho các bệnh viện trong những tháng cuối năm, "
     "lan tỏa tinh thần sẻ chia trong tuổi trẻ."),
    ("mat-tran-doan-the", (12, 10, 14, 30), "Hội Cựu chiến binh Quận sơ kết phong trào thi đua",
     "Hội Cựu chiến binh Quận biểu dương các tập thể, cá nhân tiêu biểu trong phong trào "
     "“Cựu chiến binh gương mẫu”.",
     "Hội viên cựu chiến binh tích cực tham gia giữ gìn an ninh trật tự, hòa giải ở cơ sở và "
     "giúp nhau phát triển kinh tế gia đình."),
    ("mat-tran-doan-the", (15, 11, 8, 30), "Ngày hội Đại đoàn kết toàn dân tộc tại các khu dân cư",
     "Nhân kỷ niệm 90 năm Ngày truyền thống MTTQ Việt Nam, các khu dân cư đồng loạt tổ chức Ngày "
     "hội Đại đoàn kết toàn dân tộc.",
     "Ngày hội là dịp biểu dương gia đình văn hóa, trao quà cho hộ nghèo và thắt chặt tình làng "
     "nghĩa xóm."),
    ("tin-tuc-su-kien", (1, 12, 9, 0), "Quận Long Biên chuẩn bị các hoạt động chào đón năm mới",
     "Quận triển khai kế hoạch trang trí đô thị, tổ chức các hoạt động văn hóa, thể thao chào "
     "đón năm mới 2021.",
     "Các hoạt động được tổ chức phù hợp với tình hình dịch bệnh, chú trọng chăm lo cho gia đình "
     "chính sách và người có hoàn cảnh khó khăn."),
    ("chinh-quyen", (10, 12, 10, 0), "HĐND Quận tiếp xúc cử tri trước kỳ họp cuối năm",
     "Các tổ đại biểu HĐND Quận đã tiếp xúc cử tri tại các phường, lắng nghe ý kiến, kiến nghị "
     "trước kỳ họp thường lệ cuối năm 2020.",
     "Cử tri quan tâm tới chất lượng hạ tầng dân sinh, vệ sinh môi trường và tiến độ cấp giấy "
     "chứng nhận quyền sử dụng đất."),
]  # fmt: skip


def _placeholder_photo() -> ImageFile:
    """A drawn picture (a meeting table and a lectern): the demo holds no real photograph."""
    picture = PILImage.new("RGB", (960, 600), (236, 230, 214))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, 960, 220), fill=(165, 14, 14))
    draw.rectangle((380, 60, 580, 170), fill=(255, 212, 0))
    draw.rectangle((120, 380, 840, 460), fill=(120, 82, 48))
    for x in range(170, 820, 90):
        draw.ellipse((x, 300, x + 50, 350), fill=(60, 60, 70))
    draw.rectangle((60, 280, 150, 560), fill=(100, 66, 40))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return ImageFile(buffer, name="hoi-nghi-11-9-2020.jpg")


def _views(article: ArticlePage, count: int, first_day: dt.date, span: int, salt: str) -> None:
    rows = [
        ArticleView(
            article=article,
            day=first_day + dt.timedelta(days=n % span),
            visitor=hashlib.sha256(f"{salt}-{n}".encode()).hexdigest()[:32],
        )
        for n in range(count)
    ]
    ArticleView.objects.bulk_create(rows, batch_size=1000)


def _publish(article: ArticlePage, at: dt.datetime, by: object) -> None:
    article.first_published_at = at
    revision = article.save_revision(user=by)
    revision.publish(user=by)


def _create_published(category: CategoryPage, article: ArticlePage, at: dt.datetime) -> None:
    """A sample article, live from its creation with one revision (one save instead of the
    three of draft → revision → publish: the demo stays fast)."""
    article.live = True
    article.has_unpublished_changes = False
    article.first_published_at = article.last_published_at = at
    category.add_child(instance=article)
    revision = article.save_revision(changed=False, clean=False)
    ArticlePage.objects.filter(pk=article.pk).update(live_revision=revision)


def load(story: Story) -> None:
    orgs = story["orgs"]
    accounts = story["accounts"]
    office = accounts.get("vanphong")
    reviewer = accounts.get("duyetbai")
    portal = services.portal_create(
        committee=orgs["lb-qu"],
        title="Quận ủy Long Biên",
        slug="long-bien",
        tagline="Trang thông tin điện tử Quận ủy Long Biên (dữ liệu mẫu)",
        by=policy.DEMO,
    )
    for username, role in (
        ("vanphong", PortalRole.WRITER),
        ("duyetbai", PortalRole.REVIEWER),
        ("baocao", PortalRole.CONTRIBUTOR),
    ):
        if username in accounts:
            services.portal_role_grant(
                portal=portal, user=accounts[username], role=role, by=policy.DEMO
            )
    story["portal"] = portal

    categories = {page.slug: page for page in CategoryPage.objects.child_of(portal)}
    for slug, (day, month, hour, minute), title, lead, paragraph in ARTICLES:
        year = 2020
        article = ArticlePage(title=title, lead=lead, body=[("text", f"<p>{paragraph}</p>")])
        article.slug = services._unique_slug(categories[slug], title)
        at = dt.datetime(year, month, day, hour, minute, tzinfo=TZ)
        with disable_reference_index_auto_update():
            _create_published(categories[slug], article, at)
        _views(article, 40 + (day * 37 + month * 11) % 400, dt.date(year, month, day), 20, title)

    conference = story.get("conference")
    if conference is not None:
        article = services.article_from_conference(conference=conference, by=office)
        photo = Image(title=PHOTO_CAPTION, description=PHOTO_ALT, file=_placeholder_photo())
        photo.save()
        blocks = [(block.block_type, block.value) for block in article.body]
        html = blocks[0][1].source
        split = html.index("<p>Phát biểu kết luận")
        article.body = [
            ("text", html[:split]),
            ("image", {"image": photo, "alt": PHOTO_ALT, "caption": PHOTO_CAPTION}),
            ("text", html[split:]),
        ]
        _publish(article, SEED_PUBLISHED_AT, reviewer)
        _views(article, SEED_VIEWS, SEED_PUBLISHED_AT.date(), 60, "seed")
        story["seed_article"] = article
        conclusion = Conclusion.objects.filter(conference=conference).first()
        number = conclusion.number if conclusion is not None else None
        if conclusion is not None and number is not None and conclusion.issued_on is not None:
            services.document_publish(
                committee=orgs["lb-qu"],
                number=f"Số {format_number(number)}",
                issued_on=conclusion.issued_on,
                summary="Thông báo kết luận của đồng chí Phó Bí thư Thường trực Quận ủy tại hội "
                "nghị thảo luận dự thảo báo cáo 9 tháng đầu năm 2020",
                conclusion=conclusion,
                by=policy.DEMO,
            )
    issued = story.get("issued_report")
    if issued is not None:
        services.document_publish(
            committee=orgs["lb-qu"],
            number=str(issued),
            issued_on=issued.issued_on,
            summary=issued.period.title,
            issued_report=issued,
            by=policy.DEMO,
        )
    # A few views this week, so that "most read this week" ranks something today.
    today = timezone.localdate()
    recent = list(ArticlePage.objects.filter(portal=portal, live=True).order_by("pk")[:5])
    for rank, article in enumerate(recent):
        _views(article, 30 - 5 * rank, today - dt.timedelta(days=6), 7, f"week-{article.pk}")
