// Chinese (the default). en.ts must have exactly these keys: its type is checked against this object.
export const zh = {
  app: { notFound: '页面不存在。', home: '返回首页', name: '生态环境执法平台', short: 'EcoEnforce', skip: '跳到主要内容', menu: '菜单', loading: '加载中…', error: '出错了', retry: '重试' },
  nav: { map: '点位地图', points: '监测点位', enterprises: '排污单位', devices: '设备状态', myEnterprise: '本单位', account: '账户', assigned: '核查任务', api: '接口文档', audit: '审计日志', warnings: '预警', weekly: '周报' },
  login: {
    title: '登录', username: '用户名', password: '密码', submit: '登录', busy: '正在登录…',
    demoHint: '演示账号和密码在启动终端中列出（npm start）。', failed: '登录失败：{{message}}', throttled: '失败次数过多，请 {{count}} 秒后再试（{{message}}）',
  },
  user: { logout: '退出登录', language: 'English', languageLabel: '切换语言', role: '角色', region: '辖区' },
  roles: { officer: '执法人员', dispatcher: '指挥调度', analyst: '监测分析', legalReviewer: '法制审核', head: '负责人', enterprise: '排污单位', verifier: '核查机构', admin: '管理员' },
  status: { online: '在线', offline: '离线', warning: '预警', all: '全部状态' },
  kind: { air: '废气', water: '废水' },
  industry: { thermal_power: '火力发电', boiler: '锅炉', wastewater: '污水处理', chemical: '化工', waste_incineration: '垃圾焚烧' },
  basis: { hourly: '小时均值', daily: '日均值', '24h_composite': '24小时混合样', instant: '瞬时值' },
  category: { key: '重点管理', simplified: '简化管理', registration: '登记管理' },
  map: { loadingLatest: '正在读取最新数据…', title: '监测点位地图', legend: '图例', listAlternative: '点位列表（可用键盘浏览）', open: '查看点位', noPoints: '辖区内没有监测点位', live: '实时更新' },
  points: {
    title: '监测点位', search: '搜索 MN、单位或排放口', searchLabel: '搜索', statusFilter: '状态', regionFilter: '行政区划', allRegions: '全部区划',
    mn: 'MN', enterprise: '单位', outlet: '排放口', region: '区划', status: '状态', lastFrame: '最后数据', crc: 'CRC', drift: '时钟偏差',
    more: '加载更多', count: '共 {{count}} 个', exportCsv: '导出 CSV', exportXlsx: '导出 Excel', none: '没有符合条件的点位',
  },
  point: {
    latest: '最新数据', factor: '因子', value: '均值', min: '最小', max: '最大', flag: '标记', unit: '单位', period: '数据类型',
    periods: { rtd: '实时', min: '分钟', hour: '小时', day: '日' }, chart: '时间序列', frames: '原始报文', framesHint: '时间范围内收到的报文（证据，只读）',
    noData: '暂无数据', noSeries: '所选时段内没有数据', noFrames: '该时段内没有报文', now: '现在', sourceFrame: '来源报文', protocol: '协议', devices: '监测设备', range: '量程', enterprise: '所属单位', received: '接收时间', dataTime: '数据时间',
  },
  enterprise: {
    uscc: '统一社会信用代码', industry: '行业', address: '地址', category: '管理类别', outlets: '排放口', permits: '排污许可证',
    noPermit: '无许可证记录', noPoints: '该排放口没有监测点位', permitNo: '许可证编号', validity: '有效期', inForce: '有效', notInForce: '不在有效期', limit: '许可浓度限值', basis: '依据',
    list: '排污单位', points: '点位数', flags: '重点排污单位类别', keyAir: '大气', keyWater: '水', carbon: '温室气体重点排放',
  },
  devices: { title: '设备状态', offlineFor: '离线时长', never: '从未上线', minutes: '{{count}} 分钟', hours: '{{count}} 小时', days: '{{count}} 天' },
  frame: { cn: '命令编码（CN）', title: '原始报文', evidence: '证据原件：按收到的字节原样保存，不可修改。', text: '报文', hex: '十六进制', decoded: '解码结果', peer: '来源地址', verdict: '判定', sha256: 'SHA-256', size: '字节数', accepted: '已接收', quarantined: '已隔离' },
  cn: { '2011': '实时数据 2011', '2051': '分钟数据 2051', '2061': '小时数据 2061', '2031': '日数据 2031', '2041': '设备运行时间 2041', '9011': '请求应答 9011', '9012': '执行结果 9012', '9013': '通知应答 9013', '9014': '数据应答 9014' },
  flags: { N: 'N 正常', F: 'F 排放源停运', M: 'M 维护', S: 'S 手工输入', D: 'D 故障', C: 'C 校准', T: 'T 超测定上限', B: 'B 通讯异常' },
  account: {
    title: '我的账户', password: '修改密码', current: '当前密码', next: '新密码（至少10位）', change: '修改', changed: '密码已修改，其他会话已退出。',
    sessions: '登录会话', revoke: '注销', current_session: '当前会话', lastSeen: '最近活动', address: '地址',
  },
  warnings: { title: '预警', status: '状态', severity: '级别', span: '时段', none: '没有预警', rule: '依据', reason: '处理意见', answer: '企业说明', sendAnswer: '提交说明', confirm: '确认', dismiss: '排除', frames: '{{count}} 条原始报文', states: { new: '新预警', confirmed: '已确认', dismissed: '已排除', dispatched: '已派发', closed: '已办结' }, severities: { high: '严重', medium: '较重', low: '一般' }, kinds: { exceedance: '超标' } },
  compliance: { title: '合规图（小时值与许可限值，近7天）', limit: '许可限值', exceeded: '超标小时', noLimit: '该因子没有在用的小时许可限值', exceededHours: '超标 {{count}} 小时' },
  weekly: { title: '每周严重超标预警', rule: '严重超标：任一小时值达到许可限值的2倍及以上，或一周内超标12小时及以上（可配置）。', prev: '上一周', next: '下一周', none: '本周无超标单位', hours: '超标小时', worst: '最大倍数', serious: '严重超标', trend: '环比', followUp: '上周预警处理情况', yes: '是', no: '否', lastWeek: '上周 {{count}} 小时' },
  audit: { title: '审计日志', entity: '对象类型', at: '时间', actor: '操作人', action: '操作', hash: '哈希', verify: '校验哈希链', intact: '哈希链完整：{{rows}} 条，最新序号 {{head}}。', broken: '哈希链在第 {{seq}} 条断开（{{problem}}）：{{detail}}' },
  verifier: { title: '核查任务', hint: '您被指派核查以下重点排放单位。碳排放报告核查功能将在后续版本提供。' },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zh>;
