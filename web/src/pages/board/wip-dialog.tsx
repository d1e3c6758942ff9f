import { ModalDialog } from '../../shell/modal-dialog';
import type { Refusal } from './use-move-card';

/** A move refused at a WIP limit: says so, and offers the forced move. */
export function WipDialog({
  refusal,
  onForce,
  onCancel,
}: {
  refusal: Refusal;
  onForce: () => void;
  onCancel: () => void;
}) {
  return (
    <ModalDialog
      title="WIP limit reached"
      onCancel={onCancel}
      description={
        <p>
          {refusal.columnName} is at its WIP limit
          {refusal.wipLimit !== null ? ` of ${refusal.wipLimit}` : ''}: the move was refused (
          <code>WIP_LIMIT_EXCEEDED</code>). Moving the card anyway takes the column over its limit.
        </p>
      }
    >
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          Keep it where it was
        </button>
        <button type="button" className="button button-danger" onClick={onForce}>
          Move anyway
        </button>
      </div>
    </ModalDialog>
  );
}
