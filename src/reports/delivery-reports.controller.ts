import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { Authorize, ref } from '../auth/authorize.decorator';
import { InputError } from '../common/errors/app-error';
import { deliveryReportCsv, deliveryTrendSvg } from './delivery-files';
import { DeliveryReportService } from './delivery-report.service';
import type { DeliveryReport } from './models/delivery-report.model';

interface DeliveryQuery {
  from?: unknown;
  to?: unknown;
  service?: unknown;
  environment?: unknown;
}

/** A query parameter given at most once. */
function single(q: DeliveryQuery, name: keyof DeliveryQuery): string | null {
  const value = q[name];
  if (value === undefined) return null;
  if (typeof value !== 'string') throw InputError.field(name, 'must be given once, as text');
  return value;
}

/** The delivery report as files: JSON, CSV, and the weekly trend as SVG (last 30 days by default). */
@Controller('reports/teams')
export class DeliveryReportsController {
  constructor(private readonly delivery: DeliveryReportService) {}

  private report(id: string, q: DeliveryQuery): Promise<DeliveryReport> {
    return this.delivery.forTeam(
      id,
      single(q, 'from'),
      single(q, 'to'),
      single(q, 'service'),
      single(q, 'environment'),
    );
  }

  @Get(':id/delivery.json')
  @Header('content-type', 'application/json; charset=utf-8')
  @Authorize('VIEWER', (a: { id: string }) => [ref.team(a.id)])
  json(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: DeliveryQuery,
  ): Promise<DeliveryReport> {
    return this.report(id, q);
  }

  @Get(':id/delivery.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="delivery.csv"')
  @Authorize('VIEWER', (a: { id: string }) => [ref.team(a.id)])
  async csv(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: DeliveryQuery,
  ): Promise<string> {
    return deliveryReportCsv(await this.report(id, q));
  }

  @Get(':id/delivery.svg')
  @Header('content-type', 'image/svg+xml; charset=utf-8')
  @Authorize('VIEWER', (a: { id: string }) => [ref.team(a.id)])
  async svg(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: DeliveryQuery,
  ): Promise<string> {
    return deliveryTrendSvg(await this.report(id, q));
  }
}
