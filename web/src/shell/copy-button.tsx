import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Copies `text` to the clipboard and says so (politely, for screen readers too). Where the
 * clipboard is refused, it selects the text of `selectTarget` so Ctrl+C copies it.
 */
export function CopyButton({
  text,
  label,
  selectTarget,
}: {
  text: string;
  /** What is copied, e.g. "the token": the button reads "Copy" and is named "Copy the token". */
  label: string;
  selectTarget?: RefObject<HTMLElement | null>;
}) {
  const [said, setSaid] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const say = (message: string) => {
    setSaid(message);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setSaid(''), 4000);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      say('Copied');
    } catch {
      const element = selectTarget?.current;
      if (element) {
        const range = document.createRange();
        range.selectNodeContents(element);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        say('Selected: press Ctrl+C to copy');
      } else say('Could not copy');
    }
  };
  return (
    <span className="copy">
      <button type="button" className="button button-small" onClick={() => void copy()}>
        Copy<span className="visually-hidden"> {label}</span>
      </button>
      <span className="copy-status" role="status">
        {said}
      </span>
    </span>
  );
}

/** A value shown as code with its copy button. */
export function CopyableCode({ value, label }: { value: string; label: string }) {
  const code = useRef<HTMLElement>(null);
  return (
    <span className="copyable">
      <code ref={code} className="copyable-value">
        {value}
      </code>
      <CopyButton text={value} label={label} selectTarget={code} />
    </span>
  );
}
