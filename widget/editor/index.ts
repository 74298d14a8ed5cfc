/**
 * The editor bundle (dist/editor.js), separate from widget.js so partners' pages never load it. It
 * defines the editor's elements, and `<consent-journey>` (with its info popover) for the preview when
 * widget.js is absent.
 */
import './zod-jitless.js';
import { ConsentJourney } from '../consent-journey/consent-journey.js';
import { ConsentInfoPopover } from '../info-popover/info-popover.js';
import { ConsentEditor } from './consent-editor/consent-editor.js';
import { ConsentEditorPreview } from './editor-preview/editor-preview.js';
import { ConsentLivePreview } from './live-preview/live-preview.js';

export { ConsentEditor, ConsentEditorPreview, ConsentLivePreview };

function define(name: string, element: CustomElementConstructor) {
  if (!customElements.get(name)) customElements.define(name, element);
}

// The journey's own parts too: without the popover its explanations showed inline, with no button.
define('consent-info-popover', ConsentInfoPopover);
define('consent-journey', ConsentJourney);
define('consent-editor-preview', ConsentEditorPreview);
define('consent-editor', ConsentEditor);
define('consent-live-preview', ConsentLivePreview);

// The editor link's page (service/editor/editor-pages.routes.ts): a GET never spends the link, so link
// previews in chat and mail cannot; a browser with script posts it at once.
const linkForm = document.querySelector<HTMLFormElement>('form[data-editor-link]');
if (linkForm) {
  linkForm.requestSubmit();
  // A click while that navigation is under way would post the now spent link again.
  for (const button of linkForm.querySelectorAll('button')) button.disabled = true;
}
