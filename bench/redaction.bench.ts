/**
 * Throughput of the secret shield on mixed support text.
 *
 *   npx tsx bench/redaction.bench.ts
 *
 * Builds ~20 MB of messages (the clean support corpus plus an occasional secret of every kind),
 * scans them one message at a time the way the server does (and again as ~140 large documents),
 * prints a small table and writes bench/results/redaction.json. Wall-clock MB/s is reported next to
 * MB per CPU-second, which is steadier on a shared machine. `runRedactionBench()` is exported for bench/run-all.ts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as simplified } from '@scure/bip39/wordlists/simplified-chinese.js';
import { base64, createBase58check } from '@scure/base';
import { scanText } from '../src/server/modules/redaction/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const TARGET_BYTES = 20 * 1024 * 1024;
const TIME_BUDGET_MS = 30_000;
const b58check = createBase58check(sha256);

function bytes(seed: string, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let block = sha256(utf8ToBytes(seed));
  for (let k = 0; k < n; k++) {
    if (k > 0 && k % 32 === 0) block = sha256(block);
    out[k] = block[k % 32] ?? 0;
  }
  return out;
}

/** One message with a secret, cycling through the kinds. */
function secretMessage(k: number): string {
  const seed = `bench-${k}`;
  switch (k % 8) {
    case 0:
      return `my seed is ${entropyToMnemonic(bytes(seed, 16), english)} please help`;
    case 1:
      return `我的助记词是${entropyToMnemonic(bytes(seed, 32), simplified).replace(/ /g, '')}，请帮忙看看`;
    case 2:
      return `exported key ${b58check.encode(Uint8Array.from([0x80, ...bytes(seed, 32), 0x01]))} from my wallet`;
    case 3:
      return `API secret ${base64.encode(bytes(seed, 64))} stopped working`;
    case 4:
      return `my password is Pw${bytesToHex(bytes(seed, 4))}! and 2FA code 4${String(k % 100000).padStart(5, '0')}`;
    case 5:
      return `谷歌验证码是${String(100000 + (k % 900000))}，密码：Abc${k % 10000}xyz`;
    case 6:
      return 'card 4111 1111 1111 1111 was charged twice';
    default:
      return `private key: ${bytesToHex(bytes(seed, 32))}`;
  }
}

function buildCorpus(): { messages: string[]; bytes: number; withSecrets: number } {
  const clean = JSON.parse(readFileSync(join(here, '..', 'test', 'redaction', 'fixtures', 'clean-messages.json'), 'utf8')) as string[];
  const messages: string[] = [];
  let total = 0;
  let withSecrets = 0;
  for (let k = 0; total < TARGET_BYTES; k++) {
    // about one message in forty carries a secret
    const message = k % 40 === 39 ? secretMessage(withSecrets++) : (clean[k % clean.length] ?? '');
    messages.push(message);
    total += Buffer.byteLength(message, 'utf8');
  }
  return { messages, bytes: total, withSecrets };
}

export async function runRedactionBench(): Promise<Record<string, unknown>> {
  const { messages, bytes: totalBytes, withSecrets } = buildCorpus();
  // warm up the lazy tables and the JIT
  for (let k = 0; k < 2000; k++) scanText(messages[k % messages.length] ?? '');

  // best of up to three rounds (the machine may be shared), all within the time budget
  const benchStarted = performance.now();
  let perMessageMs = Infinity;
  let perMessageCpuMs = Infinity;
  let scannedBytes = 0;
  let scannedMessages = 0;
  let findings = 0;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    let roundBytes = 0;
    let roundMessages = 0;
    let roundFindings = 0;
    for (const message of messages) {
      roundFindings += scanText(message).findings.length;
      roundBytes += Buffer.byteLength(message, 'utf8');
      roundMessages++;
      if ((roundMessages & 1023) === 0 && performance.now() - benchStarted > TIME_BUDGET_MS) break;
    }
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    if (round === 0 || roundBytes / ms > scannedBytes / perMessageMs) {
      perMessageMs = ms;
      perMessageCpuMs = (cpu.user + cpu.system) / 1000;
      scannedBytes = roundBytes;
      scannedMessages = roundMessages;
      findings = roundFindings;
    }
    if (performance.now() - benchStarted > TIME_BUDGET_MS / 2) break;
  }

  // the same text scanned as large documents (articles, exports, logs)
  const docs: string[] = [];
  for (let k = 0; k < messages.length; k += 2000) docs.push(messages.slice(k, k + 2000).join('\n'));
  const docStarted = performance.now();
  let docFindings = 0;
  let docBytes = 0;
  for (const doc of docs) {
    docFindings += scanText(doc).findings.length;
    docBytes += Buffer.byteLength(doc, 'utf8');
    if (performance.now() - benchStarted > TIME_BUDGET_MS) break;
  }
  const docMs = performance.now() - docStarted;

  const mb = (n: number): number => n / (1024 * 1024);
  const result = {
    name: 'redaction',
    node: process.version,
    corpusMB: Number(mb(totalBytes).toFixed(2)),
    messages: scannedMessages,
    rounds: 'best of up to 3',
    messagesWithSecrets: withSecrets,
    perMessage: {
      mb: Number(mb(scannedBytes).toFixed(2)),
      ms: Math.round(perMessageMs),
      mbPerSec: Number((mb(scannedBytes) / (perMessageMs / 1000)).toFixed(1)),
      cpuMs: Math.round(perMessageCpuMs),
      mbPerCpuSec: Number((mb(scannedBytes) / (perMessageCpuMs / 1000)).toFixed(1)),
      findings,
    },
    asDocuments: {
      documents: docs.length,
      mb: Number(mb(docBytes).toFixed(2)),
      ms: Math.round(docMs),
      mbPerSec: Number((mb(docBytes) / (docMs / 1000)).toFixed(1)),
      findings: docFindings,
    },
    targetMbPerSec: 20,
  };
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'redaction.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const r = (await runRedactionBench()) as {
    corpusMB: number;
    perMessage: { mb: number; ms: number; mbPerSec: number; cpuMs: number; mbPerCpuSec: number; findings: number };
    asDocuments: { mb: number; ms: number; mbPerSec: number; findings: number };
  };
  console.log(`redaction bench — corpus ${r.corpusMB} MB (UTF-8)`);
  console.table({
    'per message': r.perMessage,
    'as documents': r.asDocuments,
  });
  console.log('wrote bench/results/redaction.json');
}
