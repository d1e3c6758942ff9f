import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppLogger } from './app-logger';
import { RequestLoggingMiddleware } from './request-logging.middleware';

@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: AppLogger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: AppLogger, useValue: logger }, RequestLoggingMiddleware],
      exports: [AppLogger, RequestLoggingMiddleware],
    };
  }
}
