#!/usr/bin/env bash
# Builds Karyo Workstation for this platform with Maven + jlink + jpackage (docs/install.md):
#   installer/build.sh            app image: installer/target/cpu/image/karyo-workstation
#   installer/build.sh --deb      + Debian package: installer/target/cpu/dist/*.deb
#   installer/build.sh --gpu      the GPU variant (CUDA 12 / cuDNN 9), under installer/target/gpu
#   --msi / --pkg                 on a Windows / macOS build host
# Extra Maven options (e.g. -o for offline) go in KARYO_MVN_ARGS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TYPE=app-image PROFILES=installer
for arg in "$@"; do
  case "$arg" in
    --deb) TYPE=deb ;;
    --msi) TYPE=msi ;;
    --pkg) TYPE=pkg ;;
    --gpu) PROFILES=installer,gpu ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $arg (--deb, --gpu, --msi, --pkg)" >&2; exit 2 ;;
  esac
done
for tool in java jlink jpackage mvn; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is needed (JDK 17 with jpackage, Maven)" >&2; exit 2; }
done
if [ "$TYPE" = deb ]; then
  for tool in fakeroot dpkg-deb; do
    command -v "$tool" >/dev/null || { echo "build.sh: $tool is needed for --deb (apt-get install fakeroot dpkg-dev)" >&2; exit 2; }
  done
fi
cd "$ROOT"
rm -rf installer/target/jars-*   # no jars left over from an earlier version
# shellcheck disable=SC2086  # KARYO_MVN_ARGS holds several options
if ! mvn -B -ntp ${KARYO_MVN_ARGS:-} -pl installer -am package -DskipTests -P"$PROFILES" \
     -Dkaryo.installer.type="$TYPE" | { grep -vE '^\[INFO\] (Copying|--- |Building |Executing|Executed|$)|already exists in destination' || true; }; then
  echo "build.sh: build failed" >&2; exit 1
fi
