import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { api } from '../../api/client';
import type { EventHook, EventHookDeliveryPolicy, HookHeader } from '../../api/types';
import { HookHeadersField } from '../../components/hook-headers-field';
import { navigate } from '../../router';
import { flash } from '../../ui/flash';
import { Checkbox, fieldErrors, FormError, RadioGroup, TextArea, TextField } from '../../ui/form';
import { useLoad, useSubmit } from '../../ui/hooks';
import { Button, ErrorNotice, Loading, Page } from '../../ui/page';
import '../../components/event-hooks-and-triggers.css';
import { eventTypeDescription, eventTypeProblem, SUGGESTED_EVENT_TYPES } from './event-types';

export const EVENT_HOOKS_PATH = '/workflow/event-hooks';
export const eventHookApi = (id: string) => `/api/v1/eventHooks/${encodeURIComponent(id)}`;

interface EventRow {
  type: string;
  /** The Okta Expression Language filter for this event type; blank for none. */
  expression: string;
}

interface EventHookFormState {
  name: string;
  description: string;
  uri: string;
  authKey: string;
  authSecret: string;
  headers: HookHeader[];
  events: EventRow[];
  retryType: 'OKTA' | 'EXPONENTIAL_BACKOFF';
  maxAttempts: string;
  initialDelaySeconds: string;
  maxDelaySeconds: string;
  jitter: boolean;
  retryOnStatuses: string;
  deadLetter: boolean;
  autoDeactivateAfterFailures: string;
  maxBatchSize: string;
}

function fromHook(hook: EventHook | undefined): EventHookFormState {
  const c = hook?.channel.config;
  const filters = new Map((hook?.events.filter?.eventFilterMap ?? []).map((f) => [f.event, f.condition.expression]));
  const p = hook?.deliveryPolicy;
  const backoff = p?.retry.type === 'EXPONENTIAL_BACKOFF' ? p.retry : undefined;
  return {
    name: hook?.name ?? '',
    description: hook?.description ?? '',
    uri: c?.uri ?? '',
    authKey: c?.authScheme?.key ?? (hook ? '' : 'Authorization'),
    authSecret: '',
    headers: c?.headers ?? [],
    events: (hook?.events.items ?? []).map((type) => ({ type, expression: filters.get(type) ?? '' })),
    retryType: backoff ? 'EXPONENTIAL_BACKOFF' : 'OKTA',
    maxAttempts: String(backoff?.maxAttempts ?? 8),
    initialDelaySeconds: String(backoff?.initialDelaySeconds ?? 10),
    maxDelaySeconds: String(backoff?.maxDelaySeconds ?? 3600),
    jitter: backoff?.jitter ?? true,
    retryOnStatuses: (backoff?.retryOnStatuses ?? []).join(', '),
    deadLetter: p?.deadLetter ?? false,
    autoDeactivateAfterFailures: p?.autoDeactivateAfterFailures ? String(p.autoDeactivateAfterFailures) : '',
    maxBatchSize: String(p?.maxBatchSize ?? 50),
  };
}

type LocalErrors = Record<string, string>;

/** A number typed in a field, or a local error for it. Blank gives `fallback`. */
function numberFrom(text: string, field: string, errors: LocalErrors, fallback: number | null): number | null {
  const t = text.trim();
  if (!t) return fallback;
  const n = Number(t);
  if (!Number.isFinite(n)) {
    errors[field] = `'${t}' is not a number`;
    return fallback;
  }
  return n;
}

/**
 * Okta's EventHook body from the form, with Tollgate's `deliveryPolicy`; `filterRows[j]` is the event row
 * whose filter is `eventFilterMap[j]`, to show the server's errors at the right row. Local errors are
 * things the server's schema would refuse before reading them (a word where a number goes).
 */
function toBody(f: EventHookFormState): { body: unknown; filterRows: number[]; local: LocalErrors } {
  const local: LocalErrors = {};
  const headers = f.headers.filter((h) => h.key.trim() || h.value.trim());
  const filterRows: number[] = [];
  const eventFilterMap = f.events.flatMap((e, i) => {
    if (!e.expression.trim()) return [];
    filterRows.push(i);
    return [{ event: e.type, condition: { version: null, expression: e.expression.trim() } }];
  });
  const statuses = f.retryOnStatuses.split(/[\s,]+/).filter(Boolean);
  if (statuses.some((s) => !/^\d{3}$/.test(s))) local['deliveryPolicy.retry.retryOnStatuses'] = 'Type HTTP statuses separated by commas, e.g. 408, 429';
  const retry = f.retryType === 'OKTA' ? { type: 'OKTA' } : {
    type: 'EXPONENTIAL_BACKOFF',
    maxAttempts: numberFrom(f.maxAttempts, 'deliveryPolicy.retry.maxAttempts', local, 8),
    initialDelaySeconds: numberFrom(f.initialDelaySeconds, 'deliveryPolicy.retry.initialDelaySeconds', local, 10),
    maxDelaySeconds: numberFrom(f.maxDelaySeconds, 'deliveryPolicy.retry.maxDelaySeconds', local, 3600),
    jitter: f.jitter,
    retryOnStatuses: statuses.filter((s) => /^\d{3}$/.test(s)).map(Number),
  };
  const deliveryPolicy = {
    retry,
    deadLetter: f.deadLetter,
    autoDeactivateAfterFailures: numberFrom(f.autoDeactivateAfterFailures, 'deliveryPolicy.autoDeactivateAfterFailures', local, null),
    maxBatchSize: numberFrom(f.maxBatchSize, 'deliveryPolicy.maxBatchSize', local, 50),
  };
  const body = {
    name: f.name.trim(),
    description: f.description.trim() || null,
    events: {
      type: 'EVENT_TYPE',
      items: f.events.map((e) => e.type),
      filter: eventFilterMap.length ? { type: 'EXPRESSION_LANGUAGE', eventFilterMap } : null,
    },
    channel: {
      type: 'HTTP',
      version: '1.0.0',
      config: {
        uri: f.uri.trim(),
        headers,
        authScheme: f.authKey.trim() ? { type: 'HEADER', key: f.authKey.trim(), ...(f.authSecret ? { value: f.authSecret } : {}) } : null,
      },
    },
    deliveryPolicy,
  };
  return { body, filterRows, local };
}

function EventTypes({ rows, onChange, errorAt, listError }: {
  rows: EventRow[]; onChange: (rows: EventRow[]) => void; errorAt: (row: number, part: 'type' | 'expression') => string | undefined; listError?: string;
}) {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string>();
  const chosen = rows.map((r) => r.type);
  const add = () => {
    const name = typed.trim();
    const bad = eventTypeProblem(name, chosen);
    setProblem(bad);
    if (bad) return;
    onChange([...rows, { type: name, expression: '' }]);
    setTyped('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the typed event type instead of saving the form.
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };
  const setRow = (i: number, row: Partial<EventRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...row } : r)));
  return (
    <fieldset className="field event-types">
      <legend>Events</legend>
      <p className="hint">
        The event types this hook receives. Each can have a filter in Okta Expression Language, e.g.{' '}
        <span className="mono">event.target.?[type eq 'UserGroup' &amp;&amp; displayName eq 'Sales'].size() &gt; 0</span>
      </p>
      {rows.length === 0 ? <p className="muted">No event types chosen yet.</p> : null}
      <ol className="plain event-rows">
        {rows.map((row, i) => (
          <li key={row.type} className="event-row">
            <div className="event-row-head">
              <span className="mono strong" id={`event-type-${i}`}>{row.type}</span>
              {eventTypeDescription(row.type) ? <span className="muted small"> · {eventTypeDescription(row.type)}</span> : null}
              <Button variant="ghost" aria-label={`Remove ${row.type}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>Remove</Button>
            </div>
            {errorAt(i, 'type') ? <p className="field-error">{errorAt(i, 'type')}</p> : null}
            <TextArea label={`Filter for ${row.type}`} value={row.expression} onChange={(v) => setRow(i, { expression: v })} rows={2}
              className="mono-input" spellCheck={false} error={errorAt(i, 'expression')}
              hint="Optional. Only events for which the expression is true are delivered." />
          </li>
        ))}
      </ol>
      {listError ? <p className="field-error">{listError}</p> : null}
      <div className="inline-add">
        <TextField label="Add an event type" value={typed} onChange={(v) => { setTyped(v); setProblem(undefined); }} onKeyDown={onKey}
          list="event-type-suggestions" autoComplete="off" spellCheck={false} error={problem}
          hint="Choose from the list of events Tollgate emits, or type any event-hook-eligible type from Okta's catalogue." />
        <datalist id="event-type-suggestions">
          {SUGGESTED_EVENT_TYPES.filter(([t]) => !chosen.includes(t)).map(([t, d]) => <option key={t} value={t}>{d}</option>)}
        </datalist>
        <Button onClick={add}>Add event type</Button>
      </div>
    </fieldset>
  );
}

function DeliveryOptions({ form, set, errorOf }: {
  form: EventHookFormState; set: <K extends keyof EventHookFormState>(key: K, value: EventHookFormState[K]) => void; errorOf: (field: string) => string | undefined;
}) {
  const backoff = form.retryType === 'EXPONENTIAL_BACKOFF';
  return (
    <fieldset className="field delivery-options">
      <legend>Delivery (Tollgate)</legend>
      <p className="hint">Beyond Okta: the default is Okta's rule, one retry on a timeout or a 5xx answer and none on 4xx.</p>
      <RadioGroup legend="Retries" name="retryType" value={form.retryType} onChange={(v) => set('retryType', v)} error={errorOf('deliveryPolicy.retry.type')}
        options={[
          { value: 'OKTA', label: "Okta's rule", hint: 'One immediate retry on a timeout, a connection error or 5xx.' },
          { value: 'EXPONENTIAL_BACKOFF', label: 'Retry schedule', hint: 'Retries with exponential backoff and jitter.' },
        ]} />
      {backoff ? (
        <div className="subform grid-2">
          <TextField label="Attempts in all" type="number" inputMode="numeric" value={form.maxAttempts} onChange={(v) => set('maxAttempts', v)}
            error={errorOf('deliveryPolicy.retry.maxAttempts')} hint="1 to 50, the first attempt included." />
          <TextField label="First delay (seconds)" type="number" value={form.initialDelaySeconds} onChange={(v) => set('initialDelaySeconds', v)}
            error={errorOf('deliveryPolicy.retry.initialDelaySeconds')} hint="Doubles after each failed attempt." />
          <TextField label="Longest delay (seconds)" type="number" value={form.maxDelaySeconds} onChange={(v) => set('maxDelaySeconds', v)}
            error={errorOf('deliveryPolicy.retry.maxDelaySeconds')} hint="At most 604800 (7 days)." />
          <TextField label="Also retry on statuses" value={form.retryOnStatuses} onChange={(v) => set('retryOnStatuses', v)}
            error={errorOf('deliveryPolicy.retry.retryOnStatuses')} hint="3xx or 4xx statuses, e.g. 408, 429. 5xx are always retried." placeholder="408, 429" />
          <Checkbox label="Jitter (spread retries randomly between half and all of each delay)" checked={form.jitter} onChange={(v) => set('jitter', v)} />
        </div>
      ) : null}
      <Checkbox label="Keep events given up on as dead letters" checked={form.deadLetter} onChange={(v) => set('deadLetter', v)}
        hint="Dead letters can be redelivered together from the hook's page." />
      {errorOf('deliveryPolicy.deadLetter') ? <p className="field-error">{errorOf('deliveryPolicy.deadLetter')}</p> : null}
      <TextField label="Deactivate after failed attempts in a row" type="number" value={form.autoDeactivateAfterFailures}
        onChange={(v) => set('autoDeactivateAfterFailures', v)} error={errorOf('deliveryPolicy.autoDeactivateAfterFailures')}
        hint="Blank: never. The deactivation is written to the System Log." />
      <TextField label="Most events in one delivery" type="number" value={form.maxBatchSize} onChange={(v) => set('maxBatchSize', v)}
        error={errorOf('deliveryPolicy.maxBatchSize')} hint="1 to 500." />
    </fieldset>
  );
}

function EventHookForm({ hook }: { hook?: EventHook }) {
  const creating = !hook;
  const [form, setForm] = useState(() => fromHook(hook));
  const [local, setLocal] = useState<LocalErrors>({});
  const [filterRows, setFilterRows] = useState<number[]>([]);
  const submit = useSubmit();
  const errs = fieldErrors(submit.error);
  const set = <K extends keyof EventHookFormState>(key: K, value: EventHookFormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const errorOf = (field: string) => local[field] ?? errs.byField([field]);

  const eventErrorAt = (row: number, part: 'type' | 'expression') => {
    if (part === 'type') return errs.byField([`events.items[${row}]`]);
    const j = filterRows.indexOf(row);
    return j < 0 ? undefined : errs.byField([`events.filter.eventFilterMap[${j}]`]);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const { body, filterRows: rows, local: problems } = toBody(form);
    setLocal(problems);
    if (Object.keys(problems).length) {
      submit.clear();
      return;
    }
    setFilterRows(rows);
    const saved = await submit.run(async () => (creating
      ? await api.post<EventHook>('/api/v1/eventHooks', body)
      : await api.put<EventHook>(eventHookApi(hook.id), body)).data);
    if (saved) {
      flash(creating ? `Event hook "${saved.name}" added` : `Event hook "${saved.name}" saved`);
      navigate(`${EVENT_HOOKS_PATH}/${saved.id}`);
    }
  };

  const claimed = ['name', 'description', 'events', 'channel.config.uri', 'channel.config.authScheme', 'channel.config.headers', 'deliveryPolicy'];
  const rowTypeErrors = form.events.some((_, i) => eventErrorAt(i, 'type'));
  const listError = rowTypeErrors ? undefined : errs.byField(['events.items', 'events.type', 'events.filter.type']);

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormError error={submit.error} claimed={claimed} />
      {Object.keys(local).length ? <div className="form-error" role="alert"><p><strong>Some fields need attention.</strong> See the fields marked below.</p></div> : null}
      <TextField label="Name" value={form.name} onChange={(v) => set('name', v)} error={errs.byField(['name'])} required maxLength={255} autoComplete="off" />
      <TextField label="Description" value={form.description} onChange={(v) => set('description', v)} error={errs.byField(['description'])} autoComplete="off" />
      <TextField label="URL" type="url" value={form.uri} onChange={(v) => set('uri', v)} error={errs.byField(['channel.config.uri'])} required
        hint="Tollgate POSTs events here and first verifies it with a GET carrying x-okta-verification-challenge. https:// is required except for loopback and allow-listed hosts."
        placeholder="https://hooks.example.com/okta-events" />
      <div className="subform">
        <TextField label="Authentication field" value={form.authKey} onChange={(v) => set('authKey', v)} autoComplete="off"
          error={errs.byField(['channel.config.authScheme.key', 'channel.config.authScheme.type'])}
          hint="The header that carries the secret, e.g. Authorization. Leave blank to send none." />
        <TextField label="Authentication secret" type="password" value={form.authSecret} onChange={(v) => set('authSecret', v)} autoComplete="new-password"
          error={errs.byField(['channel.config.authScheme.value', 'channel.config.authScheme'])}
          hint={creating ? undefined : 'Saved secrets are never shown. Leave this blank to keep the current one.'} />
      </div>

      <HookHeadersField headers={form.headers} onChange={(headers) => set('headers', headers)} errors={errs} hint="Sent with the verification request and every delivery." />

      <EventTypes rows={form.events} onChange={(rows) => set('events', rows)} errorAt={eventErrorAt} listError={listError} />
      <DeliveryOptions form={form} set={set} errorOf={errorOf} />

      <div className="form-actions">
        <Button type="submit" variant="primary" busy={submit.busy}>{creating ? 'Save' : 'Save changes'}</Button>
        <Button onClick={() => navigate(hook ? `${EVENT_HOOKS_PATH}/${hook.id}` : EVENT_HOOKS_PATH)}>Cancel</Button>
      </div>
      {!creating ? <p className="hint">Changing the URL, the headers or the secret makes the hook unverified again: verify it before it receives events.</p> : null}
    </form>
  );
}

export function NewEventHookPage() {
  return (
    <Page title="Add Event Hook" crumbs={[{ to: EVENT_HOOKS_PATH, label: 'Event Hooks' }]}>
      <div className="panel"><div className="panel-body"><EventHookForm /></div></div>
    </Page>
  );
}

export function EditEventHookPage({ id }: { id: string }) {
  const hook = useLoad(async () => (await api.get<EventHook>(eventHookApi(id))).data, [id]);
  return (
    <Page title={hook.data ? `Edit ${hook.data.name}` : 'Edit event hook'}
      crumbs={[{ to: EVENT_HOOKS_PATH, label: 'Event Hooks' }, ...(hook.data ? [{ to: `${EVENT_HOOKS_PATH}/${id}`, label: hook.data.name }] : [])]}>
      {hook.error ? <ErrorNotice error={hook.error} retry={hook.reload} /> : null}
      {hook.loading && !hook.data ? <Loading /> : null}
      {hook.data ? <div className="panel"><div className="panel-body"><EventHookForm hook={hook.data} /></div></div> : null}
    </Page>
  );
}

/** The delivery policy in a sentence, for the hook's page. */
export function describeDeliveryPolicy(p: EventHookDeliveryPolicy | undefined): string {
  if (!p) return "Okta's rule: one retry on a timeout or 5xx";
  const parts = [p.retry.type === 'OKTA'
    ? "Okta's rule: one retry on a timeout or 5xx"
    : `Retry schedule: ${p.retry.maxAttempts} attempts, delays from ${p.retry.initialDelaySeconds} s doubling up to ${p.retry.maxDelaySeconds} s${p.retry.jitter ? ' with jitter' : ''}${p.retry.retryOnStatuses.length ? `, also on ${p.retry.retryOnStatuses.join(', ')}` : ''}`];
  parts.push(p.deadLetter ? 'dead letters kept' : 'no dead letters');
  parts.push(p.autoDeactivateAfterFailures ? `deactivated after ${p.autoDeactivateAfterFailures} failed attempts in a row` : 'never deactivated automatically');
  parts.push(`up to ${p.maxBatchSize} events per delivery`);
  return parts.join('; ');
}
