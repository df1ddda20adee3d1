import { api } from '../../api/client';
import type { EventHook, EventHookDelivery } from '../../api/types';
import { Link } from '../../router';
import { useLoad } from '../../ui/hooks';
import { Badge, ButtonLink, Empty, ErrorNotice, Loading, Page, Time } from '../../ui/page';
import { EVENT_HOOKS_PATH, eventHookApi } from './form';

export function VerificationBadge({ hook }: { hook: Pick<EventHook, 'verificationStatus'> }) {
  return hook.verificationStatus === 'VERIFIED' ? <Badge value="SUCCESS" label="Verified" /> : <Badge value="WARN" label="Unverified" />;
}

/** The outcome of a delivery attempt in a few words. */
export function DeliveryOutcome({ delivery }: { delivery: EventHookDelivery | undefined }) {
  if (!delivery) return <span className="muted">No deliveries yet</span>;
  return (
    <span>
      <Badge value={delivery.outcome} />{' '}
      <span className="small">{delivery.statusCode !== null ? `HTTP ${delivery.statusCode}` : delivery.error ?? 'no answer'}</span>
      <span className="small muted"> · <Time value={delivery.created} /></span>
    </span>
  );
}

/** Event hooks with their last delivery (Okta has at most 25 per org, so one small request each). */
async function loadHooks(): Promise<Array<{ hook: EventHook; last?: EventHookDelivery }>> {
  const hooks = (await api.get<EventHook[]>('/api/v1/eventHooks')).data;
  return Promise.all(hooks.map(async (hook) => {
    const last = await api.get<EventHookDelivery[]>(`${eventHookApi(hook.id)}/deliveries`, { limit: 1 }).then((r) => r.data[0], () => undefined);
    return { hook, last };
  }));
}

export function EventHooksPage() {
  const hooks = useLoad(loadHooks, []);
  return (
    <Page
      title="Event Hooks"
      subtitle="Outbound calls that tell your own service, after the fact, that something happened in Tollgate."
      actions={<ButtonLink to={`${EVENT_HOOKS_PATH}/new`} variant="primary">Create Event Hook</ButtonLink>}
    >
      {hooks.error ? <ErrorNotice error={hooks.error} retry={hooks.reload} /> : null}
      {hooks.loading && !hooks.data ? <Loading /> : null}
      {hooks.data && hooks.data.length === 0 ? <Empty>No event hooks yet. Create one to send events such as "user added to group" to your service.</Empty> : null}
      {hooks.data && hooks.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Event hooks</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Verification</th><th scope="col">Events</th><th scope="col">Last delivery</th></tr></thead>
            <tbody>
              {hooks.data.map(({ hook, last }) => (
                <tr key={hook.id}>
                  <td>
                    <Link to={`${EVENT_HOOKS_PATH}/${hook.id}`} className="strong">{hook.name}</Link>
                    <div className="mono small muted break">{hook.channel.config.uri}</div>
                  </td>
                  <td><Badge value={hook.status} /></td>
                  <td><VerificationBadge hook={hook} /></td>
                  <td>
                    <span className="mono small">{hook.events.items.slice(0, 3).join(', ')}</span>
                    {hook.events.items.length > 3 ? <span className="small muted"> and {hook.events.items.length - 3} more</span> : null}
                    {hook.events.filter ? <div className="small muted">Filtered</div> : null}
                  </td>
                  <td><DeliveryOutcome delivery={last} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
