// The on-site checklist of a task's enterprise (issue 5 §3): the industry templates (checklist-templates.ts)
// plus items generated from its registry and permit — each outlet and its sign, each monitoring point's
// equipment, each factor the permit limits against what the logger sends and the instrument's range, each
// electricity-monitoring point's meters under their own factors, each treatment facility's electricity meter. The checklist is versioned by the hash of its content: the same
// registry gives the same hash, and an inspection records the hash it was made against.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Checklist, ChecklistAttention as Attention, ChecklistItem, ChecklistSection } from '@ecoenforce/contract';
import { canonicalJson } from '../../platform/audit.ts';
import type { Schema } from '../../platform/db/schema.ts';
import { templatesFor } from './checklist-templates.ts';

export class ChecklistError extends Error {
  constructor(
    readonly code: 'not_found' | 'bad_request',
    message: string,
  ) {
    super(message);
  }
}

const item = (key: string, section: ChecklistSection, group: string, zh: string, en: string, source: string | null, facts: ChecklistItem['facts'] = {}, attention: Attention[] = []): ChecklistItem => ({
  key, section, group, zh, en, source, facts, attention,
});

/** The checklist for the task's enterprise with the permit limits in force at `now`. */
export async function taskChecklist(db: Kysely<Schema>, taskId: number, now: number): Promise<Checklist> {
  const task = await db.selectFrom('tasks').select(['id', 'enterprise_id']).where('id', '=', taskId).executeTakeFirst();
  if (task === undefined) throw new ChecklistError('not_found', `task ${taskId} not found`);
  if (task.enterprise_id === null) throw new ChecklistError('bad_request', `task ${taskId} names no enterprise: there is no site to inspect`);
  const enterpriseId = Number(task.enterprise_id);
  const e = await db.selectFrom('enterprises').select(['id', 'name', 'industry']).where('id', '=', enterpriseId).executeTakeFirstOrThrow();
  const items = await generateItems(db, enterpriseId, e.industry, now);
  const hash = createHash('sha256').update(canonicalJson(items)).digest('hex');
  return { taskId, enterpriseId, enterpriseName: e.name, industry: e.industry, generatedAt: now, hash, items };
}

async function generateItems(db: Kysely<Schema>, enterpriseId: number, industry: string, now: number): Promise<ChecklistItem[]> {
  const out: ChecklistItem[] = [];
  for (const t of templatesFor(industry)) for (const i of t.items) out.push(item(`tpl:${t.id}:${i.id}`, 'template', t.zh, i.zh, i.en, i.source));

  const outlets = await db.selectFrom('outlets').select(['id', 'code', 'kind', 'name']).where('enterprise_id', '=', enterpriseId).orderBy('code').execute();
  const outletIds = outlets.map((o) => Number(o.id));
  const points = outletIds.length === 0 ? [] : await db.selectFrom('monitoring_points').select(['id', 'outlet_id', 'mn', 'factors']).where('outlet_id', 'in', outletIds).where('active', '=', 1).orderBy('mn').execute();
  const pointIds = points.map((p) => Number(p.id));
  const devices = pointIds.length === 0 ? [] : await db.selectFrom('devices').select(['point_id', 'factor', 'kind', 'manufacturer', 'model', 'serial', 'range_low', 'range_high', 'unit']).where('point_id', 'in', pointIds).orderBy('id').execute();
  const limits = outletIds.length === 0
    ? []
    : await db
        .selectFrom('permit_limits as l')
        .innerJoin('permits as p', 'p.id', 'l.permit_id')
        .select(['l.outlet_id', 'l.factor', 'l.limit_value', 'l.unit', 'l.basis', 'p.number'])
        .where('l.outlet_id', 'in', outletIds)
        .where('l.special_kind', 'is', null)
        .where('p.status', '=', 'valid')
        .where('p.valid_from', '<=', now)
        .where('p.valid_to', '>', now)
        .orderBy('l.factor')
        .orderBy('l.basis')
        .execute();
  const meters = await db.selectFrom('meters').select(['id', 'point_id', 'outlet_id', 'role', 'name', 'unit', 'running_kw', 'factor', 'feed_id']).where('enterprise_id', '=', enterpriseId).orderBy('id').execute();
  // A point that reports meters is an electricity-monitoring point (a meter logger or a feed's meter), not an
  // emissions point, even though it hangs under the stack its treatment meter watches: it gets meter checks.
  const meterPoints = new Set(meters.map((m) => Number(m.point_id)));

  for (const o of outlets) {
    const g = `${o.code} ${o.name}`;
    // Standard signs at every outlet: GB 15562.1/.2 are not in rules.md, hence no source.
    out.push(item(`outlet:${o.code}:sign`, 'outlet', g, `${o.code} 排放口标志牌设置规范、信息与许可证一致`, `${o.code}: outlet sign present and matches the permit`, null, { kind: o.kind }));
    out.push(item(`outlet:${o.code}:position`, 'outlet', g, `${o.code} 排放口位置、数量与许可证一致，无私设排口`, `${o.code}: position and count as permitted, no unpermitted outlet`, 'AIR 20'));
    const oLimits = limits.filter((l) => Number(l.outlet_id) === Number(o.id));
    const oPoints = points.filter((p) => Number(p.outlet_id) === Number(o.id));
    for (const p of oPoints) {
      const pg = `${o.code} · ${p.mn}`;
      if (meterPoints.has(Number(p.id))) {
        out.push(...meterPointItems(pg, p.mn, parseFactors(p.factors), meters.filter((m) => Number(m.point_id) === Number(p.id))));
        continue;
      }
      const sent = parseFactors(p.factors);
      const pDevices = devices.filter((d) => Number(d.point_id) === Number(p.id));
      const logger = pDevices.find((d) => d.kind === 'logger');
      out.push(item(`point:${p.mn}:equipment`, 'point', pg, `监测点 ${p.mn}：自动监测设备安装、联网、正常运行`, `Point ${p.mn}: monitors installed, networked and running`, 'AIR 24; WAT 23; AIR 100', {
        logger: logger === undefined ? null : describe(logger), factorsSent: sent.join(','), instruments: pDevices.filter((d) => d.kind !== 'logger').length,
      }));
      out.push(item(`point:${p.mn}:parameters`, 'point', pg, `监测点 ${p.mn}：仪器量程、参数设置与数采仪上传一致`, `Point ${p.mn}: instrument ranges and settings match what the logger sends`, 'OSI 19–20'));
      for (const f of [...new Set(oLimits.map((l) => l.factor))]) {
        const fl = oLimits.filter((l) => l.factor === f);
        const strictest = Math.min(...fl.map((l) => Number(l.limit_value)));
        const inst = pDevices.find((d) => d.factor === f && d.kind !== 'logger');
        const attention: Attention[] = [];
        if (!sent.includes(f)) attention.push('factor_not_sent');
        if (inst === undefined) attention.push('no_instrument');
        // An instrument whose range ends below the limit cannot show an exceedance (flag T, HJ 212-2017 Table 8 [W17]).
        else if (inst.range_high !== null && Number(inst.range_high) < strictest) attention.push('range_below_limit');
        out.push(item(`point:${p.mn}:factor:${f}`, 'factor', pg, `监测点 ${p.mn} 因子 ${f}：许可限值 ${strictest} ${fl[0]!.unit}，数采仪上传、仪器量程覆盖限值`, `Point ${p.mn} factor ${f}: permit limit ${strictest} ${fl[0]!.unit}; sent by the logger, instrument range covers the limit`, 'PRM 29', {
          factor: f, limit: strictest, unit: fl[0]!.unit, basis: fl.map((l) => l.basis).join(','), permit: fl[0]!.number,
          rangeLow: inst?.range_low ?? null, rangeHigh: inst?.range_high ?? null, rangeUnit: inst?.unit ?? null, sent: sent.includes(f) ? 'yes' : 'no',
        }, attention));
      }
      // Factors the logger sends that the permit does not limit are kept as facts of the equipment item only.
    }
    if (oPoints.every((p) => meterPoints.has(Number(p.id))) && oLimits.length > 0) {
      out.push(item(`outlet:${o.code}:no-monitor`, 'outlet', g, `${o.code} 有许可限值但无在线监测点位`, `${o.code}: limited by the permit but has no monitoring point`, 'AIR 24; WAT 23', {}, ['no_instrument']));
    }
  }
  for (const m of meters) {
    const outlet = outlets.find((o) => Number(o.id) === Number(m.outlet_id));
    const g = m.role === 'treatment' ? '治理设施用电' : '生产设施用电';
    out.push(item(`meter:${m.id}`, 'meter', g, `${m.name}：${m.role === 'treatment' ? '治理设施运行，用电监控正常' : '生产设施用电监控正常'}`, `${m.name}: ${m.role === 'treatment' ? 'treatment running, its electricity meter working' : 'production electricity meter working'}`, 'OSI 19–20', {
      role: m.role, outlet: outlet?.code ?? null, runningKw: m.running_kw, factor: m.factor,
    }));
  }
  return out;
}

interface MeterRow {
  factor: string;
  role: 'production' | 'treatment';
  name: string;
  unit: string;
  running_kw: number | null;
  feed_id: string | null;
}

/**
 * An electricity-monitoring point: its logger (or the platform feed) and each meter it reports under the
 * meter's own factor code (e10001, e20001: vendor codes, HJ 212-2017 has none for equipment power). The
 * permit's pollutant limits do not apply here; whether treatment runs with production is judged from these
 * readings [OSI 19–20].
 */
function meterPointItems(group: string, mn: string, sent: readonly string[], meters: readonly MeterRow[]): ChecklistItem[] {
  const feed = meters.find((m) => m.feed_id !== null)?.feed_id ?? null;
  const out = [item(`point:${mn}:equipment`, 'point', group, `用电监控点 ${mn}：${feed === null ? '电能数采仪' : '用电监控平台接入'}安装、联网、正常运行`, `Electricity point ${mn}: ${feed === null ? 'meter logger' : 'monitoring platform feed'} installed, networked and running`, 'OSI 19–20', {
    factorsSent: sent.join(','), meters: meters.length, feed,
  })];
  for (const m of meters) {
    const attention: Attention[] = sent.includes(m.factor) ? [] : ['factor_not_sent'];
    out.push(item(`point:${mn}:factor:${m.factor}`, 'factor', group, `用电监控点 ${mn} 因子 ${m.factor}（${m.name}）：电表接线、读数与上传一致`, `Electricity point ${mn} factor ${m.factor} (${m.name}): meter wired, its reading matches what is sent`, 'OSI 19–20', {
      factor: m.factor, meter: m.name, role: m.role, unit: m.unit, runningKw: m.running_kw, sent: sent.includes(m.factor) ? 'yes' : 'no',
    }, attention));
  }
  return out;
}

function parseFactors(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function describe(d: { manufacturer: string | null; model: string | null; serial: string | null }): string {
  return [d.manufacturer, d.model, d.serial].filter((x) => x !== null && x !== '').join(' ') || 'logger';
}
