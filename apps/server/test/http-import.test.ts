// Registry import over HTTP: all or nothing, row errors reported, the importer's region enforced, every
// created record in the audit log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from './store-fixtures.ts';
import { call, enterpriseCsv, login, startHttpRig, type HttpRig } from './http-fixtures.ts';

for (const dialect of DIALECTS) {
  void describe(`registry import over HTTP on ${dialect}`, () => {
    let rig: HttpRig;
    before(async () => {
      rig = await startHttpRig(dialect);
    });
    after(() => rig.close());

    const count = async (): Promise<number> => Number((await rig.store.database.db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const audits = async (): Promise<number> => Number((await rig.store.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', 'enterprise').executeTakeFirstOrThrow()).n);

    void test('a valid file is imported and audited; a dry run writes nothing', async () => {
      const admin = await login(rig.app, 'admin');
      const before = await count();
      const dry = await call(rig.app, admin, 'POST', '/api/registry/import/enterprises?dryRun=true', undefined, enterpriseCsv('440103', '干跑测试有限公司', 'MA5DRY01'));
      assert.equal(dry.statusCode, 200, dry.body);
      assert.equal(await count(), before);
      const auditsBefore = await audits();
      const res = await call(rig.app, admin, 'POST', '/api/registry/import/enterprises', undefined, enterpriseCsv('440103', '导入测试有限公司', 'MA5AMP01'));
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json<{ inserted: number }>().inserted, 1);
      assert.equal(await count(), before + 1);
      assert.equal(await audits(), auditsBefore + 1);
    });

    void test('a bad row fails the whole file with its row and column, and nothing is written', async () => {
      const admin = await login(rig.app, 'admin');
      const before = await count();
      const good = enterpriseCsv('440103', '好的有限公司', 'MA5G00D1').bytes.toString('utf8');
      const text = `${good}91440103MA5BAD000X,坏的有限公司,440103,boiler,重点管理,路,23,113\n`;
      const res = await call(rig.app, admin, 'POST', '/api/registry/import/enterprises', undefined, { filename: 'bad.csv', bytes: Buffer.from(text) });
      assert.equal(res.statusCode, 400);
      const body = res.json<{ error: { code: string; details: Array<{ row: number; column: string | null }> } }>();
      assert.equal(body.error.code, 'bad_request');
      assert.ok(body.error.details.some((d) => d.row === 3 && d.column === '统一社会信用代码'), JSON.stringify(body.error.details));
      assert.equal(await count(), before);
    });

    void test("an enterprise outside the importer's region aborts the import", async () => {
      const admin = await login(rig.app, 'admin');
      const before = await count();
      const text = `${enterpriseCsv('440103', '区内有限公司', 'MA5AN001').bytes.toString('utf8')}${enterpriseCsv('450102', '区外有限公司', 'MA5BUT01').bytes.toString('utf8').split('\n')[1]}\n`;
      const res = await call(rig.app, admin, 'POST', '/api/registry/import/enterprises', undefined, { filename: 'mixed.csv', bytes: Buffer.from(text) });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(await count(), before, 'the in-region row was not written either');
    });
  });
}
