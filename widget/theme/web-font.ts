/** How many journeys use each partner font stylesheet, so the last one out removes its <link>. */
const users = new Map<string, { link: HTMLLinkElement; count: number }>();

/**
 * Loads the partner's web-font stylesheet into the document (an @font-face inside a shadow root is
 * ignored by browsers). A <link> added by script is never render-blocking, so the journey paints at
 * once in the fallback system stack and swaps when the font arrives. Returns a release function.
 */
export function useWebFont(url: string): () => void {
  if (!url) return () => {};
  let entry = users.get(url);
  if (!entry) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    link.dataset.consentUiFont = '';
    document.head.append(link);
    entry = { link, count: 0 };
    users.set(url, entry);
  }
  entry.count++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const current = users.get(url);
    if (current && --current.count === 0) {
      current.link.remove();
      users.delete(url);
    }
  };
}
