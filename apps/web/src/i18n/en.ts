// English. Typed as Messages: a key missing here (or not in zh.ts) fails the type check.
import type { Messages } from './zh.ts';

export const en: Messages = {
  app: { notFound: 'This page does not exist.', home: 'Back to the start page', name: 'Environmental Enforcement Platform', short: 'EcoEnforce', skip: 'Skip to main content', menu: 'Menu', loading: 'Loading…', error: 'Something went wrong', retry: 'Retry' },
  nav: { map: 'Map', points: 'Monitoring points', enterprises: 'Enterprises', devices: 'Device status', myEnterprise: 'My enterprise', account: 'Account', assigned: 'Assignments', api: 'API docs', audit: 'Audit trail', warnings: 'Warnings', weekly: 'Weekly report' },
  login: {
    title: 'Log in', username: 'User name', password: 'Password', submit: 'Log in', busy: 'Logging in…',
    demoHint: 'Demo accounts and their password are printed in the terminal at start (npm start).', failed: 'Login failed: {{message}}', throttled: 'Too many failed attempts; try again in {{count}} s ({{message}})',
  },
  user: { logout: 'Log out', language: '中文', languageLabel: 'Switch language', role: 'Role', region: 'Region' },
  roles: { officer: 'Officer', dispatcher: 'Dispatcher', analyst: 'Analyst', legalReviewer: 'Legal reviewer', head: 'Head', enterprise: 'Enterprise', verifier: 'Verifier', admin: 'Administrator' },
  status: { online: 'Online', offline: 'Offline', warning: 'Warning', all: 'All statuses' },
  kind: { air: 'Flue gas', water: 'Wastewater' },
  industry: { thermal_power: 'Thermal power', boiler: 'Boiler', wastewater: 'Wastewater treatment', chemical: 'Chemicals', waste_incineration: 'Waste incineration' },
  basis: { hourly: 'Hourly mean', daily: 'Daily mean', '24h_composite': '24 h composite', instant: 'Instantaneous' },
  category: { key: 'Key', simplified: 'Simplified', registration: 'Registration' },
  map: { loadingLatest: 'Loading the latest values…', title: 'Monitoring point map', legend: 'Legend', listAlternative: 'Point list (keyboard friendly)', open: 'Open point', noPoints: 'No monitoring points in your region', live: 'Live' },
  points: {
    title: 'Monitoring points', search: 'Search MN, enterprise or outlet', searchLabel: 'Search', statusFilter: 'Status', regionFilter: 'Region', allRegions: 'All regions',
    mn: 'MN', enterprise: 'Enterprise', outlet: 'Outlet', region: 'Region', status: 'Status', lastFrame: 'Last frame', crc: 'CRC', drift: 'Clock drift',
    more: 'Load more', count: '{{count}} points', exportCsv: 'Export CSV', exportXlsx: 'Export Excel', none: 'No matching points',
  },
  point: {
    latest: 'Latest values', factor: 'Factor', value: 'Average', min: 'Min', max: 'Max', flag: 'Flag', unit: 'Unit', period: 'Period',
    periods: { rtd: 'Real-time', min: 'Minute', hour: 'Hourly', day: 'Daily' }, chart: 'Time series', frames: 'Raw frames', framesHint: 'Frames received in the range (evidence, read-only)',
    noData: 'No data yet', noSeries: 'No data in this period', noFrames: 'No frames in this range', now: 'now', sourceFrame: 'Source frame', protocol: 'Protocol', devices: 'Instruments', range: 'Range', enterprise: 'Enterprise', received: 'Received', dataTime: 'Data time',
  },
  enterprise: {
    uscc: 'Unified social credit code', industry: 'Industry', address: 'Address', category: 'Management category', outlets: 'Outlets', permits: 'Discharge permits',
    noPermit: 'No permit on record', noPoints: 'No monitoring point at this outlet', permitNo: 'Permit number', validity: 'Valid', inForce: 'In force', notInForce: 'Not in force', limit: 'Permitted limit', basis: 'Basis',
    list: 'Enterprises', points: 'Points', flags: 'Key discharger lists', keyAir: 'Air', keyWater: 'Water', carbon: 'Carbon key emitter',
  },
  devices: { title: 'Device status', offlineFor: 'Offline for', never: 'Never online', minutes: '{{count}} min', hours: '{{count}} h', days: '{{count}} d' },
  frame: { cn: 'Command (CN)', title: 'Raw frame', evidence: 'Evidence: stored byte for byte as received; it cannot be changed.', text: 'Frame', hex: 'Hex', decoded: 'Decoded', peer: 'Peer', verdict: 'Verdict', sha256: 'SHA-256', size: 'Bytes', accepted: 'Accepted', quarantined: 'Quarantined' },
  cn: { '2011': 'Real-time data 2011', '2051': 'Minute data 2051', '2061': 'Hourly data 2061', '2031': 'Daily data 2031', '2041': 'Equipment run time 2041', '9011': 'Request answer 9011', '9012': 'Execution result 9012', '9013': 'Notice answer 9013', '9014': 'Data answer 9014' },
  flags: { N: 'N normal', F: 'F source stopped', M: 'M maintenance', S: 'S manual input', D: 'D fault', C: 'C calibration', T: 'T over range', B: 'B communication fault' },
  account: {
    title: 'My account', password: 'Change password', current: 'Current password', next: 'New password (10+ characters)', change: 'Change', changed: 'Password changed; your other sessions were logged out.',
    sessions: 'Sessions', revoke: 'Revoke', current_session: 'This session', lastSeen: 'Last active', address: 'Address',
  },
  warnings: { title: 'Warnings', status: 'Status', severity: 'Severity', span: 'Period', none: 'No warnings', rule: 'Rule', reason: 'Decision reason', answer: 'Enterprise answer', sendAnswer: 'Send answer', confirm: 'Confirm', dismiss: 'Dismiss', frames: '{{count}} raw frames', states: { new: 'New', confirmed: 'Confirmed', dismissed: 'Dismissed', dispatched: 'Dispatched', closed: 'Closed' }, severities: { high: 'High', medium: 'Medium', low: 'Low' }, kinds: { exceedance: 'Exceedance' } },
  compliance: { title: 'Compliance (hourly values against the permit limit, last 7 days)', limit: 'Permit limit', exceeded: 'Exceeded hours', noLimit: 'No hourly permit limit in force for this factor', exceededHours: '{{count}} exceeded hours' },
  weekly: { title: 'Weekly serious-exceedance warning', rule: 'Serious: any hourly value at 2× its permit limit or more, or 12 or more exceeded hours in the week (configurable).', prev: 'Previous week', next: 'Next week', none: 'No unit exceeded this week', hours: 'Exceeded hours', worst: 'Worst ratio', serious: 'Serious', trend: 'Trend', followUp: "Last week's warnings", yes: 'Yes', no: 'No', lastWeek: 'last week {{count}} h' },
  audit: { title: 'Audit trail', entity: 'Entity', at: 'Time', actor: 'Actor', action: 'Action', hash: 'Hash', verify: 'Verify the hash chain', intact: 'Chain intact: {{rows}} rows, head {{head}}.', broken: 'Chain broken at row {{seq}} ({{problem}}): {{detail}}' },
  verifier: { title: 'Assignments', hint: 'You are assigned to verify the key emitters below. Carbon report verification arrives in a later version.' },
};
