"""The baseline the build is measured against: the plain spaCy model over every article text.

    python -m bench.baseline FEED_DIR [--processes 2] [--batch-size 64]

Reads the `text` of every record of the .jsonl files of FEED_DIR, runs
`nlp.pipe` of the plain English model over them (no gate, no gazetteer, no
extraction) and prints one JSON line: articles, words, load and parse seconds.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy

from transforms.nlp import DEFAULT_MODEL


def feed_texts(feed_dir: Path) -> list[str]:
    return [
        json.loads(line)["text"]
        for path in sorted(feed_dir.rglob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("feed", type=Path)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    nlp = spacy.load(args.model)
    texts = feed_texts(args.feed)
    loaded = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=args.processes, batch_size=args.batch_size))
    parsed = time.perf_counter()
    print(json.dumps({
        "articles": len(texts), "words": sum(len(text.split()) for text in texts), "tokens": tokens,
        "load_seconds": round(loaded - started, 3), "parse_seconds": round(parsed - loaded, 3),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
