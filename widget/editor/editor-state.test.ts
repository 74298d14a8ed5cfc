import { expect, waitUntil } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Config } from '../../schema/index.js';
import { DEFAULT_CONFIG } from '../../schema/defaults.js';
import type { DraftStamp, EditorDraft } from '../../schema/api/editor.js';
import { EditorApiError, type EditorApi } from './editor-api.js';
import { EditorState, SAVE_INTERVAL_MS } from './editor-state.js';
import './zod-jitless.js';

const KEY = 'consent-editor:test-app';
const STAMP = { updatedAt: '2026-11-25T00:00:00.000Z', updatedBy: 'designer' };
const draftAt = (revision: number, config: Config = structuredClone(DEFAULT_CONFIG) as unknown as Config): EditorDraft => ({ revision, ...STAMP, config });

/** The editor API's draft calls, answered when the test says so: nothing of the real service is faked beyond that. */
function fakeApi(current: EditorDraft) {
  const saves: { config: Config; revision: number; at: number; settle: (answer: EditorDraft | EditorApiError) => void }[] = [];
  const api = {
    draft: () => Promise.resolve(current),
    saveDraft: (config: Config, revision: number) =>
      new Promise<EditorDraft>((resolve, reject) => {
        saves.push({ config: structuredClone(config), revision, at: performance.now(), settle: (answer) => (answer instanceof EditorApiError ? reject(answer) : resolve(answer)) });
      }),
  };
  return { api: api as unknown as EditorApi, saves, setCurrent: (draft: EditorDraft) => (current = draft) };
}

function host() {
  let updates = 0;
  const h: ReactiveControllerHost & { readonly updates: number } = {
    addController: (_: ReactiveController) => {},
    removeController: () => {},
    requestUpdate: () => void updates++,
    updateComplete: Promise.resolve(true),
    get updates() {
      return updates;
    },
  };
  return h;
}

/** After the frame that shows the edit has painted, and the promises that follow have run. */
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => setTimeout(resolve))));

function editorState(draft = draftAt(1)) {
  const fake = fakeApi(draft);
  const previewed: Config[] = [];
  const h = host();
  const state = new EditorState(h, fake.api, () => KEY, (config) => previewed.push(config));
  state.start(draft);
  return { state, previewed, host: h, ...fake };
}

const stored = () => JSON.parse(localStorage.getItem(KEY) ?? 'null') as { form: { consent: { brandName: string } }; baseRevision: number } | null;

describe('EditorState', () => {
  beforeEach(() => localStorage.removeItem(KEY));

  it('shows a valid edit in the preview at once, then saves it with the revision it started from', async () => {
    const { state, previewed, saves, host: h } = editorState();
    const updatesBefore = h.updates;
    state.set('consent.brandName', 'Budget Buddy');
    // Synchronously: the preview has it; the form's own update waits for the paint.
    expect(previewed.map((c) => c.consent.brandName)).to.deep.equal(['Budget Buddy']);
    expect(h.updates).to.equal(updatesBefore);
    expect(saves).to.have.length(0);
    await afterPaint();
    expect(h.updates).to.be.greaterThan(updatesBefore);
    expect(saves.map((s) => [s.config.consent.brandName, s.revision])).to.deep.equal([['Budget Buddy', 1]]);
    expect(state.status).to.equal('saving');
    saves[0]!.settle(draftAt(2, saves[0]!.config));
    await afterPaint();
    expect(state.status).to.equal('saved');
    expect(state.isSaved).to.equal(true);
    expect(stored()).to.equal(null);
  });

  it('keeps an invalid value in the form and in this browser, never saving or previewing it, until fixed', async () => {
    const { state, previewed, saves } = editorState();
    state.set('appearance.colors.primary', '#12');
    expect(state.problems.get('appearance.colors.primary')).to.be.a('string');
    expect(state.status).to.equal('invalid');
    expect(previewed).to.have.length(0);
    expect((state.get() as Config).appearance.colors.primary).to.equal('#12');
    await afterPaint();
    expect(saves).to.have.length(0);
    expect(stored()!.baseRevision).to.equal(1);

    // A reload starts from what this browser kept, still invalid.
    const reloaded = editorState();
    expect(reloaded.state.restoredLocal).to.equal(true);
    expect((reloaded.state.get() as Config).appearance.colors.primary).to.equal('#12');
    expect(reloaded.state.status).to.equal('invalid');

    reloaded.state.set('appearance.colors.primary', '#123456');
    expect(reloaded.state.problems.size).to.equal(0);
    expect(reloaded.previewed.at(-1)!.appearance.colors.primary).to.equal('#123456');
    await afterPaint();
    expect(reloaded.saves).to.have.length(1);
  });

  it('shows a field to fix, not "saving", when a valid edit and then an invalid one come before a save starts', async () => {
    const { state, saves } = editorState();
    // Two fields filled within one frame: the first edit's save has not started when the second lands.
    state.set('appearance.font.family', 'Inter');
    state.set('appearance.font.url', 'http://fonts.example.com/inter.css');
    await afterPaint();
    expect(saves).to.have.length(0);
    expect(state.problems.has('appearance.font.url')).to.equal(true);
    expect(state.status).to.equal('invalid');
    // The same while a save is waiting out SAVE_INTERVAL_MS: the invalid form is not saved when it ends.
    state.set('appearance.font.url', 'https://fonts.example.com/inter.css');
    await afterPaint();
    expect(saves).to.have.length(1);
    saves[0]!.settle(draftAt(2, saves[0]!.config));
    await new Promise((resolve) => setTimeout(resolve));
    expect(state.status).to.equal('saved');
    state.set('consent.brandName', 'Budget Buddy');
    await afterPaint();
    // Still within the interval (unless this machine took that long to paint): the save waits.
    if (saves.length === 1) expect(state.status).to.equal('saving');
    const before = saves.length;
    state.set('appearance.font.url', 'http://fonts.example.com/inter.css');
    expect(state.status).to.equal(before === 1 ? 'invalid' : 'saving');
    await new Promise((resolve) => setTimeout(resolve, SAVE_INTERVAL_MS));
    expect(saves).to.have.length(before);
    if (before === 2) {
      saves[1]!.settle(draftAt(3, saves[1]!.config));
      await afterPaint();
    }
    expect(state.status).to.equal('invalid');
  });

  it('sends a burst of edits made during a save as one more save, of the newest form', async () => {
    const { state, saves } = editorState();
    state.set('consent.brandName', 'A');
    await afterPaint();
    expect(saves).to.have.length(1);
    for (const name of ['Ab', 'Abc', 'Abcd']) {
      state.set('consent.brandName', name);
      await afterPaint();
    }
    expect(saves).to.have.length(1);
    saves[0]!.settle(draftAt(2, saves[0]!.config));
    await waitUntil(() => saves.length === 2, 'the edits made during the save go out next');
    await afterPaint();
    expect(saves.map((s) => [s.config.consent.brandName, s.revision])).to.deep.equal([
      ['A', 1],
      ['Abcd', 2],
    ]);
  });

  it('saves the first edit after a pause at once, and starts saves no more often than SAVE_INTERVAL_MS while typing', async () => {
    const { state, saves } = editorState();
    const typed = performance.now();
    state.set('consent.brandName', 'A');
    await afterPaint();
    expect(saves).to.have.length(1);
    expect(saves[0]!.at - typed).to.be.lessThan(SAVE_INTERVAL_MS);
    saves[0]!.settle(draftAt(2, saves[0]!.config));
    state.set('consent.brandName', 'Ab');
    await afterPaint();
    // Still within the interval (unless this machine took that long to paint): the next save waits.
    if (performance.now() - saves[0]!.at < SAVE_INTERVAL_MS - 5) expect(saves).to.have.length(1);
    expect(state.status).to.equal('saving');
    await waitUntil(() => saves.length === 2, 'the waiting edit is saved once the interval has passed');
    expect(saves[1]!.at - saves[0]!.at).to.be.at.least(SAVE_INTERVAL_MS - 1);
    expect(saves.map((s) => [s.config.consent.brandName, s.revision])).to.deep.equal([
      ['A', 1],
      ['Ab', 2],
    ]);
    saves[1]!.settle(draftAt(3, saves[1]!.config));
    await afterPaint();
    expect(state.status).to.equal('saved');
  });

  it('stops on a 412, keeps the edits, and lets the designer take theirs or overwrite', async () => {
    const { state, saves, setCurrent } = editorState();
    state.set('consent.brandName', 'Mine');
    await afterPaint();
    const theirs: DraftStamp = { revision: 2, updatedAt: '2026-11-25T01:00:00.000Z', updatedBy: 'someone else' };
    saves[0]!.settle(new EditorApiError(412, 'The draft changed', [], theirs));
    await afterPaint();
    expect(state.status).to.equal('conflict');
    expect(state.conflict).to.deep.equal(theirs);
    expect(stored()!.form.consent.brandName).to.equal('Mine');
    state.set('consent.brandName', 'Mine too');
    await afterPaint();
    expect(saves).to.have.length(1);

    // Overwrite: saved over their revision, with this browser's form.
    setCurrent(draftAt(2));
    const overwriting = state.overwrite();
    await afterPaint();
    expect(saves.map((s) => [s.config.consent.brandName, s.revision])).to.deep.equal([
      ['Mine', 1],
      ['Mine too', 2],
    ]);
    saves[1]!.settle(draftAt(3, saves[1]!.config));
    await overwriting;
    expect(state.status).to.equal('saved');
  });

  it('marks a conflict on start when this browser kept edits made on an older revision', () => {
    localStorage.setItem(KEY, JSON.stringify({ form: { ...structuredClone(DEFAULT_CONFIG), consent: { ...DEFAULT_CONFIG.consent, brandName: 'Offline edit' } }, baseRevision: 1 }));
    const { state } = editorState(draftAt(4));
    expect(state.restoredLocal).to.equal(true);
    expect((state.get() as Config).consent.brandName).to.equal('Offline edit');
    expect(state.status).to.equal('conflict');
    expect(state.conflict!.revision).to.equal(4);
  });

  it('keeps the server draft in the preview after a reload with an invalid field (B2)', () => {
    const invalid = structuredClone(DEFAULT_CONFIG) as unknown as Config;
    invalid.flow.gtmId = 'UA-1';
    localStorage.setItem(KEY, JSON.stringify({ form: invalid, baseRevision: 1 }));
    const { state } = editorState(draftAt(1));
    expect(state.status).to.equal('invalid');
    expect(state.problems.has('flow.gtmId')).to.equal(true);
    expect(state.valid?.consent.brandName).to.equal(DEFAULT_CONFIG.consent.brandName);
  });

  it('does not hang on "saving" when overwriting with an invalid form, and overwrites once it is fixed (B3)', async () => {
    const { state, saves, setCurrent } = editorState();
    state.set('consent.brandName', 'Mine');
    await afterPaint();
    saves[0]!.settle(new EditorApiError(412, 'The draft changed', [], { revision: 2, ...STAMP }));
    await afterPaint();
    state.set('flow.gtmId', 'UA-1');
    await afterPaint();
    setCurrent(draftAt(2));
    await state.overwrite();
    expect(state.status).to.equal('invalid');
    expect(state.conflict).to.equal(undefined);
    expect(saves).to.have.length(1);
    state.set('flow.gtmId', 'GTM-ABC1234');
    // The save may wait out the rest of SAVE_INTERVAL_MS since the first one.
    await waitUntil(() => saves.length === 2, 'the fixed form is saved');
    expect(saves.map((s) => [s.config.consent.brandName, s.config.flow.gtmId, s.revision])).to.deep.equal([
      ['Mine', '', 1],
      ['Mine', 'GTM-ABC1234', 2],
    ]);
  });

  it('stops retrying when the editor session has ended (401), keeping the edits (B7)', async () => {
    const { state, saves } = editorState();
    state.set('consent.brandName', 'Late');
    await afterPaint();
    saves[0]!.settle(new EditorApiError(401, 'No editor session'));
    await afterPaint();
    expect(state.status).to.equal('expired');
    expect(stored()!.form.consent.brandName).to.equal('Late');
    state.set('consent.brandName', 'Later');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(state.status).to.equal('expired');
    expect(saves).to.have.length(1);
  });
});
