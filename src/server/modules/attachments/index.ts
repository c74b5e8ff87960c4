/**
 * Attachments: uploads identified by their bytes and cleaned (images re-encoded without metadata,
 * text through the secret shield), stored content-addressed, downloaded under the ticket's rules.
 */
export { attachmentsRoutes } from './attachments.routes.js';
export { attachmentBlobStore, AttachmentsService, DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES, DEFAULT_MAX_PIXELS, type AttachmentsOptions, type DownloadAccess, type PurgeResult } from './attachments.service.js';
export { startAttachmentJanitor, type JanitorOptions } from './attachments.janitor.js';
export { FileBlobStore, type BlobInfo, type BlobStore } from './blob-store.js';
export { S3BlobStore, S3Error, type S3BlobStoreOptions } from './s3-blob-store.js';
export { signV4, type SigV4Credentials, type SigV4Request, type SigV4Result } from './sigv4.js';
export { sniff, sanitizeFilename, contentDisposition, KINDS, type AttachmentKind } from './attachments.sniff.js';
export { AttachmentError } from './attachments.messages.js';
