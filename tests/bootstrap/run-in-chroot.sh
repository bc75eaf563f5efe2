#!/usr/bin/env bash
# Manual check of scripts/bootstrap.sh on a fresh system: Debian 12 (bookworm), Debian 13 (trixie) or
# Ubuntu 24.04 (noble). Not part of CI: it needs root, network (deb.debian.org / archive.ubuntu.com) and
# takes minutes per target.
#
#   sudo bash tests/bootstrap/run-in-chroot.sh bookworm|trixie|noble [--train]
#   sudo bash tests/bootstrap/run-in-chroot.sh clean      # removes every chroot this script made
#
# It builds (once, then reuses) a `debootstrap --variant=minbase` base under /var/tmp/bootstrap-chroots,
# writes the apt sources a standard install has (noble: deb822 ubuntu.sources with universe), copies the
# base to a fresh working chroot, bind-mounts the host's .NET SDK (/usr/share/dotnet, read-only) with
# /usr/bin/dotnet linking to it and installs the SDK's prerequisites (libicu, libssl, ca-certificates: a
# manual SDK install needs them, bootstrap.sh only checks the SDK), runs bootstrap.sh twice as root and checks: libstdc++ has GLIBCXX_3.4.32;
# on Debian 12 trixie and trixie-security are sources at pin priority 100 and only libstdc++6, its
# dependencies and what they force (libc-bin, base-files) came from them (tests/bootstrap/trixie-pin-check.sh
# checks the same without a chroot, by simulation);
# redis-server, prometheus and promtool are on PATH; Fashion-MNIST is in /usr/share/datasets; no process
# (service) is left running in the chroot; `dotnet --list-sdks` works there; the second run installs
# nothing and takes seconds. --train also builds this repo's committed HEAD in the chroot, offline (the
# host's NuGet cache bind-mounted read-only is the only package source; NuGet audit off) and trains one
# epoch, so TorchSharp's native library loads with that system's libstdc++.
# The last line is a summary, or `bootstrap TARGET: FAILED: reason`.
# Host needs debootstrap; for noble also the ubuntu-keyring package and a debootstrap script for noble
# (on Debian 12: ln -s gutsy /usr/share/debootstrap/scripts/noble).
set -euo pipefail
export LC_ALL=C

ROOT=/var/tmp/bootstrap-chroots
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
target="${1:-}"; train=0; [ "${2:-}" = "--train" ] && train=1

die() { echo "bootstrap ${target:-?}: FAILED: $*"; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap, chroot and mounts need it)"

mounted_under() { findmnt -rn -o TARGET | grep -q "^$1\(/\|$\)"; }

if [ "$target" = "clean" ]; then
  mounted_under "$ROOT" && die "something is still mounted under $ROOT; unmount it first"
  rm -rf "${ROOT:?}"; echo "bootstrap chroots removed"; exit 0
fi

case "$target" in
  bookworm|trixie) mirror=http://deb.debian.org/debian; keyring=/usr/share/keyrings/debian-archive-keyring.gpg ;;
  noble) mirror=http://archive.ubuntu.com/ubuntu; keyring=/usr/share/keyrings/ubuntu-archive-keyring.gpg ;;
  *) die "usage: run-in-chroot.sh bookworm|trixie|noble [--train] | clean" ;;
esac
command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
[ -f "$keyring" ] || die "$keyring is missing (for noble: apt-get install ubuntu-keyring)"
[ -e "/usr/share/debootstrap/scripts/$target" ] || die "debootstrap has no script for $target (ln -s gutsy /usr/share/debootstrap/scripts/$target)"
[ -x /usr/share/dotnet/dotnet ] || die "no host .NET SDK in /usr/share/dotnet to bind-mount"

base="$ROOT/.base-$target"; work="$ROOT/$target"; mkdir -p "$ROOT"

# 1. The base: minbase plus the apt sources of a standard install. Built once.
if [ ! -f "$base/.ready" ]; then
  if [ ! -f "$base/.debootstrapped" ]; then
    mounted_under "$base" && die "something is mounted under $base"
    rm -rf "$base"
    echo "debootstrap $target (a few minutes)..."
    nice -n 19 debootstrap --variant=minbase --components=main --keyring="$keyring" "$target" "$base" "$mirror" \
      >"$ROOT/debootstrap-$target.log" 2>&1 || die "debootstrap failed, see $ROOT/debootstrap-$target.log"
    touch "$base/.debootstrapped"
  fi
  case "$target" in
    bookworm) cat >"$base/etc/apt/sources.list" <<'SRC' ;;
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SRC
    trixie) rm -f "$base/etc/apt/sources.list"; cat >"$base/etc/apt/sources.list.d/debian.sources" <<'SRC' ;;
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie trixie-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: trixie-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    # as Ubuntu 24.04 writes it, except security comes from archive.ubuntu.com (same content)
    noble) rm -f "$base/etc/apt/sources.list"; cat >"$base/etc/apt/sources.list.d/ubuntu.sources" <<'SRC' ;;
Types: deb
URIs: http://archive.ubuntu.com/ubuntu/
Suites: noble noble-updates noble-backports
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

Types: deb
URIs: http://archive.ubuntu.com/ubuntu/
Suites: noble-security
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
SRC
  esac
  touch "$base/.ready"
fi

# 2. A fresh working copy, with proc/sys/dev, resolv.conf and the host's SDK.
mounted_under "$work" && die "something is still mounted under $work (an earlier run?); unmount it first"
rm -rf "$work"; cp -a "$base" "$work"
cp -L /etc/resolv.conf "$work/etc/resolv.conf"
mounts=()
mnt() { mount "$@"; mounts+=("${@: -1}"); }
chroot_pids() { local p; for p in /proc/[0-9]*; do [ "$(readlink "$p/root" 2>/dev/null)" = "$work" ] && echo "${p#/proc/}"; done; true; }
cleanup() {
  local pid i
  for pid in $(chroot_pids); do kill "$pid" 2>/dev/null || true; done
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" || true; done
}
trap cleanup EXIT
mnt -t proc proc "$work/proc"
mnt -t sysfs sys "$work/sys"
mnt --bind /dev "$work/dev"
mnt --bind /dev/pts "$work/dev/pts"
mkdir -p "$work/usr/share/dotnet"
mnt --bind /usr/share/dotnet "$work/usr/share/dotnet"; mount -o remount,bind,ro "$work/usr/share/dotnet"
ln -sfn /usr/share/dotnet/dotnet "$work/usr/bin/dotnet"
cp "$REPO/scripts/bootstrap.sh" "$work/root/bootstrap.sh"

in_chroot() {
  chroot "$work" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
run_bootstrap() {  # $1: log name; sets $secs
  local t0=$EPOCHREALTIME rc=0
  in_chroot nice -n 19 bash /root/bootstrap.sh >"$ROOT/$target-$1.log" 2>&1 || rc=$?
  secs=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  sed 's/^/  /' "$ROOT/$target-$1.log"
  [ "$rc" -eq 0 ] || die "$1 run exited $rc: $(grep -m1 -i 'error' "$ROOT/$target-$1.log" || tail -n1 "$ROOT/$target-$1.log")"
}
left_running() {
  local pids; pids="$(chroot_pids)"
  [ -z "$pids" ] || die "$1 run left processes running: $(for p in $pids; do printf '%s(%s) ' "$(cat /proc/$p/comm 2>/dev/null)" "$p"; done)"
}

# The SDK's own prerequisites (what Microsoft's install guide lists for a manual install), so the
# bind-mounted SDK runs here; bootstrap.sh only checks the SDK.
case "$target" in
  bookworm) sdk_deps="ca-certificates libicu72 libssl3 libgssapi-krb5-2 zlib1g" ;;
  trixie) sdk_deps="ca-certificates libicu76 libssl3t64 libgssapi-krb5-2 zlib1g" ;;
  noble) sdk_deps="ca-certificates libicu74 libssl3t64 libgssapi-krb5-2 zlib1g" ;;
esac
in_chroot sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $sdk_deps" \
  >"$ROOT/$target-sdk-deps.log" 2>&1 || die "installing the SDK's prerequisites ($sdk_deps) failed, see $ROOT/$target-sdk-deps.log"
in_chroot dotnet --version >/dev/null 2>&1 || die "the bind-mounted SDK does not run in the chroot ('dotnet --version')"

in_chroot dpkg-query -W -f '${Package} ${Version}\n' | sort >"$ROOT/$target-before.txt"
echo "bootstrap $target: first run"
run_bootstrap first; first=$secs; left_running first

# 3. Checks after the first run.
lib="$(in_chroot readlink -f /usr/lib/x86_64-linux-gnu/libstdc++.so.6)"
grep -qa GLIBCXX_3.4.32 "$work$lib" || die "$lib lacks GLIBCXX_3.4.32"
for cmd in redis-server prometheus promtool; do
  in_chroot sh -c "command -v $cmd" >/dev/null || die "$cmd is not on PATH"
done
[ -f "$work/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz" ] || die "no /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"
sdks="$(in_chroot dotnet --list-sdks 2>&1)" || die "dotnet --list-sdks fails in the chroot: $(head -n1 <<<"$sdks")"
grep -q '^10\.' <<<"$sdks" || die "dotnet --list-sdks shows no 10.x in the chroot"
extra=""
if [ "$target" = bookworm ]; then
  grep -qs 'Pin-Priority: 100' "$work/etc/apt/preferences.d/trixie-low-priority" || die "pin file /etc/apt/preferences.d/trixie-low-priority missing"
  # Both suites, each at 100: trixie's packages then get trixie-security's updates.
  for suite in trixie trixie-security; do
    in_chroot apt-cache policy | grep -Eq "^ +100 http://deb\.debian\.org/debian(-security)? $suite/main amd64 Packages$" \
      || die "$suite is not among the apt sources at priority 100"
  done
  # Installed versions that no bookworm suite has, i.e. came from trixie.
  in_chroot dpkg-query -W -f '${Package}\n' | sort -u >"$ROOT/$target-installed.txt"
  from_trixie="$(in_chroot xargs apt-cache policy <"$ROOT/$target-installed.txt" | awk '
    /^[^ ]/ { pkg = $1; sub(":$", "", pkg); inst = 0; next }
    /^ *\*\*\* / { inst = 1; bw[pkg] = 0; tx[pkg] = 0; next }
    /^     [^ ]/ { inst = 0; next }
    inst && / bookworm[-\/]/ { bw[pkg] = 1 }
    inst && / trixie(-security)?\// { tx[pkg] = 1 }
    END { for (p in tx) if (tx[p] && !bw[p]) print p }' | sort)"
  grep -qx 'libstdc++6' <<<"$from_trixie" || die "libstdc++6 did not come from trixie"
  # libstdc++6's dependency closure (Depends/Pre-Depends) in the installed versions
  allowed="$(in_chroot apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances libstdc++6 | awk '/^[a-z0-9]/ { print $1 } /Depends:/ { print $NF }' | tr -d '<>' | sed 's/:amd64$//' | sort -u)"
  # Also forced, though not dependencies: libc-bin (bookworm's needs libc6 << 2.37) and base-files (trixie's
  # libc6 Breaks base-files << 13.3, so /etc/os-release then says Debian 13).
  allowed="$(printf '%s\nlibc-bin\nbase-files\n' "$allowed" | sort -u)"
  moved="$(comm -23 <(echo "$from_trixie") <(echo "$allowed") | tr '\n' ' ')"
  [ -z "$moved" ] || die "packages outside libstdc++6's dependencies came from trixie: $moved"
  # Packages that were there before and changed version are exactly trixie ones.
  in_chroot dpkg-query -W -f '${Package} ${Version}\n' | sort >"$ROOT/$target-after.txt"
  changed="$(join "$ROOT/$target-before.txt" "$ROOT/$target-after.txt" | awk '$2 != $3 { print $1 }')"
  notrixie="$(comm -23 <(echo "$changed" | sort) <(echo "$from_trixie") | tr '\n' ' ')"
  [ -z "${notrixie// }" ] || die "packages changed version without coming from trixie: $notrixie"
  extra=", from trixie only: $(echo "$from_trixie" | tr '\n' ' ' | sed 's/ $//'), pin ok"
fi

# 4. The second run: nothing to install, seconds.
echo "bootstrap $target: second run"
run_bootstrap second; second=$secs; left_running second
grep -q 'installing' "$ROOT/$target-second.log" && die "second run installed something: $(grep -m1 installing "$ROOT/$target-second.log")"
awk -v s="$second" 'BEGIN { exit !(s <= 15) }' || die "second run took $second s (expected seconds)"

# 5. Optional: build the repo's HEAD in the chroot and train one epoch (TorchSharp's libtorch loads).
if [ "$train" -eq 1 ]; then
  echo "bootstrap $target: building and training (minutes)"
  nuget_cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  [ -d "$nuget_cache/torchsharp" ] || die "--train: no restored NuGet cache at $nuget_cache (build the repo on the host once)"
  git clone -q "$REPO" "$work/root/repo"
  mkdir -p "$work/root/.nuget/packages"
  mnt --bind "$nuget_cache" "$work/root/.nuget/packages"; mount -o remount,bind,ro "$work/root/.nuget/packages"
  in_chroot sh -c 'cd /root/repo && RestoreSources=/root/.nuget/packages NuGetAudit=false MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER=1 UseSharedCompilation=false nice -n 19 ./orleans-sweep train --epochs 1 --subset 2000 --json' \
    >"$ROOT/$target-train.log" 2>&1 || die "train failed: $(grep -m1 -iE 'error|exception' "$ROOT/$target-train.log" || tail -n1 "$ROOT/$target-train.log")"
  tail -n 3 "$ROOT/$target-train.log" | sed 's/^/  /'
  extra="$extra, train 1 epoch ok"
fi

echo "bootstrap $target: first run $first s, second run $second s, GLIBCXX_3.4.32 ok, redis-server ok, prometheus ok, promtool ok, fashion-mnist ok, .NET SDK ok, no services left running$extra"
