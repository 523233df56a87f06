"""A static web server that compresses text files with gzip, as real hosts do (``make bench``).

``python -m http.server`` sends every file uncompressed. That is fine on a fast local
link, but under an emulated phone network the page would pay for bytes that no real host
sends. This server gzips text files (level 6, once each, kept in memory) for clients that
accept it, and serves everything else as ``http.server`` does. Like GitHub Pages (where the
course is published), every response may be cached for 10 minutes (``Cache-Control:
max-age=600``) and carries its ``Last-Modified`` date, so a second page reuses the first's files.

Run: ``python benchmarks/static_server.py DIRECTORY PORT`` (binds 127.0.0.1 only).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import sys
from pathlib import Path

COMPRESSED_SUFFIXES = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt", ".xml", ".map", ".ttf", ".otf"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """``SimpleHTTPRequestHandler`` with ``Content-Encoding: gzip`` for text files."""

    compressed: dict[Path, bytes] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # noqa: ANN201 (the base class returns a file object or None)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the folder's URL
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.suffix in COMPRESSED_SUFFIXES and path.is_file()):
            return super().send_head()
        body = self.compressed.get(path)
        if body is None:
            body = self.compressed[path] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def main(argv: list[str]) -> None:
    directory, port = argv[0], int(argv[1])
    handler = functools.partial(GzipHandler, directory=directory)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
