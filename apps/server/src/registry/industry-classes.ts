// Names of GB/T 4754-2017 (国民经济行业分类) classes, so a unit's industry reads as the standard names it
// (1713 棉印染精加工) and not as the category that chose its checklist template (锅炉). Only the classes of the
// sectors this platform supervises are listed; a code not here shows as the code alone.
// Source: GB/T 4754-2017 with its Amendment No. 1 (2019).
const CLASSES: Readonly<Record<string, string>> = {
  '0610': '烟煤和无烟煤开采洗选', '1311': '稻谷加工', '1351': '牲畜屠宰', '1391': '淀粉及淀粉制品制造', '1399': '其他未列明农副食品加工',
  '1499': '其他未列明食品制造', '1511': '酒精制造', '1713': '棉印染精加工', '1723': '毛染整精加工', '1752': '化纤织物染整精加工', '1910': '皮革鞣制加工',
  '2211': '木竹浆制造', '2212': '非木竹浆制造', '2221': '机制纸及纸板制造', '2511': '原油加工及石油制品制造', '2521': '炼焦',
  '2611': '无机酸制造', '2612': '无机碱制造', '2613': '无机盐制造', '2614': '有机化学原料制造', '2619': '其他基础化学原料制造',
  '2621': '氮肥制造', '2631': '化学农药制造', '2641': '涂料制造', '2651': '初级形态塑料及合成树脂制造', '2710': '化学药品原料药制造',
  '3011': '水泥制造', '3031': '粘土砖瓦及建筑砌块制造', '3041': '平板玻璃制造', '3071': '建筑陶瓷制品制造', '3072': '卫生陶瓷制品制造',
  '3110': '炼铁', '3120': '炼钢', '3130': '钢压延加工', '3211': '铜冶炼', '3216': '铝冶炼', '3360': '金属表面处理及热处理加工',
  '3982': '电子电路制造', '4411': '火力发电', '4412': '热电联产', '4417': '生物质能发电', '4430': '热力生产和供应',
  '4610': '自来水生产和供应', '4620': '污水处理及其再生利用', '7724': '危险废物治理', '7820': '环境卫生管理', '8411': '综合医院',
};

/** The class name of a GB/T 4754-2017 four-digit code; null for a code not listed (or a 2-3 digit division or group). */
export function industryClassName(code: string | null): string | null {
  return code === null ? null : (CLASSES[code] ?? null);
}
