/**
 * Query execution compiled once per document (graphql-jit) instead of interpreted field by field (graphql-js).
 *
 * A list of 50 appeals with their relations resolves some 3,000 fields; graphql-js walks the document for each of
 * them (argument coercion, a promise per object with an async field, path bookkeeping), which was the largest
 * single cost of the list in the HTTP benchmark (issue 7). graphql-jit turns each operation into a JavaScript
 * function the first time it is seen, and runs that function from then on. The schema, its resolvers and the
 * access gate wrapped around them are the same objects; only the walk changes. Parsing, validation and the query
 * limits stay with Apollo Server, before execution.
 *
 * Apollo Server takes a custom executor through its gateway interface (the extension point the federation
 * gateway uses): `jitGateway(schema)` hands it the schema and this executor.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Compiled operations kept at most (a client sends a handful of distinct documents; an attacker many). */
const MAX_COMPILED = 500;

export function jitExecutor(schema: GraphQLSchema): GatewayExecutor {
  // keyed by Apollo's hash of the query text and the operation chosen in it
  const compiled = new Map<string, { document: DocumentNode; query: CompiledQuery | null }>();
  const interpreted = (rc: Parameters<GatewayExecutor>[0]) =>
    execute({ schema, document: rc.document, operationName: rc.operationName, contextValue: rc.context, variableValues: rc.request.variables }) as Promise<ExecutionResult>;
  return async (rc) => {
    // Mutations stay with graphql-js (one field each, their audit and error paths tested there), and so does a
    // document Apollo could not pick an operation from (graphql-js gives the error).
    if (rc.operation?.operation !== 'query') return interpreted(rc) as any;
    const key = `${rc.queryHash}:${rc.operationName ?? ''}`;
    let entry = compiled.get(key);
    if (!entry || entry.document !== rc.document) {
      const c = compileQuery(schema, rc.document, rc.operationName ?? undefined);
      entry = { document: rc.document, query: isCompiledQuery(c) ? c : null };
      if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
      compiled.set(key, entry);
    }
    if (!entry.query) return interpreted(rc) as any;
    const result = await entry.query.query(undefined, rc.context, rc.request.variables ?? {});
    if (!result.errors?.length) return result as any;
    // An error outside any field (the variables' coercion, which graphql-jit does more strictly than graphql-js):
    // the query is run again by graphql-js, whose answer (and error codes) the API has always given. Reads only,
    // so running one twice changes nothing.
    if (result.errors.some((e) => !e.path?.length)) return interpreted(rc) as any;
    return { ...result, errors: result.errors.map(asGraphQLError) } as any;
  };
}

/**
 * graphql-jit's errors are look-alikes of graphql-js GraphQLErrors without `extensions`, which Apollo Server's
 * error formatting (stable codes from the domain error inside) reads: rebuilt as the real class.
 */
function asGraphQLError(e: any): GraphQLError {
  if (e instanceof GraphQLError && e.extensions) return e;
  const error = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.extensions ?? undefined });
  if (e.locations) Object.defineProperty(error, 'locations', { value: e.locations, enumerable: true });
  return error;
}

export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  const executor = jitExecutor(schema);
  let callback: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0] | null = null;
  return {
    onSchemaLoadOrUpdate(cb) {
      callback = cb;
      return () => (callback = null);
    },
    async load() {
      callback?.({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return { executor };
    },
    async stop() {},
  };
}
