import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

/** The slice of the WebAssembly API used here (Node has it; the ES lib typings do not). */
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

type SchemaEngineModule = typeof import('@prisma/schema-engine-wasm') & {
  __wbg_set_wasm(exports: Record<string, unknown>): void;
};

let modulePromise: Promise<SchemaEngineModule> | undefined;

/**
 * Loads Prisma's schema engine compiled to Wasm. Its entry file imports the .wasm as a module
 * (bundler style), which Node rejects, so the bindings are loaded and instantiated by hand.
 */
function loadModule(): Promise<SchemaEngineModule> {
  modulePromise ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bindings = require('@prisma/schema-engine-wasm/schema_engine_bg') as SchemaEngineModule;
    const wasmPath = join(
      dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')),
      'schema_engine_bg.wasm',
    );
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': withUnrefTimers(bindings),
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return modulePromise;
}

/**
 * The engine arms 10 s timers (connection timeouts) that outlive its work; unref'd, they no
 * longer hold a CLI or a test process open after the migration has finished.
 */
function withUnrefTimers(bindings: SchemaEngineModule): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...bindings };
  for (const name of Object.keys(imports)) {
    if (name.startsWith('__wbg_setTimeout_')) {
      imports[name] = (callback: () => void, ms: number): NodeJS.Timeout =>
        setTimeout(callback, ms >>> 0).unref();
    }
  }
  return imports;
}

export interface SchemaEngineHandle {
  engine: SchemaEngine;
  logs: string[];
}

/** Starts a schema engine over a driver adapter, with the Prisma schema as its datamodel. */
export async function startSchemaEngine(
  schema: { path: string; content: string },
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<SchemaEngineHandle> {
  const bindings = await loadModule();
  const logs: string[] = [];
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    (log: string) => logs.push(log),
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  return { engine, logs };
}
