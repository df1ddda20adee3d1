/**
 * What starts a flow, and which of its cards come from connectors Tollgate does not have: computed here
 * from the flow definition, because the Workflows API does not say. A card's connector is the module of
 * its type (`slack:sendMessageToChannel2` → `slack`; an instance suffix such as `marketo2_29` is dropped).
 */

/** Okta's kernel modules (functions cards) plus the connectors Tollgate implements itself. */
export const TOLLGATE_MODULES: ReadonlySet<string> = new Set([
  'boolean', 'control', 'crypto', 'date', 'http', 'json', 'jwt', 'list', 'math', 'object', 'string', 'text', 'url', 'utility',
  'httpfunctions', 'okta', 'stash',
]);

/** Connector names as Okta's Workflows console shows them, where the module name does not say it plainly. */
const CONNECTOR_NAMES: Record<string, string> = {
  slack: 'Slack', gmail: 'Gmail', github: 'GitHub', box: 'Box', jira2: 'Jira', servicenow: 'ServiceNow', shopify: 'Shopify',
  office365admin: 'Office 365 Admin', office365mail: 'Office 365 Mail', microsoftteams: 'Microsoft Teams', googledirectory: 'Google Workspace Admin',
  googledrive: 'Google Drive', googlesheets2: 'Google Sheets', googlecalendar: 'Google Calendar', oktadevices: 'Okta Devices',
  oktaprivilegedaccess: 'Okta Privileged Access', oktarealms: 'Okta Realms', openai: 'OpenAI', opsgenie: 'Opsgenie', pagerduty: 'PagerDuty',
  salesforce2: 'Salesforce', marketo2: 'Marketo', sendgrid: 'SendGrid', workday: 'Workday', personio: 'Personio', smarthr: 'SmartHR',
  darwinbox: 'Darwinbox', kandji: 'Kandji', yubico: 'Yubico', auth0: 'Auth0', awssso: 'AWS IAM Identity Center', awslambda: 'AWS Lambda',
  jamfproclassicapi: 'Jamf Pro Classic API', filefunctions: 'File Functions', pendometadataupdateconnector: 'Pendo', securecodewarrior: 'Secure Code Warrior',
};

/** The connector (module) of a card type, without an instance suffix (`_29`, `_<32 hex>`). */
export function cardModule(type: string): string {
  return type.split(':')[0].replace(/_[0-9a-f]+$/i, '');
}

export function connectorName(type: string): string {
  const module = cardModule(type);
  return CONNECTOR_NAMES[module] ?? module.replace(/\d+$/, '').replace(/^./, (c) => c.toUpperCase());
}

/** A card of a connector Tollgate does not have: kept in the flow (and its export), never run. */
export function isPlaceholderCard(type: string): boolean {
  return !TOLLGATE_MODULES.has(cardModule(type));
}

export function placeholderNote(type: string): string {
  return `${connectorName(type)} — not available in Tollgate; kept for export`;
}

interface TriggerCard {
  type: string;
  name?: string;
  okta?: Record<string, unknown>;
}

interface TriggerFlow {
  cards: TriggerCard[];
  okta?: Record<string, unknown>;
  /** A flow-level schedule, if the definition carries one (a cron text, or Okta's cron fields). */
  schedule?: unknown;
}

export type FlowTrigger =
  | { kind: 'api'; label: 'API Endpoint' }
  | { kind: 'helper'; label: 'Helper Flow' }
  | { kind: 'scheduled'; label: 'Scheduled'; detail: string }
  | { kind: 'event'; label: 'Event'; detail: string; placeholder: boolean }
  | { kind: 'manual'; label: 'Manual' };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Okta marks event cards (User Created, User Added to Group, …) as webhook methods. */
function isEventCard(card: TriggerCard): boolean {
  const node = card.okta?.node;
  const model = isObject(node) ? node.model : undefined;
  if (isObject(model) && model.webhook === true) return true;
  // Authored in Tollgate: no Okta bag; a connector card in first place can only be an event card.
  return !card.okta && !card.type.startsWith('control:') && !card.type.startsWith('http:') && cardModule(card.type) !== 'httpfunctions'
    && !['boolean', 'crypto', 'date', 'json', 'jwt', 'list', 'math', 'object', 'string', 'text', 'url', 'utility'].includes(cardModule(card.type));
}

export function flowTrigger(flow: TriggerFlow): FlowTrigger {
  const schedule = scheduleOf(flow);
  if (schedule) return { kind: 'scheduled', label: 'Scheduled', detail: describeSchedule(schedule) };
  const first = flow.cards[0];
  if (!first || first.type === 'control:noop') return { kind: 'manual', label: 'Manual' };
  if (first.type === 'http:accept') return { kind: 'api', label: 'API Endpoint' };
  if (first.type === 'control:callable') return { kind: 'helper', label: 'Helper Flow' };
  if (isEventCard(first)) return { kind: 'event', label: 'Event', detail: first.name ?? first.type, placeholder: isPlaceholderCard(first.type) };
  return { kind: 'manual', label: 'Manual' };
}

/** "Event: User Added to Group", "Scheduled: Every day at 09:00 (America/Los_Angeles)", "API Endpoint". */
export function triggerText(trigger: FlowTrigger): string {
  if (trigger.kind === 'scheduled' || trigger.kind === 'event') return `${trigger.label}: ${trigger.detail}`;
  return trigger.label;
}

// --- Schedules -------------------------------------------------------------------------------------

export interface Schedule {
  minute: string;
  hour: string;
  dayOfMonth: string;
  month: string;
  dayOfWeek: string;
  timeZone?: string;
  startDate?: string;
  endDate?: string;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

/** Okta's cron fields (`minutes`, `hours`, `dayOfTheMonth`, `month`, `dayOfTheWeek`, `timeZone`), or a cron text. */
function readCron(value: unknown, timeZone?: string): Schedule | undefined {
  if (typeof value === 'string') {
    const parts = value.trim().split(/\s+/);
    // Five fields, or six with seconds first.
    const f = parts.length === 6 ? parts.slice(1) : parts;
    if (f.length !== 5) return undefined;
    return { minute: f[0], hour: f[1], dayOfMonth: f[2], month: f[3], dayOfWeek: f[4], timeZone };
  }
  if (!isObject(value)) return undefined;
  if (typeof value.cron === 'string' || isObject(value.cron)) return readCron(value.cron, text(value.timeZone) ?? timeZone);
  const minute = text(value.minutes) ?? text(value.minute);
  const hour = text(value.hours) ?? text(value.hour);
  if (minute === undefined && hour === undefined) return undefined;
  return {
    minute: minute ?? '0',
    hour: hour ?? '*',
    dayOfMonth: text(value.dayOfTheMonth) ?? text(value.dayOfMonth) ?? '*',
    month: text(value.month) ?? '*',
    dayOfWeek: text(value.dayOfTheWeek) ?? text(value.dayOfWeek) ?? '*',
    timeZone: text(value.timeZone) ?? timeZone,
    startDate: text(value.startDate),
    endDate: text(value.endDate),
  };
}

/** The flow's schedule: its `schedule`, or Okta's `data.cron` when `data.scheduled` is true. */
export function scheduleOf(flow: TriggerFlow): Schedule | undefined {
  if (flow.schedule !== undefined && flow.schedule !== null) {
    const s = readCron(flow.schedule);
    if (s) return s;
  }
  const data = flow.okta?.data;
  if (isObject(data) && data.scheduled === true) return readCron(data.cron) ?? { minute: '', hour: '', dayOfMonth: '', month: '', dayOfWeek: '' };
  return undefined;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const any = (f: string) => f === '*' || f === '?' || f === '*/1';
const num = (f: string) => /^\d+$/.test(f);
const step = (f: string) => /^\*\/(\d+)$/.exec(f)?.[1];
const pad = (n: string) => n.padStart(2, '0');

function listWords(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function ordinal(n: string): string {
  const v = Number(n);
  const s = v % 100 >= 11 && v % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][v % 10] ?? 'th';
  return `${v}${s}`;
}

function dayNames(f: string): string | undefined {
  const range = /^(\d)-(\d)$/.exec(f);
  if (range) return `${DAYS[Number(range[1])]} to ${DAYS[Number(range[2])]}`;
  const list = f.split(',');
  if (list.every((d) => /^[0-7]$/.test(d))) return listWords(list.map((d) => DAYS[Number(d)]));
  return undefined;
}

function timeOfDay(s: Schedule): { at?: string; every?: string } | undefined {
  const { minute, hour } = s;
  if (num(minute) && hour.split(',').every(num)) return { at: `at ${listWords(hour.split(',').map((h) => `${pad(h)}:${pad(minute)}`))}` };
  if (num(minute) && any(hour)) return { every: minute === '0' ? 'Every hour, on the hour' : `Every hour at ${pad(minute)} minutes past` };
  if (num(minute) && step(hour)) return { every: `Every ${step(hour)} hours, ${minute === '0' ? 'on the hour' : `at ${pad(minute)} minutes past`}` };
  if (step(minute) && any(hour)) return { every: `Every ${step(minute)} minutes` };
  if (step(minute) && num(hour)) return { every: `Every ${step(minute)} minutes from ${pad(hour)}:00 to ${pad(hour)}:59` };
  if (any(minute) && any(hour)) return { every: 'Every minute' };
  return undefined;
}

function days(s: Schedule): string | undefined {
  const { dayOfMonth: dom, month, dayOfWeek: dow } = s;
  const inMonth = any(month) ? '' : step(month) ? ` of every ${step(month)} months` : month.split(',').every(num)
    ? ` in ${listWords(month.split(',').map((m) => MONTHS[Number(m) - 1] ?? m))}` : undefined;
  if (inMonth === undefined) return undefined;
  if (any(dom) && any(dow)) return inMonth ? `every day${inMonth}` : 'every day';
  if (any(dom) && dayNames(dow)) return dow.includes('-') ? `${dayNames(dow)}${inMonth}` : `every ${dayNames(dow)}${inMonth}`;
  if (step(dom) && any(dow)) return `every ${step(dom)} days${inMonth}`;
  if (dom.split(',').every(num) && any(dow)) return `on the ${listWords(dom.split(',').map(ordinal))}${inMonth.replace(/^ in /, ' of ') || ' of every month'}`;
  return undefined;
}

/** A schedule in words, e.g. "Every day at 09:00 (America/Los_Angeles)"; the cron itself when it is unusual. */
export function describeSchedule(s: Schedule): string {
  if (!s.minute && !s.hour) return 'on a schedule without times';
  const t = timeOfDay(s);
  const d = days(s);
  let words: string;
  if (!t || !d) words = `cron "${s.minute} ${s.hour} ${s.dayOfMonth} ${s.month} ${s.dayOfWeek}"`;
  else if (t.at) words = `${d.charAt(0).toUpperCase()}${d.slice(1)} ${t.at}`;
  else words = d === 'every day' ? t.every! : `${t.every}, ${d}`;
  const zone = s.timeZone ? ` (${s.timeZone})` : '';
  const from = s.startDate ? `, from ${s.startDate}` : '';
  const until = s.endDate ? `, until ${s.endDate}` : '';
  return `${words}${zone}${from}${until}`;
}
