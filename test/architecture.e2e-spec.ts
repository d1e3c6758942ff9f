/**
 * The house's floor plan, checked: no import cycles in src/ (the generated Prisma client aside),
 * and common/ imports no feature (only generated code and config, which every layer reads).
 * Type-only imports count too: a cycle of types is still a knot for the reader.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = join(__dirname, '..', 'src');
const SKIP = [join(SRC, 'generated')];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.includes(path)) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

/** The src/ files a file imports (relative specifiers of import, export … from and require). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/g),
    ...text.matchAll(/(?:require|import)\(\s*'(\.[^']+)'\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers.flatMap((specifier) => {
    const base = resolve(dirname(file), specifier);
    const target = [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
    return target && !SKIP.some((skip) => target.startsWith(skip)) ? [target] : [];
  });
}

describe('the source tree', () => {
  const files = sourceFiles(SRC);
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const name = (file: string): string => relative(SRC, file);

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'visiting');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'visiting') {
          cycles.push([...stack.slice(stack.indexOf(next)), next].map(name).join(' > '));
        } else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('keeps common/ free of features', () => {
    const allowed = [join(SRC, 'common'), join(SRC, 'generated'), join(SRC, 'config')];
    const upward = files
      .filter((file) => file.startsWith(join(SRC, 'common')))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/from\s+'(\.[^']+)'/g)]
          .map((m) => resolve(dirname(file), m[1]!))
          .filter((target) => !allowed.some((dir) => target.startsWith(dir)))
          .map((target) => `${name(file)} imports ${relative(SRC, target)}`),
      );
    expect(upward).toEqual([]);
  });
});
