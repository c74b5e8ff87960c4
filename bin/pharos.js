#!/usr/bin/env node
// Runs the compiled CLI (npm start builds it first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/server/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write('Pharos is not built yet: run "npm run build" (npm start does it for you).\n');
  process.exit(1);
}
const { runCli } = await import(compiled.href);
await runCli(process.argv);
