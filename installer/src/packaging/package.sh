#!/usr/bin/env bash
# Builds the Karyo app image, and optionally a native package, from the jars Maven copied
# (called by the installer module's -Pinstaller profile; see installer/build.sh, docs/install.md):
#   1. copy every jar without other platforms' natives, this platform's moved to lib/app/native
#      (FilterNatives.java), which the launchers' loader properties point at
#   2. jlink a trimmed runtime with the modules the jars require (descriptors, else jdeps)
#   3. jpackage an app image: GUI launcher (runs `karyo gui`) + console launcher `karyo`,
#      the default model, demo case and trainer under lib/app (= karyo.home, read-only)
#   4. TYPE deb|msi|pkg: jpackage the image into that package
# Usage: package.sh JARS_DIR TARGET_DIR TYPE PROJECT_VERSION
set -euo pipefail
JARS="$1" TARGET="$2" TYPE="$3" VERSION="$4"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
APP_VERSION="${VERSION%%-*}"   # jpackage wants digits and dots

# the JDK whose jlink/jpackage run (its version is the bundled runtime's version)
JDK="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")}"
J() { "$JDK/bin/$1" "${@:2}"; }

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) PLATFORM=linux-x64 ;;
  Linux-aarch64) PLATFORM=linux-aarch64 ;;
  Darwin-x86_64) PLATFORM=mac-x64 ;;
  Darwin-arm64) PLATFORM=mac-aarch64 ;;
  MINGW*|MSYS*|CYGWIN*) PLATFORM=win-x64 ;;
  *) echo "package.sh: unsupported build host $(uname -s)-$(uname -m)" >&2; exit 2 ;;
esac

VARIANT=cpu
ls "$JARS"/onnxruntime_gpu-*.jar >/dev/null 2>&1 && VARIANT=gpu
case "$PLATFORM" in
  linux-*) NAME=karyo-workstation; [ $VARIANT = gpu ] && NAME=karyo-workstation-gpu ;;
  *) NAME="Karyo Workstation"; [ $VARIANT = gpu ] && NAME="Karyo Workstation GPU" ;;
esac
WORK="$TARGET/$VARIANT"
rm -rf "$WORK"
mkdir -p "$WORK/input/assets/models" "$WORK/image" "$WORK/dist"
echo "== Karyo $APP_VERSION ($VARIANT, $PLATFORM) in $WORK"

echo "== 1. jars without other platforms' natives"
FILTER="$WORK/filter"
J javac -d "$FILTER" "$HERE/FilterNatives.java"
for jar in "$JARS"/*.jar; do
  base="$(basename "$jar" .jar)"
  # JavaFX's plain jars are empty stand-ins for the platform-classified ones beside them
  if [[ "$base" == javafx-* ]] && compgen -G "$JARS/$base-*.jar" >/dev/null; then continue; fi
  if [ -n "${KARYO_ALL_NATIVES:-}" ]; then   # only to measure what the filtering saves
    cp "$jar" "$WORK/input/"
  else
    J java -cp "$FILTER" FilterNatives "$jar" "$WORK/input/$base.jar" "$PLATFORM" "$WORK/input/native" \
      | grep -v '(0 entries' || true
  fi
done
cp "$ROOT/assets/models/deepchm-default.onnx" "$WORK/input/assets/models/"
cp -r "$ROOT/assets/demo" "$WORK/input/assets/demo"
# the PyTorch trainer `karyo train` runs (with the machine's python3-torch), sources only
mkdir -p "$WORK/input/training-bridge/python/deepchm"
cp "$ROOT/training-bridge/python/README.md" "$WORK/input/training-bridge/python/"
cp "$ROOT/training-bridge/python/deepchm"/*.py "$WORK/input/training-bridge/python/deepchm/"

echo "== 2. runtime (jlink)"
# modular jars declare what they need (JDK modules they require, static ones are optional);
# jdeps reads the others' bytecode
jdk_modules() {
  local jar="$1" desc
  if desc="$(J jar --describe-module --file="$jar" 2>/dev/null)" && grep -q '^requires' <<<"$desc" \
     || desc="$(J jar --describe-module --file="$jar" --release 9 2>/dev/null)" && grep -q '^requires' <<<"$desc"; then
    grep -E '^requires (java|jdk)\.' <<<"$desc" | grep -v ' static' | awk '{print $2}'
  else
    J jdeps --print-module-deps --ignore-missing-deps --multi-release 17 -cp "$WORK/input/*" "$jar" | tr ',' '\n'
  fi
}
MODS="$(for jar in "$WORK/input"/*.jar; do jdk_modules "$jar"; done | grep . | sort -u | paste -sd, -)"
# what reflection and JNI use and no descriptor names: Unsafe (ORT, JavaFX), localised formats
MODS="$MODS,jdk.unsupported,jdk.localedata"
echo "modules: $MODS"
J jlink --add-modules "$MODS" --strip-debug --no-header-files --no-man-pages --compress=2 \
        --include-locales=en --output "$WORK/runtime"

echo "== 3. app image (jpackage)"
MAIN_JAR="$(cd "$WORK/input" && ls karyo-app-*.jar)"
case "$PLATFORM" in
  win-*) ICON="$ROOT/assets/icons/karyo.ico" ;;
  mac-*) ICON="$ROOT/assets/icons/karyo.icns" ;;
  *) ICON="$ROOT/assets/icons/karyo.png" ;;
esac
# karyo.home: bundled model, demo, trainer; the natives' loaders read lib/app/native instead of
# unpacking copies from the jars into the temporary folder (OpenCv.java reads karyo.native)
NATIVE="-Donnxruntime.native.path=\$APPDIR/native -Dorg.sqlite.lib.path=\$APPDIR/native -Dkaryo.native=\$APPDIR/native"
[ -n "${KARYO_ALL_NATIVES:-}" ] && NATIVE=""
JOPTS="-Dkaryo.home=\$APPDIR -Dkaryo.variant=$VARIANT $NATIVE"
# the window: C1 only (docs/performance.md: C2 compiling on 2 cores made the first ~15 cell
# switches of a session miss 150 ms; the model runs in native code either way)
GUI_JOPTS="-XX:TieredStopAtLevel=1"
# the console launcher: the CLI itself, no default arguments
cat > "$WORK/karyo.properties" <<PROPS
main-class=org.karyo.app.cli.Karyo
arguments=--help
java-options=$JOPTS
win-console=true
linux-shortcut=false
PROPS
IMAGE_ARGS=(--name "$NAME" --app-version "$APP_VERSION" --vendor "Karyo Workstation project"
  --copyright "Karyo Workstation project" --description "Clinical karyotyping workstation: chromosome detection and counting"
  --input "$WORK/input" --main-jar "$MAIN_JAR" --main-class org.karyo.app.cli.Karyo
  --arguments gui --java-options "$JOPTS $GUI_JOPTS"
  --runtime-image "$WORK/runtime" --icon "$ICON" --add-launcher "karyo=$WORK/karyo.properties")
J jpackage --type app-image --dest "$WORK/image" "${IMAGE_ARGS[@]}"
IMAGE="$WORK/image/$NAME"
[ "$PLATFORM" = "${PLATFORM#mac}" ] || IMAGE="$IMAGE.app"
echo "app image: $IMAGE ($(du -sh "$IMAGE" | cut -f1))"

[ "$TYPE" = app-image ] && exit 0
echo "== 4. $TYPE package"
# built from the same inputs as the image (jpackage 17 gives every launcher a desktop entry;
# linux/karyo.desktop hides the console launcher's one from the menus)
case "$TYPE" in
  deb)
    RES="$WORK/resources"; mkdir -p "$RES"
    if [ $VARIANT = gpu ]; then OTHER=karyo-workstation; SUFFIX=" (GPU)"; else OTHER=karyo-workstation-gpu; SUFFIX=""; fi
    for f in "$HERE/linux"/*; do
      out="$(basename "$f")"; [ "$out" = launcher.desktop ] && out="$NAME.desktop"
      sed -e "s|@NAME@|$NAME|g; s|@OTHER@|$OTHER|g; s|@TITLE_SUFFIX@|$SUFFIX|g" "$f" > "$RES/$out"
    done
    # fonts-droid-fallback: the report prints CJK patient names in it (docs/reliability.md, "Reports")
    J jpackage --type deb --dest "$WORK/dist" "${IMAGE_ARGS[@]}" --resource-dir "$RES" \
      --linux-package-deps fonts-droid-fallback \
      --linux-shortcut --linux-app-category science --linux-deb-maintainer karyo@localhost ;;
  msi)
    UUID=6b7f6a3e-2f4c-4d7e-9b7a-5a1d2c0e8f41; [ $VARIANT = gpu ] && UUID=6b7f6a3e-2f4c-4d7e-9b7a-5a1d2c0e8f42
    J jpackage --type msi --dest "$WORK/dist" "${IMAGE_ARGS[@]}" --win-dir-chooser --win-menu \
      --win-menu-group "Karyo" --win-shortcut --win-upgrade-uuid "$UUID" ;;
  pkg)
    J jpackage --type pkg --dest "$WORK/dist" "${IMAGE_ARGS[@]}" --mac-package-identifier "org.karyo.workstation.$VARIANT" ;;
  *) echo "package.sh: unknown package type $TYPE (app-image, deb, msi, pkg)" >&2; exit 2 ;;
esac
ls -la "$WORK/dist"
