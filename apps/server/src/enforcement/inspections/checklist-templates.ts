// On-site inspection checklist templates by industry (issue 5 §3), as data. Each item names its source where
// shared/reference/rules.md has one (the key in brackets there); `source: null` marks a bureau practice item
// whose legal text is not in our reference corpus and must be reviewed before it is cited in a document.
// The generated part of a checklist (outlets, points, instruments, meters) is built in checklist.ts.

export type TemplateId = 'thermal_power' | 'boilers' | 'municipal_wastewater' | 'general';

export interface TemplateItem {
  /** Stable within the template: the item key becomes `tpl:<template>:<id>`. */
  id: string;
  zh: string;
  en: string;
  source: string | null;
}

export interface ChecklistTemplate {
  id: TemplateId;
  zh: string;
  en: string;
  items: readonly TemplateItem[];
}

const T = (id: string, zh: string, en: string, source: string | null): TemplateItem => ({ id, zh, en, source });

export const CHECKLIST_TEMPLATES: Readonly<Record<TemplateId, ChecklistTemplate>> = {
  general: {
    id: 'general',
    zh: '通用检查项',
    en: 'General items',
    items: [
      T('permit-posted', '排污许可证正本悬挂或公示，内容与现场一致', 'Discharge permit displayed; its content matches the site', 'PRM'),
      T('ledger', '环境管理台账记录完整、保存不少于5年', 'Environmental management ledgers complete and kept at least 5 years', 'PRM 21'),
      T('execution-report', '排污许可执行报告按期提交，内容真实', 'Permit execution reports filed on time and true', 'PRM 37'),
      T('self-monitoring', '按许可证要求开展自行监测，保存原始记录', 'Self-monitoring done as the permit requires; raw records kept', 'AIR 24; WAT 23'),
      T('abnormal-report', '自动监测数据传输异常时及时报告', 'Abnormal transmission of automatic monitoring data reported', 'PRM 20; PRM 36'),
      T('monitor-repair', '自动监测设备故障48小时内修复，期间每日人工监测不少于4次、间隔不超过6小时', 'Broken monitors fixed within 48 h; meanwhile ≥4 manual samples a day, ≤6 h apart', 'OPS 15'),
      T('no-fraud', '无修改参数、干扰采样、篡改数据等异常或弄虚作假情形', 'No changed parameters, interfered sampling or tampered data', 'OSI 19–20; AIR 20'),
      T('disclosure', '按规定公开排放信息（自动监测数据等）', 'Emission information (automatic monitoring data) disclosed as required', 'AIR 100'),
      T('bypass', '无暗管、旁路等逃避监管的排放方式', 'No concealed pipe, bypass or other evasion', 'AIR 20'),
    ],
  },
  thermal_power: {
    id: 'thermal_power',
    zh: '火电',
    en: 'Thermal power',
    items: [
      T('fgd-running', '脱硫设施正常运行（浆液循环泵、增压风机电流）', 'Desulphurisation running (slurry pumps, booster fan current)', 'OSI 19–20'),
      T('scr-running', '脱硝设施正常运行（喷氨量与负荷相符）', 'Denitration running (ammonia dosing matches load)', 'OSI 19–20'),
      T('dust-running', '除尘设施正常运行', 'Dust removal running', 'OSI 19–20'),
      T('o2-reference', 'CEMS 含氧量参与折算，基准含氧量设置为6%', 'CEMS O2 used in conversion; reference O2 set to 6 %', 'rules.md §1 (W8)'),
      T('startup-marking', '启停机时段已按规定标记', 'Start-up and shutdown periods marked as required', 'rules.md §1 (W1, W2)'),
    ],
  },
  boilers: {
    id: 'boilers',
    zh: '锅炉',
    en: 'Boilers',
    items: [
      T('fuel', '燃料种类与许可证一致（燃气/燃油/燃煤）', 'Fuel matches the permit (gas, oil, coal)', 'B13271'),
      T('o2-reference', '基准含氧量设置正确（燃煤9%，燃油/燃气3.5%）', 'Reference O2 set correctly (coal 9 %, oil/gas 3.5 %)', 'B13271 Table 6'),
      T('abatement', '低氮燃烧或末端治理设施正常运行', 'Low-NOx burners or end-of-pipe abatement running', 'OSI 19–20'),
    ],
  },
  municipal_wastewater: {
    id: 'municipal_wastewater',
    zh: '城镇污水处理厂',
    en: 'Municipal wastewater plant',
    items: [
      T('sampling', '水质自动采样至少每2小时一次，24小时混合', 'Automatic sampling at least every 2 h, 24 h composite', 'B18918 §4.1.4.2'),
      T('influent-effluent', '进出水在线监测均正常运行，进水水质与服务范围相符', 'Influent and effluent monitors running; influent plausible', 'OSI 19–20'),
      T('sludge', '污泥产生、贮存、处置台账完整', 'Sludge ledger (generated, stored, disposed) complete', 'PRM 21'),
      T('disinfection', '消毒设施正常运行', 'Disinfection running', null),
    ],
  },
};

/** The templates that apply to an enterprise of this industry (registry `enterprises.industry`): its own and the general one. */
export function templatesFor(industry: string): ChecklistTemplate[] {
  const own: TemplateId | null = industry === 'thermal_power' ? 'thermal_power' : industry === 'boiler' ? 'boilers' : industry === 'wastewater' ? 'municipal_wastewater' : null;
  return own === null ? [CHECKLIST_TEMPLATES.general] : [CHECKLIST_TEMPLATES[own], CHECKLIST_TEMPLATES.general];
}
