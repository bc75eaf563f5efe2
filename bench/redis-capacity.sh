#!/usr/bin/env bash
# bash bench/redis-capacity.sh [CLIENTS]: what one redis-server sustains of the engine's two Redis operations, with
# redis-benchmark against a private redis-server persisting as deploy/ configures it (password, append-only, fsync
# every second): a grain state write (the Orleans Redis provider's EVALSHA script: HGET etag, HMSET etag + data) of a
# trial's state (1 kB) and of a coordinator's main state (8 kB), and a state read (HGETALL, 1 kB). Figures per second
# on the last line; docs/operations.md turns them into trials per second. Cleans up after itself, also on Ctrl-C.
set -euo pipefail

clients="${1:-50}"
requests=100000
dir="$(mktemp -d /tmp/orleans-sweep-redis-capacity-XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
password="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --appendonly yes --appendfsync everysec --requirepass "$password" \
  >"$dir/redis.log" 2>&1 &
redis=$!
trap 'kill "$redis" 2>/dev/null; wait "$redis" 2>/dev/null; rm -rf "$dir"' EXIT
cli() { redis-cli -p "$port" -a "$password" --no-auth-warning "$@"; }
for _ in $(seq 50); do cli ping >/dev/null 2>&1 && break; sleep 0.1; done

# The provider's write script (Orleans.Persistence.Redis 10.4.2), without its optional EXPIRE.
script="local etag = redis.call('HGET', KEYS[1], 'etag')
if ((not etag or etag == '') and (not ARGV[1] or ARGV[1] == '')) or etag == ARGV[1] then
  redis.call('HMSET', KEYS[1], 'etag', ARGV[2], 'data', ARGV[3])
  return 0
else
  return -1
end"
sha="$(cli script load "$script")"
bench() { redis-benchmark -p "$port" -a "$password" -c "$clients" -n "$requests" -r 1000 -q "$@" 2>/dev/null | tr '\r' '\n' | grep -o '[0-9.]* requests per second' | tail -1 | awk '{printf "%.0f", $1}'; }
payload() { head -c "$1" /dev/zero | tr '\0' 'x'; }

rates=()
for size in 1000 8000; do
  data="$(payload "$size")"
  bench evalsha "$sha" 1 "state:$size:__rand_int__" "" e "$data" >/dev/null        # create the keys (etag e)
  rates+=("$(bench evalsha "$sha" 1 "state:$size:__rand_int__" e e "$data")")      # every call writes
done
reads="$(bench hgetall "state:1000:__rand_int__")"
echo "redis-server $(redis-server --version | awk '{print $3}' | cut -d= -f2), $clients clients, append-only everysec: state writes ${rates[0]}/s of 1 kB, ${rates[1]}/s of 8 kB; state reads ${reads}/s of 1 kB"
