import type { HookHeader } from '../api/types';
import { TextField, type FieldErrors } from '../ui/form';
import { Button } from '../ui/page';

/**
 * The custom headers of a hook's channel (`channel.config.headers`), for inline and event hooks alike: one
 * row per header, each field showing the server's error for it, and the list's own error when no row has one.
 */
export function HookHeadersField({ headers, onChange, errors, hint }: {
  headers: HookHeader[];
  onChange: (headers: HookHeader[]) => void;
  errors: FieldErrors;
  hint: string;
}) {
  const errorAt = (i: number, part: keyof HookHeader) => errors.byField([`channel.config.headers[${i}].${part}`]);
  const setAt = (i: number, part: keyof HookHeader, value: string) => onChange(headers.map((h, j) => (j === i ? { ...h, [part]: value } : h)));
  const listError = errors.byField(['channel.config.headers']);
  return (
    <fieldset className="field headers">
      <legend>Custom headers</legend>
      <p className="hint">{hint}</p>
      {headers.length === 0 ? <p className="muted">No custom headers.</p> : null}
      {headers.map((h, i) => (
        <div className="header-row" key={i}>
          <TextField label={`Header ${i + 1} name`} value={h.key} onChange={(v) => setAt(i, 'key', v)} error={errorAt(i, 'key')} autoComplete="off" />
          <TextField label={`Header ${i + 1} value`} value={h.value} onChange={(v) => setAt(i, 'value', v)} error={errorAt(i, 'value')} autoComplete="off" />
          <Button variant="ghost" className="remove" aria-label={`Remove header ${i + 1}`} onClick={() => onChange(headers.filter((_, j) => j !== i))}>Remove</Button>
        </div>
      ))}
      {listError && !headers.some((_, i) => errorAt(i, 'key') || errorAt(i, 'value')) ? <p className="field-error">{listError}</p> : null}
      <Button onClick={() => onChange([...headers, { key: '', value: '' }])}>Add header</Button>
    </fieldset>
  );
}
