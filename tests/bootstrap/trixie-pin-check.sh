#!/usr/bin/env bash
# Checks what scripts/bootstrap.sh's Debian 12 install line would take from Debian 13, without changing this
# machine: apt-get -s (simulate) in a private apt setup (its own sources, pins, lists, cache and dpkg status).
#
#   bash tests/bootstrap/trixie-pin-check.sh
#
# The sources are a standard Debian 12 install's (bookworm, bookworm-updates, bookworm-security) plus the
# bootstrap's trixie sources and pins, taken from the script itself; the dpkg status is a fresh Debian 12
# minimal system (what debootstrap --variant=minbase installs: every Priority: required package, and apt).
# It checks that:
#   - trixie and trixie-security are both there at pin priority 100, so what came from Debian 13 gets its
#     security updates, and nothing from them is a candidate unless asked for;
#   - the install line takes from Debian 13 exactly libstdc++6 and what it forces (gcc-14-base, libgcc-s1,
#     libc6, libc-bin, base-files), each at the newest version trixie and trixie-security have;
#   - nothing else changes: no other package is installed, upgraded or removed.
# Needs network (deb.debian.org, ~40 MB of package lists) and apt; not root. Not part of CI (network).
# The last line is `trixie pin check: ok (...)` or `trixie pin check: FAILED: reason`.
set -euo pipefail
export LC_ALL=C

REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
# shellcheck source=../../scripts/bootstrap.sh
. "$REPO/scripts/bootstrap.sh"   # TRIXIE_INSTALL, trixie_sources, trixie_pin
EXPECTED="base-files gcc-14-base libc-bin libc6 libgcc-s1 libstdc++6"

die() { echo "trixie pin check: FAILED: $*"; exit 1; }
command -v apt-get >/dev/null || die "apt-get is not installed"
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || die "/usr/share/keyrings/debian-archive-keyring.gpg is missing"

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/sources.list.d" "$tmp/preferences.d" "$tmp/state/lists/partial" "$tmp/cache/archives/partial"
cat >"$tmp/sources.list.d/debian.sources" <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
trixie_sources >"$tmp/sources.list.d/trixie.sources"
trixie_pin >"$tmp/preferences.d/trixie-low-priority"
: >"$tmp/status"
apt_private=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$tmp/sources.list.d"
  -o "Dir::Etc::Preferences=$tmp/preferences" -o "Dir::Etc::PreferencesParts=$tmp/preferences.d"
  -o "Dir::State=$tmp/state" -o "Dir::State::status=$tmp/status" -o "Dir::Cache=$tmp/cache"
  -o "APT::Architecture=amd64" -o "APT::Architectures::=amd64" -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)")

apt-get "${apt_private[@]}" -qq update 2>"$tmp/update.log" || die "apt-get update failed: $(head -n1 "$tmp/update.log")"

# A fresh minimal Debian 12: bookworm's Priority: required packages and apt, with their dependencies, as apt
# resolves them on an empty system (the trixie pins keep Debian 13 out, as point 1 checks again below).
lists=("$tmp"/state/lists/*_dists_bookworm_main_binary-amd64_Packages*)
[ -e "${lists[0]}" ] || die "no bookworm package list was downloaded"
required="$(/usr/lib/apt/apt-helper cat-file "${lists[0]}" | awk -v RS= '/(^|\n)Priority: required(\n|$)/ { sub(/^Package: /, ""); sub(/\n.*/, ""); print }')"
# shellcheck disable=SC2086 # one package name per word
apt-get "${apt_private[@]}" -s -q install $required apt >"$tmp/base.log" 2>&1 || die "resolving the minimal system failed: $(grep -m1 '^E:' "$tmp/base.log")"
# shellcheck disable=SC2046
apt-cache "${apt_private[@]}" show $(awk '$1 == "Inst" { v = $3; sub(/^\(/, "", v); print $2 "=" v }' "$tmp/base.log") \
  | awk -v RS= -v ORS='\n\n' '{ print $0 "\nStatus: install ok installed" }' >"$tmp/status"
base="$(grep -c '^Package: ' "$tmp/status")"
[ "$base" -gt 50 ] || die "the minimal system has only $base packages"
apt-get "${apt_private[@]}" -s -qq check >/dev/null 2>&1 || die "the minimal Debian 12 system is not consistent (apt-get check)"

# 1. Both Debian 13 suites are there, pinned at 100; with nothing asked for, an upgrade takes nothing from them.
policy="$(apt-cache "${apt_private[@]}" policy)"
for suite in trixie trixie-security; do
  grep -Eq "^ +100 http://deb\.debian\.org/debian(-security)? $suite/main amd64 Packages$" <<<"$policy" \
    || die "$suite is not among the bootstrap's sources at priority 100: $(grep -E " $suite/" <<<"$policy" | head -n1)"
done
upgrade="$(apt-get "${apt_private[@]}" -s -q dist-upgrade | awk '/^Inst / && /Debian(-Security)?:13/ { print $2 }' | tr '\n' ' ')"
[ -z "$upgrade" ] || die "an upgrade would take from Debian 13 without being asked: $upgrade"

# 2. The install line: what it takes from Debian 13, and that nothing else moves.
apt-get "${apt_private[@]}" -s -q install "${TRIXIE_INSTALL[@]}" >"$tmp/install.log" 2>&1 \
  || die "apt-get -s install ${TRIXIE_INSTALL[*]} failed: $(grep -m1 '^E:' "$tmp/install.log")"
from13="$(awk '/^Inst / && /Debian(-Security)?:13/ { print $2 }' "$tmp/install.log" | sort | tr '\n' ' ' | sed 's/ $//')"
[ "$from13" = "$EXPECTED" ] || die "from Debian 13: '$from13', expected '$EXPECTED'"
others="$(awk '/^(Inst|Remv) / && !/Debian(-Security)?:13/ { print $1 " " $2 }' "$tmp/install.log" | tr '\n' ',' | sed 's/,$//')"
[ -z "$others" ] || die "other changes: $others"

# 3. Each at the newest version Debian 13 has, security updates included.
versions=""
for pkg in $EXPECTED; do
  taken="$(awk -v p="$pkg" '$1 == "Inst" && $2 == p { v = ($3 ~ /^\[/) ? $4 : $3; sub(/^\(/, "", v); print v }' "$tmp/install.log")"
  newest="$(apt-cache "${apt_private[@]}" madison "$pkg" | awk -F' [|] ' '$3 ~ /trixie/ { print $2 }' | sort -V | tail -n1 | tr -d ' ')"
  [ "$taken" = "$newest" ] || die "$pkg: takes $taken, but Debian 13 has $newest"
  versions+="$pkg $taken, "
done
security="$(apt-cache "${apt_private[@]}" madison $EXPECTED | grep -c 'trixie-security' || true)"

echo "trixie pin check: ok (minimal Debian 12 of $base packages; from Debian 13: ${versions%, }; $security of them also in trixie-security; nothing else moves)"
