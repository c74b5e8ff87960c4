import { blobKey, sha256Hex, type BlobInfo, type BlobStore } from './blob-store.js';
import { EMPTY_PAYLOAD_SHA256, signV4, toAmzDate } from './sigv4.js';

export interface S3BlobStoreOptions {
  /** e.g. `https://s3.eu-central-1.amazonaws.com` or `http://127.0.0.1:9000` (MinIO). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Key prefix inside the bucket; default `attachments/`. */
  prefix?: string;
  /** `https://endpoint/bucket/key` (default, works everywhere) or `https://bucket.endpoint/key`. */
  pathStyle?: boolean;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  clock?: () => Date;
}

export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly s3Code: string,
    message: string,
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

const xmlText = (value: string) =>
  value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
const tag = (xml: string, name: string) => {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? xmlText(m[1]!) : undefined;
};

/**
 * Blobs as objects `<prefix>ab/cd/<sha256>` in an S3-compatible bucket, signed with SigV4. A PUT of an
 * existing key overwrites it with identical bytes (content addressing), which also refreshes its
 * Last-Modified time for the janitor's grace period.
 */
export class S3BlobStore implements BlobStore {
  private readonly base: URL;
  private readonly prefix: string;

  constructor(private readonly options: S3BlobStoreOptions) {
    const endpoint = new URL(options.endpoint);
    const pathStyle = options.pathStyle ?? true;
    this.base = pathStyle ? new URL(`${endpoint.origin}/${options.bucket}/`) : new URL(`${endpoint.protocol}//${options.bucket}.${endpoint.host}/`);
    this.prefix = (options.prefix ?? 'attachments/').replace(/^\/+/, '');
  }

  objectUrl(sha256: string): URL {
    return new URL(`${this.prefix}${blobKey(sha256)}`, this.base);
  }

  private async send(method: string, url: URL, body?: Uint8Array, extra: Record<string, string> = {}): Promise<Response> {
    const payloadHash = body ? sha256Hex(body) : EMPTY_PAYLOAD_SHA256;
    const headers: Record<string, string> = { 'x-amz-content-sha256': payloadHash, 'x-amz-date': toAmzDate(this.options.clock?.() ?? new Date()), ...extra };
    const { authorization } = signV4({ method, url, headers, payloadHash, region: this.options.region, service: 's3', amzDate: headers['x-amz-date']! }, this.options);
    return fetch(url, {
      method,
      headers: { ...headers, authorization },
      ...(body ? { body: body as Uint8Array<ArrayBuffer> } : {}),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
  }

  private async fail(method: string, url: URL, response: Response): Promise<never> {
    const text = method === 'HEAD' ? '' : await response.text().catch(() => '');
    const code = tag(text, 'Code') ?? `HTTP${response.status}`;
    throw new S3Error(response.status, code, `S3 ${method} ${url.pathname} failed: ${response.status} ${code}${tag(text, 'Message') ? ` – ${tag(text, 'Message')}` : ''}`);
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    if (sha256Hex(bytes) !== sha256) throw new Error('blob content does not match its SHA-256');
    const url = this.objectUrl(sha256);
    const response = await this.send('PUT', url, bytes, { 'content-type': 'application/octet-stream' });
    if (!response.ok) await this.fail('PUT', url, response);
    await response.arrayBuffer().catch(() => undefined);
  }

  async get(sha256: string): Promise<Buffer | null> {
    const url = this.objectUrl(sha256);
    const response = await this.send('GET', url);
    if (response.status === 404) {
      await response.arrayBuffer().catch(() => undefined);
      return null;
    }
    if (!response.ok) await this.fail('GET', url, response);
    const bytes = Buffer.from(await response.arrayBuffer());
    // Content addressing makes corruption (or a wrong object) detectable: never serve it.
    if (sha256Hex(bytes) !== sha256) throw new Error(`S3 object ${url.pathname} does not match its SHA-256`);
    return bytes;
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    const url = this.objectUrl(sha256);
    const response = await this.send('HEAD', url);
    if (response.status === 404) return null;
    if (!response.ok) await this.fail('HEAD', url, response);
    const modified = response.headers.get('last-modified');
    return { sha256, modifiedAt: modified ? new Date(modified) : new Date(0) };
  }

  async delete(sha256: string): Promise<void> {
    const url = this.objectUrl(sha256);
    const response = await this.send('DELETE', url);
    if (!response.ok && response.status !== 404) await this.fail('DELETE', url, response);
    await response.arrayBuffer().catch(() => undefined);
  }

  async *list(): AsyncIterable<BlobInfo> {
    let continuation: string | undefined;
    const bucketUrl = new URL(this.base.pathname === '/' ? this.base.href : this.base.href.replace(/\/$/, ''));
    do {
      const url = new URL(bucketUrl);
      url.searchParams.set('list-type', '2');
      url.searchParams.set('prefix', this.prefix);
      if (continuation) url.searchParams.set('continuation-token', continuation);
      const response = await this.send('GET', url);
      if (!response.ok) await this.fail('GET', url, response);
      const xml = await response.text();
      for (const match of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const key = tag(match[1]!, 'Key') ?? '';
        const sha256 = key.slice(key.lastIndexOf('/') + 1);
        if (!key.startsWith(this.prefix) || !/^[0-9a-f]{64}$/.test(sha256)) continue;
        const modified = tag(match[1]!, 'LastModified');
        yield { sha256, modifiedAt: modified ? new Date(modified) : new Date(0) };
      }
      continuation = tag(xml, 'IsTruncated') === 'true' ? tag(xml, 'NextContinuationToken') : undefined;
    } while (continuation);
  }
}
