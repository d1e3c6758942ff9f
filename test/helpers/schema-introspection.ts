/**
 * The running schema read by introspection: its Query and Mutation fields, their types, and a
 * document for any of them selecting every field that needs no argument.
 */
import type { TestApp } from './test-app';

export interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
export interface InputValue {
  name: string;
  type: TypeRef;
  defaultValue: string | null;
}
export interface FieldDef {
  name: string;
  args: InputValue[];
  type: TypeRef;
}
export interface SchemaType {
  kind: string;
  name: string;
  fields: FieldDef[] | null;
  inputFields: InputValue[] | null;
  enumValues: { name: string }[] | null;
}
export interface Operation {
  root: 'query' | 'mutation';
  field: FieldDef;
}
export interface Schema {
  operations: Operation[];
  types: Map<string, SchemaType>;
}

const TYPE_REF = `kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;
export const INTROSPECTION = `{
  __schema {
    queryType { name }
    mutationType { name }
    types {
      kind name
      fields { name args { name defaultValue type { ${TYPE_REF} } } type { ${TYPE_REF} } }
      inputFields { name defaultValue type { ${TYPE_REF} } }
      enumValues { name }
    }
  }
}`;

/** Every Query and Mutation field of the running schema, read by introspection. */
export async function introspect(t: TestApp): Promise<Schema> {
  const data = await t.ok<{
    __schema: {
      queryType: { name: string };
      mutationType: { name: string } | null;
      types: SchemaType[];
    };
  }>(INTROSPECTION);
  const types = new Map(data.__schema.types.map((type) => [type.name, type]));
  const rootFields = (name: string | undefined): FieldDef[] =>
    (name ? types.get(name)?.fields : null) ?? [];
  return {
    types,
    operations: [
      ...rootFields(data.__schema.queryType.name).map((field) => ({
        root: 'query' as const,
        field,
      })),
      ...rootFields(data.__schema.mutationType?.name).map((field) => ({
        root: 'mutation' as const,
        field,
      })),
    ],
  };
}

export function namedType(type: TypeRef): string {
  let current: TypeRef = type;
  while (current.ofType) current = current.ofType;
  return current.name ?? '';
}

export function renderType(type: TypeRef): string {
  if (type.kind === 'NON_NULL') return `${renderType(type.ofType!)}!`;
  if (type.kind === 'LIST') return `[${renderType(type.ofType!)}]`;
  return type.name ?? '';
}

export const isRequired = (value: InputValue): boolean =>
  value.type.kind === 'NON_NULL' && value.defaultValue === null;
export const isList = (type: TypeRef): boolean =>
  type.kind === 'LIST' || (type.kind === 'NON_NULL' && type.ofType?.kind === 'LIST');

/**
 * A selection of every field without required arguments, to `depth` levels of objects. The
 * connection (and its edges) an operation returns does not count as a level: its nodes get the
 * fields of the level below; nested connections count like any object.
 */
export function selectionFor(schema: Schema, typeName: string, depth = 2, top = true): string {
  const type = schema.types.get(typeName);
  if (!type?.fields) return '';
  const wrapper = top && /(Connection|Edge)$/.test(typeName);
  const parts: string[] = [];
  for (const field of type.fields) {
    if (field.args.some(isRequired)) continue;
    const inner = schema.types.get(namedType(field.type));
    if (!inner || inner.kind === 'SCALAR' || inner.kind === 'ENUM') parts.push(field.name);
    else if (inner.kind === 'OBJECT' && depth > 1) {
      const unwrap = wrapper && /(Connection|Edge)$/.test(inner.name);
      const sub = selectionFor(schema, inner.name, unwrap ? depth : depth - 1, unwrap);
      if (sub) parts.push(`${field.name} { ${sub} }`);
    }
  }
  return parts.join(' ');
}

/** The document for an operation; the arguments given in `variables` are passed as variables. */
export function documentFor(
  schema: Schema,
  operation: Operation,
  variables: Record<string, unknown>,
): string {
  const { field } = operation;
  const args = field.args.filter((a) => a.name in variables);
  const declared = args.map((a) => `$${a.name}: ${renderType(a.type)}`);
  const passed = args.map((a) => `${a.name}: $${a.name}`);
  const selection = selectionFor(schema, namedType(field.type));
  return `${operation.root}${declared.length ? ` (${declared.join(', ')})` : ''} {
  ${field.name}${passed.length ? `(${passed.join(', ')})` : ''}${selection ? ` { ${selection} }` : ''}
}`;
}
