import { useState, type FormEvent } from 'react';
import { api, ApiError, getAll } from '../../api/client';
import type { SchemaAttribute, UserSchema, UserType } from '../../api/types';
import { Link, navigate } from '../../router';
import { ConfirmDialog, Dialog } from '../../ui/dialog';
import { flash } from '../../ui/flash';
import { Checkbox, fieldErrors, FormError, SelectField, TextField } from '../../ui/form';
import { useLoad, useSubmit } from '../../ui/hooks';
import { Badge, Button, ErrorNotice, Facts, Loading, Page, Section } from '../../ui/page';

function schemaPath(type: UserType): string {
  return new URL(type._links.schema.href, window.location.origin).pathname;
}

function UserTypeForm({ onSaved, onCancel }: { onSaved: (t: UserType) => void; onCancel: () => void }) {
  const [displayName, setDisplayName] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const submit = useSubmit();
  const errs = fieldErrors(submit.error);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await submit.run(async () => (await api.post<UserType>('/api/v1/meta/types/user', { displayName, name, description: description || null })).data);
    if (saved) onSaved(saved);
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Add user type">
      <FormError error={submit.error} claimed={['displayName', 'name', 'description']} />
      <TextField label="Display name" value={displayName} onChange={setDisplayName} required error={errs.byField(['displayName'])} autoComplete="off" />
      <TextField label="Variable name" value={name} onChange={setName} required error={errs.byField(['name'])} autoComplete="off" hint="Used in the API, e.g. contractor." />
      <TextField label="Description" value={description} onChange={setDescription} error={errs.byField(['description'])} autoComplete="off" />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={submit.busy}>Save</Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

export function ProfileEditorPage() {
  const types = useLoad(() => getAll<UserType>('/api/v1/meta/types/user'), []);
  const [adding, setAdding] = useState(false);
  return (
    <Page title="Profile Editor" subtitle="User types and the attributes of their profiles."
      actions={<Button variant="primary" onClick={() => setAdding(true)}>Add user type</Button>}>
      {types.error ? <ErrorNotice error={types.error} retry={types.reload} /> : null}
      {types.loading && !types.data ? <Loading /> : null}
      {types.data ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">User types</caption>
            <thead><tr><th scope="col">User type</th><th scope="col">Variable name</th><th scope="col">Description</th></tr></thead>
            <tbody>
              {types.data.map((t) => (
                <tr key={t.id}>
                  <td><Link to={`/profile-editor/${t.id}`} className="strong">{t.displayName}</Link>{t.default ? <> <Badge value="INFO" label="Default" /></> : null}</td>
                  <td className="mono">{t.name}</td>
                  <td>{t.description ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Dialog open={adding} title="Add user type" onClose={() => setAdding(false)}>
        <UserTypeForm onCancel={() => setAdding(false)} onSaved={(t) => { setAdding(false); flash(`User type "${t.displayName}" added`); navigate(`/profile-editor/${t.id}`); }} />
      </Dialog>
    </Page>
  );
}

const DATA_TYPES = ['string', 'boolean', 'number', 'integer', 'array'];

function AttributeForm({ path, onSaved, onCancel }: { path: string; onSaved: () => void; onCancel: () => void }) {
  const [f, setF] = useState({ type: 'string', title: '', name: '', description: '', required: false, minLength: '', maxLength: '' });
  const submit = useSubmit();
  const errs = fieldErrors(submit.error);
  const set = (k: keyof typeof f, v: string | boolean) => setF((s) => ({ ...s, [k]: v }));
  const n = f.name.trim();
  const sub = (key: string) => errs.byField([`${n}.${key}`]);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      if (!n) throw new ApiError(400, 'E0000001', 'Api validation failed: name', ['name: The field cannot be left blank']);
      const attr: Record<string, unknown> = { title: f.title, type: f.type, required: f.required };
      if (f.description) attr.description = f.description;
      if (f.type === 'array') attr.items = { type: 'string' };
      if (f.type === 'string' && f.minLength !== '') attr.minLength = Number(f.minLength);
      if (f.type === 'string' && f.maxLength !== '') attr.maxLength = Number(f.maxLength);
      await api.post(path, { definitions: { custom: { id: '#custom', type: 'object', properties: { [n]: attr } } } });
      onSaved();
    });
  };
  const nameError = errs.byField(['name']) ?? fieldErrors(submit.error).unclaimed([]).find((m) => m.startsWith(`${n}: `))?.slice(n.length + 2);
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Add attribute">
      <FormError error={submit.error} claimed={['name', n]} />
      <SelectField label="Data type" value={f.type} onChange={(v) => set('type', v)} error={sub('type')}
        options={DATA_TYPES.map((t) => ({ value: t, label: t === 'array' ? 'string array' : t }))} />
      <TextField label="Display name" value={f.title} onChange={(v) => set('title', v)} required error={sub('title')} autoComplete="off" />
      <TextField label="Variable name" value={f.name} onChange={(v) => set('name', v)} required error={nameError} autoComplete="off"
        hint="Letters, digits and underscores, starting with a letter." />
      <TextField label="Description" value={f.description} onChange={(v) => set('description', v)} error={sub('description')} autoComplete="off" />
      {f.type === 'string' ? (
        <div className="row">
          <TextField label="Minimum length" type="number" min={0} value={f.minLength} onChange={(v) => set('minLength', v)} error={sub('minLength')} />
          <TextField label="Maximum length" type="number" min={0} value={f.maxLength} onChange={(v) => set('maxLength', v)} error={sub('maxLength')} />
        </div>
      ) : null}
      <Checkbox label="Required" checked={f.required} onChange={(v) => set('required', v)} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={submit.busy}>Save</Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

export function UserTypeSchemaPage({ id }: { id: string }) {
  const data = useLoad(async () => {
    const type = (await api.get<UserType>(`/api/v1/meta/types/user/${encodeURIComponent(id)}`)).data;
    const schema = (await api.get<UserSchema>(schemaPath(type))).data;
    return { type, schema };
  }, [id]);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string>();
  const [deleting, setDeleting] = useState(false);
  const action = useSubmit();
  const t = data.data?.type;
  const rows: Array<SchemaAttribute & { name: string; custom: boolean }> = data.data ? [
    ...Object.entries(data.data.schema.definitions.base.properties).map(([name, a]) => ({ ...a, name, custom: false })),
    ...Object.entries(data.data.schema.definitions.custom.properties).map(([name, a]) => ({ ...a, name, custom: true })),
  ] : [];
  const required = new Set([...(data.data?.schema.definitions.base.required ?? []), ...(data.data?.schema.definitions.custom.required ?? [])]);

  const removeAttribute = async () => {
    const name = removing!;
    setRemoving(undefined);
    const ok = await action.run(async () => {
      await api.post(schemaPath(t!), { definitions: { custom: { id: '#custom', type: 'object', properties: { [name]: null } } } });
      return true;
    });
    if (ok) { flash(`Attribute ${name} removed`); data.reload(); }
  };
  const deleteType = async () => {
    setDeleting(false);
    const ok = await action.run(async () => { await api.delete(`/api/v1/meta/types/user/${t!.id}`); return true; });
    if (ok) { flash(`User type "${t!.displayName}" deleted`); navigate('/profile-editor'); }
  };

  return (
    <Page title={t ? `${t.displayName} profile` : 'User type'} crumbs={[{ to: '/profile-editor', label: 'Profile Editor' }]}
      subtitle={t?.description ?? undefined}
      actions={t ? (
        <>
          <Button variant="primary" onClick={() => setAdding(true)}>Add attribute</Button>
          {!t.default ? <Button variant="danger" onClick={() => setDeleting(true)}>Delete user type</Button> : null}
        </>
      ) : undefined}>
      {data.error ? <ErrorNotice error={data.error} retry={data.reload} /> : null}
      {data.loading && !data.data ? <Loading /> : null}
      <FormError error={action.error} />
      {t ? (
        <>
          <Section title="User type" id="type">
            <Facts items={[['Display name', t.displayName], ['Variable name', <span className="mono">{t.name}</span>], ['Default', t.default ? 'Yes' : 'No'], ['ID', <span className="mono">{t.id}</span>]]} />
          </Section>
          <Section title="Attributes" id="attributes">
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Profile attributes of {t.displayName}</caption>
                <thead><tr><th scope="col">Display name</th><th scope="col">Variable name</th><th scope="col">Data type</th><th scope="col">Attribute type</th><th scope="col">Required</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
                <tbody>
                  {rows.map((a) => (
                    <tr key={a.name}>
                      <td>{a.title}</td>
                      <td className="mono">{a.name}</td>
                      <td>{a.type === 'array' ? `${a.items?.type ?? 'string'} array` : a.type}</td>
                      <td>{a.custom ? 'Custom' : 'Base'}</td>
                      <td>{required.has(a.name) || a.required ? 'Yes' : 'No'}</td>
                      <td>{a.custom ? <Button variant="ghost" onClick={() => setRemoving(a.name)} aria-label={`Remove attribute ${a.name}`}>Remove</Button> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
          <Dialog open={adding} title="Add attribute" onClose={() => setAdding(false)}>
            <AttributeForm path={schemaPath(t)} onCancel={() => setAdding(false)} onSaved={() => { setAdding(false); flash('Attribute added'); data.reload(); }} />
          </Dialog>
        </>
      ) : null}
      <ConfirmDialog open={removing !== undefined} title="Remove attribute" confirmLabel="Remove" busy={action.busy}
        message={<p>Remove <strong className="mono">{removing}</strong>? Its value is removed from every profile of this type.</p>}
        onConfirm={removeAttribute} onClose={() => setRemoving(undefined)} />
      <ConfirmDialog open={deleting} title="Delete user type" confirmLabel="Delete" busy={action.busy}
        message={<p>Delete the user type <strong>{t?.displayName}</strong>? Only a type that no user has can be deleted.</p>}
        onConfirm={deleteType} onClose={() => setDeleting(false)} />
    </Page>
  );
}
