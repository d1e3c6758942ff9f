import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A native modal <dialog>, open while mounted: focus is trapped and restored by the browser,
 * Escape calls onCancel. `title` labels it; `description` (optional) describes it.
 */
export function ModalDialog({
  title,
  description,
  wide = false,
  onCancel,
  children,
}: {
  title: string;
  description?: ReactNode;
  wide?: boolean;
  onCancel: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-text` : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {description && <div id={`${id}-text`}>{description}</div>}
      {children}
    </dialog>
  );
}
