import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../../api/client';
import { Dialog } from '../../../ui/dialog';
import { SelectField, TextField } from '../../../ui/form';
import { useSubmit } from '../../../ui/hooks';
import { Button } from '../../../ui/page';
import {
  cellText, columnTypeLabel, inputToCell, rowErrors, rowPath, tablePath, type CellValue, type TableColumn, type TableRow, type WorkflowTable,
} from './table-api';

const HINTS: Record<string, string> = {
  dec: 'A number, for example 42 or 3.5.',
  dte: 'ISO-8601, for example 2024-05-01 or 2024-05-01T09:30:00Z.',
};

function ColumnInput({ column, value, onChange, error }: { column: TableColumn; value: string; onChange: (v: string) => void; error?: string }) {
  const label = <>{column.name} <span className="muted small">({columnTypeLabel(column.type)})</span></>;
  if (column.type === 'bln') {
    return (
      <SelectField label={label} value={value} onChange={onChange} error={error}
        options={[{ value: '', label: '(no value)' }, { value: 'true', label: 'true' }, { value: 'false', label: 'false' }]} />
    );
  }
  return (
    <TextField label={label} value={value} onChange={onChange} error={error} hint={HINTS[column.type]}
      inputMode={column.type === 'dec' ? 'decimal' : undefined} autoComplete="off" />
  );
}

/** The top of the row form: the server's summary and the causes not shown at a column. */
function RowFormError({ error, other, atFields }: { error: unknown; other: string[]; atFields: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!error) return;
    ref.current?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  if (!error) return null;
  const summary = atFields && error instanceof ApiError && error.errorCode === 'E0000001'
    ? 'Some fields need attention.'
    : error instanceof ApiError ? error.errorSummary : error instanceof Error ? error.message : String(error);
  return (
    <div className="form-error" role="alert" ref={ref}>
      <p><strong>{summary}</strong>{atFields ? ' See the fields marked below.' : ''}</p>
      {other.length ? <ul>{other.map((o) => <li key={o}>{o}</li>)}</ul> : null}
    </div>
  );
}

/**
 * Adds a row (`row` undefined) or changes one: one input per column, by its type. A new row gets the values
 * typed (columns left empty take their default); a changed row gets only the columns that changed.
 */
export function RowFormDialog({ table, row, open, onClose, onSaved }: {
  table: WorkflowTable; row?: TableRow; open: boolean; onClose: () => void; onSaved: (row: TableRow) => void;
}) {
  const initial = () => Object.fromEntries(table.columns.map((c) => [c.name, cellText(row?.fields[c.name])]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const submit = useSubmit();
  const errors = rowErrors(submit.error, table.columns);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const fields: Record<string, CellValue> = {};
    for (const column of table.columns) {
      const text = values[column.name] ?? '';
      if (row ? text === cellText(row.fields[column.name]) : text === '') continue;
      fields[column.name] = inputToCell(column, text);
    }
    const saved = await submit.run(async () => (row
      ? await api.post<TableRow>(rowPath(table.id, row.id), { fields })
      : await api.post<TableRow>(`${tablePath(table.id)}/rows`, { fields })).data);
    if (saved) onSaved(saved);
  };

  return (
    <Dialog open={open} title={row ? 'Edit row' : 'Add row'} onClose={onClose}>
      <form className="form" onSubmit={onSubmit} noValidate aria-label={row ? 'Edit row' : 'Add row'}>
        <RowFormError error={submit.error} other={errors.other} atFields={errors.byColumn.size > 0} />
        {table.columns.map((column) => (
          <ColumnInput key={column.name} column={column} value={values[column.name] ?? ''} error={errors.byColumn.get(column.name)}
            onChange={(v) => setValues((all) => ({ ...all, [column.name]: v }))} />
        ))}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={submit.busy}>{row ? 'Save row' : 'Add row'}</Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
