// Warning kinds in Chinese, as the monthly notification, its exports and the dispatch board's task titles
// name them (the console has its own labels in i18n).
/** Chinese names of the warning kinds the platform raises, for the notice and its table. */
export const WARNING_KIND_ZH: Readonly<Record<string, string>> = {
  exceedance: '超标', transmission: '传输率不足', offline: '数采仪离线', flatline: '数据恒值', zeroWhileFlowing: '有流量时浓度为零或负值',
  pinnedAtRange: '数值卡在量程上限', o2Dilution: '氧含量异常偏高（疑似稀释）', dropAroundInspection: '检查前后浓度骤降', flagShare: '异常标记占比过高',
  periodMismatch: '小时值与分钟值不符', treatmentOff: '治污设施停运而生产设施运行', marking_late: '事后标记', marking_covers_production: '标记时段内仍在生产',
  lateData: '数据迟报（补传）', annual_quantity: '预计超年许可排放量',
};
