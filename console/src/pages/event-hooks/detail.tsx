import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../api/client';
import type { EventHook } from '../../api/types';
import { navigate } from '../../router';
import { ConfirmDialog } from '../../ui/dialog';
import { flash } from '../../ui/flash';
import { FormError } from '../../ui/form';
import { useLoad, useSubmit } from '../../ui/hooks';
import { Badge, Button, ButtonLink, ErrorNotice, Facts, Loading, Page, Section, Time } from '../../ui/page';
import { DeliveryLog, EventQueue } from './delivery-log';
import { eventTypeDescription } from './event-types';
import { describeDeliveryPolicy, EVENT_HOOKS_PATH, eventHookApi } from './form';
import { VerificationBadge } from './list';
import { SigningSecrets } from './signing';

type VerifyOutcome = { ok: true } | { ok: false; message: string; reasons: string[] };

/** What the last Verify answered: the endpoint echoed the challenge, or why not. */
function VerifyResult({ outcome }: { outcome: VerifyOutcome | undefined }) {
  if (!outcome) return null;
  if (outcome.ok) {
    return <div className="notice notice-info" role="status"><p><strong>Verified.</strong> The endpoint answered the verification challenge; the hook can receive events while it is active.</p></div>;
  }
  return (
    <div className="notice notice-error" role="alert">
      <p><strong>Verification failed.</strong> {outcome.message}</p>
      {outcome.reasons.length ? <ul>{outcome.reasons.map((r) => <li key={r}>{r}</li>)}</ul> : null}
    </div>
  );
}

function EventsFact({ hook }: { hook: EventHook }) {
  const filters = new Map((hook.events.filter?.eventFilterMap ?? []).map((f) => [f.event, f.condition.expression]));
  return (
    <ul className="plain">
      {hook.events.items.map((t) => (
        <li key={t}>
          <span className="mono">{t}</span>
          {eventTypeDescription(t) ? <span className="muted small"> · {eventTypeDescription(t)}</span> : null}
          {filters.get(t) ? <div className="small">Filter: <span className="mono break">{filters.get(t)}</span></div> : null}
        </li>
      ))}
    </ul>
  );
}

export function EventHookPage({ id }: { id: string }) {
  const hook = useLoad(async () => (await api.get<EventHook>(eventHookApi(id))).data, [id]);
  const action = useSubmit();
  const verify = useSubmit();
  const [verified, setVerified] = useState<VerifyOutcome>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [redelivered, setRedelivered] = useState<string>();
  const [version, setVersion] = useState(0);
  const h = hook.data;

  const setStatus = async (to: 'activate' | 'deactivate') => {
    const updated = await action.run(async () => (await api.post<EventHook>(`${eventHookApi(id)}/lifecycle/${to}`)).data);
    if (updated) {
      hook.set(updated);
      flash(to === 'activate' ? 'Event hook activated' : 'Event hook deactivated');
    }
  };
  const onVerify = async () => {
    setVerified(undefined);
    // A failure stays in `verify.error` and is shown as the verification's outcome, not as a form error.
    const updated = await verify.run(async () => (await api.post<EventHook>(`${eventHookApi(id)}/lifecycle/verify`)).data);
    if (updated) {
      hook.set(updated);
      setVerified({ ok: true });
    }
  };
  const verifyFailure: VerifyOutcome | undefined = verify.error
    ? { ok: false, message: verify.error instanceof ApiError ? verify.error.errorSummary : errorMessage(verify.error), reasons: verify.error instanceof ApiError ? verify.error.causes : [] }
    : undefined;
  const remove = async () => {
    const done = await action.run(async () => { await api.delete(eventHookApi(id)); return true; });
    setConfirmDelete(false);
    if (done) {
      flash(`Event hook "${h?.name}" deleted`);
      navigate(EVENT_HOOKS_PATH);
    }
  };
  const onRedelivered = (message: string) => {
    setRedelivered(message);
    setVersion((v) => v + 1);
  };

  const config = h?.channel.config;
  return (
    <Page
      title={h?.name ?? 'Event hook'}
      subtitle={h ? <>Event hook · <Badge value={h.status} /> <VerificationBadge hook={h} /></> : undefined}
      crumbs={[{ to: EVENT_HOOKS_PATH, label: 'Event Hooks' }]}
      actions={h ? (
        <>
          <ButtonLink to={`${EVENT_HOOKS_PATH}/${id}/edit`} variant="primary">Edit</ButtonLink>
          <Button onClick={onVerify} busy={verify.busy}>{verify.busy ? 'Verifying…' : 'Verify'}</Button>
          {h.status === 'ACTIVE'
            ? <Button onClick={() => setStatus('deactivate')} busy={action.busy}>Deactivate</Button>
            : <Button onClick={() => setStatus('activate')} busy={action.busy}>Activate</Button>}
          {h.status === 'INACTIVE' ? <Button variant="danger" onClick={() => setConfirmDelete(true)}>Delete</Button> : null}
        </>
      ) : undefined}
    >
      {hook.error ? <ErrorNotice error={hook.error} retry={hook.reload} /> : null}
      {hook.loading && !h ? <Loading /> : null}
      <FormError error={action.error} />
      <VerifyResult outcome={verifyFailure ?? verified} />
      {h && h.verificationStatus !== 'VERIFIED' && !verified && !verifyFailure ? (
        <div className="notice notice-warn" role="note"><p>This hook is not verified: it receives no events until its endpoint answers the verification challenge. Press Verify.</p></div>
      ) : null}
      {redelivered ? <div className="notice notice-info" role="status"><p>{redelivered}</p></div> : null}
      {h && config ? (
        <>
          <Section title="Settings" id="hook-settings">
            <Facts items={[
              ['URL', <span className="mono break">{config.uri}</span>],
              ['Authentication', config.authScheme ? <>Header <span className="mono">{config.authScheme.key}</span> with a saved secret (never shown)</> : 'None'],
              ['Custom headers', config.headers?.length ? <ul className="plain">{config.headers.map((x) => <li key={x.key}><span className="mono">{x.key}: {x.value}</span></li>)}</ul> : null],
              ['Events', <EventsFact hook={h} />],
              ['Delivery', describeDeliveryPolicy(h.deliveryPolicy)],
              ['Description', h.description],
              ['Created', <Time value={h.created} />],
              ['Last updated', <Time value={h.lastUpdated} />],
              ['Hook ID', <span className="mono">{h.id}</span>],
            ]} />
            {h.status === 'ACTIVE' ? <p className="hint">Deactivate the hook to delete it.</p> : null}
          </Section>
          <DeliveryLog hook={h} version={version} onRedelivered={onRedelivered} />
          <EventQueue hook={h} version={version} onRedelivered={onRedelivered} />
          <SigningSecrets hook={h} />
        </>
      ) : null}
      <ConfirmDialog open={confirmDelete} title="Delete event hook" confirmLabel="Delete" busy={action.busy}
        message={<p>Delete the event hook <strong>{h?.name}</strong> with its delivery log and queued events? This cannot be undone.</p>}
        onConfirm={remove} onClose={() => setConfirmDelete(false)} />
    </Page>
  );
}
