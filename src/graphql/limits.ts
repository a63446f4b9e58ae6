import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getNullableType,
  isListType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ComplexityEstimator, getComplexity as GetComplexity } from 'graphql-query-complexity';

// Loaded with require: its ESM build would bring the ESM copy of graphql, and the schema is built with the CJS
// one (graphql refuses to mix them).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fieldExtensionsEstimator, getComplexity } = require('graphql-query-complexity') as typeof import('graphql-query-complexity');

/**
 * Limits on what one GraphQL request may ask for, checked after validation and before anything runs:
 *  - depth: how deeply fields nest (introspection fields `__…` are not counted);
 *  - aliases: how many aliased fields (the cheap way to repeat an expensive field);
 *  - cost: graphql-query-complexity with every field costing 1, a field's subtree multiplied by its `first`
 *    (or `limit` / `top`) argument, and other lists by LIST_FACTOR; a field may declare its own cost with
 *    type-graphql's `@Field({ complexity })`;
 *  - tokens: the parser stops at `maxTokens` (ApolloServer parseOptions), so a huge document costs nothing.
 * Refusals carry `extensions.code` QUERY_TOO_COMPLEX (HTTP 400) with the limit and the measured value.
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 30, maxCost: 50_000, maxTokens: 5_000 };

/** How many items an unpaginated list field is assumed to hold when costing a query. */
export const LIST_FACTOR = 5;

export interface DocumentShape {
  depth: number;
  aliases: number;
}

/** Depth and alias count of the operation that will run, fragments expanded (each use counted). */
export function measureOperation(document: DocumentNode, operationName?: string | null): DocumentShape | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | null = null;
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    else if (d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName)) operation ??= d;
  }
  if (!operation) return null;
  let aliases = 0;
  let visited = 0;
  const walk = (set: SelectionSetNode, depth: number, active: Set<string>): number => {
    let max = depth;
    for (const s of set.selections) {
      if (++visited > 20_000) throw tooComplex('nodes', 20_000, visited);
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        if (s.alias) aliases++;
        max = Math.max(max, s.selectionSet ? walk(s.selectionSet, depth + 1, active) : depth + 1);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, walk(s.selectionSet, depth, active));
      } else {
        const f = fragments.get(s.name.value);
        if (!f || active.has(f.name.value)) continue; // validation refuses cycles; never loop here
        active.add(f.name.value);
        max = Math.max(max, walk(f.selectionSet, depth, active));
        active.delete(f.name.value);
      }
    }
    return max;
  };
  const depth = walk(operation.selectionSet, 0, new Set());
  return { depth, aliases };
}

const pageSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity, node }) => {
  if (node.name.value.startsWith('__')) return 0;
  const page = [args.first, args.limit, args.top].find((v) => typeof v === 'number' && Number.isFinite(v)) as number | undefined;
  if (page !== undefined) return 1 + Math.max(1, Math.min(page, 10_000)) * childComplexity;
  const type = getNullableType(field.type);
  // A connection's edges are bounded by the connection's own `first`, already counted above.
  if (isListType(type) && node.name.value !== 'edges' && node.name.value !== 'nodes') return 1 + LIST_FACTOR * childComplexity;
  return 1 + childComplexity;
};

export function tooComplex(measure: 'depth' | 'aliases' | 'cost' | 'nodes', limit: number, actual: number): GraphQLError {
  const words = { depth: 'nested too deeply', aliases: 'uses too many aliases', cost: 'asks for too much at once', nodes: 'is too large' };
  return new GraphQLError(`The query ${words[measure]}: ${measure} ${actual} over the limit of ${limit}`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', measure, limit, actual, http: { status: 400 } },
  });
}

/** The cost of an operation with its variables (throws QUERY_TOO_COMPLEX for documents too large to cost). */
export function operationCost(schema: Parameters<typeof GetComplexity>[0]['schema'], document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [fieldExtensionsEstimator(), pageSizeEstimator],
      maxQueryNodes: 20_000,
    });
  } catch (e: any) {
    if (/query nodes|maximum/i.test(String(e?.message))) throw tooComplex('nodes', 20_000, 20_001);
    // Variables that do not coerce: execution refuses them with BAD_USER_INPUT right after; nothing to cost.
    return 0;
  }
}

/** The Apollo plugin that enforces the limits (the token limit is ApolloServer's `parseOptions.maxTokens`). */
export function queryLimitsPlugin(limits: QueryLimits, onRefused?: (measure: string) => void): ApolloServerPlugin<any> {
  const costs = new CostMemo();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request, schema }) {
          try {
            const shape = measureOperation(document, operationName);
            if (!shape) return;
            if (shape.depth > limits.maxDepth) throw tooComplex('depth', limits.maxDepth, shape.depth);
            if (shape.aliases > limits.maxAliases) throw tooComplex('aliases', limits.maxAliases, shape.aliases);
            const cost = costs.get(document, operationName, request.variables, () => operationCost(schema, document, request.variables, operationName));
            if (cost > limits.maxCost) throw tooComplex('cost', limits.maxCost, cost);
          } catch (e: any) {
            onRefused?.(e?.extensions?.measure ?? 'other');
            throw e;
          }
        },
      };
    },
  };
}

/**
 * Costs already computed, per parsed document (Apollo Server hands the same document object for the same query
 * text) and per operation name and variables: a dashboard asking the same thing all day is costed once. Bounded
 * per document; variables too large to be a useful key are costed every time.
 */
class CostMemo {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, number>>();

  get(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined, compute: () => number): number {
    const vars = JSON.stringify(variables ?? {});
    if (vars.length > 2048) return compute();
    const key = `${operationName ?? ''}\u0000${vars}`;
    let memo = this.byDocument.get(document);
    if (!memo) this.byDocument.set(document, (memo = new Map()));
    let cost = memo.get(key);
    if (cost === undefined) {
      cost = compute();
      if (memo.size >= 256) memo.clear();
      memo.set(key, cost);
    }
    return cost;
  }
}
