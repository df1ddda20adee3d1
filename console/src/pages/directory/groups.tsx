import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Group, User } from '../../api/types';
import { Link, navigate, setQuery, type Location } from '../../router';
import { ConfirmDialog, Dialog } from '../../ui/dialog';
import { flash } from '../../ui/flash';
import { fieldErrors, FormError, TextField } from '../../ui/form';
import { useDebounced, useLoad, useSubmit } from '../../ui/hooks';
import { Badge, Button, Empty, ErrorNotice, Facts, Loading, LoadMore, Page, Section, Time } from '../../ui/page';
import { displayName } from './people';

const PAGE = 25;

/** Name and description of a group: the form of "Add group" and of editing one. */
function GroupForm({ group, onSaved, onCancel }: { group?: Group; onSaved: (g: Group) => void; onCancel: () => void }) {
  const [name, setName] = useState(group?.profile.name ?? '');
  const [description, setDescription] = useState(group?.profile.description ?? '');
  const submit = useSubmit();
  const errs = fieldErrors(submit.error);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { profile: { name, description } };
    const saved = await submit.run(async () => (group
      ? await api.put<Group>(`/api/v1/groups/${group.id}`, body)
      : await api.post<Group>('/api/v1/groups', body)).data);
    if (saved) onSaved(saved);
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={group ? 'Edit group' : 'Add group'}>
      <FormError error={submit.error} claimed={['name', 'profile.name', 'description', 'profile.description']} />
      <TextField label="Name" value={name} onChange={setName} required error={errs.byField(['name', 'profile.name'])} autoComplete="off" />
      <TextField label="Description" value={description} onChange={setDescription} error={errs.byField(['description', 'profile.description'])} autoComplete="off" />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={submit.busy}>Save</Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

export function GroupsPage({ location }: { location: Location }) {
  const [text, setText] = useState(location.query.get('q') ?? '');
  const q = useDebounced(text);
  const [adding, setAdding] = useState(false);
  const [more, setMore] = useState<{ groups: Group[]; next?: string }>({ groups: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useLoad(async () => {
    setMore({ groups: [] });
    setQuery({ q: q || undefined });
    return api.get<Group[]>('/api/v1/groups', { q: q || undefined, limit: PAGE, expand: 'stats' });
  }, [q]);
  const groups = [...(first.data?.data ?? []), ...more.groups];
  const next = more.groups.length ? more.next : first.data?.next;
  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await api.get<Group[]>('/api/v1/groups', { q: q || undefined, limit: PAGE, expand: 'stats', after: next });
      setMore((m) => ({ groups: [...m.groups, ...page.data], next: page.next }));
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <Page title="Groups" actions={<Button variant="primary" onClick={() => setAdding(true)}>Add group</Button>}>
      <div className="toolbar" role="search">
        <TextField label="Search" type="search" value={text} onChange={setText} placeholder="Group name" className="grow" autoComplete="off" />
      </div>
      {first.error ? <ErrorNotice error={first.error} retry={first.reload} /> : null}
      {first.loading && !first.data ? <Loading /> : null}
      {first.data && groups.length === 0 ? <Empty>No groups match.</Empty> : null}
      {groups.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Groups</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Description</th><th scope="col">People</th><th scope="col">Type</th></tr></thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.id}>
                  <td><Link to={`/groups/${g.id}`} className="strong">{g.profile.name}</Link></td>
                  <td>{g.profile.description ?? ''}</td>
                  <td className="num">{g._embedded?.stats?.usersCount ?? ''}</td>
                  <td>{g.type === 'BUILT_IN' ? 'Built-in' : 'Okta group'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {next ? <LoadMore onClick={loadMore} busy={loadingMore} shown={groups.length} /> : null}
      <Dialog open={adding} title="Add group" onClose={() => setAdding(false)}>
        <GroupForm onCancel={() => setAdding(false)} onSaved={(g) => { setAdding(false); flash(`Group "${g.profile.name}" added`); navigate(`/groups/${g.id}`); }} />
      </Dialog>
    </Page>
  );
}

function AddMember({ groupId, onAdded }: { groupId: string; onAdded: () => void }) {
  const [text, setText] = useState('');
  const q = useDebounced(text);
  const found = useLoad(async () => (q.trim() ? (await api.get<User[]>('/api/v1/users', { q: q.trim(), limit: 8 })).data : []), [q]);
  const submit = useSubmit();
  const add = async (u: User) => {
    const ok = await submit.run(async () => { await api.put(`/api/v1/groups/${groupId}/users/${u.id}`, undefined); return true; });
    if (ok) {
      flash(`${displayName(u)} added to the group`);
      setText('');
      onAdded();
    }
  };
  return (
    <div className="add-member">
      <TextField label="Add people" type="search" value={text} onChange={setText} placeholder="Search by name or email" autoComplete="off" />
      <FormError error={submit.error} />
      {found.data?.length ? (
        <ul className="pick-list" aria-label="Matching people">
          {found.data.map((u) => (
            <li key={u.id}>
              <span>{displayName(u)} <span className="muted">{u.profile.login}</span></span>
              <Button onClick={() => add(u)} busy={submit.busy} aria-label={`Add ${displayName(u)}`}>Add</Button>
            </li>
          ))}
        </ul>
      ) : q.trim() && found.data ? <p className="muted">Nobody matches.</p> : null}
    </div>
  );
}

export function GroupPage({ id }: { id: string }) {
  const group = useLoad(async () => (await api.get<Group>(`/api/v1/groups/${encodeURIComponent(id)}`, { expand: 'stats' })).data, [id]);
  const [more, setMore] = useState<{ users: User[]; next?: string }>({ users: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const members = useLoad(async () => {
    setMore({ users: [] });
    return api.get<User[]>(`/api/v1/groups/${encodeURIComponent(id)}/users`, { limit: PAGE });
  }, [id]);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const action = useSubmit();
  const g = group.data;
  const builtIn = g?.type === 'BUILT_IN';
  const users = [...(members.data?.data ?? []), ...more.users];
  const next = more.users.length ? more.next : members.data?.next;
  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await api.get<User[]>(`/api/v1/groups/${encodeURIComponent(id)}/users`, { limit: PAGE, after: next });
      setMore((m) => ({ users: [...m.users, ...page.data], next: page.next }));
    } finally {
      setLoadingMore(false);
    }
  };
  const removeMember = async (u: User) => {
    const ok = await action.run(async () => { await api.delete(`/api/v1/groups/${id}/users/${u.id}`); return true; });
    if (ok) {
      flash(`${displayName(u)} removed from the group`);
      members.reload();
      group.reload();
    }
  };
  const remove = async () => {
    setConfirm(false);
    const ok = await action.run(async () => { await api.delete(`/api/v1/groups/${id}`); return true; });
    if (ok) {
      flash(`Group "${g?.profile.name}" deleted`);
      navigate('/groups');
    }
  };
  return (
    <Page title={g?.profile.name ?? 'Group'} crumbs={[{ to: '/groups', label: 'Groups' }]} subtitle={g?.profile.description ?? undefined}
      actions={g && !builtIn ? (
        <>
          <Button onClick={() => setEditing(true)}>Edit</Button>
          <Button variant="danger" onClick={() => setConfirm(true)}>Delete</Button>
        </>
      ) : undefined}>
      {group.error ? <ErrorNotice error={group.error} retry={group.reload} /> : null}
      {group.loading && !g ? <Loading /> : null}
      <FormError error={action.error} />
      {g ? (
        <>
          <Section title="About" id="about">
            <Facts items={[
              ['Type', builtIn ? <><Badge value="INFO" label="Built-in" /> Everyone in the org is a member.</> : 'Okta group'],
              ['People', g._embedded?.stats?.usersCount ?? null],
              ['Created', <Time value={g.created} />],
              ['Last membership change', <Time value={g.lastMembershipUpdated} />],
              ['Group ID', <span className="mono">{g.id}</span>],
            ]} />
          </Section>
          <Section title="People" id="members">
            {!builtIn ? <AddMember groupId={g.id} onAdded={() => { members.reload(); group.reload(); }} /> : null}
            {members.error ? <ErrorNotice error={members.error} retry={members.reload} /> : null}
            {members.data && users.length === 0 ? <Empty>No people in this group.</Empty> : null}
            {users.length ? (
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">Members</caption>
                  <thead><tr><th scope="col">Person</th><th scope="col">Username</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
                  <tbody>
                    {users.map((u) => (
                      <tr key={u.id}>
                        <td><Link to={`/people/${u.id}`}>{displayName(u)}</Link></td>
                        <td className="break">{u.profile.login}</td>
                        <td><Badge value={u.status} /></td>
                        <td>{!builtIn ? <Button variant="ghost" onClick={() => removeMember(u)} aria-label={`Remove ${displayName(u)} from the group`}>Remove</Button> : null}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {next ? <LoadMore onClick={loadMore} busy={loadingMore} shown={users.length} /> : null}
          </Section>
        </>
      ) : null}
      <Dialog open={editing} title="Edit group" onClose={() => setEditing(false)}>
        {g ? <GroupForm group={g} onCancel={() => setEditing(false)} onSaved={(saved) => { setEditing(false); flash('Group saved'); group.set({ ...saved, _embedded: g._embedded }); }} /> : null}
      </Dialog>
      <ConfirmDialog open={confirm} title="Delete group" confirmLabel="Delete" busy={action.busy}
        message={<p>Delete the group <strong>{g?.profile.name}</strong>? Its members stay; only the group goes.</p>}
        onConfirm={remove} onClose={() => setConfirm(false)} />
    </Page>
  );
}
