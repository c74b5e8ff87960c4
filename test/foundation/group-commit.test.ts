import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/server/db/group-commit.js';
import type { DatabaseHandle } from '../../src/server/db/index.js';
import { createTestDatabase, DIALECTS, openMigrated, type TestDatabase } from '../helpers/db.js';

describe.each(DIALECTS)('group commit on %s', (dialect) => {
  let test: TestDatabase;
  let handle: DatabaseHandle;
  let observer: DatabaseHandle;
  let run = 0;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    handle = await openMigrated(test);
    observer = test.open(); // a second connection: sees only committed rows
  });

  afterAll(async () => {
    await observer?.close();
    await handle?.close();
    await test?.cleanup();
  });

  const keyOf = (i: number) => `gc_${dialect}_${run}_${i}`;
  const insert = (key: string) => (trx: Parameters<Parameters<GroupCommit['run']>[0]>[0]) =>
    trx.insertInto('instance_settings').values({ key, value: key, created_at: new Date().toISOString() }).execute();
  const committed = async (keys: string[]) =>
    (await observer.db.selectFrom('instance_settings').select('key').where('key', 'in', keys).execute()).map((r) => r.key).sort();

  it('commits units that arrive together in one transaction and settles each after the commit', async () => {
    run++;
    const writes = new GroupCommit(handle.db, 64);
    const keys = Array.from({ length: 40 }, (_, i) => keyOf(i));
    const seenAtSettle: boolean[] = [];
    await Promise.all(
      keys.map((key) =>
        writes.run(async (trx) => {
          await insert(key)(trx);
          return key;
        }).then(async (value) => {
          expect(value).toBe(key);
          seenAtSettle.push((await committed([key])).length === 1);
        }),
      ),
    );
    expect(seenAtSettle).toEqual(keys.map(() => true));
    expect(await committed(keys)).toEqual([...keys].sort());
    expect(writes.stats.units).toBe(40);
    expect(writes.stats.batches).toBeLessThan(40);
    expect(writes.stats.largestBatch).toBeGreaterThan(1);
  });

  it('rolls back a failing unit alone, including a constraint violation, and keeps the others', async () => {
    run++;
    const writes = new GroupCommit(handle.db, 64);
    const keys = Array.from({ length: 12 }, (_, i) => keyOf(i));
    const results = await Promise.allSettled(
      keys.map((key, i) =>
        writes.run(async (trx) => {
          await insert(key)(trx);
          if (i === 3) throw new Error('unit 3 refused');
          if (i === 7) await insert(keys[0]!)(trx); // duplicate primary key
          return i;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(keys.map((_, i) => (i === 3 || i === 7 ? 'rejected' : 'fulfilled')));
    expect((results[3] as PromiseRejectedResult).reason.message).toBe('unit 3 refused');
    expect(await committed(keys)).toEqual(keys.filter((_, i) => i !== 3 && i !== 7).sort());
    expect(writes.stats.fallbacks).toBe(0);
  });

  it('retries every unit on its own when the shared transaction fails as a whole', async () => {
    run++;
    const writes = new GroupCommit(handle.db, 64);
    const keys = Array.from({ length: 6 }, (_, i) => keyOf(i));
    const results = await Promise.allSettled(
      keys.map((key, i) =>
        writes.run(async (trx) => {
          await insert(key)(trx);
          // Ends the shared transaction under everyone's feet.
          if (i === 2) await sql`rollback`.execute(trx);
          return i;
        }),
      ),
    );
    expect(writes.stats.fallbacks).toBe(1);
    // On its own the rogue unit rolls back its own transaction; the rest keep their work.
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual(expect.arrayContaining([0, 1, 3, 4, 5]));
    expect(await committed(keys)).toEqual(keys.filter((_, i) => i !== 2).sort());
  });

  it('runs one transaction per unit when batching is off', async () => {
    run++;
    const writes = new GroupCommit(handle.db, 1);
    const keys = Array.from({ length: 5 }, (_, i) => keyOf(i));
    await Promise.all(keys.map((key) => writes.run(insert(key))));
    expect(writes.stats.batches).toBe(0);
    expect(await committed(keys)).toEqual([...keys].sort());
  });
});
