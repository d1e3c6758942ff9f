import { Controller, HttpCode, Param, Post, RawBodyRequest, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestContext } from '../../common/logging/request-context';
import { WebhookAnswer, WebhookIngestService } from './webhook-ingest.service';
import { Public } from '../../auth/authorize.decorator';

@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly ingest: WebhookIngestService) {}

  /**
   * Alert and deployment webhooks. 200 only once the payload and its effects are stored:
   * Alertmanager retries only on 5xx and Kapacitor never retries, so a 2xx must mean "kept".
   * An event kept but not processed (a GitHub or GitLab event that is not about a deployment)
   * is answered 202.
   */
  @Post(':integrationId')
  @HttpCode(200)
  async receive(
    @Param('integrationId') integrationId: string,
    @Req() req: RawBodyRequest<Request>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebhookAnswer> {
    const answer = await this.ingest.receive({
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
    if (answer.ignoredEvent !== undefined) res.status(202);
    return answer;
  }
}
