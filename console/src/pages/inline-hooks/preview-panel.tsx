import { useLayoutEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { FormError, SelectField, TextArea, fieldErrors } from '../../ui/form';
import { useLoad, useSubmit } from '../../ui/hooks';
import { Badge, Button, ErrorNotice, Json, Loading, Section } from '../../ui/page';
import { useHookTypes } from './hook-types';
// `GET …/preview/sample` and `POST …/preview`, as the server's response schemas type them.
import type { InlineHookPreview as PreviewResult, PreviewSample } from '../../../../src/hooks/inline/preview.schema.js';

function decisionDetails(decision: PreviewResult['decision']): Record<string, unknown> {
  const { result: _result, summary: _summary, ...details } = decision;
  return details;
}

/**
 * The Preview panel of an inline hook: a sample request for the hook's type (editable JSON), Send, and the
 * hook's reply beside what Tollgate would do with it. A preview changes nothing in the org; the call is
 * recorded with the hook's other calls (`onSent` lets the page refresh them).
 */
export function PreviewPanel({ hookId, onSent }: { hookId: string; onSent?: () => void }) {
  const [requestType, setRequestType] = useState('');
  const [text, setText] = useState('');
  const [jsonError, setJsonError] = useState<string>();
  const [result, setResult] = useState<PreviewResult>();
  const send = useSubmit();
  const path = `/api/v1/inlineHooks/${encodeURIComponent(hookId)}/preview`;
  const types = useHookTypes();
  // The server's names of request types (they are unique across hook types).
  const requestTypeLabel = (t: string) => types.data?.flatMap((x) => x.requestTypes).find((r) => r.requestType === t)?.label ?? t;

  const sample = useLoad(async () => (await api.get<PreviewSample>(`${path}/sample`, { requestType })).data, [hookId, requestType]);
  const resetToSample = () => {
    if (sample.data) setText(JSON.stringify(sample.data.request, null, 2));
    setJsonError(undefined);
  };
  // A new sample (first load, or another request type) replaces the request being edited; a layout effect, so the
  // text arrives in the same task that enables the field and nothing typed in between is overwritten.
  useLayoutEffect(resetToSample, [sample.data]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let payload: unknown;
    try {
      payload = text.trim() ? JSON.parse(text) : undefined;
    } catch (err) {
      setJsonError(`The request is not valid JSON: ${(err as Error).message}`);
      return;
    }
    if (payload !== undefined && (typeof payload !== 'object' || payload === null || Array.isArray(payload))) {
      setJsonError('The request must be a JSON object.');
      return;
    }
    setJsonError(undefined);
    const answer = await send.run(async () => (await api.post<PreviewResult>(path, payload)).data);
    if (answer) {
      setResult(answer);
      onSent?.();
    }
  };

  const requestTypes = sample.data?.requestTypes ?? [];
  const errors = fieldErrors(send.error);
  return (
    <Section title="Preview" id="hook-preview">
      <p className="hint">
        Sends a request to the hook as Tollgate would (same authentication, timeout, retry and reply checks) and shows
        what Tollgate would do with the reply. Nothing in the org changes; the call appears under Recent calls.
      </p>
      {sample.error ? <ErrorNotice error={sample.error} retry={sample.reload} /> : null}
      <form className="form" onSubmit={submit} noValidate>
        {requestTypes.length > 0 ? (
          <SelectField label="Request type" value={requestType || requestTypes[0]} onChange={setRequestType} className="inline"
            options={requestTypes.map((t) => ({ value: t, label: requestTypeLabel(t) }))} error={errors.byField(['requestType'])} />
        ) : null}
        {sample.loading && !sample.data ? <Loading label="Building a sample request…" /> : null}
        <TextArea label="Request" value={text} onChange={setText} rows={16} spellCheck={false} className="mono-input"
          disabled={sample.loading} /* a sample on its way replaces the text: nothing typed meanwhile is lost */
          hint="The JSON body sent to the hook, prefilled with a sample for this hook's type. Edit it freely."
          error={jsonError ?? errors.byField(['request', 'data'])} />
        <FormError error={send.error} claimed={['requestType', 'request', 'data']} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={send.busy}>{send.busy ? 'Sending…' : 'Send'}</Button>
          <Button type="button" onClick={resetToSample} disabled={!sample.data}>Reset to sample</Button>
        </div>
      </form>
      <div aria-live="polite">
        {result ? (
          <div className="two-col preview-result">
            <div>
              <h3>Reply</h3>
              <p>
                {result.response.status === null ? <span className="muted">No reply arrived</span> : <>HTTP <span className="mono">{result.response.status}</span></>}
                {result.response.error ? <> · <Badge value="FAILURE" /></> : <> · <Badge value="SUCCESS" /></>}
              </p>
              {result.response.error ? <p className="field-error" role="status">{result.response.error}</p> : null}
              {result.response.body === null ? <p className="muted">No body.</p> : <Json value={result.response.body} label="Reply from the hook" />}
            </div>
            <div>
              <h3>Tollgate's decision</h3>
              <p><Badge value={result.decision.result} /></p>
              <p className="decision-summary">{result.decision.summary}</p>
              {Object.keys(decisionDetails(result.decision)).length > 0
                ? <Json value={decisionDetails(result.decision)} label="Details of the decision" /> : null}
            </div>
          </div>
        ) : null}
      </div>
    </Section>
  );
}
