// Shared set-up for the gateway tests: a real SQLite store on a temp file with registered points, the real
// gateway on a free loopback port, and a raw TCP logger that sends frames and collects the replies.
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hj212Framer, decodeFrame, encodePacket, formatBeijingTime, type EncodeOptions, type FrameSink, type Packet } from '@ecoenforce/hj212';
import { openMigrated } from '../src/container.ts';
import type { Database } from '../src/db/connect.ts';
import { startGateway, type Gateway } from '../src/ingest/gateway.ts';
import type { GatewayOptions } from '../src/ingest/context.ts';
import type { DurableSink } from '../src/ingest/sink.ts';
import { createFrameSink } from '../src/repositories/frame-sink.ts';
import { loadRegistry } from '../src/repositories/points.ts';
import { benchMn, seedBenchPoints } from '../src/seed/demo-province.ts';

export const PW = '123456';
export const T0 = Date.UTC(2026, 10, 28, 2, 0, 0); // 2026-11-28 10:00 Beijing
export { benchMn };

export interface GatewayRig {
  dir: string;
  url: string;
  database: Database;
  gateway: Gateway;
  /** Stops the gateway (closing the sink) and removes the temp directory. */
  dispose(): Promise<void>;
}

/** A fresh SQLite store with `points` bench points (MN benchMn(1…n), PW 123456) and a gateway on it. */
export async function startRig(
  points: number,
  opts: { gateway?: Partial<GatewayOptions>; now?: () => number; wrapSink?: (sink: DurableSink) => DurableSink } = {},
): Promise<GatewayRig> {
  const dir = mkdtempSync(join(tmpdir(), 'ecoenforce-gw-'));
  const url = `sqlite:${join(dir, 'gw.db')}`;
  const database = await openMigrated(url);
  await seedBenchPoints(database, points);
  const sink = createFrameSink(database);
  const gateway = await startGateway(
    { sink: opts.wrapSink ? opts.wrapSink(sink) : sink, registry: await loadRegistry(database), ...(opts.now ? { now: opts.now } : {}) },
    { host: '127.0.0.1', port: 0, ...opts.gateway },
  );
  return {
    dir,
    url,
    database,
    gateway,
    async dispose() {
      await gateway.stop();
      await database.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A 2051 minute frame with the A bit set (Flag=5: 2017, A=1) and two factors. */
export function minuteFrame(mn: string, minute: number, opts: { so2?: number; pw?: string; flag?: number; qnAt?: number } & EncodeOptions = {}): Buffer {
  const dataTime = T0 + minute * 60_000;
  const so2 = opts.so2 ?? 10 + minute;
  return encodePacket(
    {
      qn: formatBeijingTime(opts.qnAt ?? dataTime + 5_000, 17),
      st: '31', cn: '2051', pw: opts.pw ?? PW, mn, flag: opts.flag ?? 5,
      cp: [
        [['DataTime', formatBeijingTime(dataTime, 14)]],
        [['a21026-Min', so2 - 1], ['a21026-Avg', so2], ['a21026-Max', so2 + 1], ['a21026-Flag', 'N']],
        [['a19001-Avg', '8.50'], ['a19001-Flag', 'N']],
      ],
    },
    opts,
  );
}

/** A raw TCP logger: writes bytes, decodes what the gateway sends back. */
export class TestLogger {
  readonly replies: Packet[] = [];
  closed = false;
  private readonly waiters: Array<() => void> = [];
  private readonly framer = new Hj212Framer();
  private readonly sink: FrameSink = {
    frame: (raw) => {
      const r = decodeFrame(raw);
      if (r.ok) this.replies.push(r.packet);
      this.wake();
    },
    error: () => undefined,
  };

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk) => this.framer.push(chunk, this.sink));
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<TestLogger> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port }, () => resolve(new TestLogger(s)));
      s.once('error', reject);
    });
  }

  send(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** 9014 replies received for this QN. */
  acksFor(qn: string): number {
    return this.replies.filter((r) => r.cn === '9014' && r.qn === qn).length;
  }

  /** Resolves when `ok()` holds; rejects after `ms` (a hang guard, not a timing assertion). */
  async until(ok: () => boolean, ms = 20_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; replies: ${this.replies.map((r) => `${r.cn}/${r.qn}`).join(' ')}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

export const qnOf = (frame: Buffer): string => /QN=(\d+)/.exec(frame.toString('latin1'))?.[1] ?? '';

/** Polls until `ok()` resolves true; a hang guard only. */
export async function eventually(ok: () => Promise<boolean> | boolean, ms = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function countRows(database: Database, table: 'raw_frames' | 'readings', where?: { verdict?: string; reason?: string }): Promise<number> {
  let q = database.db.selectFrom(table as 'raw_frames').select((eb) => eb.fn.countAll<number>().as('n'));
  if (where?.verdict !== undefined) q = q.where('verdict', '=', where.verdict as 'accepted');
  if (where?.reason !== undefined) q = q.where('reason', '=', where.reason);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** A sink that holds every write until released: proves the gateway answers only after the sink confirms. */
export function gatedSink(inner: DurableSink): { sink: DurableSink; hold(): void; release(): void; readonly held: number } {
  let holding = false;
  const queue: Array<() => void> = [];
  return {
    sink: {
      async write(accepted, quarantined) {
        if (holding) await new Promise<void>((r) => queue.push(r));
        return inner.write(accepted, quarantined);
      },
      close: () => inner.close(),
    },
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const r of queue.splice(0)) r();
    },
    get held() {
      return queue.length;
    },
  };
}
