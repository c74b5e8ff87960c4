import type { Command } from 'commander';
import { normalizeLocale, type Locale } from '../shared/locales.js';
import { scanText, userWarning } from './modules/redaction/index.js';
import { validateAddress, validateTxHash } from './modules/chain-validation/index.js';

async function readStdin(limitBytes = 50 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limitBytes) throw new Error(`input is larger than ${limitBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const localeOption = (value: string): Locale => {
  const locale = normalizeLocale(value);
  if (!locale) throw new Error(`unknown locale "${value}"; use zh-cn or en-us`);
  return locale;
};

/** `pharos shield scan` and `pharos chain validate|tx`: the safety tools on the command line. */
export function registerToolCommands(program: Command): void {
  const shield = program.command('shield').description('secret shield');
  shield
    .command('scan')
    .description('read text on stdin, print the redacted text and findings as JSON (exit 3 when secrets were found)')
    .option('--locale <locale>', 'zh-cn or en-us', localeOption, 'en-us' as Locale)
    .option('--salt <salt>', 'fingerprint salt (defaults to SHIELD_SALT)')
    .action(async (opts: { locale: Locale; salt?: string }) => {
      const text = await readStdin();
      const salt = opts.salt ?? process.env.SHIELD_SALT;
      const result = scanText(text, { locale: opts.locale, ...(salt ? { salt } : {}) });
      const out = {
        redacted: result.redacted,
        findings: result.findings.map((f) => ({ kind: f.kind, start: f.start, end: f.end, fingerprint: f.fingerprint, certainty: f.certainty })),
        warning: userWarning(result.findings, opts.locale),
      };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      if (result.findings.length) process.exitCode = 3;
    });

  const chain = program.command('chain').description('address and transaction checks');
  chain
    .command('validate <address>')
    .description('validate an address on a network (or list the networks it is valid on); exit 2 when invalid')
    .option('-n, --network <network>', 'network id, e.g. ethereum, bsc, tron, xrp')
    .option('-m, --memo <memo>', 'memo / destination tag')
    .option('--locale <locale>', 'zh-cn or en-us', localeOption, 'en-us' as Locale)
    .action((address: string, opts: { network?: string; memo?: string; locale: Locale }) => {
      const result = validateAddress({ address, ...(opts.network ? { network: opts.network } : {}), ...(opts.memo !== undefined ? { memo: opts.memo } : {}) }, opts.locale);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      if (!result.valid) process.exitCode = 2;
    });
  chain
    .command('tx <hash>')
    .description('check a transaction hash format and print explorer links; exit 2 when invalid')
    .option('-n, --network <network>', 'network id')
    .option('--locale <locale>', 'zh-cn or en-us', localeOption, 'en-us' as Locale)
    .action((hash: string, opts: { network?: string; locale: Locale }) => {
      const result = validateTxHash({ hash, ...(opts.network ? { network: opts.network } : {}) }, opts.locale);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      if (!result.valid) process.exitCode = 2;
    });
}

/** `pharos record verify <file>`: checks an exported conversation record (HTML or JSON). */
export function registerRecordCommands(program: Command): void {
  program
    .command('record')
    .description('conversation records')
    .command('verify <file>')
    .description('recompute the hash chain of an exported record; exit 4 when it was altered')
    .action(async (file: string) => {
      const { readFile } = await import('node:fs/promises');
      const { parseRecordFile } = await import('./modules/records/record.render.js');
      const { verifyRecord } = await import('./modules/records/record-chain.js');
      let doc: unknown;
      try {
        doc = parseRecordFile(await readFile(file, 'utf8'));
      } catch (error) {
        process.stdout.write(`${JSON.stringify({ valid: false, error: error instanceof Error ? error.message : String(error) })}\n`);
        process.exitCode = 4;
        return;
      }
      const result = verifyRecord(doc);
      process.stdout.write(`${JSON.stringify(result)}\n`);
      if (!result.valid) process.exitCode = 4;
    });
}
