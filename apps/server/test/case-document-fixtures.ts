// A penalty case as the documents take it (enforcement/cases/documents/case-input.ts), built on the worked example of issue 5 §6.
import { makeUscc } from '@ecoenforce/domain';
import type { CaseDocumentInput } from '../src/enforcement/cases/documents/documents.ts';

/** The worked example of issue 5 §6: 2 pollutants over, B-class, 2.5× over, first offence, AIR 99(2) [GD-A1]. */
export function worked(): CaseDocumentInput {
  return {
    bureau: { name: '广州市生态环境局', address: '广州市越秀区测试路1号', contact: '张执法', phone: '020-12345678' },
    caseNumber: '穗环立〔2026〕0088号',
    numbers: { order: '穗环责改〔2026〕12号', notice: '穗环罚告〔2026〕12号', decision: '粤环罚〔2026〕12号' },
    party: { name: '广州市测试热电有限公司', uscc: makeUscc({ authority: '9', kind: '1', region: '440101', orgBody: 'MA5TE7T1' }), address: '广州市黄埔区测试大道88号', legalRepresentative: '李测试' },
    source: '自动监控预警',
    cause: '超过大气污染物排放标准排放大气污染物案',
    discoveredOn: '2026-03-02',
    filedOn: '2026-03-10',
    officers: [{ name: '王一', certificate: '44010001' }, { name: '陈二', certificate: '44010002' }],
    facts: '你单位1号锅炉排放口（DA001）2026年3月1日8时至14时二氧化硫、氮氧化物小时均值超过排放限值，最大超标2.5倍。',
    evidence: [
      { name: '现场检查（勘察）笔录', detail: '2026年3月2日' },
      { name: '自动监控数据及超标预警记录' },
      { name: '调查询问笔录' },
      { name: '营业执照复印件' },
    ],
    legalBasis: [{ law: '《中华人民共和国大气污染防治法》', article: '第十八条', content: '排放大气污染物的，应当符合大气污染物排放标准。' }],
    penaltyBasis: [{ law: '《中华人民共和国大气污染防治法》', article: '第九十九条第二项' }],
    discretion: {
      benchmark: '《广东省生态环境行政处罚自由裁量权规定》（粤环发〔2021〕7号）',
      statutoryMax: 1_000_000,
      rows: [
        { factor: '起始', level: '—', weight: 10, article: '粤环发〔2021〕7号附件1' },
        { factor: '超标污染物种类数', level: '2项', weight: 3, article: '粤环发〔2021〕7号附件1' },
        { factor: '污染物类别', level: 'B类污染物', weight: 8, article: '粤环发〔2021〕7号附件1' },
        { factor: '超标倍数', level: '小于3倍', weight: 2, article: '粤环发〔2021〕7号附件1' },
      ],
    },
    amount: 230_000,
    correction: { requirement: '立即停止超标排放大气污染物的违法行为', deadline: '2026-03-20', issuedOn: '2026-03-10' },
    notice: { issuedOn: '2026-04-01', statementDeadline: '2026-04-08', hearingDeadline: '2026-04-06' },
    decision: {
      issuedOn: '2026-04-20', paymentDeadline: '2026-05-08', payment: '广州市财政局非税收入专户（开户银行：测试银行广州分行，账号：0000 0000 0000）',
      reconsiderationBody: '广州市人民政府', court: '广州铁路运输法院',
    },
    review: { reviewer: '赵法制', reviewedOn: '2026-04-15', conclusion: 'approve', opinion: '本案事实清楚，证据确实充分，适用依据正确，程序合法，裁量适当。' },
    service: { document: '行政处罚决定书', number: '粤环罚〔2026〕12号', servedOn: '2026-04-22', method: '直接送达', place: '广州市黄埔区测试大道88号' },
    payment: { amount: 230_000, paidOn: '2026-05-06', confirmedBy: '王一' },
    closing: { closedOn: '2026-05-10', result: '作出粤环罚〔2026〕12号行政处罚决定，罚款230,000元', execution: '当事人已于2026年5月6日缴纳罚款230,000元' },
  };
}

