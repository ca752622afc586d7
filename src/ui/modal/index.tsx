import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { BigButton } from '../big-button';
import './modal.css';

export interface ModalProps {
  title: string;
  closeLabel: string;
  onClose: () => void;
  children: ComponentChildren;
}

/**
 * A modal built on <dialog>.showModal(): the browser makes the page behind it inert, traps focus,
 * closes it on Escape and returns focus to the control that opened it.
 */
export function Modal({ title, closeLabel, onClose, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class="modal"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div class="modal__header">
        <h2 id={titleId} class="modal__title">
          {title}
        </h2>
        <BigButton icon="close" onClick={onClose} data-action="close" autoFocus>
          {closeLabel}
        </BigButton>
      </div>
      <div class="modal__body">{children}</div>
    </dialog>
  );
}
