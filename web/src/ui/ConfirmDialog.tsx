import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { Button } from './Button';

/**
 * "Are you sure?" as a modal <dialog> (focus kept inside, Escape cancels, focus back where it was).
 * Shown while `open`; `onConfirm` runs the action, `onCancel` closes it.
 */
export function ConfirmDialog(props: {
  readonly id: string;
  readonly open: boolean;
  readonly title: string;
  readonly children: ComponentChildren;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  readonly pending?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const { m } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    if (props.open && !box.open) box.showModal();
    if (!props.open && box.open) box.close();
  }, [props.open]);
  const titleId = `${props.id}-title`;
  return (
    <dialog
      ref={dialog}
      id={props.id}
      class="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      {props.open ? (
        <div class="stack">
          <h2 id={titleId}>{props.title}</h2>
          <div class="stack-sm">{props.children}</div>
          <div class="row dialog-actions">
            <Button variant="secondary" onClick={props.onCancel} disabled={props.pending}>
              {m.preferences.cancel}
            </Button>
            <Button
              variant={props.danger ? 'danger' : 'primary'}
              busy={props.pending}
              disabled={props.pending}
              onClick={props.onConfirm}
            >
              {props.confirmLabel}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
