import type { FormattedExecutionResult } from 'graphql';

/**
 * Answers whose JSON is already known, by their `data` object. A feature that keeps answers to
 * serve again (the board read cache) serializes each once, when it stores it, and registers the
 * text here; Apollo's `stringifyResult` (below) then writes that text for every response whose
 * result is just that `data`, instead of serializing a 40 to 80 kB tree on every request.
 *
 * Weak keys: an entry lives exactly as long as its `data` object does (while the feature keeps
 * it, or a response still holds it), so this needs no bound or eviction of its own.
 */
const serialized = new WeakMap<object, string>();

/** Registers `json`, which must be `JSON.stringify(data)`, as the text of `data`. */
export function rememberSerialized(data: object, json: string): void {
  serialized.set(data, json);
}

/**
 * Apollo Server's `stringifyResult`: the same text as its default (`JSON.stringify` of the
 * result and a newline), taken from rememberSerialized when the result is a known `data` alone
 * (no errors, no extensions, so nothing else would be in the text).
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  const { data, errors, extensions } = result;
  if (data && errors === undefined && extensions === undefined) {
    const json = serialized.get(data);
    if (json !== undefined) return `{"data":${json}}\n`;
  }
  return `${JSON.stringify(result)}\n`;
}
