import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { FormError, TextField } from '../../ui/form';
import { useLoad, useSubmit } from '../../ui/hooks';
import { Badge, Button, Empty, ErrorNotice, Loading, Section } from '../../ui/page';

/** The hook developer's toolkit on a hook's page: `GET/PUT …/toolkit`, `POST …/replay`, `GET …/shadow/report`. */
interface Settings { recording: { maxCalls: number; maxAgeDays: number } | null; shadow: { uri: string } | null }
interface Snapshot { result: string; summary: string; commands: Array<{ type: string; value: unknown }> }
interface ReplayReport {
  replayed: number; changed: number; nowDenied: string[];
  items: Array<{ recordingId: string; subject: string | null; changed: boolean; nowDenied: boolean; before: Snapshot; after: Snapshot }>;
}
interface ShadowReport {
  calls: number; agreements: number; disagreements: number;
  items: Array<{ callId: string; created: string; subject: string | null; primary: Snapshot; shadow: Snapshot }>;
}

export function ToolkitPanel({ hookId }: { hookId: string }) {
  const base = `/api/v1/inlineHooks/${encodeURIComponent(hookId)}`;
  const settings = useLoad(async () => (await api.get<Settings>(`${base}/toolkit`)).data, [hookId]);
  const shadow = useLoad(async () => (await api.get<ShadowReport>(`${base}/shadow/report`)).data, [hookId]);
  const [replayUrl, setReplayUrl] = useState('');
  const [replay, setReplay] = useState<ReplayReport>();
  const replaying = useSubmit();

  const submitReplay = async (e: FormEvent) => {
    e.preventDefault();
    const report = await replaying.run(async () => (await api.post<ReplayReport>(`${base}/replay`, { url: replayUrl.trim() })).data);
    if (report) setReplay(report);
  };

  return (
    <Section title="Recorder, replay and shadow" id="hook-toolkit">
      <p className="hint">Tollgate extensions: keep this hook's real calls (passwords and secrets removed), replay them against another endpoint, or send a copy of every call to a shadow endpoint whose answers are compared but never applied.</p>
      {settings.error ? <ErrorNotice error={settings.error} retry={settings.reload} /> : null}
      {/* The form appears once the saved settings are here, so nothing typed is overwritten by their arrival. */}
      {settings.data ? <SettingsForm base={base} saved={settings.data} onSaved={settings.set} /> : settings.loading ? <Loading label="Loading the toolkit settings…" /> : null}

      <h3>Replay recorded calls</h3>
      <form className="form" onSubmit={submitReplay} noValidate>
        <TextField label="Replay against URL" value={replayUrl} onChange={setReplayUrl} />
        <FormError error={replaying.error} />
        <div className="form-actions"><Button type="submit" variant="primary" busy={replaying.busy}>Replay</Button></div>
      </form>
      <div aria-live="polite">
        {replay ? (
          <div className="replay-result">
            <p>{replay.changed} of {replay.replayed} decisions change.{replay.nowDenied.length ? <> Would now be denied: <strong>{replay.nowDenied.join(', ')}</strong></> : null}</p>
            <ul className="plain">
              {replay.items.filter((i) => i.changed).map((i) => (
                <li key={i.recordingId}><span className="mono">{i.subject ?? i.recordingId}</span>: <Badge value={i.before.result} /> → <Badge value={i.after.result} /> {i.after.summary}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      <h3>Shadow disagreements</h3>
      {shadow.error ? <ErrorNotice error={shadow.error} retry={shadow.reload} /> : null}
      {shadow.data ? (
        <>
          <p className="shadow-summary">{shadow.data.calls} shadow calls: {shadow.data.agreements} agree, {shadow.data.disagreements} disagree. <Button variant="ghost" onClick={shadow.reload}>Refresh</Button></p>
          {shadow.data.items.length === 0 ? <Empty>No disagreements.</Empty> : (
            <ul className="plain shadow-disagreements">
              {shadow.data.items.map((i) => (
                <li key={i.callId}><span className="mono">{i.subject ?? i.callId}</span>: hook <Badge value={i.primary.result} />, shadow <Badge value={i.shadow.result} /> {i.shadow.summary}</li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </Section>
  );
}

/** Recorder and shadow settings, starting from what is saved. */
function SettingsForm({ base, saved, onSaved }: { base: string; saved: Settings; onSaved: (s: Settings) => void }) {
  const [maxCalls, setMaxCalls] = useState(saved.recording ? String(saved.recording.maxCalls) : '');
  const [maxAgeDays, setMaxAgeDays] = useState(saved.recording ? String(saved.recording.maxAgeDays) : '');
  const [shadowUri, setShadowUri] = useState(saved.shadow?.uri ?? '');
  const save = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      recording: maxCalls.trim() ? { maxCalls: Number(maxCalls), maxAgeDays: Number(maxAgeDays || 7) } : null,
      shadow: shadowUri.trim() ? { uri: shadowUri.trim() } : null,
    };
    const result = await save.run(async () => (await api.put<Settings>(`${base}/toolkit`, body)).data);
    if (result) onSaved(result);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField label="Record at most (calls)" value={maxCalls} onChange={setMaxCalls} inputMode="numeric" hint="Empty: calls are not recorded." />
      <TextField label="Keep recordings for (days)" value={maxAgeDays} onChange={setMaxAgeDays} inputMode="numeric" />
      <TextField label="Shadow endpoint URL" value={shadowUri} onChange={setShadowUri} hint="Empty: no shadow. It gets the hook's authentication." />
      <FormError error={save.error} />
      <div className="form-actions"><Button type="submit" busy={save.busy}>Save toolkit settings</Button></div>
    </form>
  );
}
