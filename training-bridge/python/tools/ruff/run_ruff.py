"""Runs ruff over the trainer's Python with the rules of pyproject.toml ([tool.ruff]).

ruff comes as Astral's WebAssembly build from npm (`npm ci` in this folder; Debian 12 has no ruff
package and PyPI is not reachable from the build machines), run by Node.js. This script reads the
settings with tomllib, applies per-file-ignores (the WebAssembly API checks text, not paths) and
exits as ruff would: 0 clean, 1 findings, 2 when Node.js or the npm package is missing.
"""
import fnmatch
import json
import pathlib
import shutil
import subprocess
import sys
import tomllib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def request():
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]
    ignores = settings.get("lint", {}).pop("per-file-ignores", {})
    files = []
    for p in sorted(ROOT.rglob("*.py")):
        rel = p.relative_to(ROOT).as_posix()
        if "__pycache__" in p.parts or "node_modules" in p.parts:
            continue
        codes = [c for pattern, cs in ignores.items() if fnmatch.fnmatch(rel, pattern) for c in cs]
        files.append({"path": rel, "ignore": codes})
    return {"root": str(ROOT), "settings": settings, "files": files}


def main():
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "@astral-sh" / "ruff-wasm-nodejs").is_dir():
        print("ruff is not installed: run `npm ci` in training-bridge/python/tools/ruff (needs Node.js)")
        return 2
    done = subprocess.run([node, str(HERE / "ruff_check.mjs")], input=json.dumps(request()), text=True)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
