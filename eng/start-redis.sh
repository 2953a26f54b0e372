#!/usr/bin/env bash
# Installs redis-server (Debian package) when it is missing, and starts it on 127.0.0.1:6379 when nothing answers there.
# Idempotent: safe to run before every test run. The Redis tests connect to 127.0.0.1:6379 unless they can start a
# private redis-server of their own.
set -euo pipefail

if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  echo "installing redis-server"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
fi

if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "redis: running on 127.0.0.1:6379"
  exit 0
fi

redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no \
  --logfile /tmp/wechaterrors-redis.log --pidfile /tmp/wechaterrors-redis.pid
for _ in $(seq 1 50); do
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    echo "redis: started on 127.0.0.1:6379"
    exit 0
  fi
  sleep 0.1
done
echo "redis-server did not answer on 127.0.0.1:6379; see /tmp/wechaterrors-redis.log" >&2
exit 1
