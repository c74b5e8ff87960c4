import pino, { type LoggerOptions } from 'pino';
import type { Config } from './config.js';
import { scanText } from './modules/redaction/index.js';

/** Runs the secret shield over a log message so a pasted secret never reaches the log. */
function shieldLogArgs(args: unknown[]): unknown[] {
  return args.map((arg) => {
    if (typeof arg === 'string' && arg.length > 11) return scanText(arg).redacted;
    return arg;
  });
}

/** pino options shared by the server and the CLI; credentials and secrets never reach the log. */
export function loggerOptions(config: Pick<Config, 'log'>): LoggerOptions {
  return {
    level: config.log.level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.secret', '*.text', 'body'],
      censor: '[redacted]',
    },
    serializers: {
      // One-time tokens travel in query strings (reset links, guest follow links): keep them out of logs.
      req(req: { method?: string; url?: string; hostname?: string; ip?: string; socket?: { remotePort?: number } }) {
        return {
          method: req.method,
          url: (req.url ?? '').replace(/([?&](?:token|_csrf|upload_token|code)=)[^&#]*/gi, '$1[redacted]'),
          host: req.hostname,
          remoteAddress: req.ip,
        };
      },
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, shieldLogArgs(args) as Parameters<typeof method>);
      },
    },
    ...(config.log.pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard' } } } : {}),
  };
}

export const createLogger = (config: Pick<Config, 'log'>) => pino(loggerOptions(config));
