import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore, S3Error } from '../../src/server/modules/attachments/s3-blob-store.js';
import { EMPTY_PAYLOAD_SHA256, signV4 } from '../../src/server/modules/attachments/sigv4.js';
import { sha256Hex } from '../../src/server/modules/attachments/blob-store.js';
import { AttachmentsService } from '../../src/server/modules/attachments/attachments.service.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DIALECTS, FIXTURE_CONTENT_DIR } from '../helpers/db.js';
import { fixture } from './helpers.js';

describe('AWS Signature Version 4', () => {
  it('reproduces the GET Object example of the Amazon S3 SigV4 documentation', () => {
    // "Example: GET Object" (sig-v4-header-based-auth): GET /test.txt, Range bytes=0-9, 2013-05-24, us-east-1.
    const result = signV4(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { Range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_PAYLOAD_SHA256, 'x-amz-date': '20130524T000000Z' },
        payloadHash: EMPTY_PAYLOAD_SHA256,
        region: 'us-east-1',
        service: 's3',
        amzDate: '20130524T000000Z',
      },
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    );
    expect(result.canonicalRequest).toBe(
      [
        'GET',
        '/test.txt',
        '',
        'host:examplebucket.s3.amazonaws.com',
        'range:bytes=0-9',
        `x-amz-content-sha256:${EMPTY_PAYLOAD_SHA256}`,
        'x-amz-date:20130524T000000Z',
        '',
        'host;range;x-amz-content-sha256;x-amz-date',
        EMPTY_PAYLOAD_SHA256,
      ].join('\n'),
    );
    expect(result.stringToSign).toBe('AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972');
    expect(result.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
    expect(result.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});

/**
 * A tiny S3 stand-in that verifies every request's SigV4 signature with its own implementation
 * (written here from the specification, not shared with the code under test) and the payload hash.
 */
class FakeS3 {
  readonly objects = new Map<string, { bytes: Buffer; modified: Date }>();
  readonly log: string[] = [];
  private server!: Server;
  endpoint = '';

  constructor(
    private readonly bucket: string,
    private readonly accessKeyId: string,
    private readonly secret: string,
    private readonly region: string,
  ) {}

  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const denied = this.verify(req, body);
        const send = (status: number, text = '', headers: Record<string, string> = {}) => {
          res.writeHead(status, headers);
          res.end(text);
        };
        if (denied) return send(403, `<?xml version="1.0"?><Error><Code>${denied}</Code><Message>denied</Message></Error>`, { 'content-type': 'application/xml' });
        const url = new URL(req.url!, 'http://local');
        this.log.push(`${req.method} ${url.pathname}${url.search}`);
        const prefix = `/${this.bucket}`;
        if (!url.pathname.startsWith(prefix)) return send(404, '<Error><Code>NoSuchBucket</Code></Error>');
        const key = decodeURIComponent(url.pathname.slice(prefix.length + 1));
        if (req.method === 'GET' && !key && url.searchParams.get('list-type') === '2') return send(200, this.list(url.searchParams), { 'content-type': 'application/xml' });
        const object = this.objects.get(key);
        switch (req.method) {
          case 'PUT':
            this.objects.set(key, { bytes: body, modified: new Date() });
            return send(200);
          case 'GET':
            return object ? send(200, object.bytes as unknown as string, { 'last-modified': object.modified.toUTCString() }) : send(404, '<Error><Code>NoSuchKey</Code></Error>');
          case 'HEAD':
            return object ? send(200, '', { 'last-modified': object.modified.toUTCString(), 'content-length': String(object.bytes.length) }) : send(404);
          case 'DELETE':
            this.objects.delete(key);
            return send(204);
          default:
            return send(405);
        }
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** ListObjectsV2, two keys per page so continuation is exercised. */
  private list(params: URLSearchParams): string {
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(params.get('prefix') ?? '')).sort();
    const start = Number(params.get('continuation-token') ?? 0);
    const page = keys.slice(start, start + 2);
    const truncated = start + 2 < keys.length;
    const contents = page.map((k) => `<Contents><Key>${k}</Key><LastModified>${this.objects.get(k)!.modified.toISOString()}</LastModified></Contents>`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><IsTruncated>${truncated}</IsTruncated>${contents}${truncated ? `<NextContinuationToken>${start + 2}</NextContinuationToken>` : ''}</ListBucketResult>`;
  }

  private verify(req: IncomingMessage, body: Buffer): string | null {
    const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
    if (!auth) return 'AccessDenied';
    const [, keyId, date, region, signedHeaders, signature] = auth as unknown as [string, string, string, string, string, string];
    if (keyId !== this.accessKeyId) return 'InvalidAccessKeyId';
    if (region !== this.region) return 'AuthorizationHeaderMalformed';
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    if (!amzDate.startsWith(date)) return 'AccessDenied';
    const when = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    if (!(Math.abs(Date.now() - when) < 15 * 60_000)) return 'RequestTimeTooSkewed';
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (createHash('sha256').update(body).digest('hex') !== payloadHash) return 'XAmzContentSHA256Mismatch';
    const names = signedHeaders.split(';');
    if (!names.includes('host') || !names.includes('x-amz-date') || !names.includes('x-amz-content-sha256')) return 'AccessDenied';
    const url = new URL(req.url!, 'http://local');
    const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const query = [...url.searchParams.entries()]
      .map(([k, v]) => `${enc(k)}=${enc(v)}`)
      .sort()
      .join('&');
    const headerLines = names.map((n) => `${n}:${String(req.headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
    const canonical = `${req.method}\n${url.pathname}\n${query}\n${headerLines}\n${signedHeaders}\n${payloadHash}`;
    const scope = `${date}/${region}/s3/aws4_request`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
    let key: Buffer = createHmac('sha256', `AWS4${this.secret}`).update(date).digest();
    for (const part of [region, 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    const expected = createHmac('sha256', key).update(toSign).digest('hex');
    return expected === signature ? null : 'SignatureDoesNotMatch';
  }
}

const CREDS = { accessKeyId: 'AKIDPHAROSTEST', secretAccessKey: 'pharos/test+secret/0123456789abcdefABCDEF' };

describe('S3BlobStore against a signature-checking S3 stand-in', () => {
  const s3 = new FakeS3('pharos-bucket', CREDS.accessKeyId, CREDS.secretAccessKey, 'eu-central-1');
  beforeAll(() => s3.start());
  afterAll(() => s3.stop());
  const store = () => new S3BlobStore({ endpoint: s3.endpoint, bucket: 'pharos-bucket', region: 'eu-central-1', ...CREDS });

  it('puts, stats, gets, lists (with continuation) and deletes content-addressed objects', async () => {
    const blobs = store();
    const items = ['one', 'two', 'three'].map((s) => Buffer.from(`blob ${s}`));
    for (const bytes of items) await blobs.put(sha256Hex(bytes), bytes);
    const sha = sha256Hex(items[0]!);
    expect(s3.objects.has(`attachments/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`)).toBe(true);
    expect((await blobs.get(sha))?.equals(items[0]!)).toBe(true);
    expect((await blobs.stat(sha))?.modifiedAt).toBeInstanceOf(Date);
    const listed: string[] = [];
    for await (const b of blobs.list()) listed.push(b.sha256);
    expect(listed.sort()).toEqual(items.map((b) => sha256Hex(b)).sort());
    expect(s3.log.filter((l) => l.includes('continuation-token')).length).toBeGreaterThan(0);
    await blobs.delete(sha);
    expect(await blobs.get(sha)).toBeNull();
    expect(await blobs.stat(sha)).toBeNull();
    await blobs.delete(sha); // deleting again is not an error
  });

  it('is refused by the server with a wrong secret, and refuses bytes that do not match their digest', async () => {
    const wrong = new S3BlobStore({ endpoint: s3.endpoint, bucket: 'pharos-bucket', region: 'eu-central-1', accessKeyId: CREDS.accessKeyId, secretAccessKey: 'not-the-secret' });
    const bytes = Buffer.from('x');
    const error = await wrong.put(sha256Hex(bytes), bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3Error);
    expect((error as S3Error).s3Code).toBe('SignatureDoesNotMatch');
    await expect(store().put(sha256Hex(Buffer.from('y')), bytes)).rejects.toThrow(/does not match/);
    // An object changed behind our back is never served.
    await store().put(sha256Hex(bytes), bytes);
    const sha = sha256Hex(bytes);
    s3.objects.get(`attachments/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`)!.bytes = Buffer.from('z');
    await expect(store().get(sha)).rejects.toThrow(/does not match/);
  });

  describe.each(DIALECTS)('as the attachment store on %s', (dialect) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect, { CONTENT_DIR: FIXTURE_CONTENT_DIR });
    });
    afterAll(async () => t?.close());

    it('uploads, serves and purges through S3', async () => {
      s3.objects.clear();
      const service = new AttachmentsService(t.app.services.database.db, t.app.services.config, { shieldSalt: 'salt-0123456789abcdef', requests: t.app.services.requests, blobs: store() });
      const { token, rows } = await service.upload({ files: [{ name: 'shot.png', bytes: fixture('screenshot.png') }, { name: 'notes.txt', bytes: fixture('notes.txt') }], uploaderId: null, locale: 'en-us' });
      expect(rows).toHaveLength(2);
      expect(s3.objects.size).toBe(2);
      const opened = await service.open(rows[1]!.id, { actor: { kind: 'anonymous', userId: null, label: 'anonymous', via: 'none' }, uploadToken: token });
      expect(opened.bytes.toString('utf8')).toBe(fixture('notes.txt').toString('utf8'));

      // A day later nobody has claimed it: rows and objects go (objects dated back past the grace period).
      await t.app.services.database.db.updateTable('attachments').set({ created_at: new Date(Date.now() - 25 * 3600_000).toISOString() }).where('upload_token', '=', token).execute();
      for (const object of s3.objects.values()) object.modified = new Date(Date.now() - 2 * 3600_000);
      const result = await service.purgeUnclaimedUploads(24);
      expect(result).toMatchObject({ rows: 2, blobs: 2 });
      expect(s3.objects.size).toBe(0);
    });
  });
});
