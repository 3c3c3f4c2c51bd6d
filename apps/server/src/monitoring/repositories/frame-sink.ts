// The durable sink behind the gateway (monitoring/gateway/sink.ts): one transaction per batch, resolved after commit.
// Each dialect has its own fast path; the row shapes and the dedupe key they share are in frame-rows.ts.
import type { Database } from '../../platform/db/connect.ts';
import type { DurableSink } from '../gateway/sink.ts';
import { createSqliteSink } from './frame-sink-sqlite.ts';
import { createPostgresSink } from './frame-sink-postgres.ts';

export { dedupeKey } from './frame-rows.ts';

export function createFrameSink(database: Database): DurableSink {
  switch (database.kind) {
    case 'sqlite':
      return createSqliteSink(database.sqlite);
    case 'postgres':
      return createPostgresSink(database.pool);
  }
}
