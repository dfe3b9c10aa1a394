#!/usr/bin/env bash
# npm start: a real n8n with this package installed as a community node, talking to the OTPGet sandbox.
#
# Builds the package, starts the sandbox, installs Node 24 and n8n once (cached in ~/.cache/n8n-nodes-otpget),
# installs the packed package like Settings > Community nodes does, imports the sandbox credentials and the
# example workflows, starts n8n and prints the editor URL and login. Ctrl-C stops everything it started.
#
# Also one sandbox per other provider (OTPX, InstaOTP, SastaOTP) with its credential.
#
# Settings (environment): OTPGET_N8N_PORT (5678), OTPGET_SANDBOX_PORT (8765), OTPGET_OTPX_SANDBOX_PORT (8766),
# OTPGET_INSTAOTP_SANDBOX_PORT (8767), OTPGET_SASTAOTP_SANDBOX_PORT (8768), OTPGET_N8N_BROKER_PORT (5679),
# OTPGET_SANDBOX_OTP_DELAY_MS (3000), OTPGET_N8N_USER_FOLDER (~/.cache/n8n-nodes-otpget/instance; kept between
# runs, so workflows you make survive; the examples are re-imported on every start; instance-n8n-<version> for
# another OTPGET_N8N_VERSION), OTPGET_CACHE_DIR, OTPGET_N8N_VERSION (e.g. 1.123.x for n8n 1.x on Node 22).
set -euo pipefail
# shellcheck source=lib/n8n-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/n8n-env.sh"

# One instance per n8n version: n8n migrates its database forward only, so 1.x cannot open what 2.x has used.
if [ "$OTPGET_N8N_VERSION" = "$OTPGET_N8N_DEFAULT_VERSION" ]; then
	USER_FOLDER="${OTPGET_N8N_USER_FOLDER:-$OTPGET_CACHE_DIR/instance}"
else
	USER_FOLDER="${OTPGET_N8N_USER_FOLDER:-$OTPGET_CACHE_DIR/instance-n8n-$OTPGET_N8N_VERSION}"
fi
SANDBOX_PORT="${OTPGET_SANDBOX_PORT:-8765}"
# The ports examples/credentials/providers.json names (the import rewrites them to these anyway).
OTPX_PORT="${OTPGET_OTPX_SANDBOX_PORT:-8766}"
INSTAOTP_PORT="${OTPGET_INSTAOTP_SANDBOX_PORT:-8767}"
SASTAOTP_PORT="${OTPGET_SASTAOTP_SANDBOX_PORT:-8768}"
N8N_PORT_="${OTPGET_N8N_PORT:-5678}"
BROKER_PORT="${OTPGET_N8N_BROKER_PORT:-5679}"
OTP_DELAY_MS="${OTPGET_SANDBOX_OTP_DELAY_MS:-3000}"
LOG_DIR="$USER_FOLDER/logs"

on_exit() {
	# Ignore further Ctrl-C and a closed stdout (e.g. `npm start | tee` whose tee died of the same Ctrl-C):
	# stop first, then say so.
	trap '' INT TERM PIPE
	trap - EXIT
	if [ "${#OTPGET_PIDS[@]}" -gt 0 ]; then
		otpget_stop_all
		otpget_log "stopped n8n and the sandboxes" || true
	fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

mkdir -p "$USER_FOLDER" "$LOG_DIR"
otpget_build
otpget_ensure_n8n
otpget_n8n_env "$USER_FOLDER" "$N8N_PORT_" "$BROKER_PORT"
otpget_start_sandbox "$SANDBOX_PORT" "$LOG_DIR/sandbox.log" --otp-delay-ms "$OTP_DELAY_MS"
otpget_start_provider_sandboxes "$LOG_DIR" "$OTPX_PORT" "$INSTAOTP_PORT" "$SASTAOTP_PORT" --otp-delay-ms "$OTP_DELAY_MS"
otpget_install_package "$USER_FOLDER"
otpget_import_provider_credentials "$USER_FOLDER"
otpget_import "$USER_FOLDER" "$OTPGET_SANDBOX_URL"
otpget_start_n8n "$LOG_DIR/n8n.log"
otpget_setup_owner

cat <<EOF

  n8n $OTPGET_N8N_VERSION (Node $OTPGET_NODE_MAJOR) with $OTPGET_PACKAGE_NAME is running (owner $OTPGET_OWNER_STATE; ready after $(otpget_elapsed)).

    Editor:    $OTPGET_N8N_URL/
    Email:     $OTPGET_OWNER_EMAIL
    Password:  $OTPGET_OWNER_PASSWORD

    Sandbox:   $OTPGET_SANDBOX_URL  (API key: $OTPGET_SANDBOX_KEY; state: $OTPGET_SANDBOX_URL/__sandbox/state?key=$OTPGET_SANDBOX_KEY)
    Providers: OTPX $OTPGET_OTPX_SANDBOX_URL, InstaOTP $OTPGET_INSTAOTP_SANDBOX_URL, SastaOTP $OTPGET_SASTAOTP_SANDBOX_URL
               (same API key, 5000.00 INR; credentials "OTPX sandbox", "InstaOTP sandbox", "SastaOTP sandbox")
    Examples:  Overview > Workflows, names starting with "OTPGet:" (credential "OTPGet sandbox"; the OTPX, InstaOTP,
               SastaOTP and provider-failover examples use the provider credentials)
    Logs:      $LOG_DIR/n8n.log, $LOG_DIR/sandbox.log, $LOG_DIR/sandbox-{otpx,instaotp,sastaotp}.log

  Press Ctrl-C to stop n8n and the sandboxes.

EOF

# Returns when n8n exits on its own, or at once on Ctrl-C (the traps stop everything).
wait "$OTPGET_N8N_PID" || true
otpget_log "n8n exited; see $LOG_DIR/n8n.log"
