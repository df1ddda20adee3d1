import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from './page';

/**
 * A modal dialog on the native <dialog> element: focus moves into it, Escape closes it, and focus returns
 * to what opened it.
 */
export function Dialog({ open, title, onClose, children, footer }: {
  open: boolean; title: string; onClose: () => void; children: ReactNode; footer?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="dialog-title" onClose={onClose} onCancel={onClose}>
      {open ? (
        <>
          <h2 id="dialog-title">{title}</h2>
          <div className="dialog-body">{children}</div>
          {footer ? <div className="dialog-foot">{footer}</div> : null}
        </>
      ) : null}
    </dialog>
  );
}

/** "Are you sure?" before something that cannot be undone. */
export function ConfirmDialog({ open, title, message, confirmLabel, onConfirm, onClose, busy, error }: {
  open: boolean; title: string; message: ReactNode; confirmLabel: string; onConfirm: () => void; onClose: () => void;
  busy?: boolean; error?: ReactNode;
}) {
  return (
    <Dialog open={open} title={title} onClose={onClose} footer={(
      <>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="danger" onClick={onConfirm} busy={busy}>{confirmLabel}</Button>
      </>
    )}>
      {message}
      {error}
    </Dialog>
  );
}
