# shellcheck shell=bash
# n8n in queue mode (Redis + Postgres + main + workers) and the counting proxy, for scripts/queue.sh and
# scripts/bench-n8n.sh. Source scripts/lib/n8n-env.sh first: this builds on its otpget_* functions.
#
# Every process started here is a process-group leader recorded in CLUSTER_PIDS (Postgres in CLUSTER_PG_PID,
# it is stopped apart: SIGINT to its postmaster); cluster_stop_all ends them all, whatever state they are in.

CLUSTER_PIDS=()
CLUSTER_PG_PID=""
CLUSTER_PG_DIR=""
CLUSTER_PG_BIN=""

cluster_sudo() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs redis-server and postgresql with apt-get when missing.
cluster_ensure_services() {
	local need=()
	command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
	compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
	if [ "${#need[@]}" -gt 0 ]; then
		otpget_log "apt-get install ${need[*]}"
		cluster_sudo apt-get update -q >/dev/null || otpget_die "apt-get update failed"
		DEBIAN_FRONTEND=noninteractive cluster_sudo apt-get install -y -q "${need[@]}" >/dev/null ||
			otpget_die "apt-get install ${need[*]} failed"
	fi
	CLUSTER_PG_BIN="$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -1)")"
	command -v redis-server >/dev/null || otpget_die "redis-server missing after apt-get"
	[ -x "$CLUSTER_PG_BIN/postgres" ] || otpget_die "postgres missing after apt-get"
}

# cluster_start_redis PORT DIR LOG; sets CLUSTER_REDIS_PORT.
cluster_start_redis() {
	mkdir -p "$2"
	setsid redis-server --port "$1" --bind 127.0.0.1 --dir "$2" --save '' --appendonly no >"$3" 2>&1 &
	CLUSTER_PIDS+=("$!")
	CLUSTER_REDIS_PORT="$1"
	local i=0
	until redis-cli -p "$1" ping 2>/dev/null | grep -q PONG; do
		[ "$i" -lt 40 ] || otpget_die "redis did not start (log: $3)"
		sleep 0.25
		i=$((i + 1))
	done
}

# Runs a command as the postgres user (Postgres refuses to run as root).
cluster_as_postgres() {
	if [ "$(id -un)" = postgres ]; then "$@"; else setpriv --reuid postgres --regid postgres --init-groups "$@"; fi
}

# cluster_start_postgres PORT DIR LOG; a throwaway cluster (trust auth on 127.0.0.1) with database n8n.
cluster_start_postgres() {
	local port="$1" dir="$2" log="$3"
	mkdir -p "$dir"
	chown postgres:postgres "$dir" 2>/dev/null || true
	touch "$log" && chown postgres:postgres "$log" 2>/dev/null || true
	cluster_as_postgres "$CLUSTER_PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$log.initdb" 2>&1 ||
		otpget_die "initdb failed (log: $log.initdb)"
	# setsid + setpriv exec: $! is the postmaster itself.
	setsid setpriv --reuid postgres --regid postgres --init-groups "$CLUSTER_PG_BIN/postgres" -D "$dir/data" -p "$port" -k "$dir" \
		-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 \
		>"$log" 2>&1 &
	CLUSTER_PG_PID=$!
	CLUSTER_PG_DIR="$dir"
	local i=0
	until "$CLUSTER_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; do
		kill -0 "$CLUSTER_PG_PID" 2>/dev/null || otpget_die "postgres exited (log: $log)"
		[ "$i" -lt 80 ] || otpget_die "postgres did not start (log: $log)"
		sleep 0.25
		i=$((i + 1))
	done
	"$CLUSTER_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres n8n || otpget_die "createdb n8n failed"
	CLUSTER_PG_PORT="$port"
}

# After otpget_n8n_env: the queue-mode settings every process (main, workers, CLI) shares.
cluster_queue_env() {
	export DB_TYPE=postgresdb
	export DB_POSTGRESDB_HOST=127.0.0.1
	export DB_POSTGRESDB_PORT="$CLUSTER_PG_PORT"
	export DB_POSTGRESDB_DATABASE=n8n
	export DB_POSTGRESDB_USER=postgres
	export DB_POSTGRESDB_PASSWORD=
	export EXECUTIONS_MODE=queue
	export QUEUE_BULL_REDIS_HOST=127.0.0.1
	export QUEUE_BULL_REDIS_PORT="$CLUSTER_REDIS_PORT"
	export OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true
}

# cluster_copy_package FROM_USER_FOLDER TO_USER_FOLDER: the same installed package (one npm pack for all).
cluster_copy_package() {
	mkdir -p "$2/.n8n"
	rm -rf "$2/.n8n/nodes"
	cp -a "$1/.n8n/nodes" "$2/.n8n/nodes" || otpget_die "could not copy the package to $2"
}

# cluster_spawn_n8n LOG ARGS...: n8n (Node 24) with the current env as a new process group; echoes its pid.
cluster_spawn_n8n() {
	local log="$1"
	shift
	setsid env PATH="$OTPGET_NODE24_PKG/bin:$PATH" npm_config_nodedir="$OTPGET_NODE24_PKG" \
		node "$OTPGET_N8N_BIN" "$@" >"$log" 2>&1 &
	echo $!
}

# cluster_start_worker USER_FOLDER BROKER_PORT HEALTH_PORT LOG: a worker (concurrency CLUSTER_WORKER_CONCURRENCY,
# default 10) in a subshell env; appends its pid to CLUSTER_PIDS and its health URL to CLUSTER_WORKER_HEALTH.
CLUSTER_WORKER_HEALTH=()
cluster_start_worker() {
	local pid
	pid="$(
		export N8N_USER_FOLDER="$1" N8N_RUNNERS_BROKER_PORT="$2"
		export QUEUE_HEALTH_CHECK_ACTIVE=true QUEUE_HEALTH_CHECK_PORT="$3" N8N_WORKER_SERVER_ADDRESS=127.0.0.1
		cluster_spawn_n8n "$4" worker --concurrency="${CLUSTER_WORKER_CONCURRENCY:-10}"
	)"
	CLUSTER_PIDS+=("$pid")
	CLUSTER_WORKER_HEALTH+=("http://127.0.0.1:$3/healthz|$pid|$4")
}

# cluster_start_main LOG: `n8n start` with the exported env; sets CLUSTER_MAIN_PID, OTPGET_N8N_URL.
cluster_start_main() {
	CLUSTER_MAIN_PID="$(cluster_spawn_n8n "$1" start)"
	CLUSTER_PIDS+=("$CLUSTER_MAIN_PID")
	OTPGET_N8N_URL="http://127.0.0.1:$N8N_PORT"
}

# cluster_wait_ready LOG_MAIN: main's readiness and every worker's health endpoint.
cluster_wait_ready() {
	otpget_wait_http "$OTPGET_N8N_URL/healthz/readiness" 180 "$CLUSTER_MAIN_PID" || {
		tail -30 "$1" >&2
		otpget_die "n8n main did not become ready (log: $1)"
	}
	local w url pid log
	for w in "${CLUSTER_WORKER_HEALTH[@]}"; do
		IFS='|' read -r url pid log <<<"$w"
		otpget_wait_http "$url" 180 "$pid" || {
			tail -30 "$log" >&2
			otpget_die "n8n worker $pid did not become healthy (log: $log)"
		}
	done
}

# cluster_start_proxy PORT TARGET_URL LOG; sets CLUSTER_PROXY_URL.
cluster_start_proxy() {
	setsid node "$OTPGET_ROOT/test/queue/proxy.mjs" --port "$1" --target "$2" >"$3" 2>&1 &
	CLUSTER_PIDS+=("$!")
	CLUSTER_PROXY_URL="http://127.0.0.1:$1"
	otpget_wait_http "$CLUSTER_PROXY_URL/__proxy/log" 20 "$!" || otpget_die "the proxy did not start (log: $3)"
}

# Stops everything: n8n processes and helpers at once (SIGTERM, SIGKILL after 15 s), then Postgres (SIGINT).
cluster_stop_all() {
	local pid i=0 alive
	for pid in "${CLUSTER_PIDS[@]}" "${OTPGET_PIDS[@]}"; do
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	done
	while [ "$i" -lt 60 ]; do
		alive=0
		for pid in "${CLUSTER_PIDS[@]}" "${OTPGET_PIDS[@]}"; do
			if kill -0 -- "-$pid" 2>/dev/null; then alive=1; fi
		done
		[ "$alive" = 1 ] || break
		sleep 0.25
		i=$((i + 1))
	done
	for pid in "${CLUSTER_PIDS[@]}" "${OTPGET_PIDS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
	CLUSTER_PIDS=()
	OTPGET_PIDS=()
	if [ -n "$CLUSTER_PG_PID" ] && kill -0 "$CLUSTER_PG_PID" 2>/dev/null; then
		kill -INT "$CLUSTER_PG_PID" 2>/dev/null || true
		i=0
		while kill -0 "$CLUSTER_PG_PID" 2>/dev/null && [ "$i" -lt 60 ]; do
			sleep 0.25
			i=$((i + 1))
		done
		kill -KILL "$CLUSTER_PG_PID" 2>/dev/null || true
	fi
	CLUSTER_PG_PID=""
}
