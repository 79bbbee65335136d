"""Unit matching at city scale: ``python -m dangvu.extraction.units_bench [--units 3000]``.

Builds a synthetic tree of about 3,000 units (city bodies, wards with their Party committee,
People's Committee, Front, mass organisations and neighbourhood cells), then matches 300 names as
a text writes them (short names, abbreviations, no diacritics, generic addressees, units that are
not in the tree) with ``UnitIndex`` and, on a sample, with the former scan. Prints milliseconds per
name and how often both agree.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from dangvu.extraction.normalisation import strip_diacritics
from dangvu.extraction.units import UnitIndex, match_unit_by_scan

_SYLLABLES = (
    "An",
    "Bình",
    "Hòa",
    "Phú",
    "Thạnh",
    "Long",
    "Tân",
    "Mỹ",
    "Phước",
    "Hưng",
    "Thịnh",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Lộc",
    "Hải",
    "Sơn",
    "Thủy",
    "Minh",
    "Quang",
    "Thành",
    "Lợi",
    "Vĩnh",
    "Khánh",
    "Định",
    "Xuân",
    "Hiệp",
    "Thuận",
    "Lạc",
    "Hoàng",
    "Gia",
    "Kim",
    "Ngọc",
    "Lâm",
    "Đức",
    "Tiến",
)
_WARD_BODIES = (
    ("Đảng ủy phường {w}", None),
    ("Ủy ban nhân dân phường {w}", "UBND phường {w}"),
    ("Hội đồng nhân dân phường {w}", "HĐND phường {w}"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam phường {w}", "UBMTTQ phường {w}"),
    ("Ủy ban Kiểm tra Đảng ủy phường {w}", "UBKT Đảng ủy phường {w}"),
    ("Văn phòng Đảng ủy phường {w}", None),
    ("Hội Cựu chiến binh phường {w}", "Hội CCB phường {w}"),
    ("Hội Liên hiệp Phụ nữ phường {w}", "Hội LHPN phường {w}"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh phường {w}", "Đoàn TN phường {w}"),
    ("Hội Nông dân phường {w}", None),
    ("Công an phường {w}", None),
    ("Ban Chỉ huy Quân sự phường {w}", "BCHQS phường {w}"),
)


def synthetic_tree(units: int, seed: int = 2020) -> list[tuple[int, str, str | None]]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    tree: list[tuple[int, str, str | None]] = []
    for body in (
        "Sở Tài chính",
        "Sở Nội vụ",
        "Sở Y tế",
        "Sở Giáo dục và Đào tạo",
        "Công an thành phố",
    ):
        tree.append((len(tree) + 1, body, None))
    wards: set[str] = set()
    while len(tree) < units:
        ward = f"{rng.choice(_SYLLABLES)} {rng.choice(_SYLLABLES)}"
        if ward in wards:
            continue
        wards.add(ward)
        for full, short in _WARD_BODIES:
            tree.append(
                (len(tree) + 1, full.format(w=ward), short.format(w=ward) if short else None)
            )
        for n in range(1, 13):
            tree.append((len(tree) + 1, f"Chi bộ khu phố {n} phường {ward}", None))
    return tree[:units]


def queries(tree: list[tuple[int, str, str | None]], count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    out: list[str] = []
    while len(out) < count:
        _, full, short = rng.choice(tree)
        kind = rng.randrange(5)
        if kind == 0:
            out.append(short or full)
        elif kind == 1:
            out.append(strip_diacritics(full))
        elif kind == 2:
            out.append(full.replace("Ủy ban nhân dân", "UBND").replace("phường", "P."))
        elif kind == 3:
            out.append(
                rng.choice(["các cơ quan, đơn vị", "các sở, ngành liên quan", "Sở Xây dựng"])
            )
        else:
            out.append(full)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--names", type=int, default=300)
    parser.add_argument("--scan-sample", type=int, default=20)
    args = parser.parse_args(argv)
    tree = synthetic_tree(args.units)
    names = queries(tree, args.names)
    started = time.perf_counter()
    index = UnitIndex(tree)
    built = time.perf_counter() - started
    timings = []
    found = {}
    for name in names:
        t0 = time.perf_counter()
        found[name] = index.match(name)
        timings.append(time.perf_counter() - t0)
    scan_timings = []
    agree = 0
    sample = names[: args.scan_sample]
    for name in sample:
        t0 = time.perf_counter()
        by_scan = match_unit_by_scan(name, tree)
        scan_timings.append(time.perf_counter() - t0)
        agree += by_scan == found[name]
    ms = [t * 1000 for t in timings]
    print(
        f"unit matching, {len(tree)} units: index built in {built * 1000:.0f} ms; "
        f"{len(names)} names: mean {statistics.mean(ms):.2f} ms, "
        f"p95 {sorted(ms)[int(len(ms) * 0.95) - 1]:.2f} ms, max {max(ms):.2f} ms per name "
        f"(target <= 10 ms); former scan {statistics.mean(scan_timings) * 1000:.0f} ms per name "
        f"on {len(sample)} of them; same unit as the scan for {agree}/{len(sample)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
