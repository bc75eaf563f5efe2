#!/usr/bin/env bash
# Prepares a fresh Debian 12/13 or Ubuntu 24.04 machine for OrleansSweep. Idempotent: each step
# checks first and skips what is already there, so a second run takes seconds.
#   - libstdc++ from GCC 13+ (GLIBCXX_3.4.32), which TorchSharp 0.107's native library needs;
#     on Debian 12 it comes from Debian 13 (trixie) and its security suite, pinned low so only it and
#     what it forces move (gcc-14-base, libgcc-s1, libc6 + libc-bin, base-files: /etc/os-release then
#     says 13), and so those packages get trixie's security updates (a machine set up before the
#     security suite was added gets it on the next run).
#   - redis-server, prometheus (+ promtool), dataset-fashion-mnist (real data, offline).
#   - checks that the .NET 10 SDK is on PATH.
# tests/bootstrap/trixie-pin-check.sh sources this file for the apt settings below and checks, with
# apt-get -s, what the install line would take from trixie.
set -euo pipefail

TRIXIE_SOURCES=/etc/apt/sources.list.d/trixie.sources
TRIXIE_PIN=/etc/apt/preferences.d/trixie-low-priority
# Every version from trixie or trixie-security is a candidate (the newest wins), only for what is named.
TRIXIE_INSTALL=(-t 'trixie*' libstdc++6)

trixie_sources() {
  cat <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: trixie-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
}

trixie_pin() {
  cat <<'PIN'
# Only packages asked for with -t 'trixie*' come from Debian 13; those installed so get its updates.
Package: *
Pin: release n=trixie
Pin-Priority: 100

Package: *
Pin: release n=trixie-security
Pin-Priority: 100
PIN
}

# Writes the trixie sources and pin when they differ from the above; true when it changed something.
trixie_apt_config() {
  local changed=1
  if ! cmp -s <(trixie_sources) "$TRIXIE_SOURCES"; then trixie_sources | ${SUDO-} tee "$TRIXIE_SOURCES" >/dev/null; changed=0; fi
  if ! cmp -s <(trixie_pin) "$TRIXIE_PIN"; then trixie_pin | ${SUDO-} tee "$TRIXIE_PIN" >/dev/null; changed=0; fi
  return $changed
}

# Sourced (by the check): only the settings above.
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0

log() { printf 'bootstrap: %s\n' "$*"; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

libstdcxx_ok() {
  local lib
  for lib in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6; do
    [ -e "$lib" ] && grep -qa 'GLIBCXX_3.4.32' "$lib" && return 0
  done
  return 1
}

apt_updated=0
apt_update() { [ "$apt_updated" -eq 1 ] || { $SUDO apt-get update -qq; apt_updated=1; }; }

# 1. libstdc++ from GCC 13+
if libstdcxx_ok; then
  log "libstdc++ has GLIBCXX_3.4.32: ok"
  # Set up by an earlier version of this script (trixie without its security suite): add the suite. It
  # upgrades nothing itself; the machine's next apt-get upgrade takes trixie's security updates.
  if [ -f "$TRIXIE_SOURCES" ] && trixie_apt_config; then
    log "added Debian 13's security suite (trixie-security), pinned as low as trixie: apt-get upgrade now takes its updates"
    apt_updated=0; apt_update
  fi
else
  . /etc/os-release
  if [ "${ID:-}" = "debian" ] && [ "${VERSION_ID:-}" = "12" ]; then
    log "Debian 12: installing libstdc++6 from Debian 13 (trixie, trixie-security), pinned at low priority"
    trixie_apt_config || true
    apt_updated=0; apt_update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${TRIXIE_INSTALL[@]}" >/dev/null
  else
    log "error: libstdc++ lacks GLIBCXX_3.4.32 (GCC 13+ needed by TorchSharp); install a newer libstdc++6" >&2
    exit 1
  fi
  libstdcxx_ok || { log "error: libstdc++ still lacks GLIBCXX_3.4.32" >&2; exit 1; }
fi

# 2. Debian packages the product and its tests use
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v prometheus >/dev/null || missing+=(prometheus)
command -v promtool >/dev/null || { [[ " ${missing[*]-} " == *" prometheus "* ]] || missing+=(prometheus); }
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || missing+=(dataset-fashion-mnist)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  apt_update
  unavailable=()
  for pkg in "${missing[@]}"; do
    candidate="$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: //p')"
    [ -n "$candidate" ] && [ "$candidate" != "(none)" ] || unavailable+=("$pkg")
  done
  if [ ${#unavailable[@]} -gt 0 ]; then
    log "error: apt has no candidate for: ${unavailable[*]} (on Ubuntu they are in universe: add-apt-repository universe)" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "redis-server, prometheus, promtool, fashion-mnist: ok"
fi
# The Debian packages start their services on install; the project starts its own on free ports.
for svc in redis-server prometheus; do
  if command -v systemctl >/dev/null && systemctl is-active --quiet "$svc" 2>/dev/null; then
    $SUDO systemctl stop "$svc" || true
    $SUDO systemctl disable "$svc" >/dev/null 2>&1 || true
  fi
done

# 3. .NET 10 SDK
if ! command -v dotnet >/dev/null || ! dotnet --list-sdks | grep -q '^10\.'; then
  log "error: the .NET 10 SDK is required (https://dot.net); 'dotnet --list-sdks' shows no 10.x" >&2
  exit 1
fi
# --list-sdks does not start the runtime; --version does, and fails without libicu (the SDK's prerequisite).
if ! sdk_version="$(dotnet --version 2>/dev/null)"; then
  log "error: the .NET SDK is there but 'dotnet --version' fails (usually libicu missing: https://aka.ms/dotnet-missing-libicu)" >&2
  exit 1
fi
log ".NET SDK $sdk_version: ok"
log "done"
