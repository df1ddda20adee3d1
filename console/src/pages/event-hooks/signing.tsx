import { useState } from 'react';
import { api } from '../../api/client';
import type { EventHook, SigningSecret } from '../../api/types';
import { ConfirmDialog } from '../../ui/dialog';
import { FormError, SelectField } from '../../ui/form';
import { useLoad, useSubmit } from '../../ui/hooks';
import { Badge, Button, Empty, ErrorNotice, Loading, Section, Time } from '../../ui/page';
import { eventHookApi } from './form';

const GRACE = [
  { value: '86400', label: 'Old secrets keep signing for a day' },
  { value: '3600', label: 'Old secrets keep signing for an hour' },
  { value: '604800', label: 'Old secrets keep signing for a week' },
  { value: '0', label: 'Old secrets stop at once' },
];

/**
 * Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature): on once the hook has a
 * secret. Adding one rotates: the others keep signing for the grace period, so receivers can switch.
 */
export function SigningSecrets({ hook }: { hook: EventHook }) {
  const secrets = useLoad(async () => (await api.get<SigningSecret[]>(`${eventHookApi(hook.id)}/signingSecrets`)).data, [hook.id]);
  const [grace, setGrace] = useState('86400');
  const [created, setCreated] = useState<SigningSecret>();
  const [removing, setRemoving] = useState<SigningSecret>();
  const action = useSubmit();
  const add = async () => {
    const secret = await action.run(async () => (await api.post<SigningSecret>(`${eventHookApi(hook.id)}/signingSecrets`, { graceSeconds: Number(grace) })).data);
    if (secret) {
      setCreated(secret);
      secrets.reload();
    }
  };
  const remove = async () => {
    const id = removing?.id;
    if (!id) return;
    const ok = await action.run(async () => { await api.delete(`${eventHookApi(hook.id)}/signingSecrets/${encodeURIComponent(id)}`); return true; });
    setRemoving(undefined);
    if (ok) secrets.reload();
  };
  const active = (secrets.data ?? []).filter((s) => s.status === 'ACTIVE');
  return (
    <Section title="Signing (Standard Webhooks)" id="signing-secrets">
      <p className="hint">
        With a secret, every attempt carries <span className="mono">webhook-id</span>, <span className="mono">webhook-timestamp</span> and{' '}
        <span className="mono">webhook-signature</span> (HMAC-SHA256), signed again on each attempt. Okta sends no signatures; this is Tollgate's addition.
      </p>
      <FormError error={action.error} />
      {created?.secret ? (
        <div className="notice notice-info" role="status">
          <p>New signing secret (shown once; copy it to your receiver now): <span className="mono break">{created.secret}</span></p>
        </div>
      ) : null}
      {secrets.error ? <ErrorNotice error={secrets.error} retry={secrets.reload} /> : null}
      {secrets.loading && !secrets.data ? <Loading /> : null}
      {secrets.data && secrets.data.length === 0 ? <Empty>No signing secret: deliveries are not signed.</Empty> : null}
      {secrets.data && secrets.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Signing secrets</caption>
            <thead><tr><th scope="col">Secret</th><th scope="col">Status</th><th scope="col">Created</th><th scope="col">Expires</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {secrets.data.map((s) => (
                <tr key={s.id}>
                  <td className="mono">{s.id}</td>
                  <td><Badge value={s.status} /></td>
                  <td><Time value={s.created} /></td>
                  <td>{s.expiresAt ? <Time value={s.expiresAt} /> : <span className="muted">Never</span>}</td>
                  <td><Button variant="ghost" onClick={() => setRemoving(s)}>Delete<span className="visually-hidden"> secret {s.id}</span></Button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="toolbar">
        {active.length ? <SelectField label="Rotation" value={grace} onChange={setGrace} options={GRACE} className="inline" /> : null}
        <Button onClick={add} busy={action.busy}>{active.length ? 'Rotate signing secret' : 'Add signing secret'}</Button>
      </div>
      <ConfirmDialog open={removing !== undefined} title="Delete signing secret" confirmLabel="Delete" busy={action.busy}
        message={<p>Delete the signing secret <span className="mono">{removing?.id}</span>? Deliveries stop carrying its signature at once.</p>}
        onConfirm={remove} onClose={() => setRemoving(undefined)} />
    </Section>
  );
}
