import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';

export interface BlobInfo {
  sha256: string;
  /** When the blob was last written (or re-stored, which refreshes it). */
  modifiedAt: Date;
}

/**
 * Content-addressed storage for attachment bytes: a blob's name is the SHA-256 of its content, so
 * identical files are stored once and a stored blob is never changed, only created or deleted.
 */
export interface BlobStore {
  /** Stores `bytes` under `sha256` (which must be their hash), atomically; storing an existing blob refreshes its time. */
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  get(sha256: string): Promise<Buffer | null>;
  stat(sha256: string): Promise<BlobInfo | null>;
  /** Deleting a missing blob is not an error. */
  delete(sha256: string): Promise<void>;
  /** Every stored blob, for the janitor's sweep of blobs no row references. */
  list(): AsyncIterable<BlobInfo>;
  /** Removes leftovers of writes that never finished (crashes), older than `before`. */
  sweepTemporary?(before: Date): Promise<number>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function assertSha256(sha256: string): void {
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${JSON.stringify(sha256)}`);
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Relative key of a blob: `ab/cd/abcd…` (two directory levels keep directories small). */
export function blobKey(sha256: string): string {
  assertSha256(sha256);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

const TEMP = /^\.([0-9a-f]{64})\.[0-9a-f]+\.tmp$/;

/** Blobs as files under `<root>/ab/cd/<sha256>`, written to a temporary file and renamed into place. */
export class FileBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  path(sha256: string): string {
    return join(this.root, blobKey(sha256));
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    if (sha256Hex(bytes) !== sha256) throw new Error('blob content does not match its SHA-256');
    const target = this.path(sha256);
    const now = new Date();
    try {
      // Already stored: the content is identical by construction; refresh its time so the janitor's
      // grace period protects it while the row that will reference it is being inserted.
      await utimes(target, now, now);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const dir = join(this.root, sha256.slice(0, 2), sha256.slice(2, 4));
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o640);
    let renamed = false;
    try {
      await handle.writeFile(bytes);
      await handle.sync();
      await handle.close();
      await rename(temp, target);
      renamed = true;
    } finally {
      if (!renamed) {
        await handle.close().catch(() => undefined);
        await unlink(temp).catch(() => undefined);
      }
    }
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    try {
      const s = await stat(this.path(sha256));
      return { sha256, modifiedAt: s.mtime };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    try {
      await unlink(this.path(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  private async *entries(): AsyncIterable<{ dir: string; name: string }> {
    const names = async (dir: string) => readdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
    for (const a of await names(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of await names(join(this.root, a))) {
        if (!/^[0-9a-f]{2}$/.test(b)) continue;
        const dir = join(this.root, a, b);
        for (const name of await names(dir)) yield { dir, name };
      }
    }
  }

  async *list(): AsyncIterable<BlobInfo> {
    for await (const { dir, name } of this.entries()) {
      if (!SHA256.test(name)) continue;
      const s = await stat(join(dir, name)).catch(() => null);
      if (s) yield { sha256: name, modifiedAt: s.mtime };
    }
  }

  async sweepTemporary(before: Date): Promise<number> {
    let removed = 0;
    for await (const { dir, name } of this.entries()) {
      if (!TEMP.test(name)) continue;
      const file = join(dir, name);
      const s = await stat(file).catch(() => null);
      if (s && s.mtime < before) {
        await unlink(file).catch(() => undefined);
        removed += 1;
      }
    }
    return removed;
  }
}
