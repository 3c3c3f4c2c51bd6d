// `ecoenforce db migrate|seed|status [--db URL]`: manage the store. Migrate and seed refuse to touch a
// database whose migration history disagrees with this build (migrate.ts).
// Own flag parsing rather than config.ts: that one loads the gateway's modules, which `db` does not need.
import { parseArgs } from 'node:util';
import { openDatabase, resolveDatabaseUrl } from '../platform/db/connect.ts';
import { migrateToLatest, migrationStatus } from '../platform/db/migrate.ts';
import { seedBenchPoints, seedDemoProvince } from '../seed/demo-province.ts';
import { pointsRepository, framesRepository } from '../monitoring/index.ts';
import { enterprisesRepository } from '../registry/index.ts';

const HELP = `usage: ecoenforce db <migrate|seed|status> [options]

  migrate              apply pending migrations (refuses on drift)
  seed                 migrate, then seed the demo province (idempotent)
  status               applied / pending migrations and row counts; exit 1 on drift

options:
  --db URL             sqlite:PATH (default sqlite:./data/ecoenforce.db) or postgres://user@host/db  [ECOENFORCE_DB]
  --enterprises N      demo enterprises to seed (default 60)
  --bench N            also create N bench points (MN BENCH…, PW 123456) for gateway load tests`;

const options = { db: { type: 'string' }, enterprises: { type: 'string' }, bench: { type: 'string' } } as const;

function positiveInt(name: string, v: string | boolean | undefined): number | undefined {
  if (typeof v !== 'string') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got '${v}'`);
  return n;
}

export async function run(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined || action === '--help' || action === '-h' || rest.includes('--help')) {
    console.log(HELP);
    return action === undefined ? 2 : 0;
  }
  if (action !== 'migrate' && action !== 'seed' && action !== 'status') {
    console.error(`ecoenforce db: unknown action '${action}'\n\n${HELP}`);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options, strict: true, allowPositionals: false });
  const url = resolveDatabaseUrl(values.db, process.env);
  const database = await openDatabase(url);
  try {
    switch (action) {
      case 'migrate': {
        const applied = await migrateToLatest(database);
        console.log(applied.length === 0 ? 'database is up to date' : `applied: ${applied.join(', ')}`);
        return 0;
      }
      case 'seed': {
        await migrateToLatest(database);
        const enterprises = positiveInt('--enterprises', values.enterprises);
        const s = await seedDemoProvince(database, enterprises === undefined ? {} : { enterprises });
        console.log(`seeded ${s.regions} regions, ${s.enterprises} enterprises, ${s.points} monitoring points (MODBUS CRC point ${s.modbusMn})`);
        const bench = positiveInt('--bench', values.bench);
        if (bench !== undefined && bench > 0) {
          const b = await seedBenchPoints(database, bench);
          console.log(`seeded ${b.points} bench points (${b.firstMn} …, PW ${b.pw})`);
        }
        return 0;
      }
      case 'status': {
        const s = await migrationStatus(database);
        console.log(`database: ${url} (${database.kind})`);
        console.log(`applied:  ${s.applied.join(', ') || '(none)'}`);
        console.log(`pending:  ${s.pending.join(', ') || '(none)'}`);
        const drift = s.unknown.length > 0 || s.outOfOrder.length > 0;
        if (drift) console.log(`DRIFT:    unknown ${s.unknown.join(', ') || '-'}; out of order ${s.outOfOrder.join(', ') || '-'}`);
        if (s.pending.length === 0 && !drift) {
          const [e, p, f] = await Promise.all([
            enterprisesRepository(database.db).count(),
            pointsRepository(database.db).count(),
            framesRepository(database.db).count(),
          ]);
          console.log(`rows:     ${e} enterprises, ${p} monitoring points, ${f} raw frames`);
        }
        return drift ? 1 : 0;
      }
    }
  } finally {
    await database.close();
  }
}
