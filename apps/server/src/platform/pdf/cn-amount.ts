// Amounts of money as Chinese legal documents write them: in figures (¥230,000.00) and in capital
// numerals (贰拾叁万元整), the form that cannot be altered by adding a stroke. The capital form follows the
// accounting rules for written amounts (会计基础工作规范 art. 52): 壹 before 拾 at the head of a group
// (壹拾万), one 零 for any run of zeros inside the number (壹拾万零伍元), 整 after 元 or 角, none after 分.

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const PLACES = ['', '拾', '佰', '仟'] as const;
const GROUPS = ['', '万', '亿'] as const;

/** Below 1 万亿 yuan: anything larger is not an amount a penalty document carries. */
export const MAX_AMOUNT = 999_999_999_999.99;

export class AmountError extends Error {
  readonly code = 'bad_amount';
}

/** Whole fen of a yuan amount; a negative, non-finite or too large amount is an AmountError. */
function toFen(yuan: number): number {
  if (!Number.isFinite(yuan) || yuan < 0 || yuan > MAX_AMOUNT) throw new AmountError(`an amount must be between 0 and ${MAX_AMOUNT} yuan, got ${yuan}`);
  return Math.round(yuan * 100);
}

/** One four-digit group (1–9999), with 零 for zeros between digits but none at its ends. */
function group(n: number): string {
  let out = '';
  let zero = false;
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10;
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d]! + PLACES[place]!;
  }
  return out;
}

/** 230000 → 贰拾叁万元整; 1234567.89 → 壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分; 0 → 零元整. */
export function capitalYuan(yuan: number): string {
  const fen = toFen(yuan);
  let whole = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let integer = '';
  // Groups of four digits from the lowest; a group below 1000 under a higher one is joined by 零.
  for (let g = 0; whole > 0; g++) {
    const part = whole % 10_000;
    whole = Math.floor(whole / 10_000);
    if (part === 0) {
      if (integer !== '' && !integer.startsWith('零')) integer = `零${integer}`;
      continue;
    }
    const needsZero = whole > 0 && part < 1000;
    integer = `${needsZero ? '零' : ''}${group(part)}${GROUPS[g]!}${integer}`;
  }
  if (fen === 0) return '零元整';
  let out = integer === '' ? '' : `${integer}元`;
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]!}角`;
  else if (integer !== '') out += '零';
  if (cents > 0) return `${out}${DIGITS[cents]!}分`;
  return `${out}整`;
}

/** 230000 → 230,000.00 (two decimals, thousands separated). */
export function figureYuan(yuan: number): string {
  const fen = toFen(yuan);
  const whole = Math.floor(fen / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${String(fen % 100).padStart(2, '0')}`;
}

/** Both forms, as a decision writes them: 人民币贰拾叁万元整（¥230,000.00）. */
export function amountBothForms(yuan: number): string {
  return `人民币${capitalYuan(yuan)}（¥${figureYuan(yuan)}）`;
}
