#!/usr/bin/env python3
"""Speaker accuracy on PolNeAR by kind of quotation, from folio's exports.

Usage: scripts/speaker_kinds.py PRED_DIR [POLNEAR_DIR]

PRED_DIR holds one TOML export per article, as `scripts/eval_speakers.sh
POLNEAR_DIR PRED_DIR` leaves it; POLNEAR_DIR defaults to
../shared/eval/polnear-train beside the repository. The corpus scorer
(POLNEAR_DIR/score.py) is imported for reading, matching and judging, so a
quotation counts as right exactly when the scorer counts it; only gold speech
quotations with a speaker, matched on their exact span, are counted. Kinds
(a quotation may have several):

- named: the gold source is a name;
- pronoun: the gold source is a pronoun (he, she, they, ...);
- nominal: the gold speaker is a description (scorer's nominal key);
- short partial: at most six words, no final punctuation inside, opened
  after a lower-case word (quoted words inside a paraphrase);
- follow-on: the quotation is its whole paragraph.
"""

import importlib.util
import json
import os
import re
import sys

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}


def load_scorer(polnear):
    spec = importlib.util.spec_from_file_location("score", os.path.join(polnear, "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kinds(text, quote, key):
    out = []
    source = (quote.get("source_text") or "").strip().lower()
    if source in PRONOUNS:
        out.append("pronoun")
    elif key[0] == "name":
        out.append("named")
    if key[0] == "nominal":
        out.append("nominal")
    inner = text[quote["start"] + 1 : quote["end"] - 1]
    before = text[max(0, quote["start"] - 40) : quote["start"]].split()
    if (
        len(inner.split()) <= 6
        and not re.search(r"[.!?]", inner)
        and before
        and before[-1][:1].islower()
    ):
        out.append("short partial")
    para_start = text.rfind("\n", 0, quote["start"]) + 1
    para_end = text.find("\n", quote["end"])
    para_end = len(text) if para_end < 0 else para_end
    if not text[para_start : quote["start"]].strip() and not text[quote["end"] : para_end].strip():
        out.append("follow-on")
    return out


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    pred_dir = argv[1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    polnear = argv[2] if len(argv) > 2 else os.path.join(root, "..", "shared", "eval", "polnear-train")
    scorer = load_scorer(polnear)
    with open(os.path.join(polnear, "gold.json"), encoding="utf-8") as f:
        gold = json.load(f)
    totals = {}
    for entry in gold:
        _, text = scorer.read_article(os.path.join(polnear, "articles", entry["file"]))
        path = scorer.find_pred(pred_dir, entry["file"])
        if path is None:
            continue
        preds, _ = scorer.load_pred(path, text, [])
        quotes = entry["quotes"]
        matched = scorer.match_file(text, quotes, preds)
        for j, i in matched["exact"].items():
            quote = quotes[i]
            if quote["kind"] != "speech" or not (quote.get("speaker") or "").strip():
                continue
            key = scorer.gold_key(quote)
            right = scorer.speaker_ok(key, preds[j][2])
            for kind in ["all"] + kinds(text, quote, key):
                n, ok = totals.get(kind, (0, 0))
                totals[kind] = (n + 1, ok + int(right))
    for kind in ["all", "named", "pronoun", "nominal", "short partial", "follow-on"]:
        n, ok = totals.get(kind, (0, 0))
        share = ok / n if n else 0.0
        print(f"{kind:14} {share:.3f}  ({ok}/{n})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
