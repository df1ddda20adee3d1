import { useState } from 'react';
import { getAll } from '../../../api/client';
import { Link, navigate } from '../../../router';
import { flash } from '../../../ui/flash';
import { useLoad } from '../../../ui/hooks';
import { Button, Empty, ErrorNotice, Loading, Page, Time } from '../../../ui/page';
import { WORKFLOWS_API, type Flow } from '../flow-api';
import { NewTableDialog } from './new-table';
import { columnTypeLabel, TABLES_API, type WorkflowTable } from './table-api';

/**
 * Folder names by id. The Tables API names a table's folder by id only; the flows of the same folder carry
 * its name (a folder is imported with its flows).
 */
export async function folderNames(): Promise<Map<string, string>> {
  return foldersOf(await allFlows());
}

export function allFlows(): Promise<Flow[]> {
  return getAll<Flow>(`${WORKFLOWS_API}/flows`, { limit: 200 });
}

export function foldersOf(flows: readonly Flow[]): Map<string, string> {
  return new Map(flows.flatMap((f) => (f.folder ? [[f.folder.id, f.folder.name] as const] : [])));
}

export function folderLabel(folders: Map<string, string> | undefined, folderId: string | null): string {
  if (!folderId) return 'Unfiled';
  return folders?.get(folderId) ?? folderId;
}

/** Every Workflows table: its folder, columns and number of rows; a new table is made here. */
export function TablesPage() {
  const tables = useLoad(() => getAll<WorkflowTable>(TABLES_API, { limit: 200 }), []);
  const folders = useLoad(folderNames, []);
  const [creating, setCreating] = useState(false);
  const sorted = [...(tables.data ?? [])].sort((a, b) => folderLabel(folders.data, a.folderId).localeCompare(folderLabel(folders.data, b.folderId)) || a.name.localeCompare(b.name));
  return (
    <Page title="Tables" subtitle="Workflows tables: data that flows read and write with the Tables cards. Tables come with the flows that use them when you import a .flopack, or are made here."
      actions={<Button variant="primary" onClick={() => setCreating(true)}>New table</Button>}>
      {tables.error ? <ErrorNotice error={tables.error} retry={tables.reload} /> : null}
      {tables.loading && !tables.data ? <Loading /> : null}
      {tables.data?.length === 0 ? <Empty>No tables yet. Make one with New table, or import a .flopack whose flows use tables on the Flows page.</Empty> : null}
      {sorted.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Tables</caption>
            <thead><tr><th scope="col">Table</th><th scope="col">Folder</th><th scope="col">Columns</th><th scope="col">Rows</th><th scope="col">Last updated</th></tr></thead>
            <tbody>
              {sorted.map((t) => (
                <tr key={t.id}>
                  <td>
                    <Link to={`/workflows/tables/${encodeURIComponent(t.id)}`} className="strong">{t.name}</Link>
                    {t.description ? <div className="muted small">{t.description}</div> : null}
                  </td>
                  <td>{folderLabel(folders.data, t.folderId)}</td>
                  <td>{t.columns.map((c) => `${c.name} (${columnTypeLabel(c.type)})`).join(', ')}</td>
                  <td>{t.rowCount}</td>
                  <td className="nowrap"><Time value={t.lastUpdated} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {creating ? (
        <NewTableDialog folders={folders.data} onClose={() => setCreating(false)}
          onCreated={(t) => { setCreating(false); flash(`Table "${t.name}" created`); navigate(`/workflows/tables/${encodeURIComponent(t.id)}`); }} />
      ) : null}
    </Page>
  );
}
