import { Injectable, NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/database/project-paths';
import { AppLogger } from '../common/logging/app-logger';
import { contentSecurityPolicy } from './content-security-policy';
import { webAnswerFor } from './web-routes';

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Serves the built web app (web/dist) at `/`: hashed assets cached for a year, index.html never
 * cached and answered for every client route, each with the app's Content-Security-Policy.
 * GraphQL, webhooks, health, metrics and report files never reach it.
 */
@Injectable()
export class WebAssetsMiddleware implements NestMiddleware {
  private readonly dist = join(projectRoot(), 'web', 'dist');
  private readonly index = join(this.dist, 'index.html');
  private readonly files = express.static(this.dist, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader(
        'Cache-Control',
        path.startsWith(join(this.dist, 'assets'))
          ? `public, max-age=${YEAR_SECONDS}, immutable`
          : 'public, max-age=3600',
      );
    },
  });
  private warned = false;

  constructor(private readonly logger: AppLogger) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const answer = webAnswerFor(req.path);
    if (answer === 'none') return next();
    if (!existsSync(this.index)) {
      if (!this.warned) {
        this.warned = true;
        this.logger.warn(`The web app is not built (${this.index} missing): npm run build`, 'Web');
      }
      return next();
    }
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(req.headers.host, req.secure));
    if (answer !== 'app') return void this.files(req, res, next);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(this.index, { cacheControl: false }, (error) => {
      if (error) next(error);
    });
  }
}
