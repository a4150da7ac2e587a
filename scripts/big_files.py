#!/usr/bin/env python3
"""Writes the big test articles of the README's speed figures into a folder
(default /tmp/folio-big): the PolNeAR training articles (../shared/eval/
polnear-train/articles, never copied into the project) concatenated in name
order with blank lines between them, repeated and cut at a paragraph break
to 10 KB, 10 MB and 100 MB, and the same text with its line breaks made
spaces cut to a 1 MB single line.

usage: scripts/big_files.py [CORPUS_DIR] [OUT_DIR]
"""
import pathlib
import sys

corpus_dir = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/polnear-train/articles")
out = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/folio-big")
out.mkdir(parents=True, exist_ok=True)
corpus = b"".join(p.read_bytes() + b"\n\n" for p in sorted(corpus_dir.iterdir()) if p.is_file())


def repeated(size: int) -> bytes:
    text = bytearray()
    while len(text) < size:
        text += corpus
    return bytes(text)


for name, size in [("10k.txt", 10_000), ("10m.txt", 10_000_000), ("100m.txt", 100_000_000)]:
    text = repeated(size)
    cut = text.rfind(b"\n\n", 0, size)
    (out / name).write_bytes(text[: cut + 2])
line = repeated(1_000_000).replace(b"\n", b" ")[:1_000_000]
(out / "1m-line.txt").write_bytes(line.decode("utf-8", "ignore").encode() + b"\n")
print(out)
