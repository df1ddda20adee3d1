import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { ApiError } from '../api/client';

/**
 * Form fields with real labels, hints and errors tied to the input (aria-describedby, aria-invalid).
 * `fieldErrors` turns an API error's causes into messages per field: a field shows the causes whose
 * name is one of its `api` names or lies under one of them.
 */

export type FieldErrors = { byField: (names: string[]) => string | undefined; unclaimed: (claimed: string[]) => string[] };

export function fieldErrors(error: unknown): FieldErrors {
  const causes = error instanceof ApiError ? error.fieldCauses() : [];
  const under = (field: string, name: string) => field === name || field.startsWith(name + '.') || field.startsWith(name + '[');
  return {
    byField: (names) => {
      const found = causes.filter((c) => c.field && names.some((n) => under(c.field, n))).map((c) => c.message);
      return found.length ? [...new Set(found)].join(' ') : undefined;
    },
    unclaimed: (claimed) => causes.filter((c) => !c.field || !claimed.some((n) => under(c.field, n)))
      .map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)),
  };
}

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  children: ReactNode;
  className?: string;
}

function FieldShell({ id, label, hint, error, required, children, className }: FieldShellProps) {
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="req" aria-hidden="true"> *</span> : null}
      </label>
      {children}
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p className="field-error" id={`${id}-error`}>{error}</p> : null}
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
};

export function TextField({ label, value, onChange, hint, error, required, className, ...rest }: TextFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required} className={className}>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </FieldShell>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value'> & {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
};

export function TextArea({ label, value, onChange, hint, error, required, className, ...rest }: TextAreaProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required} className={className}>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </FieldShell>
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: Array<{ value: string; label: string }>;
  hint?: ReactNode;
  error?: string;
};

export function SelectField({ label, value, onChange, options, hint, error, required, className, ...rest }: SelectProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required} className={className}>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      >
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </FieldShell>
  );
}

export function Checkbox({ label, checked, onChange, hint, disabled }: {
  label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; hint?: ReactNode; disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="field check">
      <input type="checkbox" id={id} checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
    </div>
  );
}

/** A group of radio buttons in a fieldset with a legend. */
export function RadioGroup<T extends string>({ legend, name, value, onChange, options, error }: {
  legend: ReactNode; name: string; value: T; onChange: (value: T) => void;
  options: Array<{ value: T; label: ReactNode; hint?: ReactNode }>; error?: string;
}) {
  const id = useId();
  return (
    <fieldset className={`field radios${error ? ' has-error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <div className="radio" key={o.value}>
          <input type="radio" id={`${id}-${o.value}`} name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          {o.hint ? <p className="hint">{o.hint}</p> : null}
        </div>
      ))}
      {error ? <p className="field-error" id={`${id}-error`}>{error}</p> : null}
    </fieldset>
  );
}

/**
 * The error at the top of a form: the API's summary and every cause not shown at a field. role=alert, so
 * that screen readers announce it when a save fails.
 */
export function FormError({ error, claimed = [] }: { error: unknown; claimed?: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // After a failed save, start at the first field that needs attention.
    if (!error) return;
    const invalid = ref.current?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [error]);
  if (!error) return null;
  const rest = fieldErrors(error).unclaimed(claimed);
  const atFields = error instanceof ApiError && error.causes.length > rest.length;
  const message = atFields && error.errorCode === 'E0000001'
    ? 'Some fields need attention.'
    : error instanceof ApiError ? error.errorSummary : error instanceof Error ? error.message : String(error);
  return (
    <div className="form-error" role="alert" ref={ref}>
      <p><strong>{message}</strong>{atFields ? ' See the fields marked below.' : ''}</p>
      {rest.length ? <ul>{rest.map((r) => <li key={r}>{r}</li>)}</ul> : null}
    </div>
  );
}
