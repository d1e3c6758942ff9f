import { describeError } from './describe-error';

describe('describeError', () => {
  it('keeps only the network reason of a connection failure', () => {
    expect(describeError(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe('ECONNREFUSED');
    expect(describeError(new Error('timeout exceeded when trying to connect'))).toBe(
      'timeout exceeded when trying to connect',
    );
    expect(describeError(new Error('no answer within 3000 ms'))).toBe('no answer within 3000 ms');
  });

  it('says "connection failed" for an outage without a recognisable reason', () => {
    const error = Object.assign(new Error("Can't reach database server at db.internal:5432"), {
      code: 'P1001',
    });
    expect(describeError(error)).toBe('connection failed');
  });

  it('never repeats SQL or driver messages', () => {
    const error = new Error('relation "teams" does not exist: SELECT "id" FROM "teams"');
    expect(describeError(error)).toBe('query failed');
  });
});
