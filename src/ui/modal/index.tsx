import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useId, useRef } from 'preact/hooks';
import { BigButton } from '../big-button';
import './modal.css';

export interface ModalProps {
  title: string;
  closeLabel: string;
  onClose: () => void;
  /** Which dialog this is (`data-dialog`), for tests and the kiosk's self-check; else from `DialogName`. */
  name?: string;
  children: ComponentChildren;
}

/**
 * Shown at the top of every dialog: the app puts the touch-mode bar here, so a mode that changes what
 * a touch does stays visible (and can be turned off) while a dialog covers the page.
 */
export const ModalNotice = createContext<ComponentChildren>(null);
/** The name of the dialog being drawn, for a dialog whose own code does not pass one. */
export const DialogName = createContext<string | undefined>(undefined);

/**
 * A modal built on <dialog>.showModal(): the browser makes the page behind it inert, traps focus,
 * closes it on Escape and returns focus to the control that opened it.
 *
 * The browser can also close it on its own: Chromium's close watcher closes a modal dialog on a
 * second Escape (or Android's back gesture) without a cancelable `cancel` event. Whatever closes it,
 * `onClose` is told, so the visit never believes a dialog is open that the patient cannot see
 * (which made the next tap on the same control do nothing: issue #16).
 */
export function Modal({ title, closeLabel, onClose, name, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const notice = useContext(ModalNotice);
  const contextName = useContext(DialogName);
  const latestOnClose = useRef(onClose);
  latestOnClose.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const closedByBrowser = () => latestOnClose.current();
    dialog.addEventListener('close', closedByBrowser);
    return () => {
      // Closed by the app (the state moved on): not news to the state, and the `close` event it
      // queues must not close whatever dialog the patient has opened since.
      dialog.removeEventListener('close', closedByBrowser);
      dialog.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class="modal"
      aria-labelledby={titleId}
      data-dialog={name ?? contextName}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div class="modal__top">
        <div class="modal__header">
          <h2 id={titleId} class="modal__title">
            {title}
          </h2>
          <BigButton icon="close" onClick={onClose} data-action="close" autoFocus>
            {closeLabel}
          </BigButton>
        </div>
        {notice}
      </div>
      <div class="modal__body">{children}</div>
    </dialog>
  );
}
