import { useState } from 'react';
import { api, getAll } from '../../api/client';
import { Link, navigate } from '../../router';
import { ConfirmDialog } from '../../ui/dialog';
import { flash } from '../../ui/flash';
import { FormError } from '../../ui/form';
import { useLoad, useSubmit } from '../../ui/hooks';
import { Badge, Button, ErrorNotice, Facts, Loading, Page, Section } from '../../ui/page';
import { PlaceholderBadge, TriggerSummary } from '../../components/flow-trigger-view';
import { isPlaceholderCard, placeholderNote } from '../../components/flow-trigger';
import { CardPanel } from './card-panel';
import { CONNECTIONS_API, type Connection } from './connections';
import { ExecutionDetail, ExecutionList } from './executions';
import { FlowCanvas } from './flow-canvas';
import { folderName, triggerOf, WORKFLOWS_API, type CardCatalogEntry, type Flow, type FlowDefinition } from './flow-api';
import { allCards, findCard } from './flow-edit';
import { FlowSwitch } from './flows';
import { FlowTables } from './tables/flow-tables';

function Secret({ value, label }: { value: string; label: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="secret">
      <span className="mono break" aria-label={shown ? undefined : `${label}, hidden`}>{shown ? value : '•'.repeat(24)}</span>
      <Button variant="ghost" onClick={() => setShown((s) => !s)} aria-pressed={shown}>{shown ? 'Hide' : 'Show'}<span className="visually-hidden"> {label}</span></Button>
      <CopyButton value={value} label={label} />
    </span>
  );
}

function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button variant="ghost" onClick={async () => {
      await navigator.clipboard?.writeText(value).catch(() => undefined);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 1500);
    }}>{copied ? 'Copied' : 'Copy'}<span className="visually-hidden"> {label}</span></Button>
  );
}

function Tabs({ flowId, current }: { flowId: string; current: 'flow' | 'history' }) {
  return (
    <nav className="tabs" aria-label="Flow">
      <Link to={`/workflows/flows/${flowId}`} aria-current={current === 'flow' ? 'page' : undefined}>Flow</Link>
      <Link to={`/workflows/flows/${flowId}/executions`} aria-current={current === 'history' ? 'page' : undefined}>Execution history</Link>
    </nav>
  );
}

function FlowView({ flow, onSaved }: { flow: Flow; onSaved: (f: Flow) => void }) {
  const [selected, setSelected] = useState<string>();
  const [draft, setDraft] = useState<FlowDefinition>();
  const catalog = useLoad(async () => (await api.get<CardCatalogEntry[]>(`${WORKFLOWS_API}/cards`)).data, []);
  const connections = useLoad(() => getAll<Connection>(CONNECTIONS_API, { limit: 200 }), []);
  const save = useSubmit();
  const editing = draft !== undefined;
  const def = draft ?? flow.definition;
  const card = selected ? findCard(def, selected) : undefined;

  const onSave = async () => {
    const saved = await save.run(async () => (await api.put<Flow>(`${WORKFLOWS_API}/flows/${encodeURIComponent(flow.id)}`, draft)).data);
    if (saved) {
      setDraft(undefined);
      flash('Flow saved');
      onSaved(saved);
    }
  };

  return (
    <Section title="Cards" id="flow-cards" actions={editing ? (
      <>
        <Button variant="primary" onClick={onSave} busy={save.busy}>Save flow</Button>
        <Button onClick={() => { setDraft(undefined); save.clear(); }}>Discard changes</Button>
      </>
    ) : <Button onClick={() => setDraft(flow.definition)}>Edit flow</Button>}>
      {editing ? <p className="notice notice-info">Editing: change card inputs and connections, add or remove cards, then save. Nothing changes until you save.</p> : null}
      <FormError error={save.error} />
      <div className="flow-layout">
        <FlowCanvas def={def} selected={selected} onSelect={setSelected} />
        <aside className="flow-side" aria-label="Card details">
          {card
            ? <CardPanel def={def} card={card} editing={editing} catalog={catalog.data ?? []} connections={connections.data} onChange={setDraft}
              onSelect={setSelected} onRecheckConnections={connections.reload} />
            : <p className="muted">Select a card to see its fields{editing ? ' and change them' : ''}.</p>}
          <h3 className="cards-title">Cards in order</h3>
          <ol className="card-list">
            {allCards(def.cards).map((c) => (
              <li key={c.id}>
                <button type="button" className={`card-link${c.id === selected ? ' is-current' : ''}`} aria-current={c.id === selected ? 'true' : undefined} onClick={() => setSelected(c.id)}>
                  {c.name ?? c.type} <span className="muted small mono">{c.type}</span><PlaceholderBadge type={c.type} />
                </button>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </Section>
  );
}

export function FlowPage({ id, tab, executionId }: { id: string; tab: 'flow' | 'history'; executionId?: string }) {
  const flow = useLoad(async () => (await api.get<Flow>(`${WORKFLOWS_API}/flows/${encodeURIComponent(id)}`)).data, [id]);
  const action = useSubmit();
  const [confirm, setConfirm] = useState(false);
  const f = flow.data;
  // Cards of connectors Tollgate lacks are placeholders; the other unsupported cards are Tollgate's gaps.
  // The server's list covers cards in nested flows (a For Each's) too, which the canvas does not show.
  const shown = f ? allCards(f.definition.cards) : [];
  const placeholders = f ? [...shown, ...f.unsupportedCards.filter((u) => !shown.some((c) => c.id === u.id))].filter((c) => isPlaceholderCard(c.type)) : [];
  const unsupported = f ? f.unsupportedCards.filter((c) => !isPlaceholderCard(c.type)) : [];
  const remove = async () => {
    setConfirm(false);
    const ok = await action.run(async () => { await api.delete(`${WORKFLOWS_API}/flows/${encodeURIComponent(id)}`); return true; });
    if (ok) { flash(`Flow "${f?.name}" deleted`); navigate('/workflows'); }
  };
  return (
    <Page title={f?.name ?? 'Flow'} crumbs={[{ to: '/workflows', label: 'Flows' }]}
      subtitle={f ? <>{folderName(f)} · {triggerOf(f.definition)}{f.description ? ` · ${f.description}` : ''}</> : undefined}
      actions={f ? (
        <>
          <FlowSwitch flow={f} onChange={flow.set} />
          <a className="btn btn-secondary" href={`${WORKFLOWS_API}/flows/${encodeURIComponent(f.id)}/export`} download>Export</a>
          {f.status === 'INACTIVE' ? <Button variant="danger" onClick={() => setConfirm(true)}>Delete</Button> : null}
        </>
      ) : undefined}>
      {flow.error ? <ErrorNotice error={flow.error} retry={flow.reload} /> : null}
      {flow.loading && !f ? <Loading /> : null}
      <FormError error={action.error} />
      {f ? (
        <>
          <Tabs flowId={f.id} current={tab} />
          {tab === 'flow' ? (
            <>
              {unsupported.length ? (
                <div className="notice notice-warn" role="note">
                  <p>Tollgate cannot run {unsupported.length === 1 ? 'this card' : 'these cards'} yet; the flow fails when it reaches {unsupported.length === 1 ? 'it' : 'one'}: {unsupported.map((c) => `${c.name ?? c.type} (${c.type})`).join(', ')}.</p>
                </div>
              ) : null}
              {placeholders.length ? (
                <div className="notice notice-info" role="note" aria-label="Placeholder cards">
                  <p>Cards of connectors Tollgate does not have are placeholders: kept so that the flow exports as it came, but the flow fails if it reaches one.</p>
                  <ul>{placeholders.map((c) => (
                    <li key={c.id}>{c.name ?? c.type}: {placeholderNote(c.type)}</li>
                  ))}</ul>
                </div>
              ) : null}
              <Section title="Settings" id="flow-settings">
                <Facts items={[
                  ['Status', <Badge value={f.status} label={f.status === 'ACTIVE' ? 'On' : 'Off'} />],
                  ['Trigger', <TriggerSummary flow={f} showUrl={false} />],
                  ['Invoke URL', f.invokeUrl ? <span className="secret"><span className="mono break">{f.invokeUrl}</span><CopyButton value={f.invokeUrl} label="invoke URL" /></span> : 'This flow does not start with an API Endpoint card.'],
                  ['Security', f.securityLevel === 'medium' ? 'Client token' : f.securityLevel === 'open' ? 'Public (no token)' : f.securityLevel === 'high' ? 'OAuth 2.0 (not supported)' : null],
                  ['Client token', f.clientToken ? <Secret value={f.clientToken} label="client token" /> : null],
                  ['Save all data', f.saveAllData ? 'Yes: executions keep each card\'s inputs and outputs' : 'No: executions keep timing and errors only'],
                  ['Flow ID', <span className="mono">{f.id}</span>],
                ]} />
                {f.clientToken ? <p className="hint">Send the token in the <span className="mono">x-api-client-token</span> header (an inline hook's authentication field) or as <span className="mono">?clientToken=</span>.</p> : null}
              </Section>
              <FlowTables definition={f.definition} />
              <FlowView key={f.lastUpdated} flow={f} onSaved={flow.set} />
            </>
          ) : executionId ? <ExecutionDetail flow={f} executionId={executionId} /> : <ExecutionList flow={f} />}
        </>
      ) : null}
      <ConfirmDialog open={confirm} title="Delete flow" confirmLabel="Delete" busy={action.busy}
        message={<p>Delete the flow <strong>{f?.name}</strong> and its execution history?</p>}
        onConfirm={remove} onClose={() => setConfirm(false)} />
    </Page>
  );
}

