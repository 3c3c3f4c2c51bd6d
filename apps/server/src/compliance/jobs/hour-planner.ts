// Plans batches of hours (planHours: reads, validity, O2 conversion, exceedance, detectors) on a worker
// thread with its own SQLite connection. better-sqlite3 is synchronous, so on the main thread those reads and
// computations would hold up the gateway's commits and acks (stack.md §2); in the worker they run on the
// other core while the main thread writes the previous batch. Only for a SQLite file: PostgreSQL reads are
// already asynchronous and an in-memory database has no second connection.
import { Worker } from 'node:worker_threads';
import { SqliteAdapter, sql, type Kysely } from 'kysely';
import type { Schema } from '../../platform/db/schema.ts';
import type { HourPair, Planned } from '../close-batch.ts';

type Reply = { id: number; plans: Planned[] } | { id: number; error: string } | { ready: true };

export class HourPlanner {
  private worker: Worker | null = null;
  private seq = 0;
  /** The worker could not start or died: the runner plans on its own thread instead. */
  broken = false;
  private readonly waiting = new Map<number, { resolve: (p: Planned[]) => void; reject: (e: Error) => void }>();

  constructor(private readonly url: string) {}

  plan(pairs: readonly HourPair[], detectors: boolean): Promise<Planned[]> {
    let worker: Worker;
    try {
      worker = this.worker ??= this.spawn();
    } catch (err) {
      this.broken = true;
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Keeps the process alive only while a batch is being planned.
      worker.ref();
      worker.postMessage({ id, pairs, detectors });
    });
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w === null) return;
    const exited = new Promise((r) => w.once('exit', r));
    // Closes its connection first; terminated if it does not answer within 2 s.
    w.ref();
    w.postMessage('stop');
    const timer = setTimeout(() => void w.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }

  private spawn(): Worker {
    // The worker loads TypeScript as the CLI does (bin/ecoenforce.js): through tsx's loader, registered inside it.
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./close-worker.ts', import.meta.url).href)}); })`;
    const w = new Worker(boot, { eval: true, execArgv: [], workerData: { url: this.url } });
    w.unref();
    w.on('message', (m: Reply) => {
      if ('ready' in m) return;
      const waiter = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) w.unref();
      if ('error' in m) waiter?.reject(new Error(m.error));
      else waiter?.resolve(m.plans);
    });
    const fail = (err: Error): void => {
      if (this.worker === w) {
        this.worker = null;
        this.broken = true;
      }
      for (const waiter of this.waiting.values()) waiter.reject(err);
      this.waiting.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`hour planner exited with code ${code}`)));
    return w;
  }
}

/** The file of a SQLite database behind `db`; null for PostgreSQL or an in-memory database. */
export async function sqliteFileOf(db: Kysely<Schema>): Promise<string | null> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return null;
  const r = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db);
  const file = r.rows[0]?.file ?? '';
  return file === '' ? null : file;
}
