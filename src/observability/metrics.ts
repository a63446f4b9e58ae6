import type { MikroORM } from '@mikro-orm/postgresql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics for one app instance (served at /metrics): HTTP requests, GraphQL operations (count and
 * latency per operation, outcome), errors by code, refusals by the query limits and the rate limit, audit
 * failures, the database pool (used / free / waiting), and the process (CPU, memory, event loop, GC).
 *
 * An operation is named by its root fields (`appeals`, `registerAppeal`, `appeals+topics`), never by the name a
 * client sends, so the label set stays bounded by the schema; past MAX_OPERATION_LABELS distinct values the rest
 * are counted as `other`.
 */
export const MAX_OPERATION_LABELS = 300;

export interface PoolStats {
  used: number;
  free: number;
  pendingAcquires: number;
  pendingCreates: number;
  max: number;
}

/** The knex (tarn) pool behind MikroORM, or null when it cannot be read. */
export function poolStats(orm: MikroORM): PoolStats | null {
  try {
    const pool = (orm.em.getConnection() as any).getKnex()?.client?.pool;
    if (!pool) return null;
    return {
      used: pool.numUsed(),
      free: pool.numFree(),
      pendingAcquires: pool.numPendingAcquires(),
      pendingCreates: pool.numPendingCreates(),
      max: pool.max,
    };
  } catch {
    return null;
  }
}

export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly operations: Counter<'operation' | 'kind' | 'outcome'>;
  readonly operationSeconds: Histogram<'operation' | 'kind'>;
  readonly errors: Counter<'code'>;
  readonly refused: Counter<'measure'>;
  readonly rateLimited: Counter;
  readonly auditFailures: Counter;
  private readonly labels = new Set<string>();

  constructor(opts: { pool?: () => PoolStats | null; defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'baqylau_http_requests_total',
      help: 'HTTP requests by route, method and status',
      labelNames: ['route', 'method', 'status'],
      registers,
    });
    this.operations = new Counter({
      name: 'baqylau_graphql_operations_total',
      help: "GraphQL operations by root fields, kind (query/mutation) and outcome ('ok' or the first error code)",
      labelNames: ['operation', 'kind', 'outcome'],
      registers,
    });
    this.operationSeconds = new Histogram({
      name: 'baqylau_graphql_operation_duration_seconds',
      help: 'GraphQL operation latency, from the request to the response',
      labelNames: ['operation', 'kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({ name: 'baqylau_graphql_errors_total', help: 'GraphQL errors by code', labelNames: ['code'], registers });
    this.refused = new Counter({
      name: 'baqylau_graphql_refused_total',
      help: 'Operations refused by the query limits, by measure (depth, aliases, cost, nodes)',
      labelNames: ['measure'],
      registers,
    });
    this.rateLimited = new Counter({ name: 'baqylau_rate_limited_total', help: 'Mutations refused by the per-user rate limit', registers });
    this.auditFailures = new Counter({ name: 'baqylau_audit_write_failures_total', help: 'Audit records that could not be written', registers });
    const pool = opts.pool;
    if (pool) {
      new Gauge({
        name: 'baqylau_db_pool_connections',
        help: 'Database pool: connections in use, free, and requests waiting for one (acquires) or being opened (creates)',
        labelNames: ['state'],
        registers,
        collect() {
          const s = pool();
          if (!s) return;
          this.set({ state: 'used' }, s.used);
          this.set({ state: 'free' }, s.free);
          this.set({ state: 'pending_acquires' }, s.pendingAcquires);
          this.set({ state: 'pending_creates' }, s.pendingCreates);
        },
      });
      new Gauge({
        name: 'baqylau_db_pool_max',
        help: 'Database pool size limit',
        registers,
        collect() {
          const s = pool();
          if (s) this.set(s.max);
        },
      });
    }
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'baqylau_' });
  }

  /** The label for an operation: its root fields, sorted; bounded in number. */
  operationLabel(rootFields: Iterable<string>): string {
    const names = [...new Set(rootFields)].sort();
    if (names.length === 0) return 'none';
    const label = names.length > 4 ? `${names.slice(0, 4).join('+')}+…` : names.join('+');
    if (this.labels.has(label)) return label;
    if (this.labels.size >= MAX_OPERATION_LABELS) return 'other';
    this.labels.add(label);
    return label;
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
