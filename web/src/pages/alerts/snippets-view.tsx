import { useRef } from 'react';
import { CopyButton } from '../../shell/copy-button';
import type { Integration } from './alerts-format';
import { KIND_NAMES } from './alerts-format';
import { snippetsFor, type Snippet } from './snippets';

/** The tool's configuration, filled in with the integration's URL (and token while shown). */
export function SnippetsView({
  integration,
  token,
}: {
  integration: Integration;
  token: string | null;
}) {
  const snippets = snippetsFor({ ...integration, token });
  return (
    <section className="alerts-section" aria-labelledby="snippets-title">
      <h2 id="snippets-title">Configure {KIND_NAMES[integration.kind]}</h2>
      <p className="muted">
        {token
          ? 'Filled in with this integration’s URL and its new token.'
          : 'Filled in with this integration’s URL; put its token where <token> stands (it was shown once, when created or rotated: rotate it for a new one).'}
      </p>
      {snippets.map((snippet) => (
        <SnippetBlock key={snippet.id} snippet={snippet} />
      ))}
    </section>
  );
}

function SnippetBlock({ snippet }: { snippet: Snippet }) {
  const pre = useRef<HTMLPreElement>(null);
  const titleId = `snippet-${snippet.id}-title`;
  return (
    <section className="snippet" data-snippet={snippet.id} aria-labelledby={titleId}>
      <div className="section-head">
        <h3 id={titleId}>
          {snippet.title}
          {snippet.file && <span className="snippet-file"> {snippet.file}</span>}
        </h3>
        <CopyButton text={snippet.text} label={snippet.title} selectTarget={pre} />
      </div>
      {snippet.intro && <p className="hint">{snippet.intro}</p>}
      {/* Focusable so a keyboard can scroll a long line; labelled by its heading. */}
      <pre ref={pre} className="code-block" tabIndex={0} aria-labelledby={titleId}>
        <code>{snippet.text}</code>
      </pre>
    </section>
  );
}
