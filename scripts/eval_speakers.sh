#!/usr/bin/env bash
# Speaker attribution and quotation span figures on PolNeAR train
# (../shared/eval/polnear-train, never committed): builds folio, exports
# every article as TOML into a temporary folder and runs the corpus scorer.
#
# Usage: scripts/eval_speakers.sh [POLNEAR_DIR] [PRED_DIR]
#   POLNEAR_DIR  default: ../shared/eval/polnear-train (from the repository root)
#   PRED_DIR     keep the exports here (default: a temporary folder, removed)
# Extra scorer flags go in SCORE_FLAGS (e.g. SCORE_FLAGS=--quiet).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/eval/polnear-train}"
pred="${2:-}"
if [[ -z "$pred" ]]; then
    pred="$(mktemp -d)"
    trap 'rm -rf "$pred"' EXIT
fi
mkdir -p "$pred"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
folio="$root/target/release/folio"
find "$data/articles" -name '*.txt' -print0 |
    while IFS= read -r -d '' article; do
        rel="${article#"$data/articles/"}"
        mkdir -p "$pred/$(dirname "$rel")"
        "$folio" export "$article" -o "$pred/$rel.toml"
    done
python3 "$data/score.py" "$data/gold.json" "$data/articles" "$pred" ${SCORE_FLAGS:-}
