/**
 * The peer for the HTTP benchmark: PostGraphile v4 (a dev dependency used only here) over the same database,
 * with the connection-filter plugin so that the list can be filtered by district and period like ours. It compiles
 * each GraphQL query into one SQL statement. No authentication and no personal-data rules: it does less per request
 * than our service, which is the point of measuring against it.
 *
 *   DATABASE_URL=… PORT=0 tsx bench/lib/peer-server.ts      prints "peer at http://127.0.0.1:PORT/graphql"
 */
import { createServer } from 'node:http';
import Module from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

// PostGraphile v4 needs graphql 15 (the project uses 16); npm installs two copies of 15, one under postgraphile and
// one under graphile-build-pg, and the connection-filter plugin would load the project's 16: a schema built with one
// fails in another ("from another realm"). This process runs only the peer, so every `graphql` in it is
// postgraphile's own copy.
const peerGraphql = dirname(require.resolve('graphql/package.json', { paths: [dirname(require.resolve('postgraphile/package.json'))] }));
const M = Module as unknown as { _resolveFilename: (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string };
const resolve = M._resolveFilename;
M._resolveFilename = function (request, parent, ...rest) {
  if (request === 'graphql' || request.startsWith('graphql/')) {
    return resolve.call(this, request.replace(/^graphql/, peerGraphql), parent, ...rest);
  }
  return resolve.call(this, request, parent, ...rest);
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { postgraphile } = require('postgraphile');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ConnectionFilterPlugin = require('postgraphile-plugin-connection-filter');

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}

const middleware = postgraphile(
  { connectionString: url, max: Number(process.env.DATABASE_POOL_MAX ?? 10) },
  'public',
  {
    appendPlugins: [ConnectionFilterPlugin],
    graphiql: false,
    disableQueryLog: true,
    disableDefaultMutations: true,
    dynamicJson: true,
    setofFunctionsContainNulls: false,
    ignoreRBAC: false,
    enableQueryBatching: false,
    retryOnInitFail: false,
  },
);

const server = createServer(middleware);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`peer at http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
