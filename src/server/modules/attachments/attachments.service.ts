import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { AttachmentTable, Database } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import { AppError, notFound } from '../../errors.js';
import type { Actor } from '../../plugins/auth.js';
import type { Locale } from '../../../shared/locales.js';
import { RateLimiter } from '../ratelimit/ratelimit.service.js';
import type { RequestsService, Viewer } from '../requests/requests.service.js';
import { FileBlobStore, type BlobStore } from './blob-store.js';
import { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.js';
import { AttachmentError, formatBytes } from './attachments.messages.js';
import { canChangeUpload, canReadUnclaimed, isStaff } from './attachments.policy.js';
import { processFile, type IncomingFile, type ProcessedFile } from './attachments.process.js';
import { displayName } from './attachments.sniff.js';
import { commentVisibility, deleteUnclaimed, findAttachment, insertAttachments, referencedDigests, ticketOf, unclaimedByToken, unclaimedOlderThan, chunks } from './attachments.queries.js';

type Db = Kysely<Database>;

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 5;
export const DEFAULT_MAX_PIXELS = 40_000_000;

export interface AttachmentsOptions {
  shieldSalt: string;
  /** Checks guest follow-link tokens (and requesters) for downloads of ticket attachments. */
  requests: RequestsService;
  /** Where bytes live; default files under `<DATA_DIR>/attachments`. */
  blobs?: BlobStore;
  /** ATTACHMENT_MAX_BYTES: largest file accepted (and stored), default 10 MiB. */
  maxBytes?: number;
  /** ATTACHMENT_MAX_FILES: files per upload token, default 5. */
  maxFiles?: number;
  /** Largest image (width × height) decoded, default 40 megapixels. */
  maxPixels?: number;
  /** Upload calls per hour from one IP address by signed-out users, default 30. */
  guestUploadsPerHour?: number;
  rateLimiter?: RateLimiter;
  /** Unclaimed uploads are purged after this many hours (and `expires_at` says so), default 24. */
  uploadTtlHours?: number;
  /** The janitor never deletes a blob stored more recently than this, default 60 minutes (see purge). */
  blobGraceMinutes?: number;
  clock?: () => number;
}

/** The configured store: an S3-compatible bucket when one is configured, else files under `<DATA_DIR>/attachments`. */
export function attachmentBlobStore(dataDir: string, s3?: S3BlobStoreOptions): BlobStore {
  return s3 ? new S3BlobStore(s3) : new FileBlobStore(join(dataDir, 'attachments'));
}

/** Who asks for an attachment's bytes, and which capabilities they hold. */
export interface DownloadAccess {
  actor: Actor;
  /** A guest's follow-link token for the ticket. */
  guestToken?: string | undefined;
  /** The token of an upload not yet attached to a ticket. */
  uploadToken?: string | undefined;
}

export interface PurgeResult {
  rows: number;
  blobs: number;
  temporary: number;
}

/**
 * Uploads (identified by their bytes, cleaned, stored content-addressed), downloads behind the ticket's
 * access rules, and the purge of uploads nobody claimed.
 */
export class AttachmentsService {
  readonly blobs: BlobStore;
  readonly maxBytes: number;
  readonly maxFiles: number;
  readonly maxPixels: number;
  readonly uploadTtlHours: number;
  private readonly limiter: RateLimiter;
  private readonly now: () => number;

  constructor(
    readonly db: Db,
    readonly config: Config,
    private readonly options: AttachmentsOptions,
  ) {
    this.blobs = options.blobs ?? attachmentBlobStore(config.dataDir);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
    this.maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
    this.uploadTtlHours = options.uploadTtlHours ?? 24;
    this.now = options.clock ?? Date.now;
    this.limiter = options.rateLimiter ?? new RateLimiter(db, this.now);
  }

  /** Signed-out uploads are limited per IP address (429 with Retry-After beyond the limit). */
  async admitGuest(ip: string): Promise<void> {
    await this.limiter.consume(`attachments:upload:${ip}`, this.options.guestUploadsPerHour ?? 30, 3600);
  }

  /**
   * Reads one file from a stream, refusing it (413, naming the file and the limit) as soon as it
   * passes the size limit instead of buffering whatever a client sends. A request body is left
   * undestroyed (Node discards the rest after the answer, so the client gets the 413 rather than a
   * reset connection); a multipart part is destroyed, which ends the multipart parsing.
   */
  async readFile(stream: Readable, name: string | undefined, options: { destroyOnLimit: boolean } = { destroyOnLimit: false }): Promise<IncomingFile> {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream.iterator({ destroyOnReturn: options.destroyOnLimit })) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buffer.length;
      if (size > this.maxBytes) throw this.tooLarge(name);
      parts.push(buffer);
    }
    return { ...(name !== undefined ? { name } : {}), bytes: Buffer.concat(parts, size) };
  }

  tooLarge(name: string | undefined): AttachmentError {
    return new AttachmentError('payload_too_large', 'too_large', { file: displayName(name), limit: formatBytes(this.maxBytes) });
  }

  tooManyFiles(): AttachmentError {
    return new AttachmentError('validation_failed', 'too_many_files', { max: this.maxFiles });
  }

  expiresAt(createdAt: string): string {
    return new Date(Date.parse(createdAt) + this.uploadTtlHours * 3600_000).toISOString();
  }

  /**
   * Stores the files of one upload call under one token (or adds them to an unclaimed upload the
   * caller may change, Zendesk's `?token=`). Every file is checked and cleaned before anything is
   * written, so a refused file leaves no row and no blob; blobs are written before the rows that
   * reference them.
   */
  async upload(input: { files: IncomingFile[]; uploaderId: string | null; locale: Locale; token?: string | undefined }): Promise<{ token: string; rows: AttachmentTable[]; expiresAt: string }> {
    if (!input.files.length) throw new AttachmentError('validation_failed', 'no_file');
    let existing: AttachmentTable[] = [];
    if (input.token) {
      existing = await unclaimedByToken(this.db, input.token);
      if (!existing.length || !existing.every((r) => canChangeUpload(r, input.uploaderId))) throw new AttachmentError('not_found', 'unknown_upload');
    }
    if (existing.length + input.files.length > this.maxFiles) throw this.tooManyFiles();

    const processed: ProcessedFile[] = [];
    for (const file of input.files) {
      processed.push(await processFile(file, { maxBytes: this.maxBytes, maxPixels: this.maxPixels, locale: input.locale, shieldSalt: this.options.shieldSalt }));
    }

    const distinct = new Map(processed.map((p) => [p.sha256, p.bytes]));
    for (const [sha256, bytes] of distinct) await this.blobs.put(sha256, bytes);

    const token = input.token ?? randomBytes(24).toString('base64url');
    const now = this.now();
    const createdAt = new Date(now).toISOString();
    // One millisecond apart, so listing by created_at keeps the order the files were sent in.
    const rows: AttachmentTable[] = processed.map((p, i) => ({
      id: newId('att'),
      ticket_id: null,
      comment_id: null,
      uploader_id: input.uploaderId,
      upload_token: token,
      filename: p.filename,
      content_type: p.contentType,
      size: p.bytes.length,
      sha256: p.sha256,
      redactions: JSON.stringify(p.redactions),
      created_at: new Date(now + i).toISOString(),
    }));
    await this.db.transaction().execute((trx) => insertAttachments(trx, rows));
    // A janitor run that started before our rows existed may have removed a blob we found already
    // stored; the rows are visible now, so storing it again closes that window.
    for (const [sha256, bytes] of distinct) if (!(await this.blobs.stat(sha256))) await this.blobs.put(sha256, bytes);
    return { token, rows: [...existing, ...rows], expiresAt: this.expiresAt(existing[0]?.created_at ?? createdAt) };
  }

  /** Deletes an unclaimed upload (Zendesk `DELETE /api/v2/uploads/{token}`); its blobs go with the next purge. */
  async deleteUpload(token: string, uploaderId: string | null): Promise<void> {
    const rows = await unclaimedByToken(this.db, token);
    if (!rows.length || !rows.every((r) => canChangeUpload(r, uploaderId))) throw new AttachmentError('not_found', 'unknown_upload');
    await deleteUnclaimed(this.db, rows.map((r) => r.id));
  }

  /** The attachment row if `access` may read it; otherwise not_found, whether or not it exists. */
  async findReadable(id: string, access: DownloadAccess): Promise<AttachmentTable> {
    const row = await findAttachment(this.db, id);
    if (!row || !(await this.canRead(row, access))) throw notFound('attachment');
    return row;
  }

  /** Row and bytes for a download (see `findReadable` for who may). */
  async open(id: string, access: DownloadAccess): Promise<{ row: AttachmentTable; bytes: Buffer }> {
    const row = await this.findReadable(id, access);
    const bytes = await this.blobs.get(row.sha256);
    if (!bytes) throw new AppError('internal', { detail: `blob ${row.sha256} of attachment ${row.id} is missing` });
    return { row, bytes };
  }

  private async canRead(row: AttachmentTable, access: DownloadAccess): Promise<boolean> {
    if (row.ticket_id === null) return canReadUnclaimed(row, access.uploadToken);
    const ticket = await ticketOf(this.db, row.ticket_id);
    if (!ticket) return false;
    if (isStaff(access.actor)) return true;
    // Files on internal notes are for staff only.
    if (row.comment_id) {
      const comment = await commentVisibility(this.db, row.comment_id);
      if (!comment || comment.public !== 1) return false;
    }
    const viewers: Viewer[] = [];
    if (access.actor.userId && access.actor.kind !== 'anonymous') viewers.push({ kind: 'user', userId: access.actor.userId });
    if (access.guestToken) viewers.push({ kind: 'guest', token: access.guestToken });
    for (const viewer of viewers) {
      const allowed = await this.options.requests.ticketFor(viewer, ticket.number).then(
        (t) => t.id === ticket.id,
        (error: unknown) => {
          if (error instanceof AppError && error.code === 'not_found') return false;
          throw error;
        },
      );
      if (allowed) return true;
    }
    return false;
  }

  /**
   * Deletes uploads nobody attached to a ticket within `olderThanHours`, then every blob no row
   * references (those rows' blobs, plus orphans of crashed uploads found by listing the store) and
   * stale temporary files. A blob written within the grace period is kept even if unreferenced: an
   * upload may have just stored it and be about to insert the row that references it.
   */
  async purgeUnclaimedUploads(olderThanHours = this.uploadTtlHours, options: { sweepOrphans?: boolean } = {}): Promise<PurgeResult> {
    const now = this.now();
    const cutoff = new Date(now - olderThanHours * 3600_000).toISOString();
    const stale = await unclaimedOlderThan(this.db, cutoff);
    const rows = await deleteUnclaimed(this.db, stale.map((r) => r.id));

    const grace = new Date(now - (this.options.blobGraceMinutes ?? 60) * 60_000);
    const candidates = new Map<string, Date | null>(stale.map((r) => [r.sha256, null]));
    if (options.sweepOrphans ?? true) for await (const blob of this.blobs.list()) candidates.set(blob.sha256, blob.modifiedAt);

    let blobs = 0;
    for (const part of chunks([...candidates.keys()])) {
      const referenced = await referencedDigests(this.db, part);
      for (const sha256 of part) {
        if (referenced.has(sha256)) continue;
        const modifiedAt = candidates.get(sha256) ?? (await this.blobs.stat(sha256))?.modifiedAt;
        if (!modifiedAt || modifiedAt > grace) continue;
        // Re-read just before deleting: the listing may be minutes old on a large store.
        const fresh = await this.blobs.stat(sha256);
        if (!fresh || fresh.modifiedAt > grace) continue;
        await this.blobs.delete(sha256);
        blobs += 1;
      }
    }
    const temporary = this.blobs.sweepTemporary ? await this.blobs.sweepTemporary(grace) : 0;
    return { rows, blobs, temporary };
  }
}
