#!/usr/bin/env bash
# A real Isso comment server (PyPI `isso`) on 127.0.0.1:PORT for parlor's tests.
#
# Usage: scripts/isso-local.sh PORT STEP
#   up      install isso into a venv (once), write a config (moderation and guard off), start the
#           server with a fresh database and seed a nested thread through Isso's own API (POST /new)
#   seed    seed the thread again (on a fresh database: ids 1..5)
#   status  say whether the server runs
#   down    stop the server
#   reset   down, then delete the state (the venv is kept)
# Prints `export PARLOR_ISSO_URL=http://127.0.0.1:PORT` after `up`.
# State: ${ISSO_LOCAL_ROOT:-/tmp/isso-local}/PORT; venv: ${ISSO_LOCAL_ROOT:-/tmp/isso-local}/venv.
# Env: ISSO_VERSION (default 0.13.0).
#
# The seeded thread (uri /posts/isso-thread/), as Isso stores it (a reply to a reply is moved
# under the top-level comment: isso-comments/isso:isso/db/comments.py `_find`):
#   1 Alice  "First comment, top level."
#   2 Bob    "A reply to Alice."              parent 1
#   3 Carol  "A reply to Bob, kept under Alice by Isso."   parent 1 (asked: 2)
#   4 (anonymous) "Second top-level comment, no name."
#   5 Dave   "A reply to the anonymous one."  parent 4
set -euo pipefail

die() { echo "isso-local: $*" >&2; exit 1; }
log() { echo "isso-local: $*" >&2; }

[[ $# -ge 1 ]] || die "usage: $0 PORT [up|seed|status|down|reset]"
PORT="$1"
STEP="${2:-up}"
[[ "$PORT" =~ ^[0-9]+$ ]] && ((PORT > 0 && PORT < 65536)) || die "bad port '$PORT'"
ROOT="${ISSO_LOCAL_ROOT:-/tmp/isso-local}"
VENV="$ROOT/venv"
STATE="$ROOT/$PORT"
BASE="http://127.0.0.1:$PORT"
VERSION="${ISSO_VERSION:-0.13.0}"
URI="/posts/isso-thread/"

ensure_venv() {
    if [[ -x "$VENV/bin/isso" ]]; then
        return
    fi
    mkdir -p "$ROOT"
    log "installing isso $VERSION into $VENV"
    python3 -m venv "$VENV" || die "python3 -m venv failed (install python3-venv)"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "isso==$VERSION" ||
        die "pip install isso==$VERSION failed"
}

running() {
    [[ -f "$STATE/pid" ]] && kill -0 "$(cat "$STATE/pid")" 2>/dev/null
}

write_config() {
    mkdir -p "$STATE"
    cat >"$STATE/isso.cfg" <<EOF
[general]
dbpath = $STATE/comments.db
host = $BASE/
[server]
listen = $BASE/
[moderation]
enabled = false
[guard]
enabled = false
EOF
}

post() { # parent-or-null author-or-null text
    local body
    body=$(python3 -c 'import json,sys
p,a,t=sys.argv[1:4]
print(json.dumps({"text":t,"author":None if a=="null" else a,
  "parent":None if p=="null" else int(p),"title":"Isso thread","website":None}))' "$1" "$2" "$3")
    local code
    code=$(curl -s -o "$STATE/last.json" -w '%{http_code}' -X POST \
        -H 'Content-Type: application/json' --data "$body" "$BASE/new?uri=$URI")
    [[ "$code" == 201 ]] || die "POST /new answered $code: $(cat "$STATE/last.json")"
}

seed() {
    post null Alice "First comment, top level."
    post 1 Bob "A reply to Alice."
    post 2 Carol "A reply to Bob, kept under Alice by Isso."
    post null null "Second top-level comment, no name."
    post 4 Dave "A reply to the anonymous one."
    log "seeded 5 comments at $BASE/?uri=$URI"
}

up() {
    ensure_venv
    if running; then
        log "already running on $BASE"
    else
        write_config
        rm -f "$STATE/comments.db"
        (setsid "$VENV/bin/isso" -c "$STATE/isso.cfg" run >"$STATE/isso.log" 2>&1 &
            echo $! >"$STATE/pid")
        local i
        for i in $(seq 1 100); do
            if curl -sf "$BASE/config" >/dev/null 2>&1; then
                break
            fi
            running || die "isso exited: $(tail -5 "$STATE/isso.log")"
            sleep 0.2
        done
        curl -sf "$BASE/config" >/dev/null || die "isso did not answer on $BASE"
        seed
    fi
    echo "export PARLOR_ISSO_URL=$BASE"
}

down() {
    if running; then
        kill "$(cat "$STATE/pid")" 2>/dev/null || true
        log "stopped $BASE"
    fi
    rm -f "$STATE/pid"
}

case "$STEP" in
up) up ;;
seed) seed ;;
status) if running; then echo "isso: running on $BASE"; else echo "isso: down"; fi ;;
down) down ;;
reset) down; rm -rf "$STATE" ;;
*) die "unknown step '$STEP'" ;;
esac
