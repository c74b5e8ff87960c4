import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import { t } from '../i18n.js';
import { localizedValidationError } from './validation-messages.js';

export interface ErrorBody {
  error: string;
  message: string;
  statusCode: number;
  details?: Array<{ path: string; message: string }>;
  reference?: string;
}

/** One error handler: coded, localized 4xx; opaque 5xx with a log reference. */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
      const locale = request.locale;
      let appError: AppError;
      if (error instanceof AppError) {
        appError = error;
      } else if (hasZodFastifySchemaValidationErrors(error)) {
        appError = localizedValidationError(error, locale);
      } else if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        appError = new AppError('payload_too_large');
      } else if ((error as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        appError = new AppError('unsupported_media_type');
      } else if ((error as FastifyError).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error as FastifyError).code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
        appError = new AppError('validation_failed', { detail: locale === 'zh-cn' ? '请求体不是有效的 JSON' : 'the body is not valid JSON' });
      } else if (typeof (error as FastifyError).statusCode === 'number' && (error as FastifyError).statusCode! < 500) {
        appError = new AppError('validation_failed', { detail: error.message });
      } else {
        const reference = randomUUID();
        request.log.error({ err: error, reference }, 'unhandled error');
        const body: ErrorBody = { error: 'internal', message: t(locale, 'errors.internal', { reference }), statusCode: 500, reference };
        return reply.status(500).send(body);
      }
      const body: ErrorBody = {
        error: appError.code,
        message: appError.localizedMessage(locale),
        statusCode: appError.status,
        ...(appError.details && appError.status < 500 ? { details: appError.details } : {}),
      };
      if (appError.status >= 500) request.log.error({ err: appError }, 'service error');
      if (appError.code === 'rate_limited' && appError.params.seconds) reply.header('retry-after', String(appError.params.seconds));
      return reply.status(appError.status).send(body);
    });

    app.setNotFoundHandler((request, reply) => {
      const err = new AppError('route_not_found', { method: request.method, url: request.url.split('?')[0] ?? '' });
      return reply.status(404).send({ error: err.code, message: err.localizedMessage(request.locale), statusCode: 404 } satisfies ErrorBody);
    });
  },
  { name: 'pharos-errors', dependencies: ['pharos-locale'] },
);
