/** A channel's URL field, as the new-channel dialog and a channel's settings show it. */
export function UrlField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  required = false,
  className = 'field',
}: {
  /** The form's id prefix: the input is `${id}-url`. */
  id: string;
  label: string;
  value: string;
  onChange: (url: string) => void;
  /** The server's (or the form's) message for the field, shown under it. */
  error: string | undefined;
  hint: string;
  required?: boolean;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={`${id}-url`}>{label}</label>
      <input
        id={`${id}-url`}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        value={value}
        maxLength={2000}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${error ? `${id}-url-error ` : ''}${id}-url-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <p className="field-error" id={`${id}-url-error`} role="alert">
          {error}
        </p>
      )}
      <p className="hint" id={`${id}-url-hint`}>
        {hint}
      </p>
    </div>
  );
}
