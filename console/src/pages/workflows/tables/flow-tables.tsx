import { api, ApiError } from '../../../api/client';
import { Link } from '../../../router';
import { useLoad } from '../../../ui/hooks';
import { Section } from '../../../ui/page';
import type { FlowDefinition } from '../flow-api';
import { tableIdsOfFlow, tablePath, type WorkflowTable } from './table-api';

/** The tables a flow's Tables cards use, linked to their pages; a table that is not here is said so. */
export function FlowTables({ definition }: { definition: FlowDefinition }) {
  const ids = tableIdsOfFlow(definition);
  const tables = useLoad(() => Promise.all(ids.map(async (id) => {
    try {
      return { id, table: (await api.get<WorkflowTable>(tablePath(id))).data };
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return { id, table: undefined };
      throw err;
    }
  })), [ids.join(',')]);
  if (ids.length === 0) return null;
  return (
    <Section title="Tables used" id="flow-tables">
      {tables.error ? <p className="muted">The tables could not be read.</p> : null}
      <ul>
        {(tables.data ?? []).map(({ id, table }) => (
          <li key={id}>
            {table
              ? <><Link to={`/workflows/tables/${encodeURIComponent(id)}`}>{table.name}</Link> <span className="muted small">({table.rowCount} row{table.rowCount === 1 ? '' : 's'})</span></>
              : <><span className="mono">{id}</span> <span className="muted small">(not in Tollgate: the flow fails when a card uses it)</span></>}
          </li>
        ))}
      </ul>
    </Section>
  );
}
