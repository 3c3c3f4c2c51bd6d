// `ecoenforce user create|list`: manage console users from the command line (the first admin of a new
// installation is created this way). The password comes from --password or, better, ECOENFORCE_PASSWORD
// or standard input, so it does not sit in the shell history.
import { parseArgs } from 'node:util';
import { openDatabase, resolveDatabaseUrl } from '../platform/db/connect.ts';
import { assertNoDrift } from '../platform/db/migrate.ts';
import { recordAudit } from '../platform/audit.ts';
import { ROLES } from '../access/index.ts';
import { PasswordPolicyError, createUser, isRole, UserError } from '../accounts/index.ts';

const HELP = `usage: ecoenforce user create --username NAME --role ROLE --region CODE [options]
       ecoenforce user list

  --username NAME      3–64 letters, digits, _ . -
  --role ROLE          ${ROLES.join(' | ')}
  --region CODE        GB/T 2260 code of the user's region (e.g. 440000 province, 440100 city)
  --enterprise USCC    the enterprise of an enterprise user (unified social credit code)
  --name TEXT          display name (default: the user name)
  --password TEXT      the password (≥ 10 characters); else ECOENFORCE_PASSWORD, else one line on stdin
  --db URL             sqlite:PATH (default sqlite:./data/ecoenforce.db) or postgres://…  [ECOENFORCE_DB]`;

const options = {
  db: { type: 'string' }, username: { type: 'string' }, role: { type: 'string' }, region: { type: 'string' }, enterprise: { type: 'string' },
  name: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

async function readStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options, strict: true, allowPositionals: false });
  if (values.help === true || (sub !== 'create' && sub !== 'list')) {
    console.log(HELP);
    return values.help === true ? 0 : 2;
  }
  const database = await openDatabase(resolveDatabaseUrl(values.db, process.env));
  try {
    await assertNoDrift(database);
    const db = database.db;
    if (sub === 'list') {
      const rows = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'region_code', 'enterprise_id', 'active']).orderBy('id').execute();
      for (const r of rows) console.log(JSON.stringify(r));
      return 0;
    }
    const { username, role, region } = values;
    if (username === undefined || role === undefined || region === undefined) {
      console.error(`ecoenforce user create: --username, --role and --region are required\n\n${HELP}`);
      return 2;
    }
    if (!isRole(role)) {
      console.error(`ecoenforce user create: unknown role '${role}' (one of ${ROLES.join(', ')})`);
      return 2;
    }
    let enterpriseId: number | null = null;
    if (values.enterprise !== undefined) {
      const e = await db.selectFrom('enterprises').select('id').where('uscc', '=', values.enterprise).executeTakeFirst();
      if (e === undefined) {
        console.error(`ecoenforce user create: no enterprise with USCC ${values.enterprise}`);
        return 1;
      }
      enterpriseId = e.id;
    }
    const password = values.password ?? process.env.ECOENFORCE_PASSWORD ?? (await readStdinLine());
    const id = await db.transaction().execute(async (trx) => {
      const created = await createUser(trx, { username, displayName: values.name ?? username, password, role, regionCode: region, enterpriseId });
      await recordAudit(trx, { actor: { kind: 'system', id: null, name: 'cli' }, action: 'create', entity: 'user', entityId: created, after: { username, role, regionCode: region, enterpriseId }, at: Date.now() });
      return created;
    });
    console.log(JSON.stringify({ ok: true, id, username, role, region }));
    return 0;
  } catch (err) {
    if (err instanceof UserError || err instanceof PasswordPolicyError) {
      console.error(`ecoenforce user create: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}
