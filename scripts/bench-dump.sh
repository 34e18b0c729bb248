#!/bin/sh
# parlor dump vs lynx -dump on the synthetic WordPress pages of benches/support (2,000 and
# 10,000 comments): best-of-N wall time and peak memory of each, the speed ratio against
# issue #12's target (2x lynx at 2,000 comments, 1.5x at 10,000), and peak memory against
# its cap (4x the page + 30 MB). A run on a busy machine gives noisy times: compare
# `examples/dump_phases` or callgrind instruction counts there.
# Usage: scripts/bench-dump.sh [runs]   (needs lynx and GNU time: apt-get install lynx time)
set -eu
runs=${1:-5}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin parlor --example gen_page
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
parlor=${PARLOR:-target/release/parlor} # PARLOR=path compares another build
best() { # best wall ms and peak KB of "$@" over $runs runs
    b=999999999; m=0
    i=0
    while [ "$i" -lt "$runs" ]; do
        /usr/bin/time -f '%e %M' -o "$dir/t" "$@" >/dev/null 2>&1
        read -r secs kb <"$dir/t"
        ms=$(awk "BEGIN { printf \"%d\", $secs * 1000 }")
        [ "$ms" -lt "$b" ] && b=$ms
        [ "$kb" -gt "$m" ] && m=$kb
        i=$((i + 1))
    done
    echo "$b $m"
}
printf '%-8s %8s %-7s %9s %9s %9s %9s %7s %6s %8s %4s\n' comments size format parlor_ms lynx_ms parlor_MB lynx_MB speedup target mem_cap ok
for n in 2000 10000; do
    page="$dir/p$n.html"
    target/release/examples/gen_page "$n" "$page"
    size=$(wc -c <"$page")
    set -- $(best lynx -dump -force_html -nolist "$page"); lms=$1; lkb=$2
    for fmt in text json; do
        set -- $(best "$parlor" dump --format "$fmt" --base-url https://bench.test/2024/05/post/ "$page"); pms=$1; pkb=$2
        awk -v n="$n" -v s="$size" -v f="$fmt" -v p="$pms" -v l="$lms" -v pk="$pkb" -v lk="$lkb" 'BEGIN {
            cap = 4 * s / 1048576 + 30
            want = (n <= 2000 ? 2 : 1.5)
            speed = (p > 0 ? l / p : 0)
            ok = (speed >= want ? "t" : "-") (pk / 1024 <= cap ? "m" : "-")
            printf "%-8d %7.1fM %-7s %9d %9d %9.1f %9.1f %6.2fx %5.1fx %7.1fM %4s\n", n, s / 1048576, f, p, l, pk / 1024, lk / 1024, speed, want, cap, ok
        }'
    done
done
echo "ok: t = speed target met, m = memory within the cap"
