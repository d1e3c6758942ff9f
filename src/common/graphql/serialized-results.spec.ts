import { rememberSerialized, stringifyResult } from './serialized-results';

describe('stringifyResult', () => {
  it('writes what Apollo writes by default for a result it does not know', () => {
    const result = { data: { board: { id: 'b', columns: [{ name: 'To do' }] } } };
    expect(stringifyResult(result)).toBe(`${JSON.stringify(result)}\n`);
  });

  it('writes the remembered text of a known data object, not a new serialization', () => {
    const data = { board: { id: 'b' } };
    // A text that differs from JSON.stringify(data) shows which one was written.
    rememberSerialized(data, '{"board":{"id":"remembered"}}');
    expect(stringifyResult({ data })).toBe('{"data":{"board":{"id":"remembered"}}}\n');
    // Apollo passes the fields it orders (errors, data, extensions), the absent ones undefined.
    expect(stringifyResult({ errors: undefined, data, extensions: undefined })).toBe(
      '{"data":{"board":{"id":"remembered"}}}\n',
    );
  });

  it('gives the same text as the default for a remembered data object serialized honestly', () => {
    const data = { board: { id: 'b', name: 'Ops "main" board', columns: [{ wipLimit: null }] } };
    rememberSerialized(data, JSON.stringify(data));
    expect(stringifyResult({ data })).toBe(`${JSON.stringify({ data })}\n`);
  });

  it('serializes results with errors or extensions in full, even around known data', () => {
    const data = { board: null };
    rememberSerialized(data, '{"board":"remembered"}');
    const withErrors = { data, errors: [{ message: 'Board not found' }] };
    expect(stringifyResult(withErrors)).toBe(`${JSON.stringify(withErrors)}\n`);
    const withExtensions = { data, extensions: { cost: 3 } };
    expect(stringifyResult(withExtensions)).toBe(`${JSON.stringify(withExtensions)}\n`);
  });
});
