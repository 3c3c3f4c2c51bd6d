// Shared set-up for the store tests: the same test body runs on SQLite (a temp file) and PostgreSQL (a
// fresh schema per call, dropped afterwards, so test files running in parallel never see each other).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/connect.ts';
import type { Database } from '../src/platform/db/connect.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import type { AcceptedFrame, PeriodKind } from '../src/monitoring/gateway/sink.ts';
import type { FactorValues } from '@ecoenforce/hj212';

export const PG_BASE = process.env.ECOENFORCE_TEST_PG ?? 'postgres://root@127.0.0.1:5432/test';

export interface TestStore {
  url: string;
  database: Database;
  /** Closes the database and removes the file or schema. */
  dispose(): Promise<void>;
}

export type DialectName = 'sqlite' | 'postgres';
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

/** A fresh empty store; `migrate` applies the schema first. */
export async function freshStore(dialect: DialectName, opts: { migrate?: boolean } = {}): Promise<TestStore> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ecoenforce-store-'));
    url = `sqlite:${join(dir, 'test.db')}`;
    cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  } else {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_BASE, user: 'root' });
    await admin.connect();
    // The schema name is generated above from hex digits; identifiers cannot be bound as parameters.
    await admin.query(`create schema ${schema}`);
    await admin.end();
    url = `${PG_BASE}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    cleanup = async () => {
      const c = new pg.Client({ connectionString: PG_BASE, user: 'root' });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  }
  const database = await openDatabase(url);
  if (opts.migrate !== false) await migrateToLatest(database);
  return {
    url,
    database,
    async dispose() {
      await database.close();
      await cleanup();
    },
  };
}

const BEIJING_MS = 8 * 3600_000;

/** HJ 212 DataTime text (Beijing time, 14 digits) of an epoch-ms instant. */
export function dataTimeText(ms: number): string {
  return new Date(ms + BEIJING_MS).toISOString().replace(/[-T:]/g, '').slice(0, 14);
}

const CN: Record<PeriodKind, string> = { rtd: '2011', min: '2051', hour: '2061', day: '2031' };

/** Bytes of a plausible HJ 212-2017 data frame (CRC is not checked by the store). */
export function frameBytes(mn: string, cn: string, dataTime: number, factors: readonly FactorValues[], qn = '20261128100000000'): Buffer {
  const cp = factors
    .map((f) => {
      const parts: string[] = [];
      for (const k of ['rtd', 'min', 'avg', 'max', 'cou', 'zsRtd', 'zsMin', 'zsAvg', 'zsMax'] as const) {
        const v = f[k];
        if (v !== undefined) parts.push(`${f.code}-${k.charAt(0).toUpperCase()}${k.slice(1)}=${v}`);
      }
      if (f.flag !== undefined) parts.push(`${f.code}-Flag=${f.flag}`);
      return parts.join(',');
    })
    .join(';');
  const segment = `QN=${qn};ST=31;CN=${cn};PW=123456;MN=${mn};Flag=4;CP=&&DataTime=${dataTimeText(dataTime)};${cp}&&`;
  return Buffer.from(`##${String(segment.length).padStart(4, '0')}${segment}4F80\r\n`, 'latin1');
}

export function factor(code: string, avg: number, extra: Partial<FactorValues> = {}): FactorValues {
  return { code, code2017: code, min: avg - 1, avg, max: avg + 1, flag: 'N', ...extra };
}

export function acceptedFrame(pointId: number, mn: string, periodKind: PeriodKind | null, dataTime: number, factors: FactorValues[], opts: { qn?: string; receivedAt?: number; cn?: string } = {}): AcceptedFrame {
  const cn = opts.cn ?? (periodKind === null ? '9021' : CN[periodKind]);
  return {
    pointId,
    mn,
    receivedAt: opts.receivedAt ?? dataTime + 30_000,
    peer: '127.0.0.1:50000',
    bytes: frameBytes(mn, cn, dataTime, factors, opts.qn),
    cn,
    qn: opts.qn ?? '20261128100000000',
    version: '2017',
    crcVariant: 'hj212',
    dataTime: periodKind === null ? null : dataTime,
    periodKind,
    factors,
  };
}

/** Ten flue-gas factors as a 2051 minute frame carries them (≈780 bytes on the wire). */
export function flueGasMinute(seed: number): FactorValues[] {
  const codes = ['a21026', 'a21002', 'a34013', 'a19001', 'a01011', 'a01012', 'a01013', 'a01014', 'a00000', 'a21005'];
  return codes.map((code, i) => {
    const avg = Math.round(((seed * 7 + i * 13) % 97) * 100 + 1234) / 100;
    const f = factor(code, avg, { cou: Math.round(avg * 60 * 100) / 100 });
    if (i < 3) Object.assign(f, { zsMin: avg - 0.5, zsAvg: avg + 0.5, zsMax: avg + 1.5 });
    return f;
  });
}
