#!/usr/bin/env bash
# CI check of the installer (to be called from .ci/run): builds the app image, then counts the
# demo case with the image's own launcher and bundled runtime (no system Java on the PATH), and
# checks that the data folder is created where it should be and nothing is written into the image.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGE="$ROOT/installer/target/cpu/image/karyo-workstation"
fail() { echo "ci-check: FAILED: $*" >&2; exit 1; }

[ -n "${KARYO_SKIP_BUILD:-}" ] || "$ROOT/installer/build.sh"
[ -x "$IMAGE/bin/karyo" ] || fail "no app image at $IMAGE"
[ -x "$IMAGE/bin/karyo-workstation" ] || fail "no GUI launcher in $IMAGE/bin"
[ -f "$IMAGE/lib/app/assets/models/deepchm-default.onnx" ] || fail "the default model is not bundled"

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
touch "$tmp/before"
sleep 1
# a clean environment: the launcher must use lib/runtime, and find the model through karyo.home
# (Java takes the home folder from the account, not $HOME: XDG_DATA_HOME points the data elsewhere)
out="$(env -i HOME="$tmp/home" XDG_DATA_HOME="$tmp/xdg" PATH=/nonexistent LANG=C.UTF-8 \
       "$IMAGE/bin/karyo" count "$IMAGE/lib/app/assets/demo" --out "$tmp/counts.json" 2>&1)" \
  || { echo "$out"; fail "karyo count exited with $?"; }
grep -E "^(model:|Cells counted|Modal number)" <<<"$out"
grep -q "^Cells counted: 22" <<<"$out" || fail "the demo case's 22 cells were not all counted"
grep -q "^Modal number: 4[5-7] " <<<"$out" || fail "no plausible modal number in the case summary"
grep -q "deepchm-default.onnx), running on CPU" <<<"$out" || fail "the bundled model was not the one used"
[ -d "$tmp/xdg/karyo/models" ] && [ -d "$tmp/xdg/karyo/logs" ] \
  || fail "first start did not create \$XDG_DATA_HOME/karyo/{models,logs}"
written="$(find "$IMAGE" -newer "$tmp/before" | head -3)"
[ -z "$written" ] || fail "the program wrote into its installation: $written"
echo "ci-check: OK (app image $(du -sh "$IMAGE" | cut -f1), demo case counted from the packaged runtime)"
