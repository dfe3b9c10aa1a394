#!/usr/bin/env bash
# npm run bench:n8n: Wait for OTP against the usual Get Status / IF / Wait 5 s loop and Loop Over Items, in a
# real n8n (one main process, regular mode, SQLite), with the sandbox behind test/queue/proxy.mjs.
# bench/n8n/run.mjs prints wall time, requests by action, detection delay, CPU, peak memory and execution data
# size per variant and N. A benchmark, not a test: a full run (N=200) takes long.
#
# Settings (environment):
#   OTPGET_BENCH_N             N list (10,50,200)
#   OTPGET_BENCH_VARIANTS      subset of wait-for-otp,loop,loop-over-items
#   OTPGET_BENCH_OTP_DELAY_MS  fixed code delay when the sandbox has no per-order range (12500: not a multiple of the 5 s interval)
#   OTPGET_BENCH_OTP_RANGE     per-order code delay A-B ms, seeded (5000-30000), used when the sandbox's CLI
#                              supports --otp-delay-ms-range; OTPGET_BENCH_SEED (7) seeds it
#   OTPGET_BENCH_OUT           JSON results file (default: bench-n8n-<time>.json in the temp folder, printed)
#   OTPGET_BENCH_SKIP_BUILD=1  use the existing build/ and dist/
#   OTPGET_BENCH_DIST          uniform|fast|longtail (sandbox/delays.ts): the interval sweep instead of the 5 s
#                              comparison: per N a warm-up run of Wait for OTP (it learns), the node at
#                              OTPGET_BENCH_NODE_INTERVALS (2.5,5,7.5,10) learned and at 5 s fixed, the loop at
#                              OTPGET_BENCH_LOOP_INTERVALS (2.5,5,10); OTPGET_BENCH_TIMEOUT_MIN (2.5) for both.
#                              Variants default to wait-for-otp,loop. Plot: node bench/n8n/plot.mjs <json>...
set -euo pipefail
# shellcheck source=lib/n8n-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/n8n-env.sh"
# shellcheck source=lib/cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/otpget-bench-n8n.XXXXXX")"
LOG_DIR="$WORK/logs"
mkdir -p "$LOG_DIR"
T_ALL=$SECONDS

on_exit() {
	local rc=$?
	trap '' INT TERM PIPE
	trap - EXIT
	cluster_stop_all
	echo "[bench] total $((SECONDS - T_ALL))s; logs and results in $WORK"
	exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

if [ "${OTPGET_BENCH_SKIP_BUILD:-0}" != 1 ]; then otpget_build; fi
otpget_ensure_n8n

# Same arrival times for every variant: the sandbox is reset before each run (ids, codes and its seeded
# random numbers start over). Per-order times need the sandbox's --otp-delay-ms-range; without it every code
# arrives the same fixed delay after its purchase.
SANDBOX_ARGS=(--start-balance 10000000)
if node "$OTPGET_ROOT/build/sandbox/cli.js" --help 2>/dev/null | grep -q -- '--otp-delay-ms-range'; then
	SANDBOX_ARGS+=(--otp-delay-ms-range "${OTPGET_BENCH_OTP_RANGE:-5000-30000}" --seed "${OTPGET_BENCH_SEED:-7}")
	ARRIVAL="per order, ${OTPGET_BENCH_OTP_RANGE:-5000-30000} ms after purchase, seed ${OTPGET_BENCH_SEED:-7}"
else
	SANDBOX_ARGS+=(--otp-delay-ms "${OTPGET_BENCH_OTP_DELAY_MS:-12500}")
	ARRIVAL="fixed, ${OTPGET_BENCH_OTP_DELAY_MS:-12500} ms after purchase (this sandbox has no --otp-delay-ms-range)"
fi

otpget_start_sandbox "$(otpget_free_port)" "$LOG_DIR/sandbox.log" "${SANDBOX_ARGS[@]}"
cluster_start_proxy "$(otpget_free_port)" "$OTPGET_SANDBOX_URL" "$LOG_DIR/proxy.log"
otpget_n8n_env "$WORK/n8n" "$(otpget_free_port)" "$(otpget_free_port)"
otpget_install_package "$WORK/n8n"
otpget_write_credentials "$WORK/credentials.json" "$CLUSTER_PROXY_URL"
otpget_n8n import:credentials --input="$WORK/credentials.json" >"$LOG_DIR/import.log" 2>&1 || {
	cat "$LOG_DIR/import.log" >&2
	otpget_die "n8n import:credentials failed"
}
otpget_start_n8n "$LOG_DIR/n8n.log"
otpget_setup_owner
otpget_log "setup: $((SECONDS - T_ALL))s"

BENCH_N8N_URL="$OTPGET_N8N_URL" BENCH_PROXY_URL="$CLUSTER_PROXY_URL" BENCH_SANDBOX_URL="$OTPGET_SANDBOX_URL" \
	BENCH_SANDBOX_KEY="$OTPGET_SANDBOX_KEY" BENCH_N8N_PGID="$OTPGET_N8N_PID" BENCH_ARRIVAL="$ARRIVAL" \
	BENCH_N="${OTPGET_BENCH_N:-10,50,200}" BENCH_DIST="${OTPGET_BENCH_DIST:-}" \
	BENCH_VARIANTS="${OTPGET_BENCH_VARIANTS:-$([ -n "${OTPGET_BENCH_DIST:-}" ] && echo wait-for-otp,loop || echo wait-for-otp,loop,loop-over-items)}" \
	BENCH_NODE_INTERVALS="${OTPGET_BENCH_NODE_INTERVALS:-2.5,5,7.5,10}" BENCH_LOOP_INTERVALS="${OTPGET_BENCH_LOOP_INTERVALS:-2.5,5,10}" \
	BENCH_TIMEOUT_MIN="${OTPGET_BENCH_TIMEOUT_MIN:-2.5}" \
	BENCH_OUT="${OTPGET_BENCH_OUT:-$WORK/bench-n8n-$(date +%Y%m%d-%H%M%S).json}" \
	BENCH_OWNER_EMAIL="$OTPGET_OWNER_EMAIL" BENCH_OWNER_PASSWORD="$OTPGET_OWNER_PASSWORD" \
	node "$OTPGET_ROOT/bench/n8n/run.mjs"
