import { useEffect, useRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { Link } from '../router';

/** One console page: breadcrumbs, the heading (focused when the page opens), actions, content. */
export function Page({ title, subtitle, crumbs, actions, children }: {
  title: string; subtitle?: ReactNode; crumbs?: Array<{ to: string; label: string }>; actions?: ReactNode; children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Tollgate Admin`;
  }, [title]);
  useEffect(() => {
    // After an in-app navigation, start reading (and tabbing) at the new page's heading.
    if (document.activeElement && document.activeElement !== document.body && document.activeElement.closest('.nav, .crumbs, main a, main button')) {
      heading.current?.focus({ preventScroll: true });
    }
  }, []);
  return (
    <div className="page">
      {crumbs?.length ? (
        <nav className="crumbs" aria-label="Breadcrumb">
          <ol>
            {crumbs.map((c) => <li key={c.to}><Link to={c.to}>{c.label}</Link></li>)}
          </ol>
        </nav>
      ) : null}
      <div className="page-head">
        <div>
          <h1 tabIndex={-1} ref={heading}>{title}</h1>
          {subtitle ? <p className="subtitle">{subtitle}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

export function Button({ variant = 'secondary', busy, children, className, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant; busy?: boolean;
}) {
  return (
    <button type="button" className={`btn btn-${variant}${className ? ` ${className}` : ''}`} aria-busy={busy || undefined}
      disabled={busy || rest.disabled} {...rest}>
      {children}
    </button>
  );
}

export function ButtonLink({ to, variant = 'secondary', children }: { to: string; variant?: Variant; children: ReactNode }) {
  return <Link to={to} className={`btn btn-${variant}`}>{children}</Link>;
}

export function Section({ title, actions, children, id }: { title: ReactNode; actions?: ReactNode; children: ReactNode; id?: string }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="panel-head">
        <h2 id={id}>{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </div>
      <div className="panel-body">{children}</div>
    </section>
  );
}

const STATUS_TONE: Record<string, string> = {
  ACTIVE: 'good', SUCCESS: 'good', ALLOW: 'good', ON: 'good', Allowed: 'good',
  INACTIVE: 'muted', DEPROVISIONED: 'muted', OFF: 'muted', STAGED: 'info', PROVISIONED: 'info', Denied: 'muted',
  SUSPENDED: 'warn', LOCKED_OUT: 'warn', PASSWORD_EXPIRED: 'warn', RECOVERY: 'warn', WARN: 'warn', RUNNING: 'info',
  FAILURE: 'bad', ERROR: 'bad', DENY: 'bad', FAILED: 'bad', CANCELLED: 'muted',
};

export function Badge({ value, label }: { value: string; label?: string }) {
  return <span className={`badge badge-${STATUS_TONE[value] ?? 'info'}`}>{label ?? value.replace(/_/g, ' ')}</span>;
}

/** A date as the admin's local time, with the exact ISO value on hover. */
export function Time({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  const d = new Date(value);
  return <time dateTime={value} title={value}>{d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })}</time>;
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return <p className="loading" role="status">{label}</p>;
}

export function ErrorNotice({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorMessage(error)}</p>
      {retry ? <Button onClick={retry}>Try again</Button> : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** Pretty JSON in a scrollable block. */
export function Json({ value, label }: { value: unknown; label?: string }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return <pre className="json" tabIndex={0} aria-label={label}>{text ?? 'null'}</pre>;
}

export function LoadMore({ onClick, busy, shown }: { onClick: () => void; busy: boolean; shown: number }) {
  return (
    <div className="load-more">
      <span className="muted">{shown} shown</span>
      <Button onClick={onClick} busy={busy}>{busy ? 'Loading…' : 'Show more'}</Button>
    </div>
  );
}

/** Definition list of label → value pairs. */
export function Facts({ items }: { items: Array<[ReactNode, ReactNode]> }) {
  return (
    <dl className="facts">
      {items.map(([k, v], i) => (
        <div key={i}><dt>{k}</dt><dd>{v ?? <span className="muted">—</span>}</dd></div>
      ))}
    </dl>
  );
}
