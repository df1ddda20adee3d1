import { ApiError } from '../../api/client';

/**
 * The server's refusal of an action (a delete refused while flows use the thing), in a confirm dialog:
 * its causes in the server's words, without the name of the field they are filed under ("connection: …"),
 * or the summary when there are none. role=alert, so that it is announced when it appears.
 */
export function RefusalNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const causes = error instanceof ApiError ? error.fieldCauses().map((c) => c.message) : [];
  const summary = error instanceof ApiError ? error.errorSummary : error instanceof Error ? error.message : String(error);
  return (
    <div className="form-error" role="alert">
      {causes.length === 1 ? <p><strong>{causes[0]}</strong></p> : (
        <>
          <p><strong>{summary}</strong></p>
          {causes.length ? <ul>{causes.map((c) => <li key={c}>{c}</li>)}</ul> : null}
        </>
      )}
    </div>
  );
}
