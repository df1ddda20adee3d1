import { useState } from 'react';
import { isPlaceholderCard, placeholderNote } from '../../components/flow-trigger';
import { SelectField, TextArea } from '../../ui/form';
import { Button } from '../../ui/page';
import { CardConnection } from './card-connection';
import type { Connection } from './connections';
import { fieldName, typeLabel, type Card, type CardCatalogEntry, type Field, type FlowDefinition } from './flow-api';
import { addCard, cardsBefore, isStructural, parseTyped, removeCard, setInputValue, setInputWire, showTyped, wireInto } from './flow-edit';

/** One input: its typed value, or the earlier output wired into it. Read-only unless `editing`. */
function InputEditor({ def, card, field, editing, onChange }: {
  def: FlowDefinition; card: Card; field: Field; editing: boolean; onChange: (def: FlowDefinition) => void;
}) {
  const wire = wireInto(def, card.id, field.id);
  const sources = cardsBefore(def, card.id).flatMap((c) => (c.outputs ?? []).map((o) => ({ value: `${c.id}\u0000${o.id}`, label: `${c.name ?? c.type} › ${fieldName(o)}` })));
  const [text, setText] = useState(showTyped(field.value));
  const [error, setError] = useState<string>();
  const label = <>{field.group ? <span className="muted">{field.group} · </span> : null}{fieldName(field)} <span className="flow-field-type">{typeLabel(field)}</span></>;

  if (!editing) {
    const source = wire ? sources.find((s) => s.value === `${wire.from.card}\u0000${wire.from.field}`)?.label : undefined;
    return (
      <div className="io-row">
        <dt>{label}</dt>
        <dd>{wire ? <span className="wired">← {source ?? `${wire.from.card} › ${wire.from.field}`}{wire.convert ? ` (${wire.convert})` : ''}</span>
          : field.flow ? <span className="muted">A nested flow</span> : <span className="mono break">{showTyped(field.value) || <span className="muted">—</span>}</span>}</dd>
      </div>
    );
  }
  const commit = (t: string) => {
    try {
      setError(undefined);
      onChange(setInputValue(def, card.id, field.id, parseTyped(field, t)));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="io-edit">
      <SelectField label={<>Source of {label}</>} value={wire ? `${wire.from.card}\u0000${wire.from.field}` : ''}
        onChange={(v) => {
          if (!v) return onChange(setInputValue(def, card.id, field.id, parseTypedSafe(field, text)));
          const [from, out] = v.split('\u0000');
          onChange(setInputWire(def, card.id, field.id, { card: from, field: out }));
        }}
        options={[{ value: '', label: 'A typed value' }, ...sources]} />
      {!wire && !field.flow ? (
        field.type === 'boolean' && !field.list
          ? <SelectField label={<>Value of {fieldName(field)}</>} value={text || 'false'} onChange={(v) => { setText(v); commit(v); }}
            options={[{ value: 'true', label: 'True' }, { value: 'false', label: 'False' }]} />
          : <TextArea label={<>Value of {fieldName(field)}</>} value={text} onChange={setText} onBlur={() => commit(text)} error={error}
            rows={field.type === 'number' ? 1 : 3} className="mono-input" spellCheck={false}
            hint={field.type === 'object' || field.list ? 'JSON' : field.type === 'number' ? 'A number' : undefined} />
      ) : null}
    </div>
  );
}

function parseTypedSafe(field: Field, text: string): unknown {
  try {
    return parseTyped(field, text);
  } catch {
    return undefined;
  }
}

/**
 * The selected card: its connection (API Connector and Okta cards), its fields, and in edit mode their
 * editors, the connection picker, Remove, and Add a card after it.
 */
export function CardPanel({ def, card, editing, catalog, connections, onChange, onSelect, onRecheckConnections }: {
  def: FlowDefinition; card: Card; editing: boolean; catalog: CardCatalogEntry[]; connections: Connection[] | undefined;
  onChange: (def: FlowDefinition) => void; onSelect: (id: string | undefined) => void; onRecheckConnections: () => void;
}) {
  const addable = catalog.filter((c) => c.kind !== 'event' && c.type !== 'control:if' && c.type !== 'control:join');
  const [adding, setAdding] = useState('');
  const [where, setWhere] = useState('after');
  const [problem, setProblem] = useState<string>();
  const add = () => {
    const entry = addable.find((c) => c.type === adding);
    if (!entry) return;
    try {
      const place = where === 'after' ? { after: card.id } : { branchOf: card.id, when: where === 'true' };
      const result = addCard(def, entry, place);
      onChange(result.def);
      onSelect(result.id);
      setAdding('');
      setProblem(undefined);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  };
  const placeOptions = card.type === 'control:if'
    ? [{ value: 'true', label: 'First in the "if true" branch' }, { value: 'false', label: 'First in the "else" branch' }]
    : [{ value: 'after', label: 'After this card' }];
  const placeValue = placeOptions.some((o) => o.value === where) ? where : placeOptions[0].value;

  return (
    <section className="card-panel" aria-labelledby="card-panel-title">
      <div className="card-panel-head">
        <h3 id="card-panel-title">{card.name ?? card.type}</h3>
        <span className="mono muted small">{card.type} · id {card.id}</span>
      </div>
      {isPlaceholderCard(card.type) ? <p className="notice notice-info">{placeholderNote(card.type)}. Its fields are shown as they came.</p> : null}
      <CardConnection def={def} card={card} editing={editing} connections={connections} onChange={onChange} onRecheck={onRecheckConnections} />
      {card.inputs?.length ? (
        <>
          <h4>Inputs</h4>
          {editing
            ? card.inputs.map((f) => <InputEditor key={`${card.id}-${f.id}`} def={def} card={card} field={f} editing onChange={onChange} />)
            : <dl className="io">{card.inputs.map((f) => <InputEditor key={f.id} def={def} card={card} field={f} editing={false} onChange={onChange} />)}</dl>}
        </>
      ) : null}
      {card.outputs?.length ? (
        <>
          <h4>Outputs</h4>
          <ul className="plain outputs">{card.outputs.map((f) => <li key={f.id}>{f.group ? <span className="muted">{f.group} · </span> : null}{fieldName(f)} <span className="flow-field-type">{typeLabel(f)}</span></li>)}</ul>
        </>
      ) : null}
      {editing ? (
        <div className="card-panel-edit">
          {!isStructural(def, card)
            ? <Button variant="danger" onClick={() => { onChange(removeCard(def, card.id)); onSelect(undefined); }}>Remove this card</Button>
            : <p className="hint">The event card, If/Else and Join hold the flow together and cannot be removed here.</p>}
          <div className="add-card">
              <SelectField label="Add a card" value={adding} onChange={setAdding}
                options={[{ value: '', label: 'Choose a card…' }, ...addable.map((c) => ({ value: c.type, label: `${c.title} (${c.type})` }))]}
                hint={addable.find((c) => c.type === adding)?.description} />
              <SelectField label="Where" value={placeValue} onChange={setWhere} options={placeOptions} />
              <Button onClick={add} disabled={!adding}>Add card</Button>
              {problem ? <p className="field-error">{problem}</p> : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
