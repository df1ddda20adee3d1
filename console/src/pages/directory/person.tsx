import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Group, SchemaAttribute, User, UserSchema, UserType } from '../../api/types';
import { Link, navigate } from '../../router';
import { ConfirmDialog } from '../../ui/dialog';
import { flash } from '../../ui/flash';
import { Checkbox, fieldErrors, FormError, SelectField, TextField } from '../../ui/form';
import { useLoad, useSubmit } from '../../ui/hooks';
import { Badge, Button, Empty, ErrorNotice, Facts, Loading, Page, Section, Time } from '../../ui/page';
import { displayName } from './people';

/** The lifecycle operations Okta offers in each status, as the People page's buttons. */
const ACTIONS: Record<string, Array<{ op: string; label: string; danger?: boolean }>> = {
  STAGED: [{ op: 'activate', label: 'Activate' }, { op: 'deactivate', label: 'Deactivate', danger: true }],
  PROVISIONED: [{ op: 'reactivate', label: 'Resend activation' }, { op: 'deactivate', label: 'Deactivate', danger: true }],
  ACTIVE: [{ op: 'suspend', label: 'Suspend' }, { op: 'deactivate', label: 'Deactivate', danger: true }],
  PASSWORD_EXPIRED: [{ op: 'suspend', label: 'Suspend' }, { op: 'deactivate', label: 'Deactivate', danger: true }],
  RECOVERY: [{ op: 'suspend', label: 'Suspend' }, { op: 'deactivate', label: 'Deactivate', danger: true }],
  LOCKED_OUT: [{ op: 'unlock', label: 'Unlock' }, { op: 'deactivate', label: 'Deactivate', danger: true }],
  SUSPENDED: [{ op: 'unsuspend', label: 'Unsuspend' }, { op: 'deactivate', label: 'Deactivate', danger: true }],
  DEPROVISIONED: [{ op: 'activate', label: 'Activate' }],
};

type Attr = SchemaAttribute & { name: string };

function attributesOf(schema: UserSchema): Attr[] {
  const all = { ...schema.definitions.base.properties, ...schema.definitions.custom.properties };
  return Object.entries(all).map(([name, a]) => ({ ...a, name }));
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function ProfileEditor({ user, attrs, onSaved, onCancel }: { user: User; attrs: Attr[]; onSaved: (u: User) => void; onCancel: () => void }) {
  const editable = attrs.filter((a) => ['string', 'number', 'integer', 'boolean'].includes(a.type) && a.mutability !== 'READ_ONLY');
  const [values, setValues] = useState<Record<string, string | boolean>>(() => Object.fromEntries(editable.map((a) => [
    a.name, a.type === 'boolean' ? user.profile[a.name] === true : show(user.profile[a.name]),
  ])));
  const submit = useSubmit();
  const errs = fieldErrors(submit.error);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const profile: Record<string, unknown> = {};
    for (const a of editable) {
      const v = values[a.name];
      if (a.type === 'boolean') profile[a.name] = v;
      else if (v === '') profile[a.name] = null;
      else profile[a.name] = a.type === 'string' ? v : Number(v);
    }
    const saved = await submit.run(async () => (await api.post<User>(`/api/v1/users/${user.id}`, { profile })).data);
    if (saved) {
      flash('Profile saved');
      onSaved(saved);
    }
  };
  return (
    <form className="form wide" onSubmit={onSubmit} noValidate aria-label="Edit profile">
      <FormError error={submit.error} claimed={editable.flatMap((a) => [a.name, `profile.${a.name}`])} />
      <div className="grid-2">
        {editable.map((a) => a.type === 'boolean'
          ? <Checkbox key={a.name} label={a.title} checked={values[a.name] === true} onChange={(v) => setValues((s) => ({ ...s, [a.name]: v }))} />
          : a.enum
            ? <SelectField key={a.name} label={a.title} value={String(values[a.name])} onChange={(v) => setValues((s) => ({ ...s, [a.name]: v }))}
              required={a.required} error={errs.byField([a.name, `profile.${a.name}`])}
              options={[{ value: '', label: '—' }, ...a.enum.map((x) => ({ value: String(x), label: String(x) }))]} />
            : <TextField key={a.name} label={a.title} value={String(values[a.name])} required={a.required}
              type={a.type === 'number' || a.type === 'integer' ? 'number' : a.format === 'email' ? 'email' : 'text'}
              onChange={(v) => setValues((s) => ({ ...s, [a.name]: v }))} error={errs.byField([a.name, `profile.${a.name}`])} hint={<span className="mono">{a.name}</span>} />)}
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={submit.busy}>Save</Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

export function PersonPage({ id }: { id: string }) {
  const person = useLoad(async () => {
    const user = (await api.get<User>(`/api/v1/users/${encodeURIComponent(id)}`)).data;
    const [type, groups] = await Promise.all([
      api.get<UserType>(`/api/v1/meta/types/user/${user.type.id}`),
      api.get<Group[]>(`/api/v1/users/${user.id}/groups`),
    ]);
    const schemaPath = new URL(type.data._links.schema.href, window.location.origin).pathname;
    const schema = await api.get<UserSchema>(schemaPath);
    return { user, type: type.data, groups: groups.data, attrs: attributesOf(schema.data) };
  }, [id]);
  const action = useSubmit();
  const [editing, setEditing] = useState(false);
  const [showEmpty, setShowEmpty] = useState(false);
  const [confirm, setConfirm] = useState<'deactivate' | 'delete' | undefined>();
  const data = person.data;
  const u = data?.user;

  const run = async (op: string) => {
    setConfirm(undefined);
    const ok = await action.run(async () => { await api.post(`/api/v1/users/${u!.id}/lifecycle/${op}`, undefined, op === 'activate' || op === 'reactivate' ? { sendEmail: false } : undefined); return true; });
    if (ok) {
      flash(`${displayName(u!)}: ${op} done`);
      person.reload();
    }
  };
  const remove = async () => {
    setConfirm(undefined);
    const ok = await action.run(async () => { await api.delete(`/api/v1/users/${u!.id}`); return true; });
    if (ok) {
      flash(`${displayName(u!)} deleted`);
      navigate('/people');
    }
  };

  const profileType = u && typeof u.profile.userType === 'string' && u.profile.userType ? u.profile.userType : undefined;
  return (
    <Page title={u ? displayName(u) : 'Person'} crumbs={[{ to: '/people', label: 'People' }]}
      subtitle={u ? <>{u.profile.login} · <Badge value={u.status} /></> : undefined}
      actions={u ? (
        <>
          {(ACTIONS[u.status] ?? []).map((a) => (
            <Button key={a.op} variant={a.danger ? 'danger' : 'secondary'} busy={action.busy}
              onClick={() => (a.op === 'deactivate' ? setConfirm('deactivate') : run(a.op))}>{a.label}</Button>
          ))}
          {u.status === 'DEPROVISIONED' ? <Button variant="danger" onClick={() => setConfirm('delete')}>Delete</Button> : null}
        </>
      ) : undefined}>
      {person.error ? <ErrorNotice error={person.error} retry={person.reload} /> : null}
      {person.loading && !data ? <Loading /> : null}
      <FormError error={action.error} />
      {data && u ? (
        <>
          <Section title="Account" id="account">
            <Facts items={[
              ['Status', <Badge value={u.status} />],
              ['User type', <>{profileType ?? data.type.displayName}{profileType ? <span className="muted"> (profile userType; Okta user type: {data.type.displayName})</span> : null}</>],
              ['Created', <Time value={u.created} />],
              ['Activated', <Time value={u.activated} />],
              ['Last sign-in', <Time value={u.lastLogin} />],
              ['Last updated', <Time value={u.lastUpdated} />],
              ['Password changed', <Time value={u.passwordChanged} />],
              ['User ID', <span className="mono">{u.id}</span>],
            ]} />
          </Section>
          <Section title="Profile" id="profile" actions={editing ? undefined : <Button onClick={() => setEditing(true)}>Edit</Button>}>
            {editing
              ? <ProfileEditor user={u} attrs={data.attrs} onCancel={() => setEditing(false)}
                onSaved={(saved) => { setEditing(false); person.set({ ...data, user: saved }); }} />
              : (
                <>
                <Checkbox label="Show attributes without a value" checked={showEmpty} onChange={setShowEmpty} />
                <div className="table-wrap">
                  <table className="table compact">
                    <caption className="visually-hidden">Profile attributes</caption>
                    <thead><tr><th scope="col">Attribute</th><th scope="col">Variable name</th><th scope="col">Value</th></tr></thead>
                    <tbody>
                      {data.attrs.filter((a) => showEmpty || show(u.profile[a.name]) !== '').map((a) => (
                        <tr key={a.name}><th scope="row">{a.title}</th><td className="mono">{a.name}</td><td className="break">{show(u.profile[a.name]) || <span className="muted">—</span>}</td></tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                </>
              )}
          </Section>
          <Section title="Groups" id="groups">
            {data.groups.length === 0 ? <Empty>Not in any group.</Empty> : (
              <ul className="chips">
                {data.groups.map((g) => <li key={g.id}><Link to={`/groups/${g.id}`}>{g.profile.name}</Link></li>)}
              </ul>
            )}
          </Section>
        </>
      ) : null}
      <ConfirmDialog open={confirm === 'deactivate'} title="Deactivate person" confirmLabel="Deactivate" busy={action.busy}
        message={<p>Deactivate <strong>{u ? displayName(u) : ''}</strong>? They can no longer sign in, and their sessions end.</p>}
        onConfirm={() => run('deactivate')} onClose={() => setConfirm(undefined)} />
      <ConfirmDialog open={confirm === 'delete'} title="Delete person" confirmLabel="Delete" busy={action.busy}
        message={<p>Delete <strong>{u ? displayName(u) : ''}</strong> for good? This cannot be undone.</p>}
        onConfirm={remove} onClose={() => setConfirm(undefined)} />
    </Page>
  );
}
