#!/usr/bin/env bash
# Start-up time of the release reader on a stored 2,000-comment post: from process start to
# the first drawn frame of the post, offline (`parlor --offline URL`).
#
# Seeds a throw-away library (PARLOR_DATA_DIR in a temp dir) with a synthetic WordPress page
# (examples/seed_store.rs, the extract bench's generator; `--long` for its 5.7 MB variant),
# then runs the reader in a pseudo-terminal (`script -qc`, 100x30) with
# PARLOR_EXIT_AFTER_FIRST_FRAME=1, which quits right after the first frame of the loaded
# post, and with =full, which quits once the comments are wrapped too and the worker is done.
# Timed with hyperfine when installed, else a loop of wall-clock measurements.
#
# Usage: scripts/bench-startup.sh [COMMENTS] [RUNS] [--long]   (defaults: 2000, 20)
# Target (issue #4): first frame ≤ 50 ms.
set -euo pipefail

N="${1:-2000}"
RUNS="${2:-20}"
LONG="${3:-}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

cargo build --release --quiet --bin parlor --example seed_store
BIN="$ROOT/target/release/parlor"
SEED="$ROOT/target/release/examples/seed_store"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export PARLOR_DATA_DIR="$WORK/data" PARLOR_STATE_DIR="$WORK/state" PARLOR_CONFIG_DIR="$WORK/config"
export TERM="${TERM:-xterm-256color}"
URL="http://127.0.0.1:8089/2024/05/01/bench-post/"
"$SEED" "$URL" "$N" $LONG

reader() { # EXIT_MODE
    echo "stty cols 100 rows 30 2>/dev/null; PARLOR_EXIT_AFTER_FIRST_FRAME=$1 '$BIN' --offline '$URL'"
}
# Warm-up, and fail early if it fails: the first open parses the pages and caches the model
# (a normal exit lets the worker write it); the timed runs are re-openings.
script -qec "$(reader full)" /dev/null >/dev/null </dev/null

measure() { # LABEL COMMAND
    local label="$1" cmd="$2"
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine --warmup 3 --runs "$RUNS" -N --export-json "$WORK/h.json" \
            "script -qec \"$cmd\" /dev/null" >/dev/null 2>&1
        python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
ms = lambda k: r[k] * 1000
print("%s: median %.1f ms, mean %.1f ± %.1f ms, min %.1f ms (%d runs, hyperfine)"
      % (sys.argv[2], ms("median"), ms("mean"), ms("stddev"), ms("min"), len(r["times"])))
' "$WORK/h.json" "$label"
    else
        local times=() start end
        for _ in $(seq "$RUNS"); do
            start=$(date +%s%N)
            script -qec "$cmd" /dev/null >/dev/null </dev/null
            end=$(date +%s%N)
            times+=($(((end - start) / 1000)))
        done
        printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{a[NR]=$1} END {
            printf "%s: median %.1f ms, min %.1f ms, max %.1f ms (%d runs)\n",
                label, a[int((NR+1)/2)]/1000, a[1]/1000, a[NR]/1000, NR }'
    fi
}

echo "stored post: $N comments $LONG; terminal 100x30; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
measure "pseudo-terminal alone (script -qc true)" "true"
measure "start to first frame (article; comments wrapped next)" "$(reader 1)"
measure "start to comments wrapped + clean exit" "$(reader full)"
