import { useRef, useState, type ChangeEvent } from 'react';
import { api, getAll } from '../../api/client';
import { Link } from '../../router';
import { flash } from '../../ui/flash';
import { FormError } from '../../ui/form';
import { useLoad, useSubmit } from '../../ui/hooks';
import { Badge, Button, Empty, ErrorNotice, Loading, Page, Section, Time } from '../../ui/page';
import { TriggerSummary } from '../../components/flow-trigger-view';
import { folderName, WORKFLOWS_API, type Flow, type ImportResult } from './flow-api';

/** On/off switch for a flow (a button with role=switch, as in Okta's flow list). */
export function FlowSwitch({ flow, onChange }: { flow: Flow; onChange: (f: Flow) => void }) {
  const submit = useSubmit();
  const on = flow.status === 'ACTIVE';
  const toggle = async () => {
    const updated = await submit.run(async () => (await api.post<Flow>(`${WORKFLOWS_API}/flows/${encodeURIComponent(flow.id)}/${on ? 'deactivate' : 'activate'}`)).data);
    if (updated) {
      flash(`Flow "${updated.name}" turned ${updated.status === 'ACTIVE' ? 'on' : 'off'}`);
      onChange(updated);
    }
  };
  return (
    <span className="switch-wrap">
      <button type="button" role="switch" aria-checked={on} className={`switch${on ? ' is-on' : ''}`} onClick={toggle} disabled={submit.busy}
        aria-label={`${flow.name} is ${on ? 'on' : 'off'}`}>
        <span className="switch-knob" aria-hidden="true" />
      </button>
      <span className="switch-text" aria-hidden="true">{on ? 'On' : 'Off'}</span>
      {submit.error ? <span className="field-error">{submit.error.message}</span> : null}
    </span>
  );
}

/** Import: choose a .flopack (.flow, .folder) file; it is read as JSON and POSTed to the import endpoint. */
export function ImportButton({ onImported }: { onImported: (r: ImportResult) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const submit = useSubmit();
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const result = await submit.run(async () => {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not a JSON file. Choose a .flopack, .flow or .folder export.`);
      }
      return (await api.post<ImportResult>(`${WORKFLOWS_API}/import`, json)).data;
    });
    if (result) onImported(result);
  };
  return (
    <div className="import">
      <input ref={input} type="file" id="flow-import-file" accept=".flopack,.flow,.folder,.json,application/json" hidden onChange={onFile} />
      <Button variant="primary" onClick={() => input.current?.click()} busy={submit.busy}>{submit.busy ? 'Importing…' : 'Import'}</Button>
      <FormError error={submit.error} />
    </div>
  );
}

export function FlowsPage() {
  const flows = useLoad(() => getAll<Flow>(`${WORKFLOWS_API}/flows`, { limit: 200 }), []);
  const [imported, setImported] = useState<ImportResult>();
  const byFolder = new Map<string, Flow[]>();
  for (const f of flows.data ?? []) byFolder.set(folderName(f), [...(byFolder.get(folderName(f)) ?? []), f]);
  const folders = [...byFolder.keys()].sort((a, b) => (a === 'Unfiled' ? 1 : b === 'Unfiled' ? -1 : a.localeCompare(b)));
  const replace = (f: Flow) => flows.set((flows.data ?? []).map((x) => (x.id === f.id ? f : x)));

  return (
    <Page title="Flows" subtitle="Okta Workflows flows that run here: API Endpoint flows answer at their invoke URL, for example as an inline hook."
      actions={<ImportButton onImported={(r) => { setImported(r); flash(`Imported ${r.flows.length} flow${r.flows.length === 1 ? '' : 's'}`); flows.reload(); }} />}>
      {imported ? (
        <div className="notice notice-info" role="status">
          <p>
            Imported {imported.flows.map((f, i) => <span key={f.id}>{i ? ', ' : ''}<Link to={`/workflows/flows/${f.id}`}>{f.name}</Link></span>)}
            {' '}({imported.created} new, {imported.replaced} replaced). New flows are off until you turn them on.
            {imported.ignored.tables.length || imported.ignored.connections.length
              ? ` Not imported: ${[...imported.ignored.tables.map((t) => `table ${t}`), ...imported.ignored.connections.map((c) => `connection ${c}`)].join(', ')}.` : ''}
            {imported.tables?.length ? <> Tables: {imported.tables.join(', ')} (<Link to="/workflows/tables">open Tables</Link>).</> : null}
            {imported.connections?.length ? (
              <> Connections: {imported.connections.map((c) => `${c.name}${c.bound ? '' : ' (not bound)'}`).join(', ')} (<Link to="/workflows/connections">open Connections</Link>).</>
            ) : null}
          </p>
        </div>
      ) : null}
      {flows.error ? <ErrorNotice error={flows.error} retry={flows.reload} /> : null}
      {flows.loading && !flows.data ? <Loading /> : null}
      {flows.data?.length === 0 ? <Empty>No flows yet. Import a .flopack exported from Okta Workflows.</Empty> : null}
      {folders.map((folder) => (
        <Section key={folder} title={<><span aria-hidden="true">📁 </span>{folder}</>} id={`folder-${folder.replace(/\W+/g, '-')}`}>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Flows in {folder}</caption>
              <thead><tr><th scope="col">Flow</th><th scope="col">On</th><th scope="col">Starts with</th><th scope="col">Last updated</th></tr></thead>
              <tbody>
                {byFolder.get(folder)!.map((f) => (
                  <tr key={f.id}>
                    <td>
                      <Link to={`/workflows/flows/${f.id}`} className="strong">{f.name}</Link>
                      {f.description ? <div className="muted small">{f.description}</div> : null}
                      {f.unsupportedCards.length ? <div className="small"><Badge value="WARN" label={`${f.unsupportedCards.length} card${f.unsupportedCards.length === 1 ? '' : 's'} not supported`} /></div> : null}
                    </td>
                    <td><FlowSwitch flow={f} onChange={replace} /></td>
                    <td><TriggerSummary flow={f} /></td>
                    <td className="nowrap"><Time value={f.lastUpdated} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      ))}
    </Page>
  );
}
