import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { HookHeader, InlineHook, InlineHookTypeInfo } from '../../api/types';
import { HookHeadersField } from '../../components/hook-headers-field';
import { navigate } from '../../router';
import { flash } from '../../ui/flash';
import { fieldErrors, FormError, RadioGroup, SelectField, TextField } from '../../ui/form';
import { useLoad, useSubmit } from '../../ui/hooks';
import { Button, ErrorNotice, Loading, Page } from '../../ui/page';
import { hookTypeLabel, useHookTypes } from './hook-types';

interface HookFormState {
  name: string;
  type: string;
  uri: string;
  channelType: 'HTTP' | 'OAUTH';
  authKey: string;
  authSecret: string;
  headers: HookHeader[];
  authType: 'client_secret_post' | 'private_key_jwt';
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
  scope: string;
  hookKeyId: string;
}

function fromHook(hook: InlineHook | undefined, type: string): HookFormState {
  const c = hook?.channel.config;
  const oauth = hook?.channel.type === 'OAUTH' ? hook.channel.config : undefined;
  return {
    name: hook?.name ?? '',
    type: hook?.type ?? type,
    uri: c?.uri ?? '',
    channelType: hook?.channel.type ?? 'HTTP',
    authKey: c?.authScheme?.key ?? (hook ? '' : 'Authorization'),
    authSecret: '',
    headers: c?.headers ?? [],
    authType: oauth?.authType === 'private_key_jwt' ? 'private_key_jwt' : 'client_secret_post',
    clientId: oauth?.clientId ?? '',
    clientSecret: '',
    tokenUrl: oauth?.tokenUrl ?? '',
    scope: oauth?.scope ?? '',
    hookKeyId: oauth?.hookKeyId ?? '',
  };
}

/** Okta's InlineHook body from the form. A blank secret is left out: on edit the stored one is kept. */
function toBody(f: HookFormState, creating: boolean) {
  const headers = f.headers.filter((h) => h.key.trim() || h.value.trim());
  const config = f.channelType === 'HTTP'
    ? {
      uri: f.uri.trim(), method: 'POST', headers,
      authScheme: f.authKey.trim() ? { type: 'HEADER', key: f.authKey.trim(), ...(f.authSecret ? { value: f.authSecret } : {}) } : null,
    }
    : {
      uri: f.uri.trim(), method: 'POST', headers, authScheme: null, authType: f.authType, clientId: f.clientId.trim(),
      tokenUrl: f.tokenUrl.trim(), scope: f.scope.trim() || null,
      ...(f.authType === 'client_secret_post' ? (f.clientSecret ? { clientSecret: f.clientSecret } : {}) : { hookKeyId: f.hookKeyId.trim() || null }),
    };
  return { name: f.name.trim(), ...(creating ? { type: f.type } : {}), version: '1.0.0', channel: { type: f.channelType, version: '1.0.0', config } };
}

function HookForm({ hook, initialType, types }: { hook?: InlineHook; initialType: string; types: InlineHookTypeInfo[] }) {
  const creating = !hook;
  const [form, setForm] = useState(() => fromHook(hook, initialType));
  const submit = useSubmit();
  const errs = fieldErrors(submit.error);
  const set = <K extends keyof HookFormState>(key: K, value: HookFormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const secretHint = creating ? undefined : 'Saved secrets are never shown. Leave this blank to keep the current one.';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await submit.run(async () => {
      const body = toBody(form, creating);
      const res = creating ? await api.post<InlineHook>('/api/v1/inlineHooks', body) : await api.put<InlineHook>(`/api/v1/inlineHooks/${hook.id}`, body);
      return res.data;
    });
    if (saved) {
      flash(creating ? `Inline hook "${saved.name}" added` : `Inline hook "${saved.name}" saved`);
      navigate(`/workflow/inline-hooks/${saved.id}`);
    }
  };

  const claimed = ['name', 'type', 'version', 'channel.config.uri', 'channel.type', 'channel.config.authScheme', 'channel.config.headers',
    'channel.config.authType', 'channel.config.clientId', 'channel.config.clientSecret', 'channel.config.tokenUrl', 'channel.config.scope', 'channel.config.hookKeyId'];

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormError error={submit.error} claimed={claimed} />
      <TextField label="Name" value={form.name} onChange={(v) => set('name', v)} error={errs.byField(['name'])} required maxLength={255} autoComplete="off" />
      {creating ? (
        <SelectField label="Type" value={form.type} onChange={(v) => set('type', v)} error={errs.byField(['type'])} required
          options={types.map((t) => ({ value: t.type, label: `${t.name} (${t.type})` }))}
          hint={types.find((t) => t.type === form.type)?.description} />
      ) : (
        <div className="field"><span className="label">Type</span><p className="static">{hookTypeLabel(types, form.type)} <span className="mono muted">{form.type}</span></p></div>
      )}
      <TextField label="URL" type="url" value={form.uri} onChange={(v) => set('uri', v)} error={errs.byField(['channel.config.uri'])} required
        hint="The endpoint Tollgate POSTs to. https:// is required except for loopback and allow-listed hosts." placeholder="https://hooks.example.com/registration" />

      <RadioGroup legend="Authentication" name="channelType" value={form.channelType} onChange={(v) => set('channelType', v)}
        error={errs.byField(['channel.type'])}
        options={[
          { value: 'HTTP', label: 'HTTP headers', hint: 'Tollgate sends a secret in a header you name.' },
          { value: 'OAUTH', label: 'OAuth 2.0', hint: 'Tollgate gets an access token from your authorization server first.' },
        ]} />

      {form.channelType === 'HTTP' ? (
        <div className="subform">
          <TextField label="Authentication field" value={form.authKey} onChange={(v) => set('authKey', v)} autoComplete="off"
            error={errs.byField(['channel.config.authScheme.key', 'channel.config.authScheme.type'])}
            hint="The header that carries the secret, e.g. Authorization. Leave blank to send none." />
          <TextField label="Authentication secret" type="password" value={form.authSecret} onChange={(v) => set('authSecret', v)} autoComplete="new-password"
            error={errs.byField(['channel.config.authScheme.value', 'channel.config.authScheme'])} hint={secretHint} />
        </div>
      ) : (
        <div className="subform">
          <SelectField label="Client authentication" value={form.authType} onChange={(v) => set('authType', v as HookFormState['authType'])}
            error={errs.byField(['channel.config.authType'])}
            options={[{ value: 'client_secret_post', label: 'Client secret' }, { value: 'private_key_jwt', label: 'Private key (JWT)' }]} />
          <TextField label="Client ID" value={form.clientId} onChange={(v) => set('clientId', v)} error={errs.byField(['channel.config.clientId'])} required autoComplete="off" />
          {form.authType === 'client_secret_post' ? (
            <TextField label="Client secret" type="password" value={form.clientSecret} onChange={(v) => set('clientSecret', v)} autoComplete="new-password"
              error={errs.byField(['channel.config.clientSecret'])} hint={secretHint} />
          ) : (
            <TextField label="Key ID" value={form.hookKeyId} onChange={(v) => set('hookKeyId', v)} error={errs.byField(['channel.config.hookKeyId'])} />
          )}
          <TextField label="Authorization server URL" type="url" value={form.tokenUrl} onChange={(v) => set('tokenUrl', v)} required
            error={errs.byField(['channel.config.tokenUrl'])} hint="The token endpoint, e.g. https://auth.example.com/oauth2/v1/token" />
          <TextField label="Scope" value={form.scope} onChange={(v) => set('scope', v)} error={errs.byField(['channel.config.scope'])} />
        </div>
      )}

      <HookHeadersField headers={form.headers} onChange={(headers) => set('headers', headers)} errors={errs} hint="Sent with every call, after the authentication header." />

      <div className="form-actions">
        <Button type="submit" variant="primary" busy={submit.busy}>{creating ? 'Save' : 'Save changes'}</Button>
        <Button onClick={() => navigate(hook ? `/workflow/inline-hooks/${hook.id}` : '/workflow/inline-hooks')}>Cancel</Button>
      </div>
    </form>
  );
}

export function NewInlineHookPage({ type }: { type?: string }) {
  const types = useHookTypes();
  const list = types.data;
  // The type the link asked for, else the first the server lists (Registration).
  const initialType = list?.some((t) => t.type === type) ? type! : list?.[0]?.type ?? '';
  return (
    <Page title="Add Inline Hook" crumbs={[{ to: '/workflow/inline-hooks', label: 'Inline Hooks' }]}>
      {types.error ? <ErrorNotice error={types.error} retry={types.reload} /> : null}
      {types.loading && !list ? <Loading /> : null}
      {list ? <div className="panel"><div className="panel-body"><HookForm initialType={initialType} types={list} /></div></div> : null}
    </Page>
  );
}

export function EditInlineHookPage({ id }: { id: string }) {
  const hook = useLoad(async () => (await api.get<InlineHook>(`/api/v1/inlineHooks/${encodeURIComponent(id)}`)).data, [id]);
  const types = useHookTypes();
  return (
    <Page title={hook.data ? `Edit ${hook.data.name}` : 'Edit inline hook'}
      crumbs={[{ to: '/workflow/inline-hooks', label: 'Inline Hooks' }, ...(hook.data ? [{ to: `/workflow/inline-hooks/${id}`, label: hook.data.name }] : [])]}>
      {hook.error ? <ErrorNotice error={hook.error} retry={hook.reload} /> : null}
      {types.error ? <ErrorNotice error={types.error} retry={types.reload} /> : null}
      {(hook.loading && !hook.data) || (types.loading && !types.data) ? <Loading /> : null}
      {hook.data && types.data ? <div className="panel"><div className="panel-body"><HookForm hook={hook.data} initialType={hook.data.type} types={types.data} /></div></div> : null}
    </Page>
  );
}
