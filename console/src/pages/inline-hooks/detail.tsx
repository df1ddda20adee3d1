import { Fragment, useState } from 'react';
import { api } from '../../api/client';
import type { InlineHook, InlineHookCall } from '../../api/types';
import { navigate } from '../../router';
import { ConfirmDialog } from '../../ui/dialog';
import { flash } from '../../ui/flash';
import { FormError, SelectField } from '../../ui/form';
import { useLoad, useSubmit } from '../../ui/hooks';
import { Badge, Button, ButtonLink, Empty, ErrorNotice, Facts, Json, Loading, LoadMore, Page, Section, Time } from '../../ui/page';
import { FAILURE_WORDS, hookTypeLabel, useHookTypes } from './hook-types';
import { PreviewPanel } from './preview-panel';
import { ToolkitPanel } from './toolkit-panel';

function CallRow({ call }: { call: InlineHookCall }) {
  const [open, setOpen] = useState(false);
  const detailId = `call-${call.id}`;
  return (
    <Fragment>
      <tr className={call.outcome === 'FAILURE' ? 'row-failure' : undefined}>
        <td className="nowrap"><Time value={call.created} /></td>
        <td><Badge value={call.outcome} /></td>
        <td>{call.statusCode ?? <span className="muted">no reply</span>}</td>
        <td className="num">{call.durationMs} ms</td>
        <td className="num">{call.attempts}</td>
        <td className="break">{call.error ?? <span className="muted">—</span>}</td>
        <td>
          <Button variant="ghost" aria-expanded={open} aria-controls={detailId} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide' : 'Details'}<span className="visually-hidden"> of the call at {new Date(call.created).toLocaleString()}</span>
          </Button>
        </td>
      </tr>
      {open ? (
        <tr className="detail-row" id={detailId}>
          <td colSpan={7}>
            <div className="two-col">
              <div><h3>Request</h3><Json value={call.request} label="Request sent to the hook" /></div>
              <div><h3>Reply</h3>{call.response === null ? <p className="muted">No reply arrived.</p> : <Json value={call.response} label="Reply from the hook" />}</div>
            </div>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

function RecentCalls({ hookId, refresh }: { hookId: string; refresh: number }) {
  const [outcome, setOutcome] = useState('');
  const [extra, setExtra] = useState<{ calls: InlineHookCall[]; next?: string }>({ calls: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useLoad(async () => {
    setExtra({ calls: [] });
    return api.get<InlineHookCall[]>(`/api/v1/inlineHooks/${encodeURIComponent(hookId)}/calls`, { limit: 20, outcome });
  }, [hookId, outcome, refresh]);
  const calls = [...(first.data?.data ?? []), ...extra.calls];
  const next = extra.calls.length ? extra.next : first.data?.next;
  const more = async () => {
    setLoadingMore(true);
    try {
      const page = await api.get<InlineHookCall[]>(`/api/v1/inlineHooks/${encodeURIComponent(hookId)}/calls`, { limit: 20, outcome, after: next });
      setExtra((e) => ({ calls: [...e.calls, ...page.data], next: page.next }));
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <Section title="Recent calls" id="recent-calls" actions={(
      <>
        <SelectField label="Show" value={outcome} onChange={setOutcome} className="inline"
          options={[{ value: '', label: 'All calls' }, { value: 'FAILURE', label: 'Failures' }, { value: 'SUCCESS', label: 'Successes' }]} />
        <Button onClick={first.reload}>Refresh</Button>
      </>
    )}>
      {first.error ? <ErrorNotice error={first.error} retry={first.reload} /> : null}
      {first.loading && !first.data ? <Loading /> : null}
      {first.data && calls.length === 0 ? <Empty>No calls yet. Calls appear here as Tollgate makes them.</Empty> : null}
      {calls.length > 0 ? (
        <div className="table-wrap">
          <table className="table calls">
            <caption className="visually-hidden">Recent calls of this inline hook, newest first</caption>
            <thead><tr><th scope="col">Time</th><th scope="col">Outcome</th><th scope="col">HTTP status</th><th scope="col">Duration</th><th scope="col">Attempts</th><th scope="col">Error</th><th scope="col"><span className="visually-hidden">Details</span></th></tr></thead>
            <tbody>{calls.map((c) => <CallRow key={c.id} call={c} />)}</tbody>
          </table>
        </div>
      ) : null}
      {next ? <LoadMore onClick={more} busy={loadingMore} shown={calls.length} /> : null}
    </Section>
  );
}

export function InlineHookPage({ id }: { id: string }) {
  const hook = useLoad(async () => (await api.get<InlineHook>(`/api/v1/inlineHooks/${encodeURIComponent(id)}`)).data, [id]);
  const action = useSubmit();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [callsRefresh, setCallsRefresh] = useState(0);
  const types = useHookTypes();
  const h = hook.data;
  const typeInfo = h ? types.data?.find((t) => t.type === h.type) : undefined;

  const setStatus = async (to: 'activate' | 'deactivate') => {
    const updated = await action.run(async () => (await api.post<InlineHook>(`/api/v1/inlineHooks/${encodeURIComponent(id)}/lifecycle/${to}`)).data);
    if (updated) {
      hook.set(updated);
      flash(to === 'activate' ? 'Inline hook activated' : 'Inline hook deactivated');
    }
  };
  const remove = async () => {
    const done = await action.run(async () => { await api.delete(`/api/v1/inlineHooks/${encodeURIComponent(id)}`); return true; });
    setConfirmDelete(false);
    if (done) {
      flash(`Inline hook "${h?.name}" deleted`);
      navigate('/workflow/inline-hooks');
    }
  };

  const config = h?.channel.config;
  return (
    <Page
      title={h?.name ?? 'Inline hook'}
      subtitle={h ? <>{hookTypeLabel(types.data, h.type)} inline hook · <Badge value={h.status} /></> : undefined}
      crumbs={[{ to: '/workflow/inline-hooks', label: 'Inline Hooks' }]}
      actions={h ? (
        <>
          <ButtonLink to={`/workflow/inline-hooks/${id}/edit`} variant="primary">Edit</ButtonLink>
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
      {h && config ? (
        <>
          <Section title="Settings" id="hook-settings">
            <Facts items={[
              ['Type', <>{hookTypeLabel(types.data, h.type)} <span className="mono muted">{h.type}</span></>],
              ['When it fails', typeInfo ? <>{FAILURE_WORDS[typeInfo.failure]}; {typeInfo.retries ? 'retried once on a timeout, a connection error or a 5xx' : 'never retried'}</> : null],
              ['URL', <span className="mono break">{config.uri}</span>],
              ['Authentication', h.channel.type === 'OAUTH'
                ? <>OAuth 2.0 ({h.channel.config.authType === 'private_key_jwt' ? 'private key' : 'client secret'}), client <span className="mono">{h.channel.config.clientId}</span>, token URL <span className="mono break">{h.channel.config.tokenUrl}</span></>
                : config.authScheme ? <>Header <span className="mono">{config.authScheme.key}</span> with a saved secret (never shown)</> : 'None'],
              ['Custom headers', config.headers?.length ? <ul className="plain">{config.headers.map((x) => <li key={x.key}><span className="mono">{x.key}: {x.value}</span></li>)}</ul> : null],
              ['Created', <Time value={h.created} />],
              ['Last updated', <Time value={h.lastUpdated} />],
              ['Hook ID', <span className="mono">{h.id}</span>],
            ]} />
            {h.status === 'ACTIVE' ? <p className="hint">Deactivate the hook to delete it.</p> : null}
          </Section>
          <PreviewPanel hookId={h.id} onSent={() => setCallsRefresh((n) => n + 1)} />
          <RecentCalls hookId={h.id} refresh={callsRefresh} />
          <ToolkitPanel hookId={h.id} />
        </>
      ) : null}
      <ConfirmDialog open={confirmDelete} title="Delete inline hook" confirmLabel="Delete" busy={action.busy}
        message={<p>Delete the inline hook <strong>{h?.name}</strong>? This cannot be undone.</p>}
        onConfirm={remove} onClose={() => setConfirmDelete(false)} />
    </Page>
  );
}
