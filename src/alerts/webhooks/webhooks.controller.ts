import { Controller, HttpCode, Param, Post, RawBodyRequest, Req } from '@nestjs/common';
import type { Request } from 'express';
import { requestContext } from '../../common/logging/request-context';
import { WebhookAnswer, WebhookIngestService } from './webhook-ingest.service';
import { Public } from '../../auth/authorize.decorator';

@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly ingest: WebhookIngestService) {}

  /**
   * Alert webhooks. 200 only once the payload and its effects are stored: Alertmanager retries
   * only on 5xx and Kapacitor never retries, so a 2xx must mean "kept".
   */
  @Post(':integrationId')
  @HttpCode(200)
  receive(
    @Param('integrationId') integrationId: string,
    @Req() req: RawBodyRequest<Request>,
  ): Promise<WebhookAnswer> {
    return this.ingest.receive({
      integrationId,
      headers: req.headers,
      contentType: req.headers['content-type'],
      isJson:
        req.is(['application/json', 'application/*+json']) !== false &&
        req.headers['content-type'] !== undefined,
      rawBody: req.rawBody,
      body: req.body as unknown,
      requestId: requestContext.requestId() ?? null,
      clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    });
  }
}
