import {
  findElements,
  parseXml,
  polylinePoints,
  type XmlElement,
} from '../../test/helpers/report-files';
import { sampleReport } from '../../test/helpers/sample-report';
import { burndownSvg } from './burndown-svg';
import type { CapacityReportData } from './capacity-report.types';

function render(report: CapacityReportData): XmlElement {
  return parseXml(burndownSvg(report, report.workingDates));
}

const byClass = (root: XmlElement, name: string): XmlElement[] =>
  findElements(root, (e) => e.attributes.class === name);

/**
 * Reads points back off the chart: the y axis runs from 0 (its bottom end) to the top of the
 * scale (its top end), which is the committed points when nothing rises above them.
 */
function valueReader(root: XmlElement, top: number): (y: number) => number {
  const axis = findElements(
    root,
    (e) =>
      e.name === 'line' && e.attributes.x1 === e.attributes.x2 && e.attributes.stroke === '#333',
  )[0] as XmlElement;
  const y0 = Number(axis.attributes.y2);
  const yTop = Number(axis.attributes.y1);
  return (y) => ((y0 - y) / (y0 - yTop)) * top;
}

describe('burndownSvg', () => {
  it('is a well-formed standalone SVG document', () => {
    const svg = render(sampleReport());
    expect(svg.name).toBe('svg');
    expect(svg.attributes).toMatchObject({
      xmlns: 'http://www.w3.org/2000/svg',
      width: '720',
      height: '400',
      viewBox: '0 0 720 400',
    });
    expect(findElements(svg, (e) => e.name === 'title')[0]?.text).toBe('Burndown: Sprint 42');
  });

  it('draws the ideal line over every working day with the report’s ideal points', () => {
    const report = sampleReport();
    const svg = render(report);
    const [ideal] = byClass(svg, 'ideal');
    const points = polylinePoints(ideal as XmlElement);
    expect(points).toHaveLength(10);
    const value = valueReader(svg, report.committedPoints);
    // At the end of day n: 10 × (10 − n) / 10; the report's idealPoints for the elapsed days.
    expect(points.map(([, y]) => Math.round(value(y) * 10) / 10)).toEqual([
      9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
    ]);
    report.burndown.forEach((p, i) =>
      expect(value((points[i] as [number, number])[1])).toBeCloseTo(p.idealPoints, 1),
    );
    // Evenly spaced along x, left to right.
    const xs = points.map(([x]) => x);
    const steps = xs.slice(1).map((x, i) => x - (xs[i] as number));
    for (const step of steps) expect(step).toBeCloseTo(steps[0] as number, 0);
  });

  it('draws the actual line over the elapsed days and marks unplanned work where it arrived', () => {
    const report = sampleReport();
    const svg = render(report);
    const [actual] = byClass(svg, 'actual');
    const points = polylinePoints(actual as XmlElement);
    expect(points).toHaveLength(5);
    const value = valueReader(svg, report.committedPoints);
    expect(points.map(([, y]) => Math.round(value(y) * 10) / 10)).toEqual([10, 5, 9, 9, 5]);

    const markers = byClass(svg, 'unplanned');
    expect(markers).toHaveLength(1);
    const [marker] = markers as [XmlElement];
    expect(marker.children[0]?.text).toBe('+4 unplanned pts on 2026-10-07');
    expect([Number(marker.attributes.cx), Number(marker.attributes.cy)]).toEqual(points[2]);
  });

  it('scales to remaining work above the commitment', () => {
    const report = sampleReport();
    report.burndown[2] = {
      ...(report.burndown[2] as (typeof report.burndown)[number]),
      remainingPoints: 20,
    };
    const svg = render(report);
    const value = valueReader(svg, 20);
    const points = polylinePoints(byClass(svg, 'actual')[0] as XmlElement);
    expect(Math.round(value((points[2] as [number, number])[1]))).toBe(20);
    // Everything stays inside the canvas.
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(720);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(400);
    }
  });

  it('escapes the sprint name', () => {
    const name = `<script>alert("x")</script> & 'co'`;
    const source = burndownSvg(sampleReport({ sprintName: name }), sampleReport().workingDates);
    expect(source).not.toContain('<script>');
    const svg = parseXml(source);
    expect(findElements(svg, (e) => e.name === 'title')[0]?.text).toBe(`Burndown: ${name}`);
  });

  it('a sprint not started yet has the ideal line only; no working day at all, neither', () => {
    const planned = render(sampleReport({ state: 'PLANNED', burndown: [] }));
    expect(byClass(planned, 'ideal')).toHaveLength(1);
    expect(byClass(planned, 'actual')).toHaveLength(0);
    expect(byClass(planned, 'unplanned')).toHaveLength(0);

    const empty = render(sampleReport({ workingDates: [], burndown: [], committedPoints: 0 }));
    expect(byClass(empty, 'ideal')).toHaveLength(0);
    expect(byClass(empty, 'actual')).toHaveLength(0);
  });

  it('a one-day sprint draws a single point in the middle', () => {
    const report = sampleReport({
      workingDates: ['2026-10-05'],
      burndown: [
        { date: '2026-10-05', remainingPoints: 4, idealPoints: 0, unplannedAddedPoints: 1 },
      ],
    });
    const svg = render(report);
    const [ideal] = polylinePoints(byClass(svg, 'ideal')[0] as XmlElement) as [[number, number]];
    const [actual] = polylinePoints(byClass(svg, 'actual')[0] as XmlElement) as [[number, number]];
    expect(ideal[0]).toBe(actual[0]);
    expect(byClass(svg, 'unplanned')).toHaveLength(1);
  });
});

describe('parseXml (the checker the specs rely on)', () => {
  it.each([
    '<svg><g></svg>',
    '<svg a="1" a="2"/>',
    '<svg a=1/>',
    '<svg>&nbsp;</svg>',
    '<svg>a & b</svg>',
    '<svg/><svg/>',
    '<svg><title>x < y</title></svg>',
  ])('rejects %j', (source) => {
    expect(() => parseXml(source)).toThrow(/XML/);
  });
});
