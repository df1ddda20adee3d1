import { useCallback, useEffect, useState } from 'react';
import { api, request } from '../../../api/client';
import { Link, navigate } from '../../../router';
import { ConfirmDialog } from '../../../ui/dialog';
import { flash } from '../../../ui/flash';
import { FormError } from '../../../ui/form';
import { useLoad, useSubmit } from '../../../ui/hooks';
import { Button, Empty, ErrorNotice, Facts, Loading, LoadMore, Page, Section } from '../../../ui/page';
import { RowFormDialog } from './row-form';
import { cellText, columnTypeLabel, rowPath, tableIdsOfFlow, tablePath, type TableRow, type WorkflowTable } from './table-api';
import { allFlows, folderLabel, foldersOf } from './tables-page';
import { RefusalNotice } from '../refusal';

/** Rows per page (the API's default is 200). */
const PAGE_SIZE = 50;

/** The rows shown so far, in creation order, and the cursor of the next page. */
function useRows(tableId: string) {
  const [state, setState] = useState<{ rows: TableRow[]; next?: string; loading: boolean; error?: unknown }>({ rows: [], loading: true });
  const load = useCallback(async (after?: string) => {
    setState((s) => ({ ...s, loading: true, error: undefined }));
    try {
      const page = await api.get<TableRow[]>(`${tablePath(tableId)}/rows`, { limit: PAGE_SIZE, after });
      setState((s) => ({ rows: after ? [...s.rows, ...page.data] : page.data, next: page.next, loading: false }));
    } catch (error) {
      setState((s) => ({ ...s, loading: false, error }));
    }
  }, [tableId]);
  useEffect(() => { void load(); }, [load]);
  return {
    ...state,
    reload: () => load(),
    more: () => load(state.next),
    set: (rows: TableRow[]) => setState((s) => ({ ...s, rows })),
  };
}

function Cell({ value }: { value: TableRow['fields'][string] | undefined }) {
  const text = cellText(value);
  return text === '' ? <span className="muted" aria-label="no value">—</span> : <>{text}</>;
}

type Editing = { kind: 'add' } | { kind: 'edit'; row: TableRow };

/** One table: its columns, its rows (paged), and adding, changing, deleting rows, clearing, CSV; deleting the table. */
export function TablePage({ id }: { id: string }) {
  const table = useLoad(async () => (await api.get<WorkflowTable>(tablePath(id))).data, [id]);
  const flows = useLoad(allFlows, []);
  const folders = flows.data ? foldersOf(flows.data) : undefined;
  // Flows whose Tables cards name this table: they fail at those cards once it is gone.
  const usedBy = (flows.data ?? []).filter((f) => tableIdsOfFlow(f.definition).includes(id));
  const rows = useRows(id);
  const action = useSubmit();
  const removal = useSubmit();
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<TableRow>();
  const [clearing, setClearing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const t = table.data;

  const onSaved = (saved: TableRow) => {
    if (editing?.kind === 'edit') {
      rows.set(rows.rows.map((r) => (r.id === saved.id ? saved : r)));
      flash('Row saved');
    } else {
      // New rows come last; shown at once unless more pages are still to load.
      if (!rows.next) rows.set([...rows.rows, saved]);
      flash('Row added');
    }
    setEditing(undefined);
    table.reload();
  };
  const removeRow = async () => {
    const row = deleting;
    if (!row) return;
    const ok = await action.run(async () => { await api.delete(rowPath(id, row.id)); return true; });
    setDeleting(undefined);
    if (ok) {
      rows.set(rows.rows.filter((r) => r.id !== row.id));
      flash('Row deleted');
      table.reload();
    }
  };
  const clear = async () => {
    const answer = await action.run(() => request<{ clearedRows: number }>('DELETE', `${tablePath(id)}/rows`));
    setClearing(false);
    if (answer) {
      flash(`Table cleared: ${answer.data.clearedRows} row${answer.data.clearedRows === 1 ? '' : 's'} deleted`);
      void rows.reload();
      table.reload();
    }
  };

  const removeTable = async () => {
    const ok = await removal.run(async () => { await api.delete(tablePath(id)); return true; });
    if (ok) {
      setRemoving(false);
      flash(`Table "${t?.name ?? id}" deleted`);
      navigate('/workflows/tables');
    }
  };

  return (
    <Page title={t?.name ?? 'Table'} crumbs={[{ to: '/workflows/tables', label: 'Tables' }]}
      subtitle={t ? <>{folderLabel(folders, t.folderId)} · {t.rowCount} row{t.rowCount === 1 ? '' : 's'}{t.description ? ` · ${t.description}` : ''}</> : undefined}
      actions={t ? (
        <>
          <a className="btn btn-secondary" href={`${tablePath(t.id)}/export`} download>Download CSV</a>
          <Button variant="danger" onClick={() => setClearing(true)} disabled={t.rowCount === 0}>Clear table</Button>
          <Button variant="danger" onClick={() => { removal.clear(); setRemoving(true); }}>Delete table</Button>
        </>
      ) : undefined}>
      {table.error ? <ErrorNotice error={table.error} retry={table.reload} /> : null}
      {table.loading && !t ? <Loading /> : null}
      <FormError error={action.error} />
      {t ? (
        <>
          <Section title="Columns" id="table-columns">
            <div className="table-wrap">
              <table className="table compact">
                <caption className="visually-hidden">Columns of {t.name}</caption>
                <thead><tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Default</th></tr></thead>
                <tbody>
                  {t.columns.map((c) => (
                    <tr key={c.name}><th scope="row">{c.name}</th><td>{columnTypeLabel(c.type)}</td><td>{c.default !== null && c.default !== '' ? c.default : <span className="muted">—</span>}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Facts items={[['Table ID', <span className="mono">{t.id}</span>]]} />
          </Section>
          <Section title="Rows" id="table-rows" actions={<Button variant="primary" onClick={() => setEditing({ kind: 'add' })}>Add row</Button>}>
            {rows.error ? <ErrorNotice error={rows.error} retry={() => void rows.reload()} /> : null}
            {rows.loading && rows.rows.length === 0 ? <Loading /> : null}
            {!rows.loading && !rows.error && rows.rows.length === 0 ? <Empty>This table has no rows.</Empty> : null}
            {rows.rows.length ? (
              <div className="table-wrap">
                <table className="table compact">
                  <caption className="visually-hidden">Rows of {t.name}</caption>
                  <thead>
                    <tr>
                      {t.columns.map((c) => <th scope="col" key={c.name}>{c.name}</th>)}
                      <th scope="col"><span className="visually-hidden">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.rows.map((r, i) => (
                      <tr key={r.id}>
                        {t.columns.map((c) => <td key={c.name}><Cell value={r.fields[c.name]} /></td>)}
                        <td className="row-actions">
                          <Button variant="ghost" onClick={() => setEditing({ kind: 'edit', row: r })}>Edit<span className="visually-hidden"> row {i + 1}</span></Button>
                          <Button variant="ghost" onClick={() => setDeleting(r)}>Delete<span className="visually-hidden"> row {i + 1}</span></Button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {rows.next ? <LoadMore onClick={() => void rows.more()} busy={rows.loading} shown={rows.rows.length} /> : null}
          </Section>
          {editing ? (
            <RowFormDialog key={editing.kind === 'edit' ? editing.row.id : 'new'} table={t} row={editing.kind === 'edit' ? editing.row : undefined}
              open onClose={() => setEditing(undefined)} onSaved={onSaved} />
          ) : null}
        </>
      ) : null}
      <ConfirmDialog open={deleting !== undefined} title="Delete row" confirmLabel="Delete row" busy={action.busy}
        message={<p>Delete this row ({t?.columns.map((c) => cellText(deleting?.fields[c.name])).filter(Boolean).join(', ') || 'no values'})? Flows that look for it will not find it.</p>}
        onConfirm={removeRow} onClose={() => setDeleting(undefined)} />
      <ConfirmDialog open={clearing} title="Clear table" confirmLabel="Delete all rows" busy={action.busy}
        message={<p>Delete all {t?.rowCount} rows of <strong>{t?.name}</strong>? The columns stay.</p>}
        onConfirm={clear} onClose={() => setClearing(false)} />
      <ConfirmDialog open={removing} title="Delete table" confirmLabel="Delete table" busy={removal.busy}
        message={(
          <>
            <p>Delete the table <strong>{t?.name}</strong> with its {t?.rowCount} row{t?.rowCount === 1 ? '' : 's'}? This cannot be undone.</p>
            {usedBy.length ? (
              <p className="notice notice-warn">Used by {usedBy.length === 1 ? 'the flow' : 'the flows'}{' '}
                {usedBy.map((f, i) => <span key={f.id}>{i ? ', ' : ''}<Link to={`/workflows/flows/${encodeURIComponent(f.id)}`}>{f.name}</Link></span>)}:
                {usedBy.length === 1 ? ' it fails' : ' they fail'} when a Tables card reaches it.</p>
            ) : null}
          </>
        )}
        error={<RefusalNotice error={removal.error} />}
        onConfirm={removeTable} onClose={() => setRemoving(false)} />
    </Page>
  );
}
