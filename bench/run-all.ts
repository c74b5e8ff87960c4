// `npm run bench`: every benchmark in one run; each prints its table and writes JSON to bench/results/.
import { runIntakeBench } from './intake.bench.js';
import { runRedactionBench } from './redaction.bench.js';
import { runSearchBench } from './search.bench.js';

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

if (want('search')) await runSearchBench();
if (want('redaction')) await runRedactionBench();
if (want('intake')) await runIntakeBench();
