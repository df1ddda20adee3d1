import { useState, type FormEvent } from 'react';
import { api, getAll } from '../../api/client';
import type { Group, InlineHook, Policy, PolicyRule, ProfileAttributeRef, ProfileEnrollmentAction, UserSchema } from '../../api/types';
import { Link } from '../../router';
import { flash } from '../../ui/flash';
import { Checkbox, fieldErrors, FormError, RadioGroup, SelectField, TextField } from '../../ui/form';
import { useLoad, useSubmit } from '../../ui/hooks';
import { Badge, Button, Empty, ErrorNotice, Loading, Page, Section, Time } from '../../ui/page';

const F = 'actions.profileEnrollment';
/** The policy's contract: a profile enrollment rule names a registration inline hook (Okta's wire name). */
const REGISTRATION_HOOK = 'com.okta.user.pre-registration';

export function ProfileEnrollmentPoliciesPage() {
  const policies = useLoad(() => getAll<Policy>('/api/v1/policies', { type: 'PROFILE_ENROLLMENT' }), []);
  return (
    <Page title="User Profile Policies"
      subtitle="What people are asked for when they sign up, whether they may sign up at all, and which inline hook checks them.">
      {policies.error ? <ErrorNotice error={policies.error} retry={policies.reload} /> : null}
      {policies.loading && !policies.data ? <Loading /> : null}
      {policies.data?.length === 0 ? <Empty>No user profile policies.</Empty> : null}
      {policies.data?.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">User profile policies</caption>
            <thead><tr><th scope="col">Policy</th><th scope="col">Status</th><th scope="col">Priority</th><th scope="col">Last updated</th></tr></thead>
            <tbody>
              {policies.data.map((p) => (
                <tr key={p.id}>
                  <td><Link to={`/security/profile-enrollment/${p.id}`}>{p.name}</Link>{p.system ? <span className="muted"> (default)</span> : null}</td>
                  <td><Badge value={p.status} /></td>
                  <td className="num">{p.priority}</td>
                  <td><Time value={p.lastUpdated} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}

interface Choices {
  attributes: Array<{ name: string; title: string }>;
  hooks: InlineHook[];
  groups: Group[];
}

async function loadChoices(): Promise<Choices> {
  const [schema, hooks, groups] = await Promise.all([
    api.get<UserSchema>('/api/v1/meta/schemas/user/default'),
    getAll<InlineHook>('/api/v1/inlineHooks', { type: REGISTRATION_HOOK }),
    getAll<Group>('/api/v1/groups', { limit: 200 }, 5),
  ]);
  const props = { ...schema.data.definitions.base.properties, ...schema.data.definitions.custom.properties };
  const attributes = Object.entries(props)
    .filter(([name]) => name !== 'login')
    .map(([name, a]) => ({ name, title: a.title || name }));
  return { attributes, hooks, groups: groups.filter((g) => g.type === 'OKTA_GROUP') };
}

function RuleEditor({ policyId, rule, choices, onSaved }: { policyId: string; rule: PolicyRule; choices: Choices; onSaved: (r: PolicyRule) => void }) {
  const action = rule.actions.profileEnrollment as ProfileEnrollmentAction;
  const [register, setRegister] = useState<'REGISTER' | 'DENY'>(action.unknownUserAction === 'REGISTER' ? 'REGISTER' : 'DENY');
  const [attrs, setAttrs] = useState<ProfileAttributeRef[]>(action.profileAttributes ?? []);
  const [hookId, setHookId] = useState(action.preRegistrationInlineHooks?.[0]?.inlineHookId ?? '');
  const [groupId, setGroupId] = useState(action.targetGroupIds?.[0] ?? '');
  const [emailVerification, setEmailVerification] = useState(action.activationRequirements?.emailVerification ?? false);
  const [adding, setAdding] = useState('');
  const submit = useSubmit();
  const errs = fieldErrors(submit.error);

  const unused = choices.attributes.filter((a) => !attrs.some((x) => x.name === a.name));
  const move = (i: number, by: number) => setAttrs((list) => {
    const j = i + by;
    if (j < 0 || j >= list.length) return list;
    const copy = [...list];
    [copy[i], copy[j]] = [copy[j], copy[i]];
    return copy;
  });
  const update = (i: number, change: Partial<ProfileAttributeRef>) => setAttrs((list) => list.map((a, j) => (j === i ? { ...a, ...change } : a)));
  const add = () => {
    const found = choices.attributes.find((a) => a.name === adding);
    if (!found) return;
    setAttrs((list) => [...list, { name: found.name, label: found.title, required: false }]);
    setAdding('');
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await submit.run(async () => (await api.put<PolicyRule>(`/api/v1/policies/${policyId}/rules/${rule.id}`, {
      name: rule.name,
      type: rule.type,
      conditions: rule.conditions,
      actions: {
        ...rule.actions,
        profileEnrollment: {
          ...action,
          unknownUserAction: register,
          profileAttributes: attrs,
          preRegistrationInlineHooks: hookId ? [{ inlineHookId: hookId }] : null,
          targetGroupIds: groupId ? [groupId] : null,
          activationRequirements: { emailVerification },
        },
      },
    })).data);
    if (saved) {
      flash('User profile policy saved');
      onSaved(saved);
    }
  };

  const claimed = [`${F}.unknownUserAction`, `${F}.profileAttributes`, `${F}.preRegistrationInlineHooks`, `${F}.targetGroupIds`, `${F}.activationRequirements`];
  const hookOptions = [{ value: '', label: 'None' }, ...choices.hooks.map((h) => ({ value: h.id, label: `${h.name}${h.status === 'ACTIVE' ? '' : ' (inactive)'}` }))];
  if (hookId && !choices.hooks.some((h) => h.id === hookId)) hookOptions.push({ value: hookId, label: hookId });
  const groupOptions = [{ value: '', label: 'None' }, ...choices.groups.map((g) => ({ value: g.id, label: g.profile.name }))];

  return (
    <form className="form wide" onSubmit={onSubmit} noValidate aria-label={`Rule ${rule.name}`}>
      <FormError error={submit.error} claimed={claimed} />
      <RadioGroup legend="Self-service registration" name={`register-${rule.id}`} value={register} onChange={setRegister}
        error={errs.byField([`${F}.unknownUserAction`])}
        options={[
          { value: 'REGISTER', label: 'Allowed', hint: 'The sign-in page shows a Sign up link; new people can create an account.' },
          { value: 'DENY', label: 'Denied', hint: 'Only people an admin adds can sign in.' },
        ]} />

      <fieldset className="field">
        <legend>Profile enrollment form</legend>
        <p className="hint">The fields of the sign-up form, in order. Email is always required.</p>
        {errs.byField([`${F}.profileAttributes`]) && !attrs.some((_, i) => errs.byField([`${F}.profileAttributes[${i}]`]))
          ? <p className="field-error">{errs.byField([`${F}.profileAttributes`])}</p> : null}
        <div className="table-wrap">
          <table className="table attrs">
            <caption className="visually-hidden">Profile attributes on the sign-up form</caption>
            <thead><tr><th scope="col">Order</th><th scope="col">Label</th><th scope="col">Attribute</th><th scope="col">Required</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {attrs.map((a, i) => {
                const rowError = errs.byField([`${F}.profileAttributes[${i}]`]);
                return (
                  <tr key={a.name}>
                    <td className="num">{i + 1}</td>
                    <td>
                      <TextField label={<span className="visually-hidden">Label of {a.name}</span>} value={a.label} onChange={(v) => update(i, { label: v })} error={rowError} className="compact" />
                    </td>
                    <td className="mono">{a.name}</td>
                    <td>
                      <Checkbox label={<span className="visually-hidden">{a.name} is required</span>} checked={a.required} disabled={a.name === 'email'} onChange={(v) => update(i, { required: v })} />
                    </td>
                    <td className="row-actions">
                      <Button variant="ghost" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move ${a.label || a.name} up`}>↑</Button>
                      <Button variant="ghost" onClick={() => move(i, 1)} disabled={i === attrs.length - 1} aria-label={`Move ${a.label || a.name} down`}>↓</Button>
                      <Button variant="ghost" onClick={() => setAttrs((list) => list.filter((_, j) => j !== i))} disabled={a.name === 'email'} aria-label={`Remove ${a.label || a.name}`}>Remove</Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="inline-add">
          <SelectField label="Add form input" value={adding} onChange={setAdding}
            options={[{ value: '', label: unused.length ? 'Choose an attribute…' : 'Every attribute is on the form' }, ...unused.map((a) => ({ value: a.name, label: `${a.title} (${a.name})` }))]} />
          <Button onClick={add} disabled={!adding}>Add</Button>
        </div>
      </fieldset>

      <SelectField label="Inline hook" value={hookId} onChange={setHookId} options={hookOptions}
        error={errs.byField([`${F}.preRegistrationInlineHooks`])}
        hint={<>A registration inline hook called before each sign-up is accepted. <Link to="/workflow/inline-hooks/new">Add one</Link>.</>} />
      <SelectField label="Add people to group" value={groupId} onChange={setGroupId} options={groupOptions}
        error={errs.byField([`${F}.targetGroupIds`])} hint="People who sign up become members of this group." />
      <Checkbox label="Require email verification before the account is active" checked={emailVerification} onChange={setEmailVerification}
        hint="Kept for Okta compatibility: Tollgate sends no email yet, so people who sign up are active right away either way." />
      {errs.byField([`${F}.activationRequirements`]) ? <p className="field-error">{errs.byField([`${F}.activationRequirements`])}</p> : null}

      <div className="form-actions">
        <Button type="submit" variant="primary" busy={submit.busy}>Save</Button>
      </div>
    </form>
  );
}

export function ProfileEnrollmentPolicyPage({ id }: { id: string }) {
  const policy = useLoad(async () => {
    const [p, rules] = await Promise.all([
      api.get<Policy>(`/api/v1/policies/${encodeURIComponent(id)}`),
      api.get<PolicyRule[]>(`/api/v1/policies/${encodeURIComponent(id)}/rules`),
    ]);
    return { policy: p.data, rules: rules.data };
  }, [id]);
  const choices = useLoad(loadChoices, []);
  const data = policy.data;
  return (
    <Page title={data?.policy.name ?? 'User profile policy'} crumbs={[{ to: '/security/profile-enrollment', label: 'User Profile Policies' }]}
      subtitle={data ? <><Badge value={data.policy.status} /> {data.policy.description ?? ''}</> : undefined}>
      {policy.error ? <ErrorNotice error={policy.error} retry={policy.reload} /> : null}
      {choices.error ? <ErrorNotice error={choices.error} retry={choices.reload} /> : null}
      {(policy.loading && !data) || (choices.loading && !choices.data) ? <Loading /> : null}
      {data && choices.data ? data.rules.filter((r) => r.actions.profileEnrollment).map((rule) => (
        <Section key={rule.id} title={<>Rule: {rule.name}</>} id={`rule-${rule.id}`}>
          <RuleEditor policyId={data.policy.id} rule={rule} choices={choices.data!}
            onSaved={(saved) => policy.set({ policy: data.policy, rules: data.rules.map((r) => (r.id === saved.id ? saved : r)) })} />
        </Section>
      )) : null}
    </Page>
  );
}
