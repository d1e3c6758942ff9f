import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AppLogger } from './common/logging/app-logger';
import type { AppConfig } from './config/app-config';
import { ShutdownState } from './health/shutdown-state';

/**
 * SIGTERM/SIGINT: readiness turns 503 at once, the server stops accepting and lets in-flight
 * requests finish (up to SHUTDOWN_TIMEOUT_MS), then the database closes and the process exits.
 * A second signal exits at once.
 */
export function installShutdown(app: INestApplication, config: AppConfig, logger: AppLogger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting`, 'Shutdown');
      process.exit(1);
    }
    stopping = true;
    logger.log(
      `${signal} received: draining requests (up to ${config.shutdownTimeoutMs} ms)`,
      'Shutdown',
    );
    app.get(ShutdownState).beginDrain();
    const server = app.getHttpServer() as Server;
    const force = setTimeout(() => {
      logger.warn('Drain time is over: closing remaining connections', 'Shutdown');
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    force.unref();
    app.close().then(
      () => {
        clearTimeout(force);
        logger.log('Stopped cleanly', 'Shutdown');
        logger.pino.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(error instanceof Error ? error : String(error), 'Shutdown');
        logger.pino.flush();
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
