import { useEffect, useState, type FormEvent } from 'react';
import { api, getAll } from '../../api/client';
import { Link, setQuery, type Location } from '../../router';
import { ConfirmDialog, Dialog } from '../../ui/dialog';
import { flash } from '../../ui/flash';
import { fieldErrors, FormError, SelectField, TextField, type FieldErrors } from '../../ui/form';
import { useLoad, useSubmit } from '../../ui/hooks';
import { Badge, Button, Empty, ErrorNotice, Loading, Page, Time } from '../../ui/page';
import { WORKFLOWS_API } from './flow-api';
import { RefusalNotice } from './refusal';

/**
 * Workflows connections (`/api/workflows/v1/connections`): the connections of imported flows (Okta's
 * export keeps only a reference to each) and those made here (New connection); a connection no flow
 * uses can be deleted (the server refuses while a flow's card references it, and says which). An API
 * Connector connection is bound to an auth; an Okta connection stands for this org; other connectors are
 * not available in Tollgate. Secrets are write-only: the server says one is set, never what it is, so the form asks for it only to change it.
 */
export const CONNECTIONS_API = `${WORKFLOWS_API}/connections`;

/** A connection as the server answers it (its response schema, type-only). */
export type { Connection } from '../../../../src/workflows/api/connection.schema.js';
import type { Connection } from '../../../../src/workflows/api/connection.schema.js';

const AUTH_LABELS: Record<string, string> = {
  none: 'None',
  basic: 'Basic',
  header: 'Custom header',
  'oauth2-client-credentials': 'OAuth 2.0 client credentials',
  'this-org': 'This org',
};

function BindingSummary({ connection }: { connection: Connection }) {
  if (!connection.bindable) return <span className="muted">{connection.unavailable}</span>;
  if (!connection.binding) return <Badge value="WARN" label="Not bound" />;
  const b = connection.binding;
  const detail = b.auth === 'basic' ? `as ${String(b.username)}` : b.auth === 'header' ? String(b.name)
    : b.auth === 'oauth2-client-credentials' ? `client ${String(b.clientId)}` : b.auth === 'this-org' && b.note ? String(b.note) : '';
  return <span><Badge value="ACTIVE" label={`Bound: ${AUTH_LABELS[b.auth] ?? b.auth}`} />{detail ? <span className="muted small"> {detail}</span> : null}</span>;
}

type Form = Record<'auth' | 'note' | 'username' | 'password' | 'name' | 'value' | 'tokenUrl' | 'clientId' | 'clientSecret' | 'scope', string>;

/** The connectors a connection can be made for here, as Okta names them. */
export const CONNECTORS = [
  { value: 'okta', label: 'Okta (this org)' },
  { value: 'httpfunctions', label: 'API Connector' },
];

/** `auth` '' in the new-connection form: make the connection now, bind it later. */
const UNBOUND = '';

function emptyForm(auth: string): Form {
  return { auth, note: '', username: '', password: '', name: '', value: '', tokenUrl: '', clientId: '', clientSecret: '', scope: '' };
}

function initialForm(connection: Connection): Form {
  const b: Record<string, unknown> = connection.binding ?? {};
  const text = (key: string) => (typeof b[key] === 'string' ? (b[key] as string) : '');
  const auth = connection.connector === 'okta' ? 'this-org' : text('auth') || 'header';
  return { auth, note: text('note'), username: text('username'), password: '', name: text('name'), value: '', tokenUrl: text('tokenUrl'), clientId: text('clientId'), clientSecret: '', scope: text('scope') };
}

/** The fields of each auth type that the request sends; secrets only when typed (blank keeps the stored one). */
const FIELDS: Record<string, Array<keyof Form>> = {
  'this-org': ['note'],
  none: [],
  basic: ['username', 'password'],
  header: ['name', 'value'],
  'oauth2-client-credentials': ['tokenUrl', 'clientId', 'clientSecret', 'scope'],
};
const SECRET_FIELDS = new Set<keyof Form>(['password', 'value', 'clientSecret']);
const BINDING_CLAIMS = (Object.keys(emptyForm('')) as Array<keyof Form>).map((k) => `binding.${k}`);

/** The binding a form asks for: its auth and the fields of that auth (optional ones and secrets only when typed). */
function bindingOf(form: Form): Record<string, string> {
  const binding: Record<string, string> = { auth: form.auth };
  for (const key of FIELDS[form.auth] ?? []) if (form[key] !== '' || (!SECRET_FIELDS.has(key) && key !== 'note' && key !== 'scope')) binding[key] = form[key];
  return binding;
}

/**
 * The auth form of a connector: Okta's note, or the API Connector's auth type and its fields. Used to bind
 * a connection and to make one. `sameAuth`: the stored binding has this auth (its secret is set and may be
 * left blank); `allowUnbound`: offer "Bind later" (a new API Connector connection).
 */
function BindingFields({ connector, form, setForm, errors, sameAuth, allowUnbound = false }: {
  connector: string; form: Form; setForm: (update: (f: Form) => Form) => void; errors: FieldErrors; sameAuth: boolean; allowUnbound?: boolean;
}) {
  const set = (key: keyof Form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const secretHint = sameAuth ? 'Set. Leave blank to keep it; it is never shown.' : 'Stored encrypted; never shown again.';
  const field = (key: keyof Form, label: string, extra: { hint?: string; secret?: boolean; required?: boolean } = {}) => (
    <TextField key={key} label={label} value={form[key]} onChange={set(key)} error={errors.byField([`binding.${key}`])}
      type={extra.secret ? 'password' : 'text'} autoComplete={extra.secret ? 'new-password' : 'off'}
      hint={extra.secret ? secretHint : extra.hint} required={extra.required ?? (extra.secret ? !sameAuth : false)} />
  );
  if (connector === 'okta') {
    return (
      <>
        <p>Okta connector cards always work against this org; binding records that this connection stands for it.</p>
        {field('note', 'Note', { hint: 'Optional: what this connection is for.' })}
      </>
    );
  }
  const auths = ['none', 'basic', 'header', 'oauth2-client-credentials'].map((a) => ({ value: a, label: AUTH_LABELS[a] }));
  return (
    <>
      <SelectField label="Auth" value={form.auth} onChange={set('auth')} error={errors.byField(['binding.auth'])}
        options={allowUnbound ? [...auths, { value: UNBOUND, label: 'Bind later (not bound)' }] : auths} />
      {form.auth === 'basic' ? <>{field('username', 'Username', { required: true })}{field('password', 'Password', { secret: true })}</> : null}
      {form.auth === 'header' ? <>{field('name', 'Header name', { required: true, hint: 'For example Authorization or X-Api-Key.' })}{field('value', 'Header value', { secret: true })}</> : null}
      {form.auth === 'oauth2-client-credentials' ? (
        <>
          {field('tokenUrl', 'Token URL', { required: true, hint: 'The token endpoint; https:// (http:// only for loopback or allow-listed hosts).' })}
          {field('clientId', 'Client ID', { required: true })}
          {field('clientSecret', 'Client secret', { secret: true })}
          {field('scope', 'Scope', { hint: 'Optional, space-separated.' })}
        </>
      ) : null}
    </>
  );
}

function BindDialog({ connection, onClose, onSaved }: { connection: Connection; onClose: () => void; onSaved: (c: Connection) => void }) {
  const [form, setForm] = useState<Form>(() => initialForm(connection));
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);
  const save = async (binding: Record<string, string> | null) => {
    const saved = await submit.run(async () => (await api.put<Connection>(`${CONNECTIONS_API}/${encodeURIComponent(connection.id)}`, { binding })).data);
    if (saved) {
      flash(binding ? `Bound ${saved.name}` : `Unbound ${saved.name}`);
      onSaved(saved);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(bindingOf(form));
  };
  return (
    <Dialog open title={`Bind ${connection.name}`} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        <FormError error={submit.error} claimed={BINDING_CLAIMS} />
        <BindingFields connector={connection.connector} form={form} setForm={setForm} errors={errors} sameAuth={connection.binding?.auth === form.auth} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={submit.busy}>Save</Button>
          {connection.bound ? <Button type="button" variant="danger" onClick={() => void save(null)} disabled={submit.busy}>Unbind</Button> : null}
          <Button type="button" onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}

/** A connection made here (`POST …/connections`): its name, its connector and, at once or later, its binding. */
function NewConnectionDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (c: Connection) => void }) {
  const [name, setName] = useState('');
  const [connector, setConnector] = useState('httpfunctions');
  const [form, setForm] = useState<Form>(() => emptyForm('header'));
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);
  const chooseConnector = (value: string) => {
    setConnector(value);
    setForm(emptyForm(value === 'okta' ? 'this-org' : 'header'));
    submit.clear();
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { name, connector, binding: form.auth === UNBOUND ? null : bindingOf(form) };
    const created = await submit.run(async () => (await api.post<Connection>(CONNECTIONS_API, body)).data);
    if (created) {
      flash(`Connection "${created.name}" created${created.bound ? '' : ' (not bound)'}`);
      onCreated(created);
    }
  };
  return (
    <Dialog open title="New connection" onClose={onClose}>
      <form onSubmit={onSubmit} noValidate aria-label="New connection">
        <FormError error={submit.error} claimed={['name', 'connector', ...BINDING_CLAIMS]} />
        <TextField label="Name" value={name} onChange={setName} required autoComplete="off" error={errors.byField(['name'])} />
        <SelectField label="Connector" value={connector} onChange={chooseConnector} options={CONNECTORS} error={errors.byField(['connector'])} />
        <BindingFields connector={connector} form={form} setForm={setForm} errors={errors} sameAuth={false} allowUnbound />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={submit.busy}>Create connection</Button>
          <Button type="button" onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}

/** The connections page; `?bind=<id>` opens the binding of that connection (the flow editor links here). */
export function ConnectionsPage({ location }: { location?: Location }) {
  const connections = useLoad(() => getAll<Connection>(CONNECTIONS_API, { limit: 200 }), []);
  const [binding, setBinding] = useState<Connection>();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Connection>();
  const removal = useSubmit();
  const bindId = location?.query.get('bind') ?? undefined;
  useEffect(() => {
    const wanted = bindId ? connections.data?.find((c) => c.id === bindId && c.bindable) : undefined;
    if (wanted) setBinding(wanted);
  }, [bindId, connections.data]);
  const sorted = [...(connections.data ?? [])].sort((a, b) => a.connectorName.localeCompare(b.connectorName) || a.name.localeCompare(b.name));
  const replace = (c: Connection) => connections.set((connections.data ?? []).map((x) => (x.id === c.id ? c : x)));
  const closeBinding = () => {
    setBinding(undefined);
    if (bindId) setQuery({ bind: undefined });
  };
  const remove = async () => {
    const gone = deleting;
    if (!gone) return;
    const ok = await removal.run(async () => { await api.delete(`${CONNECTIONS_API}/${encodeURIComponent(gone.id)}`); return true; });
    if (ok) {
      setDeleting(undefined);
      flash(`Connection "${gone.name}" deleted`);
      connections.set((connections.data ?? []).filter((c) => c.id !== gone.id));
    }
  };
  return (
    <Page title="Connections" subtitle="Workflows connections: the accounts action cards use. An Okta export keeps only a reference to each connection; bind API Connector connections here before their flows run."
      actions={<Button variant="primary" onClick={() => setCreating(true)}>New connection</Button>}>
      {connections.error ? <ErrorNotice error={connections.error} retry={connections.reload} /> : null}
      {connections.loading && !connections.data ? <Loading /> : null}
      {connections.data?.length === 0 ? <Empty>No connections yet. Make one with New connection; imported flows bring theirs when you import a .flopack on the <Link to="/workflows">Flows</Link> page.</Empty> : null}
      {sorted.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Connections</caption>
            <thead><tr><th scope="col">Connection</th><th scope="col">Connector</th><th scope="col">Binding</th><th scope="col">Used by</th><th scope="col">Last updated</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {sorted.map((c) => (
                <tr key={c.id}>
                  <td className="strong">{c.name}</td>
                  <td>{c.connectorName}</td>
                  <td><BindingSummary connection={c} /></td>
                  <td>{c.usedBy.length ? c.usedBy.map((f, i) => <span key={f.id}>{i ? ', ' : ''}<Link to={`/workflows/flows/${encodeURIComponent(f.id)}`}>{f.name}</Link></span>) : <span className="muted">No flow</span>}</td>
                  <td className="nowrap"><Time value={c.lastUpdated} /></td>
                  <td className="row-actions">
                    {c.bindable ? <Button onClick={() => setBinding(c)} aria-label={`${c.bound ? 'Change binding of' : 'Bind'} ${c.name}`}>{c.bound ? 'Change' : 'Bind'}</Button> : null}
                    <Button variant="ghost" onClick={() => { removal.clear(); setDeleting(c); }} aria-label={`Delete ${c.name}`}>Delete</Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {binding ? <BindDialog connection={binding} onClose={closeBinding} onSaved={(c) => { replace(c); closeBinding(); }} /> : null}
      {creating ? <NewConnectionDialog onClose={() => setCreating(false)} onCreated={(c) => { connections.set([...(connections.data ?? []), c]); setCreating(false); }} /> : null}
      <ConfirmDialog open={deleting !== undefined} title="Delete connection" confirmLabel="Delete connection" busy={removal.busy}
        message={(
          <>
            <p>Delete the connection <strong>{deleting?.name}</strong> ({deleting?.connectorName})? Its binding and secrets go with it.</p>
            {deleting?.usedBy.length ? (
              <p className="notice notice-warn">Flows use it: {deleting.usedBy.map((f) => f.name).join(', ')}. Tollgate refuses to delete a connection while a flow's card references it.</p>
            ) : null}
          </>
        )}
        error={<RefusalNotice error={removal.error} />}
        onConfirm={remove} onClose={() => setDeleting(undefined)} />
    </Page>
  );
}
