import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from '../../config/environment';
import { requestContext } from './request-context';

export interface LoggerOptions {
  level: LogLevel;
  pretty: boolean;
  /** Where lines go; stdout by default. Tests pass a stream to read them. */
  destination?: NodeJS.WritableStream;
}

export function createPino(options: LoggerOptions): Logger {
  const base = {
    level: options.level,
    base: { service: 'loopboard' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    // Tokens and credentials must never reach a log line, whatever a caller passes in.
    redact: {
      paths: ['authorization', '*.authorization', 'headers.authorization', 'token', '*.token'],
      censor: '[redacted]',
    },
    // Every line carries the id of the request it belongs to.
    mixin: () => {
      const requestId = requestContext.requestId();
      return requestId ? { requestId } : {};
    },
  };
  if (options.pretty && !options.destination) {
    return pino(
      base,
      pretty({
        sync: true,
        colorize: process.stdout.isTTY,
        singleLine: true,
        ignore: 'pid,hostname,service,context',
        messageFormat: '{if context}[{context}] {end}{msg}',
        translateTime: 'SYS:HH:MM:ss.l',
      }),
    );
  }
  return pino(base, options.destination ?? pino.destination({ sync: false }));
}

/** Nest's logger interface over pino: framework and application logs share one format. */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack, context); keep the stack as a field.
    const context =
      rest.length > 0 && typeof rest[rest.length - 1] === 'string'
        ? (rest.pop() as string)
        : undefined;
    const stack = typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) {
      this.pino.error({ context, err: message }, message.message);
      return;
    }
    this.pino.error({ context, ...(stack ? { stack } : {}) }, stringify(message));
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(
    level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ): void {
    const context =
      typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    if (typeof message === 'object' && message !== null && !(message instanceof Error)) {
      const { msg, ...fields } = message as Record<string, unknown>;
      this.pino[level]({ context, ...fields }, typeof msg === 'string' ? msg : '');
      return;
    }
    this.pino[level]({ context }, stringify(message));
  }
}

function stringify(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.message;
  return JSON.stringify(message);
}
