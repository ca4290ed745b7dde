// Lints Python files with ruff's WebAssembly build. Reads one JSON request on stdin:
// {"root": DIR, "settings": <pyproject's [tool.ruff] without per-file-ignores>,
//  "files": [{"path": RELATIVE, "ignore": [CODE...]}]}
// and prints one "path:row:col: CODE message" line per finding. Exit 0 clean, 1 findings.
import { Workspace, PositionEncoding } from '@astral-sh/ruff-wasm-nodejs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const request = JSON.parse(readFileSync(0, 'utf8'));
const workspace = new Workspace(request.settings, PositionEncoding.Utf16);
let findings = 0;
for (const file of request.files) {
  const source = readFileSync(join(request.root, file.path), 'utf8');
  for (const d of workspace.check(source)) {
    if (d.code && file.ignore.some((c) => d.code.startsWith(c))) continue;
    findings++;
    console.log(`${file.path}:${d.start_location.row}:${d.start_location.column}: ${d.code ?? 'syntax'} ${d.message}`);
  }
}
console.log(`ruff ${Workspace.version()}: ${request.files.length} files, ${findings} findings`);
process.exit(findings === 0 ? 0 : 1);
