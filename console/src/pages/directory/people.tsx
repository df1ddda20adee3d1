import { useState, type FormEvent } from 'react';
import { api, getAll } from '../../api/client';
import type { User, UserType } from '../../api/types';
import { Link, navigate, setQuery, type Location } from '../../router';
import { flash } from '../../ui/flash';
import { Checkbox, fieldErrors, FormError, SelectField, TextField } from '../../ui/form';
import { useDebounced, useLoad, useSubmit } from '../../ui/hooks';
import { Badge, Button, ButtonLink, Empty, ErrorNotice, Loading, LoadMore, Page } from '../../ui/page';

export const USER_STATUSES = ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'SUSPENDED', 'DEPROVISIONED'];
const PAGE = 25;

export function displayName(u: User): string {
  return [u.profile.firstName, u.profile.lastName].filter(Boolean).join(' ') || u.profile.login;
}

/** Okta's `search` expression for the search box and status filter. */
function searchExpression(text: string, status: string): string | undefined {
  const term = text.trim().replace(/["\\]/g, '');
  const parts: string[] = [];
  if (term) parts.push(`(${['login', 'email', 'firstName', 'lastName'].map((a) => `profile.${a} sw "${term}"`).join(' or ')})`);
  if (status) parts.push(`status eq "${status}"`);
  return parts.length ? parts.join(' and ') : undefined;
}

export function PeoplePage({ location }: { location: Location }) {
  const [text, setText] = useState(location.query.get('q') ?? '');
  const status = location.query.get('status') ?? '';
  const q = useDebounced(text);
  const [more, setMore] = useState<{ users: User[]; next?: string }>({ users: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const types = useLoad(() => getAll<UserType>('/api/v1/meta/types/user'), []);
  const first = useLoad(async () => {
    setMore({ users: [] });
    setQuery({ q: q || undefined });
    return api.get<User[]>('/api/v1/users', { search: searchExpression(q, status), limit: PAGE });
  }, [q, status]);
  const users = [...(first.data?.data ?? []), ...more.users];
  const next = more.users.length ? more.next : first.data?.next;
  const typeName = (id: string) => types.data?.find((t) => t.id === id)?.displayName ?? '';

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await api.get<User[]>('/api/v1/users', { search: searchExpression(q, status), limit: PAGE, after: next });
      setMore((m) => ({ users: [...m.users, ...page.data], next: page.next }));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Page title="People" actions={<ButtonLink to="/people/new" variant="primary">Add person</ButtonLink>}>
      <div className="toolbar" role="search">
        <TextField label="Search" type="search" value={text} onChange={setText} placeholder="Name, username or email" className="grow" autoComplete="off" />
        <SelectField label="Status" value={status} onChange={(v) => setQuery({ status: v || undefined })}
          options={[{ value: '', label: 'All statuses' }, ...USER_STATUSES.map((s) => ({ value: s, label: s.replace(/_/g, ' ') }))]} />
      </div>
      {first.error ? <ErrorNotice error={first.error} retry={first.reload} /> : null}
      {first.loading && !first.data ? <Loading /> : null}
      {first.data && users.length === 0 ? <Empty>{q || status ? 'Nobody matches this search.' : 'No people yet.'}</Empty> : null}
      {users.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">People</caption>
            <thead><tr><th scope="col">Person &amp; username</th><th scope="col">Primary email</th><th scope="col">User type</th><th scope="col">Status</th></tr></thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/people/${u.id}`} className="strong">{displayName(u)}</Link>
                    <div className="muted small">{u.profile.login}</div>
                  </td>
                  <td className="break">{u.profile.email}</td>
                  <td>
                    {typeof u.profile.userType === 'string' && u.profile.userType ? u.profile.userType : typeName(u.type.id)}
                  </td>
                  <td><Badge value={u.status} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {next ? <LoadMore onClick={loadMore} busy={loadingMore} shown={users.length} /> : null}
    </Page>
  );
}

export function NewPersonPage() {
  const types = useLoad(() => getAll<UserType>('/api/v1/meta/types/user'), []);
  const [form, setForm] = useState({ firstName: '', lastName: '', login: '', email: '', typeId: '', password: '', activate: true });
  const submit = useSubmit();
  const errs = fieldErrors(submit.error);
  const set = (k: keyof typeof form, v: string | boolean) => setForm((f) => ({ ...f, [k]: v }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const user = await submit.run(async () => (await api.post<User>('/api/v1/users', {
      profile: { firstName: form.firstName, lastName: form.lastName, login: form.login, email: form.email || form.login },
      ...(form.password ? { credentials: { password: { value: form.password } } } : {}),
      ...(form.typeId ? { type: { id: form.typeId } } : {}),
    }, { activate: form.activate })).data);
    if (user) {
      flash(`${displayName(user)} added`);
      navigate(`/people/${user.id}`);
    }
  };
  const claimed = ['firstName', 'lastName', 'login', 'email', 'profile', 'credentials.password', 'password', 'type'];
  return (
    <Page title="Add person" crumbs={[{ to: '/people', label: 'People' }]}>
      <div className="panel"><div className="panel-body">
        <form className="form" onSubmit={onSubmit} noValidate>
          <FormError error={submit.error} claimed={claimed} />
          <SelectField label="User type" value={form.typeId} onChange={(v) => set('typeId', v)} error={errs.byField(['type'])}
            options={[{ value: '', label: 'Default (User)' }, ...(types.data ?? []).filter((t) => !t.default).map((t) => ({ value: t.id, label: t.displayName }))]} />
          <div className="row">
            <TextField label="First name" value={form.firstName} onChange={(v) => set('firstName', v)} error={errs.byField(['firstName', 'profile.firstName'])} required autoComplete="off" />
            <TextField label="Last name" value={form.lastName} onChange={(v) => set('lastName', v)} error={errs.byField(['lastName', 'profile.lastName'])} required autoComplete="off" />
          </div>
          <TextField label="Username" value={form.login} onChange={(v) => set('login', v)} error={errs.byField(['login', 'profile.login'])} required
            hint="Usually an email address." autoComplete="off" />
          <TextField label="Primary email" type="email" value={form.email} onChange={(v) => set('email', v)} error={errs.byField(['email', 'profile.email'])}
            hint="Leave blank to use the username." autoComplete="off" />
          <TextField label="Password" type="password" value={form.password} onChange={(v) => set('password', v)} autoComplete="new-password"
            error={errs.byField(['credentials.password', 'password'])} hint="Optional. Without one, the person cannot sign in with a password." />
          <Checkbox label="Activate now" checked={form.activate} onChange={(v) => set('activate', v)} hint="Otherwise the person is created STAGED." />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={submit.busy}>Save</Button>
            <Button onClick={() => navigate('/people')}>Cancel</Button>
          </div>
        </form>
      </div></div>
    </Page>
  );
}
