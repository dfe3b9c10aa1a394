#!/usr/bin/env bash
# npm run test:queue: this package in n8n's queue mode (main + 2 workers, Redis, Postgres), under load.
#
# Installs redis-server and postgresql with apt-get when missing, starts Redis and a throwaway Postgres on
# free ports, the OTPGet sandbox behind test/queue/proxy.mjs (which counts every provider request), n8n main
# and two workers (each its own user folder with the packed package installed), imports the sandbox
# credential (base URL = the proxy), then test/queue/run.mjs publishes a webhook sign-up workflow and an
# OTPGet Trigger, fires the sign-ups and checks the outcome. Everything started here is stopped on exit.
# Ends with "N passed, M failed"; exits non-zero on any failure.
#
# Settings (environment):
#   OTPGET_QUEUE_SIGNUPS  concurrent sign-ups (50)
#   OTPGET_QUEUE_CAP      the credential's Max Requests per Second (shared by main + 2 workers: processes 3), also set
#                         on Wait for OTP, and the per-second limit asserted (10)
#   OTPGET_QUEUE_OTP_DELAY_MS  sandbox code delay (3000)
#   OTPGET_QUEUE_KEEP=1   keep the temp folder (logs, user folders) after a passing run (a failing one keeps it)
#   OTPGET_QUEUE_SKIP_BUILD=1  use the existing build/ and dist/ (faster reruns)
set -euo pipefail
# shellcheck source=lib/n8n-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/n8n-env.sh"
# shellcheck source=lib/cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"

SIGNUPS="${OTPGET_QUEUE_SIGNUPS:-50}"
CAP="${OTPGET_QUEUE_CAP:-10}"
OTP_DELAY_MS="${OTPGET_QUEUE_OTP_DELAY_MS:-3000}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/otpget-queue.XXXXXX")"
LOG_DIR="$WORK/logs"
mkdir -p "$LOG_DIR"
chmod 755 "$WORK"
PHASES=()
T_ALL=$SECONDS
t=$SECONDS
lap() { # NAME: records the time since the last lap
	PHASES+=("$1 $((SECONDS - t))s")
	otpget_log "$1: $((SECONDS - t))s"
	t=$SECONDS
}

on_exit() {
	local rc=$?
	trap '' INT TERM PIPE
	trap - EXIT
	local ts=$SECONDS
	cluster_stop_all
	PHASES+=("stop $((SECONDS - ts))s")
	echo "[queue] timings: ${PHASES[*]}; total $((SECONDS - T_ALL))s"
	if [ "$rc" -eq 0 ] && [ "${OTPGET_QUEUE_KEEP:-0}" != 1 ]; then
		rm -rf "$WORK"
		echo "[queue] PASS"
	else
		echo "[queue] $([ "$rc" -eq 0 ] && echo PASS || echo "FAIL (exit $rc)"); logs in $LOG_DIR"
	fi
	exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

if [ "${OTPGET_QUEUE_SKIP_BUILD:-0}" != 1 ]; then otpget_build; fi
lap build
otpget_ensure_n8n
cluster_ensure_services
lap "install check"

REDIS_PORT="$(otpget_free_port)"
PG_PORT="$(otpget_free_port)"
SANDBOX_PORT="$(otpget_free_port)"
PROXY_PORT="$(otpget_free_port)"
MAIN_PORT="$(otpget_free_port)"
cluster_start_redis "$REDIS_PORT" "$WORK/redis" "$LOG_DIR/redis.log"
cluster_start_postgres "$PG_PORT" "$WORK/pg" "$LOG_DIR/postgres.log"
otpget_start_sandbox "$SANDBOX_PORT" "$LOG_DIR/sandbox.log" --otp-delay-ms "$OTP_DELAY_MS" --start-balance 100000
cluster_start_proxy "$PROXY_PORT" "$OTPGET_SANDBOX_URL" "$LOG_DIR/proxy.log"
lap "redis + postgres + sandbox + proxy"

MAIN="$WORK/main"
otpget_n8n_env "$MAIN" "$MAIN_PORT" "$(otpget_free_port)"
cluster_queue_env
otpget_install_package "$MAIN"
cluster_copy_package "$MAIN" "$WORK/worker1"
cluster_copy_package "$MAIN" "$WORK/worker2"
lap "pack + install package x3"

otpget_write_credentials "$WORK/credentials.json" "$CLUSTER_PROXY_URL"
# The cap is the credential's, for all processes together: main (the polling trigger) + 2 workers share it.
node -e '
	const fs = require("fs");
	const [file, cap] = process.argv.slice(1);
	const creds = JSON.parse(fs.readFileSync(file, "utf8")).map((c) => ({ ...c, data: { ...c.data, maxRequestsPerSecond: Number(cap), processes: 3 } }));
	fs.writeFileSync(file, JSON.stringify(creds, null, 2));' "$WORK/credentials.json" "$CAP"
# The first command on the empty database runs the migrations; the server and workers start after it.
otpget_n8n import:credentials --input="$WORK/credentials.json" >"$LOG_DIR/import.log" 2>&1 || {
	cat "$LOG_DIR/import.log" >&2
	otpget_die "n8n import:credentials failed"
}
lap "migrations + import credential"

cluster_start_main "$LOG_DIR/main.log"
cluster_start_worker "$WORK/worker1" "$(otpget_free_port)" "$(otpget_free_port)" "$LOG_DIR/worker1.log"
cluster_start_worker "$WORK/worker2" "$(otpget_free_port)" "$(otpget_free_port)" "$LOG_DIR/worker2.log"
cluster_wait_ready "$LOG_DIR/main.log"
otpget_setup_owner
lap "n8n main + 2 workers ready"

rc=0
QUEUE_N8N_URL="$OTPGET_N8N_URL" QUEUE_PROXY_URL="$CLUSTER_PROXY_URL" QUEUE_SANDBOX_URL="$OTPGET_SANDBOX_URL" \
	QUEUE_SANDBOX_KEY="$OTPGET_SANDBOX_KEY" QUEUE_WORKER_LOGS="$LOG_DIR/worker1.log,$LOG_DIR/worker2.log" \
	QUEUE_SIGNUPS="$SIGNUPS" QUEUE_CAP="$CAP" QUEUE_OWNER_EMAIL="$OTPGET_OWNER_EMAIL" QUEUE_OWNER_PASSWORD="$OTPGET_OWNER_PASSWORD" \
	node "$OTPGET_ROOT/test/queue/run.mjs" || rc=$?
lap "checks"
exit "$rc"
