import { parseCsv } from '../../test/helpers/report-files';
import { sampleReport } from '../../test/helpers/sample-report';
import { capacityReportCsv, csvField } from './report-csv';

describe('csvField', () => {
  it('writes plain values as they are and null as an empty field', () => {
    expect(csvField('Sprint 1')).toBe('Sprint 1');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
  });

  it('quotes fields holding a comma, quote or line break, doubling quotes (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'defuses text a spreadsheet would run as a formula: %j',
    (text) => {
      const field = csvField(text);
      const value = parseCsv(`${field}\r\n`)[0]?.[0] as string;
      expect(value).toBe(`'${text}`);
    },
  );

  it('defuses a formula that also needs quoting', () => {
    expect(csvField('=HYPERLINK("http://x.example","click")')).toBe(
      `"'=HYPERLINK(""http://x.example"",""click"")"`,
    );
  });

  it('leaves numbers alone, negative ones included', () => {
    expect(csvField(-2.5)).toBe('-2.5');
  });
});

describe('capacityReportCsv', () => {
  it('is RFC 4180 CSV with CRLF records, in sections', () => {
    const csv = capacityReportCsv(sampleReport());
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = parseCsv(csv);
    const headers = rows.filter((_, i) => i === 0 || rows[i - 1]?.join('') === '');
    expect(headers.map((h) => h[0])).toEqual([
      'section',
      'member',
      'severity',
      'source',
      'reserveThreshold',
      'date',
    ]);
  });

  it('carries the report’s figures', () => {
    const report = sampleReport();
    const rows = parseCsv(capacityReportCsv(report));
    const summary = Object.fromEntries(
      rows.filter((r) => r[0] === 'summary').map((r) => [r[1], r[2]]),
    );
    expect(summary).toEqual({
      sprint: 'Sprint 42',
      state: 'ACTIVE',
      startDate: '2026-10-05',
      endDate: '2026-10-16',
      workingDays: '10',
      focusFactor: '0.9',
      capacityPoints: '18',
      reservedPoints: '3.6',
      reserveMode: 'PERCENT_OF_CAPACITY',
      plannablePoints: '14.4',
      committedPoints: '10',
      scopePoints: '14',
      addedScopeCount: '0',
      addedScopePoints: '0',
      completedCount: '2',
      completedPoints: '9',
      unplannedProductionCount: '1',
      unplannedProductionPoints: '4',
      reserveUsedPoints: '4',
      reserveRemainingPoints: '0',
      reserveOverflowPoints: '0.4',
      reserveUsedPercent: '111.11',
      flags: 'RESERVE_EXHAUSTED',
    });
    expect(rows).toContainEqual(['Ana', '16.2', '1', '8', '5']);
    expect(rows).toContainEqual(['CRITICAL', '1', '4']);
    expect(rows).toContainEqual(['Prometheus', '1', '4']);
    expect(rows).toContainEqual([
      '100',
      '2026-10-07T10:00:00.000Z',
      '55555555-5555-4555-8555-555555555555',
      '4',
      '3.6',
    ]);
    const burndown = rows.slice(rows.findIndex((r) => r[0] === 'date') + 1);
    expect(burndown).toEqual(
      report.burndown.map((p) => [
        p.date,
        String(p.remainingPoints),
        String(p.idealPoints),
        String(p.unplannedAddedPoints),
      ]),
    );
  });

  it('names manual work and an empty reserve plainly', () => {
    const rows = parseCsv(
      capacityReportCsv(
        sampleReport({
          reserveUsedPercent: null,
          flags: [],
          unplannedProduction: {
            count: 1,
            points: 2,
            bySeverity: [{ severity: null, count: 1, points: 2 }],
            bySource: [
              { integrationId: null, integrationName: null, kind: null, count: 1, points: 2 },
            ],
          },
        }),
      ),
    );
    expect(rows).toContainEqual(['summary', 'reserveUsedPercent', '']);
    expect(rows).toContainEqual(['summary', 'flags', '']);
    expect(rows.filter((r) => r[0] === 'manual')).toEqual([
      ['manual', '1', '2'],
      ['manual', '1', '2'],
    ]);
  });

  it('defuses formulas in every name a person typed', () => {
    const report = sampleReport({ sprintName: '=cmd|"/c calc"!A1, now' });
    report.members[0] = {
      ...(report.members[0] as (typeof report.members)[number]),
      name: '@evil',
    };
    report.unplannedProduction.bySource[0] = {
      ...(report.unplannedProduction
        .bySource[0] as (typeof report.unplannedProduction.bySource)[number]),
      integrationName: '+Prom,etheus',
    };
    const rows = parseCsv(capacityReportCsv(report));
    expect(rows).toContainEqual(['summary', 'sprint', `'=cmd|"/c calc"!A1, now`]);
    expect(rows.some((r) => r[0] === `'@evil`)).toBe(true);
    expect(rows).toContainEqual([`'+Prom,etheus`, '1', '4']);
    for (const row of rows) for (const field of row) expect(field).not.toMatch(/^[=+@\t\r]/);
  });
});
