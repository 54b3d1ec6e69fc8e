#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer at the configured URLs:
# checks them, starts them when installed but down, installs them from
# Debian's packages when missing. Other systems: see the message it prints.
set -euo pipefail

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/patient_rights}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

pg_host=$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname||"127.0.0.1")' "$DATABASE_URL")
pg_port=$(node -e 'const u=new URL(process.argv[1]);console.log(u.port||5432)' "$DATABASE_URL")
redis_host=$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname||"127.0.0.1")' "$REDIS_URL")
redis_port=$(node -e 'const u=new URL(process.argv[1]);console.log(u.port||6379)' "$REDIS_URL")

is_local() { [[ "$1" == "127.0.0.1" || "$1" == "localhost" || "$1" == "::1" ]]; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for() { # name host port
  for _ in $(seq 1 60); do
    if port_open "$2" "$3"; then echo "services: $1 is up at $2:$3"; return 0; fi
    sleep 0.5
  done
  echo "services: $1 did not come up at $2:$3" >&2
  return 1
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "services: need root to run: $*" >&2; return 1; fi
}

apt_install() {
  if ! command -v apt-get >/dev/null; then
    echo "services: $* is missing and this is not a Debian/Ubuntu system." >&2
    echo "services: install PostgreSQL >= 14 and Redis >= 6 yourself (or use docker/compose.yml)," >&2
    echo "services: then set DATABASE_URL and REDIS_URL." >&2
    exit 1
  fi
  echo "services: installing $* from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
  if port_open "$pg_host" "$pg_port"; then echo "services: PostgreSQL is up at $pg_host:$pg_port"; return; fi
  if ! is_local "$pg_host"; then echo "services: PostgreSQL at $pg_host:$pg_port does not answer" >&2; exit 1; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then apt_install postgresql; fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  # Local connections without a password, as on a developer machine and in CI.
  local hba="/etc/postgresql/$version/main/pg_hba.conf"
  if [[ -w "$hba" ]] && ! grep -q 'patient-rights-desk' "$hba"; then
    sed -i '1i # patient-rights-desk: trust local TCP for development and CI\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$hba"
  fi
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_for PostgreSQL "$pg_host" "$pg_port"
}

ensure_redis() {
  if port_open "$redis_host" "$redis_port"; then echo "services: Redis is up at $redis_host:$redis_port"; return; fi
  if ! is_local "$redis_host"; then echo "services: Redis at $redis_host:$redis_port does not answer" >&2; exit 1; fi
  if ! command -v redis-server >/dev/null; then apt_install redis-server; fi
  redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no
  wait_for Redis "$redis_host" "$redis_port"
}

ensure_postgres
ensure_redis
