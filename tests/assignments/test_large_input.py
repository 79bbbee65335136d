from django.test import Client
from django.urls import reverse

from dangvu.assignments.models import Task
from dangvu.org.models import Organisation


def test_a_5_mb_paste_gets_a_clear_message(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    sentence = (
        "Đồng chí Bí thư yêu cầu các cơ quan, đơn vị triển khai kế hoạch trước ngày 15/10/2020. "
    )
    text = (sentence * 60000)[: 5 * 1024 * 1024]
    response = office_client.post(
        reverse("assignments:import"), {"committee": demo["lb-qu"].pk, "text": text}
    )
    assert response.status_code == 200
    # refused by the form's bound (DANGVU_CONCLUSION_MAX_CHARS) before the extractor runs
    assert "Tối đa 100000 ký tự" in response.content.decode()
    assert not Task.objects.exists()
