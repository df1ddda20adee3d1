import { Fragment, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { LogEvent } from '../../api/types';
import { setQuery, type Location } from '../../router';
import { fieldErrors, FormError, SelectField, TextField } from '../../ui/form';
import { useLoad } from '../../ui/hooks';
import { Badge, Button, Empty, Json, Loading, LoadMore, Page, Time } from '../../ui/page';

const RANGES: Array<{ value: string; label: string; ms?: number }> = [
  { value: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 24 * 3_600_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 24 * 3_600_000 },
  { value: 'custom', label: 'Custom range' },
];

const PAGE = 50;

/** `datetime-local` value (local time) ↔ ISO instant. */
function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const t = Date.parse(local);
  return Number.isNaN(t) ? local : new Date(t).toISOString();
}
function toLocal(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

interface Criteria { q: string; filter: string; range: string; since: string; until: string }

function criteriaOf(location: Location): Criteria {
  const g = (k: string) => location.query.get(k) ?? '';
  return { q: g('q'), filter: g('filter'), range: g('range') || '24h', since: toLocal(location.query.get('since')), until: toLocal(location.query.get('until')) };
}

function queryOf(c: Criteria, after?: string) {
  const range = RANGES.find((r) => r.value === c.range);
  const since = range?.ms ? new Date(Date.now() - range.ms).toISOString() : toIso(c.since);
  const until = range?.ms ? undefined : toIso(c.until);
  return { q: c.q || undefined, filter: c.filter || undefined, since, until, sortOrder: 'DESCENDING', limit: PAGE, after };
}

function EventRow({ event }: { event: LogEvent }) {
  const [open, setOpen] = useState(false);
  const detailId = `event-${event.uuid}`;
  return (
    <Fragment>
      <tr className={event.outcome.result === 'FAILURE' ? 'row-failure' : undefined}>
        <td className="nowrap"><Time value={event.published} /></td>
        <td>{event.actor.displayName}<div className="muted small">{event.actor.alternateId}</div></td>
        <td>{event.displayMessage}<div className="muted small mono">{event.eventType}</div></td>
        <td><Badge value={event.outcome.result} />{event.outcome.reason ? <div className="small break">{event.outcome.reason}</div> : null}</td>
        <td className="break">{event.target?.map((t) => <div key={t.id + t.type}>{t.displayName} <span className="muted small">({t.type})</span></div>)}</td>
        <td>
          <Button variant="ghost" aria-expanded={open} aria-controls={detailId} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide' : 'Details'}<span className="visually-hidden"> of {event.eventType} at {event.published}</span>
          </Button>
        </td>
      </tr>
      {open ? (
        <tr className="detail-row" id={detailId}>
          <td colSpan={6}><Json value={event} label={`Event ${event.uuid}`} /></td>
        </tr>
      ) : null}
    </Fragment>
  );
}

export function SystemLogPage({ location }: { location: Location }) {
  const applied = criteriaOf(location);
  const [form, setForm] = useState<Criteria>(applied);
  const [more, setMore] = useState<{ events: LogEvent[]; next?: string }>({ events: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const key = JSON.stringify(applied);
  const first = useLoad(async () => {
    setMore({ events: [] });
    return api.get<LogEvent[]>('/api/v1/logs', queryOf(applied));
  }, [key]);
  const events = [...(first.data?.data ?? []), ...more.events];
  const next = more.events.length ? more.next : first.data?.next;
  const errs = fieldErrors(first.error);
  const set = (k: keyof Criteria, v: string) => setForm((f) => ({ ...f, [k]: v }));

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery({
      q: form.q || undefined, filter: form.filter || undefined, range: form.range === '24h' ? undefined : form.range,
      since: form.range === 'custom' ? toIso(form.since) : undefined, until: form.range === 'custom' ? toIso(form.until) : undefined,
    });
    if (JSON.stringify(form) === key) first.reload();
  };
  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await api.get<LogEvent[]>('/api/v1/logs', queryOf(applied, next));
      setMore((m) => ({ events: [...m.events, ...page.data], next: page.next }));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Page title="System Log" subtitle="Everything that happened in the org, newest first.">
      <form className="panel log-search" onSubmit={search} role="search" aria-label="Search the System Log">
        <div className="panel-body">
          <div className="toolbar">
            <TextField label="Search" type="search" value={form.q} onChange={(v) => set('q', v)} className="grow" placeholder="Words anywhere in the event" error={errs.byField(['q'])} />
            <SelectField label="Time range" value={form.range} onChange={(v) => set('range', v)} options={RANGES.map((r) => ({ value: r.value, label: r.label }))} />
          </div>
          {form.range === 'custom' ? (
            <div className="toolbar">
              <TextField label="From" type="datetime-local" value={form.since} onChange={(v) => set('since', v)} error={errs.byField(['since'])} />
              <TextField label="To" type="datetime-local" value={form.until} onChange={(v) => set('until', v)} error={errs.byField(['until'])} />
            </div>
          ) : null}
          <TextField label="Filter" value={form.filter} onChange={(v) => set('filter', v)} className="mono-input" error={errs.byField(['filter'])}
            placeholder='eventType eq "inline_hook.executed" and outcome.result eq "FAILURE"'
            hint={<>Okta's filter expression: <span className="mono">eq</span>, <span className="mono">sw</span>, <span className="mono">co</span>, <span className="mono">and</span>, <span className="mono">or</span> on eventType, outcome.result, actor.id, target.id, severity…</>} />
          <div className="form-actions">
            <Button type="submit" variant="primary">Search</Button>
            <Button onClick={() => { setForm({ q: '', filter: '', range: '24h', since: '', until: '' }); setQuery({ q: undefined, filter: undefined, range: undefined, since: undefined, until: undefined }); }}>Reset</Button>
          </div>
        </div>
      </form>
      <FormError error={first.error} claimed={['q', 'filter', 'since', 'until']} />
      {first.loading && !first.data ? <Loading /> : null}
      {first.data && events.length === 0 ? <Empty>No events match.</Empty> : null}
      {events.length ? (
        <div className="table-wrap">
          <table className="table log">
            <caption className="visually-hidden">Events, newest first</caption>
            <thead><tr><th scope="col">Time</th><th scope="col">Actor</th><th scope="col">Event</th><th scope="col">Outcome</th><th scope="col">Targets</th><th scope="col"><span className="visually-hidden">Details</span></th></tr></thead>
            <tbody>{events.map((e) => <EventRow key={e.uuid} event={e} />)}</tbody>
          </table>
        </div>
      ) : null}
      {next ? <LoadMore onClick={loadMore} busy={loadingMore} shown={events.length} /> : null}
    </Page>
  );
}
