#!/usr/bin/env bash
# Installs the Karyo .deb on this Debian machine (as root), counts the demo case with the
# installed `karyo`, starts the GUI under Xvfb for a screenshot when `karyo gui` exists, removes
# the package and checks that the program is gone and the user's data folder is kept.
#   installer/deb-check.sh [FILE.deb] [SCREENSHOT.png]      (docs/install.md, "Checking a package")
# With UPGRADE_DEB=NEWER.deb it also upgrades to that package before removing, and checks that
# the user's data and the active state are kept.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEB="$(readlink -f "${1:-$(ls "$ROOT"/installer/target/cpu/dist/*.deb | head -1)}")"
SHOT="${2:-$ROOT/installer/target/karyo-gui.png}"
NAME="$(dpkg-deb -f "$DEB" Package)"
fail() { echo "deb-check: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (apt-get install)"
export DEBIAN_FRONTEND=noninteractive

echo "== install $DEB"
apt-get install -y -q "$DEB" >/dev/null
dpkg -s "$NAME" | grep -q '^Status: install ok installed' || fail "$NAME is not installed"
[ "$(readlink -f "$(command -v karyo)")" = "/opt/$NAME/bin/karyo" ] || fail "karyo is not on the PATH"
[ -f "/usr/share/applications/$NAME.desktop" ] || fail "no desktop entry in /usr/share/applications"

echo "== count the demo case with the installed program"
data="$(mktemp -d)"
out="$(XDG_DATA_HOME="$data" karyo count "/opt/$NAME/lib/app/assets/demo" 2>&1)" || { echo "$out"; fail "count failed"; }
grep -E '^(model:|Cells counted|Modal number)' <<<"$out"
grep -q '^Cells counted: 22' <<<"$out" || fail "the demo case was not counted"
[ -d "$data/karyo/models" ] || fail "first start did not create the data folder"
echo "keep me" > "$data/karyo/models/marker"

if [ -n "${UPGRADE_DEB:-}" ]; then
  new="$(readlink -f "$UPGRADE_DEB")"
  echo "== upgrade to $(dpkg-deb -f "$new" Version)"
  apt-get install -y -q "$new" >/dev/null
  [ "$(dpkg-query -W -f='${Version}' "$NAME")" = "$(dpkg-deb -f "$new" Version)" ] || fail "not upgraded"
  [ "$(readlink -f "$(command -v karyo)")" = "/opt/$NAME/bin/karyo" ] || fail "karyo left the PATH on upgrade"
  [ -f "/usr/share/applications/$NAME.desktop" ] || fail "the desktop entry was lost on upgrade"
  [ "$(cat "$data/karyo/models/marker")" = "keep me" ] || fail "the upgrade touched the user's data"
  XDG_DATA_HOME="$data" karyo count "/opt/$NAME/lib/app/assets/demo" 2>&1 | grep -q '^Cells counted: 22' \
    || fail "the upgraded program does not count the demo case"
fi

if XDG_DATA_HOME="$data" karyo --help | grep -qE '^  gui ' && command -v xvfb-run >/dev/null; then
  echo "== start the GUI under Xvfb, screenshot to $SHOT"
  XDG_DATA_HOME="$data" xvfb-run -a -s "-screen 0 1440x900x24" bash -c "
    /opt/$NAME/bin/$NAME & pid=\$!; sleep 20
    kill -0 \$pid || exit 3
    if command -v import >/dev/null; then import -window root '$SHOT'; else xwd -root -silent -out '${SHOT%.png}.xwd'; fi
    kill \$pid" || fail "the GUI did not start under Xvfb"
  echo "screenshot: $(ls "$SHOT" "${SHOT%.png}.xwd" 2>/dev/null)"
else
  echo "== GUI not checked: 'karyo gui' is not in this build or xvfb-run is missing (apt-get install xvfb)"
fi

echo "== remove"
apt-get remove -y -q "$NAME" >/dev/null
! dpkg -s "$NAME" 2>/dev/null | grep -q '^Status: install ok installed' || fail "still installed"
[ ! -e "/opt/$NAME" ] || fail "/opt/$NAME is left behind: $(find "/opt/$NAME" | head -3)"
[ ! -e /usr/bin/karyo ] || fail "/usr/bin/karyo is left behind"
[ ! -e "/usr/share/applications/$NAME.desktop" ] || fail "the desktop entry is left behind"
[ "$(cat "$data/karyo/models/marker")" = "keep me" ] || fail "the user's data folder was not kept"
apt-get purge -y -q "$NAME" >/dev/null   # purge too leaves home folders alone
[ "$(cat "$data/karyo/models/marker")" = "keep me" ] || fail "purge removed the user's data"
rm -rf "$data"
echo "deb-check: OK ($NAME installed, counted the demo case, removed cleanly, user data kept)"
