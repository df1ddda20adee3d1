import { Fragment, useState } from 'react';
import { api } from '../../api/client';
import type { EventHook, EventHookDelivery, QueuedEvent } from '../../api/types';
import { SelectField } from '../../ui/form';
import { useLoad } from '../../ui/hooks';
import { Badge, Button, Empty, ErrorNotice, Facts, Json, Loading, LoadMore, Section, Time } from '../../ui/page';
import { eventHookApi } from './form';
import { RedeliverButton, ReplayRangeButton } from './redelivery';

/** A list from a paged endpoint, with "Show more" (Okta's `after` cursor). */
function usePaged<T>(path: string, query: Record<string, string | number | undefined>, deps: unknown[]) {
  const [extra, setExtra] = useState<{ items: T[]; next?: string }>({ items: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useLoad(async () => {
    setExtra({ items: [] });
    return api.get<T[]>(path, query);
  }, deps);
  const items = [...(first.data?.data ?? []), ...extra.items];
  const next = extra.items.length ? extra.next : first.data?.next;
  const more = async () => {
    setLoadingMore(true);
    try {
      const page = await api.get<T[]>(path, { ...query, after: next });
      setExtra((e) => ({ items: [...e.items, ...page.data], next: page.next }));
    } finally {
      setLoadingMore(false);
    }
  };
  return { first, items, next, more, loadingMore };
}

function excerpt(text: string | null, max = 80): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function DeliveryRow({ hook, delivery, onRedelivered }: { hook: EventHook; delivery: EventHookDelivery; onRedelivered: (m: string) => void }) {
  const [open, setOpen] = useState(false);
  const detailId = `delivery-${delivery.id}`;
  const when = new Date(delivery.created).toLocaleString();
  return (
    <Fragment>
      <tr className={delivery.outcome === 'FAILURE' ? 'row-failure' : undefined}>
        <td className="nowrap"><Time value={delivery.created} /></td>
        <td><Badge value={delivery.outcome} /></td>
        <td className="num">{delivery.attempt}</td>
        <td>{delivery.statusCode ?? <span className="muted">no answer</span>}</td>
        <td className="num">{delivery.latencyMs} ms</td>
        <td className="num">{delivery.eventCount}</td>
        <td className="break mono small">{excerpt(delivery.responseExcerpt) || <span className="muted">—</span>}</td>
        <td className="break">{delivery.error ?? <span className="muted">—</span>}</td>
        <td className="nowrap">
          <Button variant="ghost" aria-expanded={open} aria-controls={detailId} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide' : 'Details'}<span className="visually-hidden"> of the attempt at {when}</span>
          </Button>
          <RedeliverButton hook={hook} variant="ghost" what={{ kind: 'delivery', deliveryId: delivery.id }} onDone={onRedelivered}
            label="Redeliver" title="Redeliver events"
            message={`Deliver the ${delivery.eventCount} event${delivery.eventCount === 1 ? '' : 's'} of the attempt at ${when} again, as a new delivery?`} />
        </td>
      </tr>
      {open ? (
        <tr className="detail-row" id={detailId}>
          <td colSpan={9}>
            <Facts items={[
              ['Delivery ID', <span className="mono">{delivery.eventId}</span>],
              ['Events', <ul className="plain">{delivery.events.map((e) => <li key={e} className="mono small">{e}</li>)}</ul>],
              ['Worker', <span className="mono">{delivery.worker}</span>],
            ]} />
            <h3>Response excerpt</h3>
            {delivery.responseExcerpt ? <Json value={delivery.responseExcerpt} label="Response excerpt" /> : <p className="muted">No response body.</p>}
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

/** Every delivery attempt of a hook, newest first, with its outcome filter and redelivery. */
export function DeliveryLog({ hook, version, onRedelivered }: { hook: EventHook; version: number; onRedelivered: (m: string) => void }) {
  const [outcome, setOutcome] = useState('');
  const log = usePaged<EventHookDelivery>(`${eventHookApi(hook.id)}/deliveries`, { limit: 20, outcome: outcome || undefined }, [hook.id, outcome, version]);
  return (
    <Section title="Delivery log" id="delivery-log" actions={(
      <>
        <SelectField label="Show" value={outcome} onChange={setOutcome} className="inline"
          options={[{ value: '', label: 'All attempts' }, { value: 'FAILURE', label: 'Failures' }, { value: 'SUCCESS', label: 'Successes' }]} />
        <Button onClick={log.first.reload}>Refresh</Button>
      </>
    )}>
      {log.first.error ? <ErrorNotice error={log.first.error} retry={log.first.reload} /> : null}
      {log.first.loading && !log.first.data ? <Loading /> : null}
      {log.first.data && log.items.length === 0 ? <Empty>{outcome ? 'No attempts match.' : 'No deliveries yet. Attempts appear here as Tollgate makes them.'}</Empty> : null}
      {log.items.length > 0 ? (
        <div className="table-wrap">
          <table className="table deliveries">
            <caption className="visually-hidden">Delivery attempts of this event hook, newest first</caption>
            <thead><tr>
              <th scope="col">Time</th><th scope="col">Outcome</th><th scope="col">Attempt</th><th scope="col">HTTP status</th><th scope="col">Latency</th>
              <th scope="col">Events</th><th scope="col">Response</th><th scope="col">Error</th><th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr></thead>
            <tbody>{log.items.map((d) => <DeliveryRow key={d.id} hook={hook} delivery={d} onRedelivered={onRedelivered} />)}</tbody>
          </table>
        </div>
      ) : null}
      {log.next ? <LoadMore onClick={log.more} busy={log.loadingMore} shown={log.items.length} /> : null}
    </Section>
  );
}

const QUEUE_STATUS: Record<QueuedEvent['status'], { label: string; tone: string }> = {
  PENDING: { label: 'Waiting', tone: 'RUNNING' },
  DELIVERED: { label: 'Delivered', tone: 'SUCCESS' },
  FAILED: { label: 'Given up', tone: 'FAILURE' },
  DEAD_LETTER: { label: 'Dead letter', tone: 'FAILURE' },
};

/** The hook's queue (Tollgate's outbox): waiting, delivered, given-up and dead-lettered events, with bulk redelivery. */
export function EventQueue({ hook, version, onRedelivered }: { hook: EventHook; version: number; onRedelivered: (m: string) => void }) {
  const [status, setStatus] = useState('');
  const queue = usePaged<QueuedEvent>(`${eventHookApi(hook.id)}/outbox`, { limit: 25, status: status || undefined }, [hook.id, status, version]);
  return (
    <Section title="Events and dead letters" id="event-queue" actions={(
      <>
        <SelectField label="Status" value={status} onChange={setStatus} className="inline"
          options={[{ value: '', label: 'All events' }, ...Object.entries(QUEUE_STATUS).map(([value, s]) => ({ value, label: s.label }))]} />
        <Button onClick={queue.first.reload}>Refresh</Button>
      </>
    )}>
      <div className="toolbar">
        <RedeliverButton hook={hook} what={{ kind: 'status', status: 'DEAD_LETTER' }} onDone={onRedelivered} label="Redeliver dead letters"
          title="Redeliver dead letters" message="Queue every dead letter of this hook again, with its attempts starting from zero?" />
        <RedeliverButton hook={hook} what={{ kind: 'status', status: 'FAILED' }} onDone={onRedelivered} label="Redeliver given-up events"
          title="Redeliver given-up events" message="Queue every event this hook gave up on (without dead letters) again?" />
        <ReplayRangeButton hook={hook} onDone={onRedelivered} />
      </div>
      {queue.first.error ? <ErrorNotice error={queue.first.error} retry={queue.first.reload} /> : null}
      {queue.first.loading && !queue.first.data ? <Loading /> : null}
      {queue.first.data && queue.items.length === 0 ? <Empty>{status ? `No ${QUEUE_STATUS[status as QueuedEvent['status']].label.toLowerCase()} events.` : 'No events queued for this hook yet.'}</Empty> : null}
      {queue.items.length > 0 ? (
        <div className="table-wrap">
          <table className="table queue">
            <caption className="visually-hidden">Events of this event hook, newest first</caption>
            <thead><tr>
              <th scope="col">Published</th><th scope="col">Event type</th><th scope="col">Status</th><th scope="col">Attempts</th>
              <th scope="col">Next attempt</th><th scope="col">Last error</th><th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr></thead>
            <tbody>
              {queue.items.map((e) => (
                <tr key={e.eventUuid} className={e.status === 'DEAD_LETTER' || e.status === 'FAILED' ? 'row-failure' : undefined}>
                  <td className="nowrap"><Time value={e.published} /></td>
                  <td><span className="mono small">{e.eventType}</span><div className="mono small muted">{e.eventUuid}</div></td>
                  <td><Badge value={QUEUE_STATUS[e.status].tone} label={QUEUE_STATUS[e.status].label} /></td>
                  <td className="num">{e.attempts}</td>
                  <td className="nowrap">{e.nextAttemptAt ? <Time value={e.nextAttemptAt} /> : <span className="muted">—</span>}</td>
                  <td className="break">{e.lastError ?? <span className="muted">—</span>}</td>
                  <td>
                    <RedeliverButton hook={hook} variant="ghost" what={{ kind: 'events', eventIds: [e.eventUuid] }} onDone={onRedelivered}
                      label="Redeliver" title="Redeliver event" message={`Deliver the ${e.eventType} event ${e.eventUuid} again?`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {queue.next ? <LoadMore onClick={queue.more} busy={queue.loadingMore} shown={queue.items.length} /> : null}
    </Section>
  );
}
