import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IncomingFile } from './attachments.process.js';
import { presentAttachment, presentLimits, presentUpload } from './attachments.presenter.js';
import type { AttachmentsService } from './attachments.service.js';
import { contentDisposition } from './attachments.sniff.js';

const uploadQuery = z.object({
  filename: z.string().max(1000).optional(),
  /** Zendesk: add the file to an existing (unclaimed) upload instead of starting a new one. */
  token: z.string().max(100).optional(),
  locale: z.string().max(20).optional(),
});
const downloadQuery = z.object({
  /** A guest's follow-link token for the ticket the attachment belongs to. */
  token: z.string().max(200).optional(),
  /** The upload token, for a file not yet attached to a ticket. */
  upload_token: z.string().max(100).optional(),
  locale: z.string().max(20).optional(),
});
const attachmentParams = z.object({ id: z.string().min(1).max(64) });

const MULTIPART_ERRORS = new Set(['FST_FILES_LIMIT', 'FST_PARTS_LIMIT']);

export const attachmentsRoutes: FastifyPluginAsyncZod<{ service: AttachmentsService }> = async (app, { service }) => {
  const tags = ['Attachments'];
  const publicUrl = service.config.publicUrl;
  const uploaderOf = (actor: { kind: string; userId: string | null }) => (actor.kind === 'anonymous' ? null : actor.userId);

  // Uploads get their own scope: the body is the file (any Content-Type, read here with the size
  // limit) or multipart/form-data, never JSON or form fields parsed by the app-wide parsers.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    await scope.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: service.maxBytes, files: service.maxFiles, parts: service.maxFiles + 10, fields: 10, fieldSize: 1024, headerPairs: 100 } });
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const routes = scope.withTypeProvider<ZodTypeProvider>();

    routes.post(
      '/api/v2/uploads',
      {
        schema: {
          tags,
          summary: 'Upload files to attach to a request (raw body with ?filename=, or multipart/form-data "file" parts)',
          description:
            'Files are identified by their bytes (PNG, JPEG, WebP, PDF, UTF-8 text, MP4); images are re-encoded without metadata, text is run through the secret shield, PDF and MP4 are stored as sent. Pass the returned token in request.comment.uploads.',
          querystring: uploadQuery,
        },
      },
      async (request, reply) => {
        let body: { files: IncomingFile[]; token: string | undefined };
        try {
          if (request.actor.kind === 'anonymous') await service.admitGuest(request.ip);
          body = await readUpload(request, request.query, service);
        } catch (error) {
          // Refused before the body was read to its end: what is left cannot be told apart from a
          // next request on this connection, so answer and close it instead of leaving it stuck.
          if (!request.raw.complete) void reply.header('connection', 'close');
          throw error;
        }
        const result = await service.upload({ files: body.files, uploaderId: uploaderOf(request.actor), locale: request.locale, token: body.token });
        return reply.status(201).send(presentUpload(publicUrl, result.token, result.rows, result.expiresAt));
      },
    );
  });

  app.get('/api/v2/uploads/limits', { schema: { tags, summary: 'What an upload may hold: size and count limits and the accepted file types', querystring: z.object({ locale: z.string().max(20).optional() }) } }, async (request) => ({
    limits: presentLimits(service, request.locale),
  }));

  app.delete('/api/v2/uploads/:token', { schema: { tags, summary: 'Delete an upload that is not attached to a request yet', params: z.object({ token: z.string().min(1).max(100) }) } }, async (request, reply) => {
    await service.deleteUpload(request.params.token, uploaderOf(request.actor));
    return reply.status(204).send();
  });

  const access = (request: { actor: Parameters<AttachmentsService['open']>[1]['actor']; headers: Record<string, unknown>; query: z.infer<typeof downloadQuery> }) => ({
    actor: request.actor,
    guestToken: (typeof request.headers['x-guest-token'] === 'string' ? request.headers['x-guest-token'] : undefined) ?? request.query.token,
    uploadToken: request.query.upload_token,
  });

  app.get('/api/v2/attachments/:id', { schema: { tags, summary: 'Attachment details', params: attachmentParams, querystring: downloadQuery } }, async (request) => {
    const row = await service.findReadable(request.params.id, access(request));
    return { attachment: presentAttachment(publicUrl, row) };
  });

  app.get('/api/v2/attachments/:id/content', { schema: { tags, summary: 'Download an attachment (requester, guest link holder, staff, or upload-token holder)', params: attachmentParams, querystring: downloadQuery } }, async (request, reply) => {
    const { row, bytes } = await service.open(request.params.id, access(request));
    // Always a download, never rendered: even a PDF or text file cannot run script in our origin.
    reply.header('content-disposition', contentDisposition(row.filename));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', "sandbox; default-src 'none'");
    reply.header('cache-control', 'private, no-store');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('x-attachment-sha256', row.sha256);
    return reply.type(row.content_type).send(bytes);
  });
};

/** The files of an upload call (raw body, or multipart "file" parts) and the token to add them to, if any. */
async function readUpload(request: FastifyRequest, query: z.infer<typeof uploadQuery>, service: AttachmentsService): Promise<{ files: IncomingFile[]; token: string | undefined }> {
  let token = query.token;
  const files: IncomingFile[] = [];
  if (!request.isMultipart()) {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > service.maxBytes) throw service.tooLarge(query.filename);
    // No body at all (no Content-Type and no length) reaches no parser: nothing was sent.
    if (request.body === undefined || request.body === null) return { files, token };
    files.push(await service.readFile(request.body as Readable, query.filename));
    return { files, token };
  }
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'token' && typeof part.value === 'string' && part.value) token = part.value.slice(0, 100);
        continue;
      }
      files.push(await service.readFile(part.file, part.filename, { destroyOnLimit: true }));
      if (part.file.truncated) throw service.tooLarge(part.filename);
    }
  } catch (error) {
    // Busboy's own limits (files, parts) mean too many files, which is the client's 400, not a 413.
    if (MULTIPART_ERRORS.has((error as { code?: string }).code ?? '')) throw service.tooManyFiles();
    throw error;
  }
  return { files, token };
}
