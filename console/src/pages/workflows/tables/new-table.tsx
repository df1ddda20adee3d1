import { useState, type FormEvent } from 'react';
import { api } from '../../../api/client';
import { Dialog } from '../../../ui/dialog';
import { fieldErrors, FormError, SelectField, TextArea, TextField } from '../../../ui/form';
import { useSubmit } from '../../../ui/hooks';
import { Button } from '../../../ui/page';
import { columnTypeLabel, TABLES_API, type ColumnType, type WorkflowTable } from './table-api';

const COLUMN_TYPES: ColumnType[] = ['str', 'dec', 'dte', 'bln'];

const DEFAULT_HINTS: Partial<Record<ColumnType, string>> = {
  dec: 'Optional: a number.',
  dte: 'Optional: ISO-8601, for example 2024-05-01.',
};

interface ColumnDraft {
  /** A stable React key: rows come and go while the admin types. */
  key: number;
  name: string;
  type: ColumnType;
  default: string;
}

/**
 * A new table (`POST /api/workflows/v1/tables`): name, description, folder (the folders the flows have) and
 * its columns, each with a type and an optional default. The server checks everything at once and creates
 * nothing on a problem; its causes (`name`, `columns[i].name`, `columns[i].default`, …) are shown at their
 * fields. A column row removed before a failed save renumbers the rest, so the causes stay with the rows sent.
 */
export function NewTableDialog({ folders, onClose, onCreated }: {
  folders: Map<string, string> | undefined; onClose: () => void; onCreated: (table: WorkflowTable) => void;
}) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [folderId, setFolderId] = useState('');
  const [nextKey, setNextKey] = useState(2);
  const [columns, setColumns] = useState<ColumnDraft[]>([{ key: 1, name: '', type: 'str', default: '' }]);
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);

  const change = (key: number, patch: Partial<ColumnDraft>) => setColumns((all) => all.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  const addColumn = () => {
    setColumns((all) => [...all, { key: nextKey, name: '', type: 'str', default: '' }]);
    setNextKey((k) => k + 1);
  };
  const removeColumn = (key: number) => {
    setColumns((all) => all.filter((c) => c.key !== key));
    // The causes name columns by position: once the rows move, they no longer match.
    submit.clear();
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name,
      description: description.trim() === '' ? null : description,
      folderId: folderId === '' ? null : folderId,
      columns: columns.map((c) => ({ name: c.name, type: c.type, default: c.default === '' ? null : c.default })),
    };
    const created = await submit.run(async () => (await api.post<WorkflowTable>(TABLES_API, body)).data);
    if (created) onCreated(created);
  };

  const folderOptions = [{ value: '', label: 'Unfiled' }, ...[...(folders ?? new Map<string, string>())].sort((a, b) => a[1].localeCompare(b[1])).map(([id, label]) => ({ value: id, label }))];
  const claimed = ['name', 'description', 'folderId', ...columns.flatMap((_c, i) => [`columns[${i}].name`, `columns[${i}].type`, `columns[${i}].default`])];

  return (
    <Dialog open title="New table" onClose={onClose}>
      <form className="form" onSubmit={onSubmit} noValidate aria-label="New table">
        <FormError error={submit.error} claimed={claimed} />
        <TextField label="Name" value={name} onChange={setName} required autoComplete="off" error={errors.byField(['name'])} />
        <TextArea label="Description" value={description} onChange={setDescription} rows={2} error={errors.byField(['description'])} hint="Optional." />
        <SelectField label="Folder" value={folderId} onChange={setFolderId} options={folderOptions} error={errors.byField(['folderId'])}
          hint="The folders of the flows here. A flow's Tables cards can use any table." />
        <fieldset className="columns-editor">
          <legend>Columns</legend>
          {columns.map((column, i) => (
            <div className="column-row" key={column.key} role="group" aria-label={`Column ${i + 1}`}>
              <TextField label={`Column ${i + 1} name`} value={column.name} onChange={(v) => change(column.key, { name: v })} required autoComplete="off"
                error={errors.byField([`columns[${i}].name`])} />
              <SelectField label={`Column ${i + 1} type`} value={column.type} onChange={(v) => change(column.key, { type: v as ColumnType, default: '' })}
                options={COLUMN_TYPES.map((t) => ({ value: t, label: columnTypeLabel(t) }))} error={errors.byField([`columns[${i}].type`])} />
              {column.type === 'bln' ? (
                <SelectField label={`Column ${i + 1} default`} value={column.default} onChange={(v) => change(column.key, { default: v })}
                  options={[{ value: '', label: '(no default)' }, { value: 'true', label: 'true' }, { value: 'false', label: 'false' }]}
                  error={errors.byField([`columns[${i}].default`])} />
              ) : (
                <TextField label={`Column ${i + 1} default`} value={column.default} onChange={(v) => change(column.key, { default: v })} autoComplete="off"
                  hint={DEFAULT_HINTS[column.type] ?? 'Optional.'} error={errors.byField([`columns[${i}].default`])} />
              )}
              <Button type="button" variant="ghost" onClick={() => removeColumn(column.key)} disabled={columns.length === 1}>
                Remove<span className="visually-hidden"> column {i + 1}</span>
              </Button>
            </div>
          ))}
          <Button type="button" onClick={addColumn} disabled={columns.length >= 100}>Add column</Button>
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={submit.busy}>Create table</Button>
          <Button type="button" onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
