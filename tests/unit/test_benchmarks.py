"""The helpers of ``make bench`` (benchmarks/quiz_page.py): they run only there, so their
logic is checked here. No timing is asserted (speed targets live in the benchmarks)."""

from __future__ import annotations

import gzip
import sys
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from quiz_page import PHONE_PROFILE, gzip_bytes, ratio_interval, served  # noqa: E402


def test_gzip_bytes_counts_each_local_file_once_and_ignores_other_hosts(tmp_path):
    (tmp_path / "book").mkdir()
    page = b"<p>" + b"plain words " * 200 + b"</p>"
    (tmp_path / "book" / "page.html").write_bytes(page)
    (tmp_path / "index.html").write_bytes(b"<p>home</p>")
    base = "http://127.0.0.1:8000"
    urls = [f"{base}/book/page.html", f"{base}/book/page.html", f"{base}/", f"{base}/missing.js",
            "https://cdn.example.org/book/page.html"]
    raw, packed = gzip_bytes(tmp_path, base, urls)
    assert raw == len(page) + len(b"<p>home</p>")
    assert packed == len(gzip.compress(page, 6)) + len(gzip.compress(b"<p>home</p>", 6))
    assert packed < raw


def test_ratio_interval_holds_the_ratio_and_narrows_with_less_noise():
    plain = [0.50, 0.52, 0.48, 0.51, 0.49, 0.50, 0.53, 0.47, 0.50, 0.51, 0.49]
    quiz = [p * 1.10 for p in plain]
    low, high = ratio_interval(plain, quiz)
    assert low <= 1.10 <= high
    assert high - low < 1e-9  # the same ratio in every pair: no spread

    noisy_quiz = [q + (0.08 if i % 2 else -0.08) for i, q in enumerate(quiz)]
    low, high = ratio_interval(plain, noisy_quiz)
    assert low < 1.10 < high
    assert ratio_interval(plain, noisy_quiz) == (low, high)  # fixed seed: the same report twice


def test_served_serves_the_folder_from_another_process_and_stops(tmp_path):
    (tmp_path / "hello.html").write_text("<p>hello</p>", encoding="utf-8")
    with served(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{base}/hello.html", timeout=10) as response:
            assert response.read() == b"<p>hello</p>"
    try:
        urllib.request.urlopen(f"{base}/hello.html", timeout=2)
    except OSError:
        pass
    else:
        raise AssertionError("the server still answers after the block")


def _get(url: str, accept_gzip: bool) -> tuple[bytes, str | None]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if accept_gzip else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read(), response.headers.get("Content-Encoding")


def test_the_compressing_server_gzips_text_files_for_clients_that_accept_it(tmp_path):
    page = "<p>" + "plain words " * 500 + "</p>"
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "book" / "index.html").write_text("<p>index</p>", encoding="utf-8")
    (tmp_path / "style.css").write_text("p { color: red; }", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG not really")
    with served(tmp_path, compress=True) as base:
        body, encoding = _get(f"{base}/book/page.html", accept_gzip=True)
        assert encoding == "gzip" and gzip.decompress(body) == page.encode() and len(body) < len(page)
        body, encoding = _get(f"{base}/style.css?v=123", accept_gzip=True)  # query strings as Sphinx writes them
        assert encoding == "gzip" and gzip.decompress(body) == b"p { color: red; }"
        assert _get(f"{base}/book/page.html", accept_gzip=False) == (page.encode(), None)
        assert _get(f"{base}/image.png", accept_gzip=True) == (b"\x89PNG not really", None)
        body, encoding = _get(f"{base}/book", accept_gzip=True)  # redirected to book/, as http.server does
        assert gzip.decompress(body) == b"<p>index</p>"


def test_the_phone_profile_is_lighthouses_slow_4g_with_its_devtools_adjustments():
    # GoogleChrome/lighthouse core/config/constants.js, throttling.mobileSlow4G
    assert PHONE_PROFILE["latency_ms"] == 562.5
    assert PHONE_PROFILE["download_kbps"] == 1.6 * 1024 * 0.9
    assert PHONE_PROFILE["upload_kbps"] == 675
    assert PHONE_PROFILE["cpu_slowdown"] == 4
    assert PHONE_PROFILE["viewport"] == {"width": 412, "height": 823}
