// Shared set-up for the gateway-*.test.ts files: a real SQLite store on a temp file with registered points,
// the real gateway on a free loopback port (in process, or `ecoenforce serve` as a child process), a raw
// TCP logger that sends frames and decodes what comes back, and read helpers over the stored evidence.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { Hj212Framer, decodeFrame, encodePacket, formatBeijingTime, type EncodeOptions, type Packet } from '@ecoenforce/hj212';
import { openMigrated } from '../src/container.ts';
import type { Database } from '../src/platform/db/connect.ts';
import type { GatewayOptions } from '../src/monitoring/gateway/context.ts';
import { startGateway, type Gateway } from '../src/monitoring/gateway/gateway.ts';
import type { DurableSink } from '../src/monitoring/gateway/sink.ts';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { loadRegistry } from '../src/monitoring/repositories/points.ts';
import { benchMn, seedBenchPoints } from '../src/seed/demo-province.ts';

export const PW = '123456';
/** 2026-11-28 10:00 Beijing: DataTime of minute 0 in the frames below. */
export const T0 = Date.UTC(2026, 10, 28, 2, 0, 0);
export const BIN = fileURLToPath(new URL('../bin/ecoenforce.js', import.meta.url));
export { benchMn };

/** A temp directory holding one SQLite file; `remove()` deletes both. */
export function tempStore(prefix: string): { dir: string; file: string; url: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `ecoenforce-${prefix}-`));
  const file = join(dir, 'gateway.db');
  return { dir, file, url: `sqlite:${file}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A migrated store with `points` bench points (MN benchMn(1…n), PW 123456); `modbus` lists MNs allowed MODBUS CRCs. */
export async function seededStore(url: string, points: number, modbus: readonly string[] = []): Promise<Database> {
  const database = await openMigrated(url);
  await seedBenchPoints(database, points);
  if (modbus.length > 0) {
    await database.db.updateTable('monitoring_points').set({ crc_variants: 'hj212,modbus-lo-first' }).where('mn', 'in', [...modbus]).execute();
  }
  return database;
}

export interface GatewayRig {
  file: string;
  database: Database;
  gateway: Gateway;
  /** Stops the gateway (if not yet), closes the store and removes the temp directory. */
  dispose(): Promise<void>;
}

export async function startRig(
  points: number,
  opts: { gateway?: Partial<GatewayOptions>; wrapSink?: (sink: DurableSink) => DurableSink; modbus?: readonly string[] } = {},
): Promise<GatewayRig> {
  const store = tempStore('gw');
  const database = await seededStore(store.url, points, opts.modbus);
  const sink = createFrameSink(database);
  const gateway = await startGateway(
    { sink: opts.wrapSink ? opts.wrapSink(sink) : sink, registry: await loadRegistry(database) },
    { host: '127.0.0.1', port: 0, ...opts.gateway },
  );
  return {
    file: store.file,
    database,
    gateway,
    async dispose() {
      await gateway.stop();
      await database.close().catch(() => undefined);
      store.remove();
    },
  };
}

export interface FrameOptions extends EncodeOptions {
  /** SO2 average (the reading's value); default 10 + minute. */
  so2?: number;
  pw?: string;
  /** Flag (default 5: 2017 with the A bit); null sends no Flag (2005 style). */
  flag?: number | null;
  /** The logger's clock for QN; default DataTime + 5 s. */
  qnAt?: number;
}

/** A 2051 minute upload for DataTime T0 + minute, with two factors. */
export function minuteFrame(mn: string, minute: number, opts: FrameOptions = {}): Buffer {
  const dataTime = T0 + minute * 60_000;
  const so2 = opts.so2 ?? 10 + minute;
  return encodePacket(
    {
      qn: formatBeijingTime(opts.qnAt ?? dataTime + 5_000, 17),
      st: '31',
      cn: '2051',
      pw: opts.pw ?? PW,
      mn,
      flag: opts.flag === undefined ? 5 : opts.flag,
      cp: [
        [['DataTime', formatBeijingTime(dataTime, 14)]],
        [['a21026-Min', so2 - 1], ['a21026-Avg', so2], ['a21026-Max', so2 + 1], ['a21026-Flag', 'N']],
        [['a19001-Avg', '8.50'], ['a19001-Flag', 'N']],
      ],
    },
    opts,
  );
}

let heartbeatSeq = 0;
/** HJ 212-2025 heartbeat (9015, Flag 9 = 2025 with A), answered 9013. Each has its own QN. */
export function heartbeat(mn: string): Buffer {
  return encodePacket({ qn: formatBeijingTime(T0 + heartbeatSeq++, 17), st: '31', cn: '9015', pw: PW, mn, flag: 9, cp: [] });
}

export const qnOf = (frame: Uint8Array): string => /QN=(\d+)/.exec(Buffer.from(frame).toString('latin1'))?.[1] ?? '';

/** A raw TCP logger: writes bytes, decodes every frame the gateway sends back. */
export class TestLogger {
  readonly replies: Packet[] = [];
  closed = false;
  /** Called synchronously as each reply is decoded (before anything else runs). */
  onReply: ((p: Packet) => void) | null = null;
  private readonly framer = new Hj212Framer();

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) =>
      this.framer.push(chunk, {
        frame: (raw) => {
          const r = decodeFrame(raw);
          if (!r.ok) return;
          this.replies.push(r.packet);
          this.onReply?.(r.packet);
        },
        error: () => undefined,
      }),
    );
    socket.on('close', () => (this.closed = true));
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

  /** Replies with this CN (default 9014) echoing this QN. */
  repliesFor(qn: string, cn = '9014'): number {
    return this.replies.filter((r) => r.cn === cn && r.qn === qn).length;
  }

  /**
   * Sends a heartbeat and waits for its 9013. The gateway handles one connection's bytes in order and
   * answers a heartbeat at once, so when this resolves every frame sent before it has been judged (replies
   * to them may still be waiting for their commit).
   */
  async barrier(mn: string): Promise<void> {
    const hb = heartbeat(mn);
    this.send(hb);
    await eventually(() => this.repliesFor(qnOf(hb), '9013') === 1, 'the heartbeat barrier');
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Polls until `ok()` holds. The timeout is a hang guard only, never a timing assertion. */
export async function eventually(ok: () => boolean | Promise<boolean>, what = 'condition', ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A second, read-only connection to the SQLite file: what it sees is committed, not merely written inside
 * the gateway's open transaction. Synchronous, so a reply handler can check the store the moment a reply
 * arrives.
 */
export class StoreReader {
  private readonly db: BetterSqlite3.Database;

  constructor(file: string) {
    this.db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  }

  /** Accepted raw frames of this MN and QN. */
  framesFor(mn: string, qn: string): number {
    return this.count(`select count(*) n from raw_frames where verdict = 'accepted' and mn = ? and qn = ?`, mn, qn);
  }

  count(sql: string, ...args: Array<string | number>): number {
    return Number((this.db.prepare(sql).get(...args) as { n: number }).n);
  }

  rawFrames(verdict: 'accepted' | 'quarantined' | '%' = '%'): number {
    return this.count('select count(*) n from raw_frames where verdict like ?', verdict);
  }

  readingsCount(): number {
    return this.count('select count(*) n from readings');
  }

  /** The minute reading of MN at DataTime (epoch ms), with its revision and raw vals blob. */
  reading(mn: string, periodStart: number): { revision: number; vals: Buffer; source_frame_id: number } | undefined {
    return this.db
      .prepare(
        `select r.revision, r.vals, r.source_frame_id from readings r join monitoring_points p on p.id = r.point_id
         where p.mn = ? and r.period_kind = 'min' and r.period_start = ?`,
      )
      .get(mn, periodStart) as { revision: number; vals: Buffer; source_frame_id: number } | undefined;
  }

  /** Quarantined rows by reason. */
  quarantine(): Record<string, number> {
    const rows = this.all<{ reason: string; n: number }>(`select reason, count(*) n from raw_frames where verdict = 'quarantined' group by reason`);
    return Object.fromEntries(rows.map((r) => [r.reason, Number(r.n)]));
  }

  quarantinedBytes(reason: string): Buffer[] {
    return this.all<{ bytes: Buffer }>(`select bytes from raw_frames where verdict = 'quarantined' and reason = ? order by id`, reason).map((r) => r.bytes);
  }

  all<T>(sql: string, ...args: Array<string | number>): T[] {
    return this.db.prepare(sql).all(...args) as T[];
  }

  close(): void {
    this.db.close();
  }
}

/** One sample of a Prometheus text exposition: `name{labels} value`; 0 when the series is absent. */
export function metricValue(text: string, name: string, labels = ''): number {
  const want = labels === '' ? `${name} ` : `${name}{${labels}} `;
  const line = text.split('\n').find((l) => l.startsWith(want));
  return line === undefined ? 0 : Number(line.slice(want.length));
}

export async function fetchMetrics(url: string): Promise<string> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return res.text();
}

/** A port that was free a moment ago (for a child gateway that must come back on the same port). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface ServeChild {
  child: ChildProcess;
  port: number;
  metrics: string | null;
  /** The API and console base URL. */
  http: string | null;
}

/** Starts `ecoenforce serve` and resolves with its `listening` line. */
export function serveChild(url: string, port: number, extra: readonly string[] = []): Promise<ServeChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--db', url, '--port', String(port), '--http-port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"event":"listening"'));
      if (line !== undefined) {
        const j = JSON.parse(line) as { port: number; metrics: string | null; http: string | null };
        resolve({ child, port: j.port, metrics: j.metrics, http: j.http });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.once('exit', (code, signal) => reject(new Error(`serve exited (${code ?? signal}) before listening: ${err}`)));
  });
}

export const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

/** A sink that holds every write until released: shows the gateway answers only after the sink confirms. */
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
    hold: () => void (holding = true),
    release() {
      holding = false;
      for (const r of queue.splice(0)) r();
    },
    get held() {
      return queue.length;
    },
  };
}
