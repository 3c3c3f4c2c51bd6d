// Chinese names for the values the list exports carry (issue 14 §6: served files carry no English). The
// server cannot import the console, so these follow apps/web/src/i18n/zh.ts by hand; an unknown key passes
// through as stored. Times go out as Beijing time, 'YYYY-MM-DD HH:mm'.
import type { Kysely } from 'kysely';
import type { Schema } from './db/schema.ts';

/** Beijing time is UTC+8 all year (no daylight saving). */
const BEIJING_MS = 8 * 3_600_000;

/** 'YYYY-MM-DD HH:mm' in Beijing time; '' for no time. */
export function beijingMinute(t: number | null | undefined): string {
  if (t === null || t === undefined || !Number.isFinite(t)) return '';
  return new Date(t + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** A key by its Chinese name, or the key itself when there is none. */
export const zhOf = (table: Readonly<Record<string, string>>, key: string | null | undefined): string => (key === null || key === undefined ? '' : (table[key] ?? key));

/** zh.ts warnings.severities. */
export const SEVERITY_ZH: Readonly<Record<string, string>> = { high: '严重', medium: '较重', low: '一般' };
/** zh.ts warnings.states. */
export const WARNING_STATUS_ZH: Readonly<Record<string, string>> = { new: '新预警', confirmed: '已确认', dismissed: '已排除', dispatched: '已派发', closed: '已办结' };
/** zh.ts status. */
export const POINT_STATUS_ZH: Readonly<Record<string, string>> = { online: '在线', offline: '离线', warning: '数据异常' };
/** zh.ts kind. */
export const OUTLET_KIND_ZH: Readonly<Record<string, string>> = { air: '废气', water: '废水' };
/** zh.ts points.crcVariants. */
export const CRC_VARIANT_ZH: Readonly<Record<string, string>> = {
  hj212: '标准算法', 'hj212-lowercase': '标准算法（小写十六进制）', 'hj212-unpadded': '标准算法（不补零）', 'modbus-lo-first': 'Modbus 算法（低字节在前）', modbus: 'Modbus 算法',
};
/** zh.ts industry (the demo's industry keys; a real registry carries the Chinese name already). */
export const INDUSTRY_ZH: Readonly<Record<string, string>> = { thermal_power: '火力发电', boiler: '锅炉', wastewater: '污水处理', chemical: '化工', waste_incineration: '垃圾焚烧' };
/** zh.ts category. */
export const CATEGORY_ZH: Readonly<Record<string, string>> = { key: '重点管理', simplified: '简化管理', registration: '登记管理' };
/** zh.ts risk.tiers. */
export const RISK_TIER_ZH: Readonly<Record<string, string>> = { high: '高风险', medium: '中风险', low: '低风险' };
/** zh.ts risk.factors. */
export const RISK_FACTOR_ZH: Readonly<Record<string, string>> = {
  exceedance: '超标次数（段）', exceedanceMultiple: '超标倍数合计', dataQuality: '数据质量问题', fraud: '疑似数据造假', transmission: '数据传输缺失（百分点）',
  markings: '无效数据标记', lateMarkings: '事后标记或标记时段仍在生产', penalties: '历史行政处罚', rectification: '整改逾期或未完成', tips: '群众举报属实',
  category: '排污许可管理类别', industry: '行业',
};
/** zh.ts audit.actions. */
export const AUDIT_ACTION_ZH: Readonly<Record<string, string>> = {
  download: '下载文书', create: '新建', update: '修改', delete: '删除', remove: '移除', login: '登录', logout: '退出登录', password_change: '修改密码', revoke: '吊销',
  set_certificate: '登记执法证号', ingest: '系统接入数据', confirm: '确认预警', dismiss: '排除预警', answer: '企业说明', close: '关闭', undispatch: '撤回派单', dispatch: '派单',
  assign: '分派人员', reassign: '改派人员', start: '开始', finish: '完成', done: '完成', cancel: '取消', escalate: '逾期升级', extend: '延期', withdraw: '撤回', retire: '停用',
  publish: '发布', void: '作废', draw: '抽取', add_member: '添加成员', remove_member: '移除成员', evidence: '上传证据', submit_proof: '提交整改证明', measure: '记录限产停产措施',
  item_set: '记录检查结论', item_update: '修改检查结论', reinspect: '记录复查结果', order: '下达整改令',
};
/** zh.ts cases.actions: a case's steps, as the audit trail names them after its own actions. */
export const CASE_ACTION_ZH: Readonly<Record<string, string>> = {
  file: '立案', extend_filing: '延长立案期限', start_investigation: '指派调查人员', order_correction: '责令改正', record_discretion: '拟定处罚（自由裁量）',
  record_exemption: '认定不予处罚情形', flag_criminal: '涉嫌犯罪标准核查', issue_advance_notice: '送达事先告知书', record_statement: '记录陈述申辩', waive_hearing: '当事人放弃听证',
  request_hearing: '当事人申请听证', submit_for_review: '提交法制审核', complete_hearing: '主持听证', complete_legal_review: '完成法制审核', return_for_investigation: '退回补充调查',
  refer_collective_discussion: '提请集体讨论', complete_collective_discussion: '记录集体讨论', extend_decision: '延长办案期限', decide: '作出处罚决定',
  decide_no_penalty: '作出不予处罚决定', decide_waiver: '决定首违不予处罚', serve: '送达决定书', record_payment: '确认缴款', execute: '申请强制执行', close: '结案', terminate: '终止案件',
  propose_transfer: '提请移送公安', approve_transfer: '批准移送', decline_transfer: '不批准移送', send_transfer: '移送公安机关', record_transfer_receipt: '登记公安回执',
  police_accept: '公安已立案', police_decline: '公安不予立案', request_reconsideration: '提请复议', police_accept_on_reconsideration: '公安复议后立案',
  hand_over_items: '移交涉案物品',
};
/** zh.ts audit.entities. */
export const AUDIT_ENTITY_ZH: Readonly<Record<string, string>> = {
  case_document: '案件文书', api_token: '接口令牌', case: '行政处罚案件', daily_penalty_round: '按日连续处罚', discretion_table: '裁量基准表', draw: '双随机抽查',
  enforcement_matter: '执法事项', fault_tolerance_item: '容错事项', inspection: '现场检查', marking: '数据标记', meter_feed: '用电监控数据', officer_conflict: '执法人员回避',
  permit: '排污许可证', permit_limit: '许可限值', positive_list: '正面清单', rectification: '整改', risk_weights: '风险评分权重', session: '登录会话', special_period: '特殊时段',
  task: '任务', team: '执法队伍', tip: '举报线索', typical_case: '典型案例', user: '用户', warning: '预警', enterprise: '排污单位', outlet: '排放口', monitoring_point: '监测点位',
  device: '监测设备',
};
/** zh.ts audit.fields. */
export const AUDIT_FIELD_ZH: Readonly<Record<string, string>> = {
  status: '状态', reason: '理由', name: '名称', role: '角色', regionCode: '地区', enterpriseId: '单位', username: '用户名', certificateNo: '执法证号', answer: '说明',
  revokedAt: '吊销时间', version: '版本', note: '备注', taskId: '任务', outcome: '结果', content: '内容', channel: '来源渠道', receivedAt: '接收时间',
};
/** zh.ts audit.statuses. */
export const AUDIT_STATUS_ZH: Readonly<Record<string, string>> = {
  new: '新预警', confirmed: '已确认', dismissed: '已排除', dispatched: '已派单', closed: '已关闭', open: '待处理', assigned: '已分派', in_progress: '处理中', done: '已完成',
  cancelled: '已取消', proof_submitted: '已提交证明', reinspecting: '复查中', corrected: '已改正', not_corrected: '未改正',
};
/** zh.ts roles. */
export const ROLE_ZH: Readonly<Record<string, string>> = {
  officer: '执法人员', dispatcher: '指挥调度', analyst: '监测分析', legalReviewer: '法制审核', head: '负责人', enterprise: '排污单位', verifier: '核查机构', admin: '管理员',
};

/** The Chinese names of the given region codes (a code without a row keeps the code). */
export async function regionNames(db: Kysely<Schema>, codes: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)];
  const rows = wanted.length === 0 ? [] : await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The factor table's units spelt in words (HJ 212 Appendix B), as a Chinese reader writes them; symbols stay. */
const UNIT_ZH: Readonly<Record<string, string>> = {
  dimensionless: '无量纲', 'degree (colour)': '度', degree: '°', degC: '℃', 'uS/cm': 'μS/cm', 'ug/L': 'μg/L', 'count/L': '个/L', min: '分钟', kWh: 'kW·h', YYYYMMDDhhmmss: '',
};
export const unitZh = (unit: string): string => UNIT_ZH[unit] ?? unit;

/** A factor by its Chinese name with its unit, e.g. '化学需氧量（mg/L）'; an unknown code as sent. */
export function factorLabel(code: string | null | undefined, info: { nameZh: string; unit: string } | undefined): string {
  if (code === null || code === undefined) return '';
  if (info === undefined) return code;
  const unit = unitZh(info.unit);
  return unit === '' ? info.nameZh : `${info.nameZh}（${unit}）`;
}
