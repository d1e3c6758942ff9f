import { Controller, Get, Header, Param, ParseUUIDPipe } from '@nestjs/common';
import { burndownSvg } from './burndown-svg';
import { CapacityReportService } from './capacity-report.service';
import type { CapacityReportData } from './capacity-report.types';
import { capacityReportCsv } from './report-csv';
import { Authorize, ref } from '../auth/authorize.decorator';

/** The capacity report as files a person can open or a spreadsheet can import. */
@Controller('reports/sprints')
export class ReportsController {
  constructor(private readonly capacity: CapacityReportService) {}

  @Get(':id/capacity.json')
  @Header('content-type', 'application/json; charset=utf-8')
  @Authorize('VIEWER', (a: { id: string }) => [ref.sprint(a.id)])
  capacityJson(@Param('id', new ParseUUIDPipe()) id: string): Promise<CapacityReportData> {
    return this.capacity.forSprint(id);
  }

  @Get(':id/capacity.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="capacity.csv"')
  @Authorize('VIEWER', (a: { id: string }) => [ref.sprint(a.id)])
  async capacityCsv(@Param('id', new ParseUUIDPipe()) id: string): Promise<string> {
    return capacityReportCsv(await this.capacity.forSprint(id));
  }

  @Get(':id/burndown.svg')
  @Header('content-type', 'image/svg+xml; charset=utf-8')
  @Authorize('VIEWER', (a: { id: string }) => [ref.sprint(a.id)])
  async burndown(@Param('id', new ParseUUIDPipe()) id: string): Promise<string> {
    const report = await this.capacity.forSprint(id);
    return burndownSvg(report, report.workingDates);
  }
}
