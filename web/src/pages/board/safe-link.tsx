/** A link only for http(s) URLs; anything else (javascript:, data:, …) is shown as text. */
export function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

export function SafeLink({ url, title }: { url: string; title: string }) {
  if (!isWebUrl(url))
    return (
      <span className="unsafe-link">
        {title} <span className="muted">({url})</span>
      </span>
    );
  return (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {title}
    </a>
  );
}
