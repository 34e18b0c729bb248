#!/usr/bin/env bash
# The one command that runs parlor's whole test suite:
#   cargo fmt --check, cargo clippy (-D warnings), a real WordPress on 127.0.0.1 (scripts/wp-local.sh),
#   a real Isso on 127.0.0.1 (scripts/isso-local.sh), cargo build --release (the tmux end-to-end
#   tests drive target/release/parlor), cargo test.
# Env: PARLOR_WP_PORT (default: 8089, or the next free port), PARLOR_WP_THEMES (default: all),
#      PARLOR_ISSO_PORT (default: 18089, or the next free port),
#      WP_LOCAL_KEEP=1 keeps the WordPress state between runs (default: reset for fresh ids).
# Exits non-zero when any stage fails and names the failed stages.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
[[ -f "$HOME/.cargo/env" ]] && source "$HOME/.cargo/env"

FAILED=()
T0=$SECONDS
stage() {
    local name="$1"
    shift
    local t=$SECONDS
    echo "==> $name"
    if "$@"; then
        echo "<== $name: ok ($((SECONDS - t)) s)"
        return 0
    fi
    echo "<== $name: FAILED ($((SECONDS - t)) s)"
    FAILED+=("$name")
    return 1
}

finish() {
    local rc=$?
    if [[ -n "${WP_PORT:-}" ]]; then
        scripts/wp-local.sh "$WP_PORT" down >/dev/null 2>&1 || true
    fi
    if [[ -n "${ISSO_PORT:-}" ]]; then
        scripts/isso-local.sh "$ISSO_PORT" reset >/dev/null 2>&1 || true
    fi
    [[ -n "${PARLOR_TEST_HOME:-}" ]] && rm -rf "$PARLOR_TEST_HOME"
    if ((${#FAILED[@]})); then
        echo "test-all: FAILED: ${FAILED[*]} (total $((SECONDS - T0)) s)"
        exit 1
    fi
    echo "test-all: all passed (total $((SECONDS - T0)) s)"
    exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
    if [[ -n "${PARLOR_WP_PORT:-}" ]]; then
        echo "$PARLOR_WP_PORT"
        return
    fi
    local p
    for p in $(seq 8089 8189); do
        # A running WordPress on a port may belong to someone else's session: never reuse it.
        if port_free "$p"; then
            echo "$p"
            return
        fi
    done
    echo 8089
}

ensure_tmux() {
    command -v tmux >/dev/null && return 0
    [[ $(id -u) -eq 0 ]] || { echo "tmux missing and not root: apt-get install tmux"; return 1; }
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends tmux >/dev/null 2>&1 ||
        { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends tmux >/dev/null 2>&1; }
}

start_wordpress() {
    if [[ "${WP_LOCAL_KEEP:-}" != 1 ]]; then
        scripts/wp-local.sh "$WP_PORT" reset || return 1
    fi
    scripts/wp-local.sh "$WP_PORT" up
}

# No test may touch the user's own library, config or log: a private home for parlor's files
# (tests that need their own set these again).
PARLOR_TEST_HOME=$(mktemp -d "${TMPDIR:-/tmp}/parlor-test-home.XXXXXX")
export PARLOR_DATA_DIR="$PARLOR_TEST_HOME/data" PARLOR_STATE_DIR="$PARLOR_TEST_HOME/state"
export PARLOR_CONFIG_DIR="$PARLOR_TEST_HOME/config"

stage "cargo fmt --check" cargo fmt --check
stage "cargo clippy" cargo clippy --all-targets -- -D warnings
stage "tmux" ensure_tmux
WP_PORT=$(pick_port)
echo "test-all: WordPress on port $WP_PORT"
if stage "wordpress up (port $WP_PORT)" start_wordpress; then
    export PARLOR_WP_URL="http://127.0.0.1:$WP_PORT"
    export PARLOR_WP_PORT="$WP_PORT"
else
    scripts/wp-local.sh "$WP_PORT" down >/dev/null 2>&1 || true
    unset WP_PORT
fi
ISSO_PORT="${PARLOR_ISSO_PORT:-}"
if [[ -z "$ISSO_PORT" ]]; then
    for p in $(seq 18089 18189); do
        if port_free "$p"; then ISSO_PORT=$p; break; fi
    done
fi
echo "test-all: Isso on port $ISSO_PORT"
start_isso() {
    scripts/isso-local.sh "$ISSO_PORT" reset >/dev/null 2>&1 || true
    scripts/isso-local.sh "$ISSO_PORT" up
}
if stage "isso up (port $ISSO_PORT)" start_isso; then
    export PARLOR_ISSO_URL="http://127.0.0.1:$ISSO_PORT"
else
    scripts/isso-local.sh "$ISSO_PORT" down >/dev/null 2>&1 || true
    unset ISSO_PORT
fi
if stage "cargo build --release" cargo build --release; then
    export PARLOR_BIN="$PWD/target/release/parlor"
fi
export PARLOR_WP_THEMES="${PARLOR_WP_THEMES:-all}"
stage "cargo test" cargo test

# The real-page comment corpus: its pages come from public repositories and are not committed
# (tests/corpus/comments/README.md); scored when they are present, said plainly when not.
corpus_pages() {
    find tests/corpus/comments ../shared/corpus/comments -name page.html 2>/dev/null | wc -l
}
if (($(corpus_pages) > 0)); then
    stage "comments corpus ($(corpus_pages) pages)" cargo test --test comments_corpus -- --ignored --nocapture
else
    echo "==> comments corpus: skipped (no pages here; tools/label.py restore brings them back)"
fi
