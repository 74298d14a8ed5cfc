import { Hono } from 'hono';
import { html } from 'hono/html';
import { describeRoute } from '../openapi/describe.js';

/** The strict policy partners can run the widget under: no inline script, no eval. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/** `GET /`: the demo application's journey, embedded exactly as a partner would, by one script tag. */
export function demoRoutes(options: { demoAppId: string }) {
  return new Hono().get('/', describeRoute({ summary: "The demo page: the demo application's journey, embedded by one script tag", tags: ['Widget'], responses: { 200: { description: 'The page', contentType: 'text/html' } } }), (c) => {
    c.header('content-security-policy', STRICT_CSP);
    return c.html(html`<!doctype html>
<html lang="en-AU">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Consent UI demo</title>
    <script type="module" src="/widget.js"></script>
  </head>
  <body>
    <main>
      <consent-journey app="${options.demoAppId}" preview></consent-journey>
    </main>
  </body>
</html>`);
  });
}
