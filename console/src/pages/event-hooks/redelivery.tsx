import { useState } from 'react';
import { api } from '../../api/client';
import type { EventHook } from '../../api/types';
import { ConfirmDialog, Dialog } from '../../ui/dialog';
import { fieldErrors, FormError, TextField } from '../../ui/form';
import { useSubmit } from '../../ui/hooks';
import { Button } from '../../ui/page';
import { eventHookApi } from './form';

/**
 * Redelivery through Tollgate's extensions of the event hook API: one delivery's events again
 * (`deliveries/{id}/replay`), chosen events, the dead letters or the given-up events, or a time range
 * (`replay`). Each answers `{queued}`: the events queued again, delivered when the hook is active and verified.
 */
export type Redelivery =
  | { kind: 'delivery'; deliveryId: string }
  | { kind: 'events'; eventIds: string[] }
  | { kind: 'status'; status: 'DEAD_LETTER' | 'FAILED' }
  | { kind: 'range'; since: string; until: string };

export async function redeliver(hookId: string, what: Redelivery): Promise<number> {
  const path = what.kind === 'delivery'
    ? `${eventHookApi(hookId)}/deliveries/${encodeURIComponent(what.deliveryId)}/replay`
    : `${eventHookApi(hookId)}/replay`;
  const body = what.kind === 'delivery' ? undefined
    : what.kind === 'events' ? { eventIds: what.eventIds }
      : what.kind === 'status' ? { status: what.status }
        : { since: what.since, until: what.until };
  return (await api.post<{ queued: number }>(path, body)).data.queued;
}

export function queuedMessage(n: number, hook: Pick<EventHook, 'status' | 'verificationStatus'>): string {
  const what = n === 0 ? 'No events matched: nothing was queued.' : `Queued ${n} event${n === 1 ? '' : 's'} for redelivery.`;
  const waits = n > 0 && (hook.status !== 'ACTIVE' || hook.verificationStatus !== 'VERIFIED')
    ? ' They wait until the hook is active and verified.' : '';
  return what + waits;
}

/** A button that asks first, then redelivers, and reports the number queued through `onDone`. */
export function RedeliverButton({ hook, what, label, title, message, onDone, variant = 'secondary' }: {
  hook: EventHook; what: Redelivery; label: string; title: string; message: string; onDone: (message: string) => void;
  variant?: 'secondary' | 'ghost';
}) {
  const [open, setOpen] = useState(false);
  const submit = useSubmit();
  const confirm = async () => {
    const n = await submit.run(() => redeliver(hook.id, what));
    if (n !== undefined) {
      setOpen(false);
      onDone(queuedMessage(n, hook));
    }
  };
  return (
    <>
      <Button variant={variant} onClick={() => { submit.clear(); setOpen(true); }}>{label}</Button>
      <ConfirmDialog open={open} title={title} confirmLabel="Redeliver" busy={submit.busy} onConfirm={confirm} onClose={() => setOpen(false)}
        message={<p>{message}</p>} error={<FormError error={submit.error} />} />
    </>
  );
}

function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Replay of a time range: every event of the hook's types (and filter) published in it, delivered before or not. */
export function ReplayRangeButton({ hook, onDone }: { hook: EventHook; onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [local, setLocal] = useState<{ since?: string; until?: string }>({});
  const submit = useSubmit();
  const errs = fieldErrors(submit.error);
  const start = () => {
    const now = new Date();
    setSince(localInput(new Date(now.getTime() - 3600_000)));
    // The end is exclusive: the next minute includes events of this one.
    setUntil(localInput(new Date(now.getTime() + 60_000)));
    setLocal({});
    submit.clear();
    setOpen(true);
  };
  const replay = async () => {
    const s = Date.parse(since);
    const u = Date.parse(until);
    const problems = { since: Number.isNaN(s) ? 'Choose a start time' : undefined, until: Number.isNaN(u) ? 'Choose an end time' : undefined };
    setLocal(problems);
    if (problems.since || problems.until) return;
    const n = await submit.run(() => redeliver(hook.id, { kind: 'range', since: new Date(s).toISOString(), until: new Date(u).toISOString() }));
    if (n !== undefined) {
      setOpen(false);
      onDone(queuedMessage(n, hook));
    }
  };
  return (
    <>
      <Button onClick={start}>Replay a time range</Button>
      <Dialog open={open} title="Replay a time range" onClose={() => setOpen(false)} footer={(
        <>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="primary" onClick={replay} busy={submit.busy}>Replay</Button>
        </>
      )}>
        <p>Deliver again every event of this hook's types (and filters) published in the range, including events already delivered.</p>
        <FormError error={submit.error} claimed={['since', 'until']} />
        <TextField label="From" type="datetime-local" value={since} onChange={setSince} error={local.since ?? errs.byField(['since'])} />
        <TextField label="To (not included)" type="datetime-local" value={until} onChange={setUntil} error={local.until ?? errs.byField(['until'])}
          hint="Times are your browser's local time." />
      </Dialog>
    </>
  );
}
