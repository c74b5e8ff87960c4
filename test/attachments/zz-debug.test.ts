import { it } from 'vitest';
import { createTestApp } from '../helpers/app.js';
import { FIXTURE_CONTENT_DIR } from '../helpers/db.js';
import { createUserWithToken } from '../helpers/users.js';
import { fixture } from './helpers.js';
it('debug', async () => {
  const t = await createTestApp('sqlite', { CONTENT_DIR: FIXTURE_CONTENT_DIR, LOG_LEVEL: 'error' });
  const alice = await createUserWithToken(t.app.services.database.db, 'customer');
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const step = async (name: string, f: () => Promise<Response>) => {
    const t0 = Date.now();
    const r = await Promise.race([f(), new Promise<null>((res) => setTimeout(() => res(null), 5000))]);
    console.log(name, r ? r.status : 'TIMEOUT', Date.now() - t0, r ? (await r.text()).slice(0, 100) : '');
  };
  await step('raw', () => fetch(`${address}/api/v2/uploads?filename=shot.png`, { method: 'POST', headers: { ...alice.headers, 'content-type': 'image/png' }, body: fixture('screenshot.png') }));
  const data = new FormData();
  data.append('file', new Blob([fixture('notes.txt')]), '说明.txt');
  await step('form', () => fetch(`${address}/api/v2/uploads`, { method: 'POST', headers: alice.headers, body: data }));
  await step('bigraw-cl', () => fetch(`${address}/api/v2/uploads?filename=big.txt`, { method: 'POST', headers: alice.headers, body: Buffer.alloc(11 * 1024 * 1024, 0x61) }));
  const big = new ReadableStream<Uint8Array>({ start(c) { for (let i = 0; i < 12; i++) c.enqueue(new Uint8Array(1024 * 1024).fill(0x61)); c.close(); } });
  await step('bigraw-stream', () => fetch(`${address}/api/v2/uploads?filename=big.txt`, { method: 'POST', headers: alice.headers, body: big, duplex: 'half' } as RequestInit));
  const bigForm = new FormData();
  bigForm.append('file', new Blob([Buffer.alloc(11 * 1024 * 1024, 0x61)]), 'big.txt');
  await step('bigform', () => fetch(`${address}/api/v2/uploads`, { method: 'POST', headers: alice.headers, body: bigForm }));
  await step('again', () => fetch(`${address}/api/v2/uploads?filename=again.png`, { method: 'POST', headers: alice.headers, body: fixture('screenshot.png') }));
  await t.close();
}, 120000);
