// The catalogue routes' requests for the access matrix (http-access.test.ts). Each change request is built
// at call time from the versions then current, so it succeeds however often the matrix sends it; the retire
// case retires a matter made for it, and the history cases read entries that exist.
import { currentMatters, currentTables, faultItemHistory, saveFaultItem, saveMatter, type ChangeContext } from '../src/enforcement/catalogue/catalogue.ts';
import type { HttpRig, Session } from './http-fixtures.ts';

type Req = { method: string; url: string; payload?: unknown };
type CatalogueCase = { inside: (rig: HttpRig, s: Session | null) => Req | Promise<Req> };

let seq = 0;
const system = (rig: HttpRig): ChangeContext => ({ actor: { kind: 'system', id: null, name: 'access-matrix' }, userId: null, ip: null, at: rig.clock.now });
const item = (id: string) => ({
  id, situation: { zh: '访问矩阵', en: 'access matrix' }, handling: 'mitigate', handlingNote: { zh: '测试', en: 'test' }, source: 'access matrix fixture', active: true,
});

export const catalogueCases: Record<string, CatalogueCase> = {
  'GET /api/matters': { inside: () => ({ method: 'GET', url: '/api/matters' }) },
  'GET /api/matters/:code/history': { inside: () => ({ method: 'GET', url: '/api/matters/AIR-99-2/history' }) },
  'POST /api/matters': {
    inside: async (rig) => {
      const m = (await currentMatters(rig.store.database.db, rig.clock.now)).find((x) => x.code === 'AIR-100')!;
      return { method: 'POST', url: '/api/matters', payload: { baseVersion: m.version, note: 'access matrix', matter: m.matter } };
    },
  },
  'POST /api/matters/:code/retire': {
    inside: async (rig) => {
      const template = (await currentMatters(rig.store.database.db, rig.clock.now)).find((x) => x.code === 'PRM-37')!.matter;
      const code = `TEST-1-M${++seq}`;
      await saveMatter(rig.store.database.db, { baseVersion: null, note: 'access matrix', matter: { ...template, code } }, system(rig));
      return { method: 'POST', url: `/api/matters/${code}/retire`, payload: { baseVersion: 1, reason: 'access matrix' } };
    },
  },
  'GET /api/discretion-tables': { inside: () => ({ method: 'GET', url: '/api/discretion-tables' }) },
  'GET /api/discretion-tables/:id/history': { inside: () => ({ method: 'GET', url: '/api/discretion-tables/GD-AIR-99-2/history' }) },
  'POST /api/discretion-tables': {
    inside: async (rig) => {
      const t = (await currentTables(rig.store.database.db, rig.clock.now)).find((x) => x.id === 'GD-WAT-83-2')!;
      return { method: 'POST', url: '/api/discretion-tables', payload: { baseVersion: t.version, note: 'access matrix', table: t.table } };
    },
  },
  'GET /api/fault-tolerance': { inside: () => ({ method: 'GET', url: '/api/fault-tolerance' }) },
  'GET /api/fault-tolerance/:id/history': {
    inside: async (rig) => {
      const db = rig.store.database.db;
      if ((await faultItemHistory(db, 'access-matrix')).length === 0) await saveFaultItem(db, { baseVersion: null, note: '', item: item('access-matrix') }, system(rig));
      return { method: 'GET', url: '/api/fault-tolerance/access-matrix/history' };
    },
  },
  'POST /api/fault-tolerance': { inside: () => ({ method: 'POST', url: '/api/fault-tolerance', payload: { baseVersion: null, note: 'access matrix', item: item(`matrix-${++seq}`) } }) },
  'POST /api/discretion/preview': { inside: () => ({ method: 'POST', url: '/api/discretion/preview', payload: { matterCode: 'AIR-99-2', facts: { exceedanceMultiple: { proven: true, value: 1 } } } }) },
  'GET /api/public/benchmarks': { inside: () => ({ method: 'GET', url: '/api/public/benchmarks' }) },
};
