import { BASE, Link } from '../../router';
import { SelectField } from '../../ui/form';
import { Badge, Button } from '../../ui/page';
import type { Connection } from './connections';
import type { Card, FlowDefinition } from './flow-api';
import { connectionOfCard, connectorOfCard, setCardConnection } from './flow-edit';

const CONNECTOR_LABELS: Record<string, string> = { httpfunctions: 'API Connector', okta: 'Okta' };

function bindPath(connection: Connection): string {
  return `/workflows/connections?bind=${encodeURIComponent(connection.id)}`;
}

/** Bound or not; an unbound connection links to its binding (in a new tab while editing, so the draft stays). */
function BindingState({ connection, editing, onRecheck }: { connection: Connection; editing: boolean; onRecheck: () => void }) {
  if (connection.bound) return <Badge value="ACTIVE" label="Bound" />;
  return (
    <>
      <Badge value="WARN" label="Not bound" />
      <p className="hint">
        {connection.connector === 'okta'
          ? 'Okta cards work against this org either way; binding records that the connection stands for it. '
          : 'The card fails until its connection is bound. '}
        {editing ? (
          <>
            <a href={`${BASE}${bindPath(connection)}`} target="_blank" rel="noopener">Bind {connection.name}<span className="visually-hidden"> (opens in a new tab)</span></a>
            {' '}<Button variant="ghost" onClick={onRecheck}>Check again</Button>
          </>
        ) : <Link to={bindPath(connection)}>Bind {connection.name}</Link>}
      </p>
    </>
  );
}

/**
 * The connection of an API Connector or Okta card (`okta.node.model.config`), and in edit mode a choice of
 * the connections of the same connector (or none, for API Connector cards). The choice goes into the draft
 * and is stored with the flow when it is saved.
 */
export function CardConnection({ def, card, editing, connections, onChange, onRecheck }: {
  def: FlowDefinition; card: Card; editing: boolean; connections: Connection[] | undefined; onChange: (def: FlowDefinition) => void; onRecheck: () => void;
}) {
  const connector = connectorOfCard(card.type);
  if (!connector) return null;
  const currentId = connectionOfCard(card);
  const current = currentId ? connections?.find((c) => c.id === currentId) : undefined;
  const missing = currentId !== undefined && connections !== undefined && !current;
  const candidates = (connections ?? []).filter((c) => c.connector === connector).sort((a, b) => a.name.localeCompare(b.name));

  if (!editing) {
    return (
      <div className="card-connection">
        <h4>Connection</h4>
        {currentId === undefined ? <p className="muted">None{connector === 'httpfunctions' ? ': the request is sent without a connection\'s auth' : ''}.</p>
          : missing ? <p><span className="mono">{currentId}</span> <span className="muted small">(not in Tollgate: import it with the flow or pick another)</span></p>
            : current ? <p><span className="strong">{current.name}</span> <BindingState connection={current} editing={false} onRecheck={onRecheck} /></p>
              : <p className="muted">Loading…</p>}
      </div>
    );
  }
  const options = [
    ...(connector === 'httpfunctions' || currentId === undefined ? [{ value: '', label: 'None' }] : []),
    ...(missing && currentId ? [{ value: currentId, label: `${currentId} (not in Tollgate)` }] : []),
    ...candidates.map((c) => ({ value: c.id, label: `${c.name}${c.bound ? '' : ' (not bound)'}` })),
  ];
  return (
    <div className="card-connection">
      <h4>Connection</h4>
      <SelectField label={`${CONNECTOR_LABELS[connector]} connection`} value={currentId ?? ''} options={options}
        onChange={(v) => onChange(setCardConnection(def, card.id, v === '' ? null : v))}
        hint={`The ${CONNECTOR_LABELS[connector]} connections here; they are made and bound under Workflows → Connections.`} />
      {current ? <BindingState connection={current} editing onRecheck={onRecheck} /> : null}
    </div>
  );
}
