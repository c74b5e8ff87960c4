/** The part of the server's upload limits (GET /api/v2/uploads/limits) these checks need. */
export interface LimitsForCheck {
  max_bytes: number;
  max_files: number;
  types: ReadonlyArray<{ content_type: string }>;
}

/** What the console knows about a file before sending it (a File, or a test double). */
export interface FileLike {
  name: string;
  size: number;
  /** The browser's guess from the name; may be empty. */
  type: string;
}

export type FileProblem = { code: 'too_large'; name: string; size: number; max: number } | { code: 'unsupported_type'; name: string } | { code: 'too_many'; max: number } | { code: 'empty'; name: string };

/** Extensions whose browser type may be missing or odd but that the server may well accept. */
const KNOWN_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'webp', 'pdf', 'txt', 'log', 'csv', 'json', 'md', 'mp4']);

const extensionOf = (name: string) => /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() ?? '';

/**
 * Whether the file may be one the server accepts. The server decides by the bytes; this only
 * spares the agent an upload that is certain to fail (a .zip, a .exe, a GIF). Text of any kind
 * passes here: the server accepts any UTF-8 text.
 */
export function plausibleType(file: FileLike, limits: Pick<LimitsForCheck, 'types'>): boolean {
  const type = file.type.split(';')[0]!.trim().toLowerCase();
  if (type && limits.types.some((t) => t.content_type === type)) return true;
  if (type.startsWith('text/')) return true;
  if (!type || type === 'application/octet-stream') return KNOWN_EXTENSIONS.has(extensionOf(file.name)) || !extensionOf(file.name);
  return false;
}

/**
 * Splits newly chosen files into those to upload and the problems to show, given how many are
 * already attached. Files past the count limit are all reported once as `too_many`.
 */
export function checkFiles(files: readonly FileLike[], alreadyAttached: number, limits: LimitsForCheck | null): { accepted: FileLike[]; problems: FileProblem[] } {
  const accepted: FileLike[] = [];
  const problems: FileProblem[] = [];
  let overCount = false;
  for (const file of files) {
    if (file.size === 0) problems.push({ code: 'empty', name: file.name });
    else if (limits && file.size > limits.max_bytes) problems.push({ code: 'too_large', name: file.name, size: file.size, max: limits.max_bytes });
    else if (limits && !plausibleType(file, limits)) problems.push({ code: 'unsupported_type', name: file.name });
    else if (limits && alreadyAttached + accepted.length >= limits.max_files) overCount = true;
    else accepted.push(file);
  }
  if (overCount && limits) problems.push({ code: 'too_many', max: limits.max_files });
  return { accepted, problems };
}

export const isImageType = (contentType: string) => /^image\/(png|jpe?g|gif|webp)\b/i.test(contentType);

/** A name for a pasted screenshot (the clipboard calls every image "image.png"). */
export function pastedName(file: FileLike, now: Date): string {
  if (file.name && file.name !== 'image.png' && file.name !== 'image.jpeg') return file.name;
  const ext = extensionOf(file.name) || (file.type === 'image/jpeg' ? 'jpg' : 'png');
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `screenshot-${stamp}.${ext}`;
}
