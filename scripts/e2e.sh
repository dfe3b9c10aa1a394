#!/usr/bin/env bash
# npm run test:e2e: this package inside a real n8n, end to end.
#
# Same setup as `npm start` (scripts/lib/n8n-env.sh) in a throwaway instance in a temp folder, then
# test/e2e/run.mjs runs every example workflow with `n8n execute`, asserts on its output and on the sandbox
# ledger, checks that n8n lists the package's node and credential types, and drives the editor in Chromium
# (screenshots in docs/screenshots/). Ends with the line "N passed, M failed"; exits non-zero on any failure.
#
# Settings (environment): OTPGET_N8N_VERSION=1.123.x runs it on n8n 1.x (Node 22; see scripts/lib/n8n-env.sh);
# OTPGET_E2E_KEEP=1 keeps the temp folder (n8n user folder, logs) after a passing run
# (after a failing one it is always kept);
# OTPGET_E2E_ONLY=name,name runs only those checks; OTPGET_CACHE_DIR as for npm start.
set -euo pipefail
# shellcheck source=lib/n8n-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/n8n-env.sh"

# Outside the repo: a package under it would resolve n8n-workflow from the repo's node_modules instead of n8n's,
# unlike a real install (n8n then misses the node's credential test, for one).
E2E_DIR="$(mktemp -d "${TMPDIR:-/tmp}/otpget-e2e.XXXXXX")"
USER_FOLDER="$E2E_DIR/n8n"
LOG_DIR="$E2E_DIR/logs"
RUNNER_STARTED=0

on_exit() {
	local rc=$?
	trap '' INT TERM PIPE
	trap - EXIT
	otpget_stop_all
	# Keep the instance and its logs after a failure (or when asked); the runner printed where they are.
	# Nothing is printed here: the runner's "N passed, M failed" stays the last line.
	if [ "$rc" -eq 0 ] && [ "${OTPGET_E2E_KEEP:-0}" != 1 ]; then
		rm -rf "$E2E_DIR"
	elif [ "$RUNNER_STARTED" = 0 ]; then
		otpget_log "setup failed (exit $rc); logs in $LOG_DIR" || true
	fi
	exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

mkdir -p "$USER_FOLDER" "$LOG_DIR"

t=$SECONDS
otpget_build
otpget_log "build: $((SECONDS - t))s"
t=$SECONDS
otpget_ensure_n8n
otpget_ensure_chromium
otpget_log "install check (Node $OTPGET_NODE_MAJOR, n8n $OTPGET_N8N_VERSION, chromium): $((SECONDS - t))s"

# Free ports from the OS, so a running `npm start` (5678/8765) or another run does not get in the way.
SANDBOX_PORT="$(otpget_free_port)"
OTPX_PORT="$(otpget_free_port)"
INSTAOTP_PORT="$(otpget_free_port)"
SASTAOTP_PORT="$(otpget_free_port)"
N8N_PORT_="$(otpget_free_port)"
BROKER_PORT="$(otpget_free_port)"
CLI_BROKER_PORT="$(otpget_free_port)"

t=$SECONDS
otpget_n8n_env "$USER_FOLDER" "$N8N_PORT_" "$BROKER_PORT"
# A larger wallet than the default 5000 PKR: the examples together spend about 3000.
otpget_start_sandbox "$SANDBOX_PORT" "$LOG_DIR/sandbox.log" --otp-delay-ms 2000 --start-balance 50000
# One sandbox per SMS-Activate dialect, for examples/{otpx,instaotp,sastaotp}-sms.json and provider-failover.json.
otpget_start_provider_sandboxes "$LOG_DIR" "$OTPX_PORT" "$INSTAOTP_PORT" "$SASTAOTP_PORT" --otp-delay-ms 2000 --start-balance 50000
otpget_install_package "$USER_FOLDER"
otpget_import_provider_credentials "$USER_FOLDER"
otpget_import "$USER_FOLDER" "$OTPGET_SANDBOX_URL"
otpget_start_n8n "$LOG_DIR/n8n.log"
otpget_setup_owner
otpget_log "instance setup: $((SECONDS - t))s"

export OTPGET_E2E_N8N_URL="$OTPGET_N8N_URL"
export OTPGET_E2E_SANDBOX_URL="$OTPGET_SANDBOX_URL"
export OTPGET_E2E_OTPX_SANDBOX_URL="$OTPGET_OTPX_SANDBOX_URL"
export OTPGET_E2E_INSTAOTP_SANDBOX_URL="$OTPGET_INSTAOTP_SANDBOX_URL"
export OTPGET_E2E_SASTAOTP_SANDBOX_URL="$OTPGET_SASTAOTP_SANDBOX_URL"
export OTPGET_E2E_OWNER_EMAIL="$OTPGET_OWNER_EMAIL"
export OTPGET_E2E_OWNER_PASSWORD="$OTPGET_OWNER_PASSWORD"
export OTPGET_E2E_N8N_BIN="$OTPGET_N8N_BIN"
export OTPGET_E2E_NODE_BIN="$OTPGET_NODE_PKG/bin"
export OTPGET_E2E_N8N_VERSION="$OTPGET_N8N_VERSION"
export OTPGET_E2E_CLI_BROKER_PORT="$CLI_BROKER_PORT"
export OTPGET_E2E_LOG_DIR="$LOG_DIR"
# docs/screenshots/ shows the default n8n; other versions keep theirs with the run's logs.
if [ "$OTPGET_N8N_VERSION" != "$OTPGET_N8N_DEFAULT_VERSION" ] && [ -z "${OTPGET_E2E_SCREENSHOTS_DIR:-}" ]; then
	export OTPGET_E2E_SCREENSHOTS_DIR="$E2E_DIR/screenshots"
fi
export OTPGET_E2E_STARTED_AT="$(($(date +%s) - $(otpget_elapsed | tr -d s)))"

rc=0
RUNNER_STARTED=1
node "$OTPGET_ROOT/test/e2e/run.mjs" || rc=$?
exit "$rc"
