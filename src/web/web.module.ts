import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { WebAssetsMiddleware } from './web-assets.middleware';

/** The single-page web app (web/), served by the service itself at `/`. */
@Module({ providers: [WebAssetsMiddleware] })
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(WebAssetsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.GET });
  }
}
