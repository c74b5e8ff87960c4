import pino, { type LoggerOptions } from 'pino';
import type { Config } from './config.js';

/** pino options shared by the server and the CLI; credentials never reach the log. */
export function loggerOptions(config: Pick<Config, 'log'>): LoggerOptions {
  return {
    level: config.log.level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.secret'],
      censor: '[redacted]',
    },
    ...(config.log.pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard' } } } : {}),
  };
}

export const createLogger = (config: Pick<Config, 'log'>) => pino(loggerOptions(config));
