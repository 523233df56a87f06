"""``python -m raicourse.readability [ROOT] [--language en|fr] [--all]``: the plain-language report
(``make readability``). It prints each page's sentence lengths, the sentences over 30 words, the
glossary terms unlinked at their first use and the jargon found. It exits 0: the gate is the test
``tests/test_readability.py``, with its baseline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from raicourse.readability import CHILD_WORDS, GATE_WORDS, REPORT_WORDS, report_pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m raicourse.readability", description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", default=".", type=Path, help="the book root (holding _toc.yml)")
    parser.add_argument("--language", default="en", choices=("en", "fr"), help="sentence rules and jargon list")
    args = parser.parse_args(argv)
    reports = report_pages(args.root.resolve(), args.language)
    total_sentences = sum(len(r.sentences) for r in reports)
    over_gate = 0
    for report in reports:
        if not report.sentences:
            continue
        long = [s for s in report.sentences if s.words > (CHILD_WORDS if s.children else REPORT_WORDS)]
        print(f"\n{report.page}: {len(report.sentences)} sentences, mean {report.mean_sentence_words:.1f} words, "
              f"{len(long)} over {REPORT_WORDS} words (or {CHILD_WORDS} in words for children)")
        for sentence in long:
            limit = CHILD_WORDS if sentence.children else GATE_WORDS
            mark = ("  FAILS THE GATE (for children)" if sentence.children else "  FAILS THE GATE") if sentence.words > limit else ""
            over_gate += sentence.words > limit
            print(f"  line {sentence.line}: {sentence.words} words{mark}: {sentence.text}")
        for term, line in report.unlinked_terms:
            print(f"  line {line}: glossary term “{term}” used before it is linked (write {{term}}`{term}` at its first use)")
        for phrase, instead, line in report.jargon:
            print(f"  line {line}: “{phrase}”: say “{instead}”")
    unlinked = sum(len(r.unlinked_terms) for r in reports)
    print(f"\n{len(reports)} pages, {total_sentences} sentences; {over_gate} over {GATE_WORDS} words, "
          f"{unlinked} terms unlinked at first use (the gate's baseline: tests/readability_baseline.yaml).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
