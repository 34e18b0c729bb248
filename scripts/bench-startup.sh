#!/usr/bin/env bash
# Start-up time of the release reader on a stored 2,000-comment post: from process start to
# the first drawn frame of the post, offline (`parlor --offline URL`).
#
# Seeds a throw-away library (PARLOR_DATA_DIR in a temp dir) with the extract bench's
# synthetic WordPress page (examples/seed_store.rs), then runs the reader under a
# pseudo-terminal (`script -qc`) with PARLOR_EXIT_AFTER_FIRST_FRAME=1, which makes it quit
# right after the first full frame of the loaded post. Timed with hyperfine when installed,
# else a loop of /usr/bin/time-style wall clock measurements.
#
# Usage: scripts/bench-startup.sh [COMMENTS] [RUNS]      (defaults: 2000 and 20)
# Target (issue #4): ≤ 50 ms.
set -euo pipefail

N="${1:-2000}"
RUNS="${2:-20}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

cargo build --release --offline --quiet --bin parlor --example seed_store
BIN="$ROOT/target/release/parlor"
SEED="$ROOT/target/release/examples/seed_store"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export PARLOR_DATA_DIR="$WORK/data" PARLOR_STATE_DIR="$WORK/state" PARLOR_CONFIG_DIR="$WORK/config"
export TERM="${TERM:-xterm-256color}"
URL="http://127.0.0.1:8089/2024/05/01/bench-post/"
"$SEED" "$URL" "$N"

# One run: the reader in a pseudo-terminal of 100×30, quitting after its first frame.
RUN="stty cols 100 rows 30 2>/dev/null; PARLOR_EXIT_AFTER_FIRST_FRAME=1 '$BIN' --offline '$URL'"
script -qec "$RUN" /dev/null >/dev/null </dev/null # warm-up, and fail early if it fails

if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 3 --runs "$RUNS" -N --export-json "$WORK/h.json" \
        "script -qec \"$RUN\" /dev/null" 2>&1 | sed 's/^/  /'
    python3 - "$WORK/h.json" <<'EOF' 2>/dev/null || true
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"start-up to first frame ({sys.argv[0] and 'median'}): {r['median']*1000:.1f} ms "
      f"(mean {r['mean']*1000:.1f} ± {r['stddev']*1000:.1f} ms)")
EOF
    # The pseudo-terminal wrapper alone, to subtract.
    hyperfine --warmup 3 --runs "$RUNS" -N "script -qec true /dev/null" 2>&1 | sed 's/^/  /'
else
    times=()
    for _ in $(seq "$RUNS"); do
        start=$(date +%s%N)
        script -qec "$RUN" /dev/null >/dev/null </dev/null
        end=$(date +%s%N)
        times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {
        printf "start-up to first frame: median %.1f ms, min %.1f ms, max %.1f ms over %d runs\n",
            a[int((NR+1)/2)]/1000, a[1]/1000, a[NR]/1000, NR }'
fi
