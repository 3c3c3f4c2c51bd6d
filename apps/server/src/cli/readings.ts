// `ecoenforce readings --mn MN …`: export a point's stored readings to stdout, one line per
// (period start, factor), as JSON lines or CSV. Pages through the readings table, so a year of minute
// data streams in constant memory, and waits for stdout to drain.
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { openDatabase, resolveDatabaseUrl } from '../platform/db/connect.ts';
import { assertNoDrift } from '../platform/db/migrate.ts';
import { pointsRepository, readingsRepository, type PeriodReadings, type PeriodKind } from '../monitoring/index.ts';

const HELP = `usage: ecoenforce readings --mn MN [options]

  --mn MN              the monitoring point's MN (required)
  --from ISO           first period start, inclusive (no zone = Beijing time, HJ 212's zone)
  --to ISO             last period start, exclusive
  --period KIND        rtd | min | hour | day (default min)
  --format FMT         jsonl | csv (default jsonl)
  --db URL             sqlite:PATH (default sqlite:./data/ecoenforce.db) or postgres://…  [ECOENFORCE_DB]`;

const options = { db: { type: 'string' }, mn: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, period: { type: 'string' }, format: { type: 'string' } } as const;
const PERIODS: readonly PeriodKind[] = ['rtd', 'min', 'hour', 'day'];
const COLUMNS = ['mn', 'period', 'periodStart', 'factor', 'sentAs', 'value', 'converted', 'min', 'max', 'cou', 'flag', 'sourceFrameId'] as const;
type Line = Record<(typeof COLUMNS)[number], string | number | null>;

class UsageError extends Error {}

const BEIJING_MS = 8 * 3600_000;

/** Epoch ms → ISO 8601 in Beijing time, e.g. 2026-11-28T10:05:00+08:00. */
export function beijingIso(ms: number): string {
  const iso = new Date(ms + BEIJING_MS).toISOString(); // shifted, so the "Z" digits are Beijing's
  const base = iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
  return `${base}+08:00`;
}

function parseTime(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(text) || !text.includes('T') ? text : `${text}+08:00`;
  // A bare date means Beijing midnight too.
  const ms = Date.parse(/^\d{4}-\d\d-\d\d$/.test(zoned) ? `${zoned}T00:00:00+08:00` : zoned);
  if (Number.isNaN(ms)) throw new UsageError(`${name}: not an ISO time: '${text}'`);
  return ms;
}

/** RFC 4180: quote fields holding a comma, quote or line break; double the quotes inside. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function linesOf(mn: string, p: PeriodReadings): Line[] {
  const rtd = p.periodKind === 'rtd';
  return p.factors.map((f) => ({
    mn,
    period: p.periodKind,
    periodStart: beijingIso(p.periodStart),
    factor: f.code2017,
    sentAs: f.code,
    value: (rtd ? f.rtd : f.avg) ?? f.rtd ?? f.avg ?? null,
    converted: (rtd ? f.zsRtd : f.zsAvg) ?? null,
    min: f.min ?? null,
    max: f.max ?? null,
    cou: f.cou ?? null,
    flag: f.flag ?? null,
    sourceFrameId: p.sourceFrameId,
  }));
}

export async function run(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    const mn = values.mn;
    if (typeof mn !== 'string' || mn === '') throw new UsageError('--mn is required');
    const period = (values.period ?? 'min') as PeriodKind;
    if (!PERIODS.includes(period)) throw new UsageError(`--period must be one of ${PERIODS.join(', ')}`);
    const format = values.format ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv') throw new UsageError('--format must be jsonl or csv');
    const from = parseTime('--from', values.from);
    const to = parseTime('--to', values.to);

    database = await openDatabase(resolveDatabaseUrl(values.db, process.env));
    await assertNoDrift(database);
    const point = await pointsRepository(database.db).byMn(mn);
    if (point === undefined) {
      console.error(`ecoenforce readings: no monitoring point with MN ${mn}`);
      return 1;
    }
    const write = async (text: string): Promise<void> => {
      if (!out.write(text)) await once(out, 'drain');
    };
    if (format === 'csv') await write(`${COLUMNS.join(',')}\n`);
    const periods = readingsRepository(database.db).stream({
      pointId: point.id,
      periodKind: period,
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    });
    for await (const p of periods) {
      const lines = linesOf(mn, p);
      const text = format === 'csv'
        ? lines.map((l) => COLUMNS.map((c) => csvField(l[c])).join(',') + '\n').join('')
        : lines.map((l) => JSON.stringify(l) + '\n').join('');
      await write(text);
    }
    return 0;
  } catch (err) {
    // parseArgs reports unknown or malformed flags with ERR_PARSE_ARGS_* codes: a usage error too.
    if (err instanceof UsageError || String((err as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`ecoenforce readings: ${(err as Error).message}\n\n${HELP}`);
      return 2;
    }
    throw err;
  } finally {
    await database?.close();
  }
}
