#!/usr/bin/env bash
# Retrains folio's learned models, in the order they depend on each
# other, and writes them where the binary embeds them:
#   0. word clusters (models/clusters.bin), the tagger's unlabelled
#      features, from the training text of EVAL_DIR;
#   1. the entity tagger (models/ner.bin) from CoNLL-2003 train, epochs
#      chosen on dev;
#   2. the speaker ranker (src/analysis/quotes/speaker_weights.txt) from
#      PolNeAR train, analysed with that tagger;
#   3. check-worthiness (models/checkworthy.bin) from ClaimBuster, whose
#      features read the entities and speakers of 1 and 2.
# Each step rebuilds folio with the files the steps before wrote. Same data,
# same bytes: `git diff models src/analysis/quotes` after a run shows
# nothing unless the code or the data changed.
#
# Usage: scripts/train_models.sh [EVAL_DIR]   (default ../shared/eval; the
# data is never committed, see NOTICE)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/eval}"
cd "$root"
cargo run --locked --release --quiet --example train_clusters -- \
    "$data" models/clusters.bin
cargo run --locked --release --quiet --example train_ner -- \
    "$data/conll2003-train.txt" "$data/conll2003-dev.txt" models/ner.bin
cargo run --locked --release --quiet --example train_speakers -- \
    "$data/polnear-train" --out src/analysis/quotes/speaker_weights.txt
cargo run --locked --release --quiet --example train_checkworthy -- \
    "$data/checkworthy/claimbuster-train.tsv" \
    "$data/checkworthy/claimbuster-dev.tsv" \
    "$data/checkworthy/debates-dev.tsv" -o models/checkworthy.bin
