import { normalizeSeverity } from './severity';

describe('normalizeSeverity', () => {
  it.each([
    ['CRITICAL', ['critical', 'crit', 'page', 'fatal', 'emergency', 'alert', 'p1', 'disaster']],
    ['HIGH', ['high', 'error', 'err', 'major', 'p2']],
    ['WARNING', ['warning', 'warn', 'medium', 'minor', 'average', 'p3']],
    ['LOW', ['low', 'p4']],
    ['INFO', ['info', 'informational', 'notice', 'none', 'ok', 'p5']],
  ])('maps every word for %s', (severity, words) => {
    expect(words.map((word) => normalizeSeverity(word))).toEqual(words.map(() => severity));
  });

  it('ignores case and surrounding spaces', () => {
    expect([
      normalizeSeverity(' Critical '),
      normalizeSeverity('WARN'),
      normalizeSeverity('P4'),
    ]).toEqual(['CRITICAL', 'WARNING', 'LOW']);
  });

  it('is UNKNOWN for anything else or nothing', () => {
    expect(['sev1', '', 'unknown', 'toString', null, undefined].map(normalizeSeverity)).toEqual(
      Array<string>(6).fill('UNKNOWN'),
    );
  });
});
