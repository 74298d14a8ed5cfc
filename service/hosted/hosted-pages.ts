import { html } from 'hono/html';

/** A full page around one element, loaded by the same single script tag partners use. */
export function hostedPage(title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
<html lang="en-AU">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>${title}</title>
    <link rel="stylesheet" href="/hosted.css" />
    <script type="module" src="/widget.js"></script>
  </head>
  <body>
    <main>${body}</main>
  </body>
</html>`;
}

export const HOSTED_CSS = `body{margin:0;min-height:100vh;background:#f3f5f7;font:16px/1.5 system-ui,sans-serif;color:#130f26}
main{max-width:720px;margin:0 auto;padding:24px 12px}.notice{background:#fff;border-radius:12px;padding:24px}
@media (max-width:600px){main{padding:0}}`;

export function noticePage(title: string, message: string) {
  return hostedPage(title, html`<div class="notice" role="status"><h1>${title}</h1><p>${message}</p></div>`);
}
