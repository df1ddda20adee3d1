import { useCallback, useEffect, useState } from 'react';
import { api, request } from '../../../api/client';
import { ConfirmDialog } from '../../../ui/dialog';
import { flash } from '../../../ui/flash';
import { FormError } from '../../../ui/form';
import { useLoad, useSubmit } from '../../../ui/hooks';
import { Button, Empty, ErrorNotice, Facts, Loading, LoadMore, Page, Section } from '../../../ui/page';
import { RowFormDialog } from './row-form';
import { cellText, columnTypeLabel, rowPath, tablePath, type TableRow, type WorkflowTable } from './table-api';
import { folderLabel, folderNames } from './tables-page';

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

/** One table: its columns, its rows (paged), and adding, changing, deleting rows, clearing, CSV. */
export function TablePage({ id }: { id: string }) {
  const table = useLoad(async () => (await api.get<WorkflowTable>(tablePath(id))).data, [id]);
  const folders = useLoad(folderNames, []);
  const rows = useRows(id);
  const action = useSubmit();
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<TableRow>();
  const [clearing, setClearing] = useState(false);
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

  return (
    <Page title={t?.name ?? 'Table'} crumbs={[{ to: '/workflows/tables', label: 'Tables' }]}
      subtitle={t ? <>{folderLabel(folders.data, t.folderId)} · {t.rowCount} row{t.rowCount === 1 ? '' : 's'}{t.description ? ` · ${t.description}` : ''}</> : undefined}
      actions={t ? (
        <>
          <a className="btn btn-secondary" href={`${tablePath(t.id)}/export`} download>Download CSV</a>
          <Button variant="danger" onClick={() => setClearing(true)} disabled={t.rowCount === 0}>Clear table</Button>
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
                    <tr key={c.name}><th scope="row">{c.name}</th><td>{columnTypeLabel(c.type)}</td><td>{c.default ?? <span className="muted">—</span>}</td></tr>
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
    </Page>
  );
}
