import { Fragment } from 'react';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

function unescape(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * Search highlights come HTML-escaped with <mark> around each match. They are rendered as
 * React text and <mark> elements, never as HTML, so nothing else in them can take effect.
 */
export function Highlighted({ html }: { html: string }) {
  const parts = html.split(/<mark>|<\/mark>/);
  return (
    <>
      {parts.map((part, index) => (index % 2 === 1 ? <mark key={index}>{unescape(part)}</mark> : <Fragment key={index}>{unescape(part)}</Fragment>))}
    </>
  );
}
