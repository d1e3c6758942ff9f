import type { ApolloServerPlugin } from '@apollo/server';
import {
  ASTVisitor,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLList,
  GraphQLObjectType,
  GraphQLSchema,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  SelectionSetNode,
  ValidationContext,
  valueFromASTUntyped,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination';

export const LimitCode = {
  DEPTH: 'DEPTH_LIMIT_EXCEEDED',
  ALIASES: 'ALIAS_LIMIT_EXCEEDED',
  COST: 'COST_LIMIT_EXCEEDED',
  PAGE_SIZE: 'PAGE_SIZE_LIMIT_EXCEEDED',
  OPERATIONS: 'OPERATION_LIMIT_EXCEEDED',
  BATCHING: 'BATCHING_NOT_ALLOWED',
} as const;

/** Items a plain list field is assumed to return when no `first` bounds it. */
export const DEFAULT_LIST_COST = 20;

function limitError(
  code: string,
  message: string,
  node?: OperationDefinitionNode | FieldNode,
): GraphQLError {
  return new GraphQLError(message, {
    nodes: node ? [node] : undefined,
    extensions: { code, http: { status: 400 } },
  });
}

type Fragments = Record<string, FragmentDefinitionNode>;

function fragmentsOf(context: ValidationContext): Fragments {
  const map: Fragments = {};
  for (const def of context.getDocument().definitions)
    if (def.kind === Kind.FRAGMENT_DEFINITION) map[def.name.value] = def;
  return map;
}

function depthOf(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  seen: Set<string>,
): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      if (!fragment || seen.has(name)) continue;
      deepest = Math.max(
        deepest,
        depthOf(fragment.selectionSet, fragments, new Set([...seen, name])),
      );
    }
  }
  return deepest;
}

/** Rejects queries nested deeper than `max` fields (fragments expanded). */
export function depthLimit(max: number): (context: ValidationContext) => ASTVisitor {
  return (context) => ({
    OperationDefinition(node) {
      const depth = depthOf(node.selectionSet, fragmentsOf(context), new Set());
      if (depth > max) {
        context.reportError(
          limitError(LimitCode.DEPTH, `Query depth ${depth} exceeds the limit of ${max}`, node),
        );
      }
    },
  });
}

/** Rejects documents with more than `max` aliased fields (alias floods). */
export function aliasLimit(max: number): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    let aliases = 0;
    let reported = false;
    return {
      Field(node) {
        if (!node.alias) return;
        aliases++;
        if (aliases > max && !reported) {
          reported = true;
          context.reportError(
            limitError(
              LimitCode.ALIASES,
              `The query uses more than ${max} aliases (the limit)`,
              node,
            ),
          );
        }
      },
    };
  };
}

/** One operation per document: a request runs one thing and is priced as one. */
export function singleOperation(): (context: ValidationContext) => ASTVisitor {
  return (context) => ({
    Document(node) {
      const operations = node.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      if (operations.length > 1) {
        context.reportError(
          limitError(
            LimitCode.OPERATIONS,
            `A request may hold one operation; this one holds ${operations.length} (the limit is 1)`,
          ),
        );
      }
    },
  });
}

interface CostContext {
  schema: GraphQLSchema;
  fragments: Fragments;
  variables: Record<string, unknown>;
}

function argument(field: FieldNode, name: string, variables: Record<string, unknown>): unknown {
  const arg = field.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value, variables) : undefined;
}

/**
 * Cost: every object a query asks for costs 1, times the number of parent items (scalar fields
 * come with their object's row and are free). Lists multiply their children by `first`
 * (connections; the page size default when absent) or a default list size; the edges of a
 * connection are the page it was already priced for, not another list.
 */
function costOf(
  set: SelectionSetNode | undefined,
  parent: GraphQLObjectType,
  ctx: CostContext,
  seen: Set<string>,
): number {
  if (!set) return 0;
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD || selection.kind === Kind.INLINE_FRAGMENT) {
      const fragment =
        selection.kind === Kind.FRAGMENT_SPREAD ? ctx.fragments[selection.name.value] : selection;
      const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : '';
      if (!fragment || (name && seen.has(name))) continue;
      const typeName = fragment.typeCondition?.name.value;
      const type = typeName ? ctx.schema.getType(typeName) : parent;
      if (isObjectType(type))
        total += costOf(fragment.selectionSet, type, ctx, name ? new Set([...seen, name]) : seen);
      continue;
    }
    if (selection.name.value.startsWith('__')) continue;
    const field = parent.getFields()[selection.name.value];
    if (!field) continue;
    const first = argument(selection, 'first', ctx.variables);
    if (typeof first === 'number' && first > MAX_PAGE_SIZE) {
      throw limitError(
        LimitCode.PAGE_SIZE,
        `first is at most ${MAX_PAGE_SIZE} (got ${first})`,
        selection,
      );
    }
    const named = getNamedType(field.type);
    const isConnection = named.name.endsWith('Connection');
    const isList = isListType(getNullableType(field.type)) || field.type instanceof GraphQLList;
    // A connection's edges are its page: the connection field already multiplied by `first`.
    const pageOfParent = isList && parent.name.endsWith('Connection');
    const multiplier = isConnection
      ? typeof first === 'number'
        ? first
        : DEFAULT_PAGE_SIZE
      : isList && !pageOfParent
        ? typeof first === 'number'
          ? first
          : DEFAULT_LIST_COST
        : 1;
    if (isObjectType(named))
      total += 1 + multiplier * costOf(selection.selectionSet, named, ctx, seen);
  }
  return total;
}

/**
 * Prices an operation with its variables before it runs; throws COST_LIMIT_EXCEEDED (or
 * PAGE_SIZE_LIMIT_EXCEEDED) when it is too expensive. Shared by HTTP and WebSocket operations.
 */
export function checkOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  maxCost: number,
): void {
  const fragments: Fragments = {};
  for (const def of document.definitions)
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  const root =
    operation.operation === OperationTypeNode.MUTATION
      ? schema.getMutationType()
      : operation.operation === OperationTypeNode.SUBSCRIPTION
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return;
  const cost = costOf(operation.selectionSet, root, { schema, fragments, variables }, new Set());
  if (cost > maxCost) {
    throw limitError(
      LimitCode.COST,
      `Query cost ${cost} exceeds the limit of ${maxCost}; ask for fewer items (first) or fewer fields`,
    );
  }
}

/** The validation rules every operation passes, over HTTP (Apollo) and over the WebSocket. */
export function queryLimitRules(limits: {
  maxDepth: number;
  maxAliases: number;
}): ((context: ValidationContext) => ASTVisitor)[] {
  return [depthLimit(limits.maxDepth), aliasLimit(limits.maxAliases), singleOperation()];
}

/** Prices each operation with its variables before it runs; too expensive → COST_LIMIT_EXCEEDED. */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ document, operation, schema, request }) {
          if (operation)
            checkOperationCost(schema, document, operation, request.variables ?? {}, maxCost);
          return Promise.resolve();
        },
      });
    },
  };
}
