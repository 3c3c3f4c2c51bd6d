// Redaction of a case's text before it is published as a typical case or a decision summary (issue 5 §9;
// rules.md §7). A legal entity's penalty decision is public, so the enterprise's name and USCC stay; what
// goes is natural persons' personal information (PIPL art. 28 treats ID numbers as sensitive; the
// 2019 government-information-disclosure rules withhold personal privacy): people's names, phone
// numbers, ID-card numbers, e-mail addresses, individuals' addresses, the officers' names and, as they
// identify the officer as surely as the name, the officers' enforcement certificate numbers (执法证号).
// Pure: text in, text and a count of each kind removed out. The counts never carry the removed values.

import type { RedactionKind, RedactionRule } from '@ecoenforce/contract';

/** What the redaction removes, in the order it is applied, with what replaces it. */
export const REDACTION_RULES: readonly RedactionRule[] = [
  { kind: 'officer_name', what: 'names of the officers on the case', replacement: '执法人员' },
  { kind: 'person_name', what: 'names of natural persons known to the case, and names after a title such as 法定代表人, 负责人, 联系人', replacement: '<surname>某' },
  { kind: 'certificate_no', what: 'enforcement certificate numbers: the officers\' known ones, numbers after 执法证号, and the 粤环执字第…号 form', replacement: '[执法证号]' },
  { kind: 'id_number', what: 'resident ID-card numbers (18 digits, or 17 and X; the old 15 digits)', replacement: '[身份证号]' },
  { kind: 'phone', what: 'mobile numbers (1[3-9] and 9 digits) and landlines (0 area code, 7–8 digits)', replacement: '[电话]' },
  { kind: 'email', what: 'e-mail addresses', replacement: '[邮箱]' },
  { kind: 'personal_address', what: 'addresses after 住址, 住所, 家住, 户籍地, 居住地, 现住', replacement: '[住址]' },
];

export interface RedactionContext {
  /** Names of the officers on the case (users.display_name). */
  officers?: readonly string[];
  /** Names of natural persons the case knows of (the legal representative, witnesses, the reporter). */
  persons?: readonly string[];
  /** The officers' certificate numbers (users.certificate_no). */
  certificates?: readonly string[];
  /** Text that must survive untouched, e.g. the enterprise's USCC (it can look like an ID number). */
  keep?: readonly string[];
}

export interface Redacted {
  text: string;
  removed: Partial<Record<RedactionKind, number>>;
}

const HAN = '\\u4e00-\\u9fa5';
const TITLES = '法定代表人|法人代表|负责人|联系人|委托代理人|代理人|经办人|举报人|证人|当事人|员工|职工|操作工|厂长|经理|股东|姓名';
// A titled name is 2 Han characters, or 3 when the third ends the phrase (punctuation or the end follows) and
// is not a word that usually follows a name in a record: "负责人张三称" gives 张三, "负责人李四陪同" 李四,
// "负责人欧阳锋，" 欧阳锋. A two-character given name before a verb (张三丰陪同) keeps its last character:
// the surname and the rest are gone, and known names (RedactionContext) catch the full name anyway.
const FOLLOWS_NAME = '称说在于的未已对向等到及和与陪是';
const TITLED = new RegExp(`(${TITLES})([：:为是]?\\s*)([${HAN}]{2}(?:(?![${FOLLOWS_NAME}])[${HAN}](?=[，。、；：,.;:!?！？\\s（）()“”"']|$))?)`, 'gu');
// The provincial form of a certificate number wherever it stands (粤环执字第012345号: a province's
// abbreviation, 环, 执字第 …号; only the abbreviation is taken as the prefix, so the words before it stay), and
// any number after a certificate title ("执法证号：44010012345"): letters and digits with at least one digit,
// so the words after it stay and a placeholder (\u0001n\u0001) is never taken for one.
const PROVINCES = '京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川贵云陕甘青蒙桂藏宁新港澳台';
const CERT_FORM_SRC = `(?:[${PROVINCES}]环?)?执字第\\s*[0-9A-Za-z]+\\s*号`;
const CERT_FORM = new RegExp(CERT_FORM_SRC, 'gu');
const TITLED_CERT = new RegExp(`(执法证件编号|执法证件号|执法证编号|执法证号)([：:为是]?\\s*)(?:${CERT_FORM_SRC}|[0-9A-Za-z-]*\\d[0-9A-Za-z-]*)`, 'gu');
const ID_18 = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const ID_15 = /(?<![0-9A-Za-z])[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/g;
const LANDLINE = /(?<!\d)0\d{2,3}[-\s]?\d{7,8}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const ADDRESS = new RegExp(`(住址|住所|家住|户籍地|居住地|现住)([：:为是在]?\\s*)[^，。；;,\\n]+`, 'gu');

const surname = (name: string): string => `${[...name][0] ?? ''}某`;

/** Redacts one text. Known names first (longest first, so 张三丰 is not left as 某丰), then the patterns. */
export function redactText(input: string, ctx: RedactionContext = {}): Redacted {
  const removed: Partial<Record<RedactionKind, number>> = {};
  const count = (k: RedactionKind, n = 1): void => {
    if (n > 0) removed[k] = (removed[k] ?? 0) + n;
  };
  // Shield the text that must stay (the USCC) behind placeholders that no pattern matches.
  const kept: string[] = [];
  let text = input;
  for (const k of [...new Set(ctx.keep ?? [])].filter((x) => x.length > 0).sort((a, b) => b.length - a.length)) {
    text = text.split(k).join(`\u0000${kept.push(k) - 1}\u0000`);
  }
  // Known names become placeholders first, so a replacement is never matched again (an officer whose
  // display name is 执法人员 would otherwise match every placeholder); the replacements go in at the end.
  const replacements: string[] = [];
  const replaceNames = (names: readonly string[] | undefined, kind: RedactionKind, to: (n: string) => string): void => {
    const list = [...new Set(names ?? [])].map((n) => n.trim()).filter((n) => [...n].length >= 2 && n !== to(n));
    for (const name of list.sort((a, b) => b.length - a.length)) {
      const parts = text.split(name);
      count(kind, parts.length - 1);
      text = parts.join(`\u0001${replacements.push(to(name)) - 1}\u0001`);
    }
  };
  replaceNames(ctx.officers, 'officer_name', () => REDACTION_RULES[0]!.replacement);
  replaceNames(ctx.persons, 'person_name', surname);
  replaceNames(ctx.certificates, 'certificate_no', () => '[执法证号]');
  text = text.replace(TITLED, (_m, title: string, sep: string, name: string) => {
    // Already redacted (张某) or the officers' placeholder: nothing personal left.
    if (name.endsWith('某') || name === '执法人员') return `${title}${sep}${name}`;
    count('person_name');
    return `${title}${sep}${surname(name)}`;
  });
  const sub = (re: RegExp, kind: RedactionKind, to: string): void => {
    text = text.replace(re, () => {
      count(kind);
      return to;
    });
  };
  text = text.replace(TITLED_CERT, (_m, title: string, sep: string) => {
    count('certificate_no');
    return `${title}${sep}[执法证号]`;
  });
  sub(CERT_FORM, 'certificate_no', '[执法证号]');
  sub(ID_18, 'id_number', '[身份证号]');
  sub(ID_15, 'id_number', '[身份证号]');
  sub(MOBILE, 'phone', '[电话]');
  sub(LANDLINE, 'phone', '[电话]');
  sub(EMAIL, 'email', '[邮箱]');
  text = text.replace(ADDRESS, (_m, label: string, sep: string) => {
    count('personal_address');
    return `${label}${sep}[住址]`;
  });
   
  text = text.replace(/\u0001(\d+)\u0001/g, (_m, i: string) => replacements[Number(i)] ?? '');
   
  text = text.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)] ?? '');
  return { text, removed };
}

/** Redacts several texts with one context and adds up what was removed. */
export function redactAll<K extends string>(texts: Record<K, string>, ctx: RedactionContext): { texts: Record<K, string>; removed: Partial<Record<RedactionKind, number>> } {
  const out = {} as Record<K, string>;
  const removed: Partial<Record<RedactionKind, number>> = {};
  for (const key of Object.keys(texts) as K[]) {
    const r = redactText(texts[key], ctx);
    out[key] = r.text;
    for (const [k, n] of Object.entries(r.removed) as Array<[RedactionKind, number]>) removed[k] = (removed[k] ?? 0) + n;
  }
  return { texts: out, removed };
}
