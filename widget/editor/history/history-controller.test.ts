import { expect } from '@open-wc/testing';
import type { ReactiveControllerHost } from 'lit';
import type { Config } from '../../../schema/index.js';
import { DEFAULT_CONFIG } from '../../../schema/defaults.js';
import type { VersionSummary } from '../../../schema/api/editor.js';
import { EditorApiError, type EditorApi } from '../editor-api.js';
import type { EditorState } from '../editor-state.js';
import { HistoryController } from './history-controller.js';

const withPrimary = (primary: string) => {
  const config = structuredClone(DEFAULT_CONFIG) as unknown as Config;
  config.appearance.colors.primary = primary;
  return config;
};
const summary = (version: number, live: boolean): VersionSummary => ({ version, live, publishedAt: '2026-11-25T00:00:00.000Z', publishedBy: 'someone' }) as VersionSummary;

describe('HistoryController', () => {
  it('diffs against the version that is live now, not the one live when the editor opened (B5)', async () => {
    // Version 1 was live at start-up; someone else then published version 2 (#222222).
    let versions = [summary(1, true)];
    const configs: Record<number, Config> = { 1: withPrimary('#111111'), 2: withPrimary('#222222') };
    const api = {
      versions: () => Promise.resolve(versions),
      version: (v: number) => Promise.resolve({ ...summary(v, false), config: configs[v]! }),
    } as unknown as EditorApi;
    const state = { saved: { revision: 3, config: withPrimary('#333333') } } as unknown as EditorState;
    const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) } as ReactiveControllerHost;
    const history = new HistoryController(host, api, state);
    await history.refresh();
    versions = [summary(2, true), summary(1, false)];

    await history.openReview();
    expect(history.live?.version).to.equal(2);
    expect(history.review?.find((c) => c.path === 'appearance.colors.primary')).to.include({ before: '#222222', after: '#333333' });
  });

  it('keeps the fields a refused publish names (422) and closes the review so they are in view', async () => {
    const errors = [
      { path: 'consent.accreditation.number', message: 'Replace the demo accreditation number "ADRBNK000001" with your own' },
      { path: 'consent.cdrPolicyUrl', message: 'Link your CDR policy (an https URL) before going live' },
    ];
    const api = {
      versions: () => Promise.resolve([summary(1, true)]),
      version: (v: number) => Promise.resolve({ ...summary(v, true), config: withPrimary('#111111') }),
      publish: () => Promise.reject(new EditorApiError(422, 'A production application publishes only its own identity and CDR policy.', errors)),
    } as unknown as EditorApi;
    const state = { saved: { revision: 3, config: withPrimary('#333333') }, isSaved: true } as unknown as EditorState;
    const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) } as ReactiveControllerHost;
    const history = new HistoryController(host, api, state);
    await history.openReview();
    expect(history.review).to.have.length.greaterThan(0);
    await history.publish({ published: (v) => `Published ${v}` });
    expect(history.error).to.equal('A production application publishes only its own identity and CDR policy.');
    expect([...history.errorFields.keys()]).to.deep.equal(['consent.accreditation.number', 'consent.cdrPolicyUrl']);
    expect(history.review).to.equal(undefined);
    expect(history.notice).to.equal('');
  });

  it('rolls back only once confirmed, and Undo saves the replaced draft back over the rollback\'s revision (If-Match)', async () => {
    const calls: string[] = [];
    const mine = withPrimary('#333333');
    const api = {
      rollback: (version: number, revision: number) => {
        calls.push(`rollback ${version} if-match ${revision}`);
        return Promise.resolve({ revision: revision + 1, config: withPrimary('#111111'), updatedAt: '', updatedBy: 'me' });
      },
      saveDraft: (config: Config, revision: number) => {
        calls.push(`save ${config.appearance.colors.primary} if-match ${revision}`);
        return Promise.resolve({ revision: revision + 1, config, updatedAt: '', updatedBy: 'me' });
      },
    } as unknown as EditorApi;
    const fake: { saved: { revision: number; config: Config }; replace(draft: { revision: number; config: Config }): void } = {
      saved: { revision: 3, config: mine },
      replace(draft) {
        fake.saved = draft;
      },
    };
    const state = fake as unknown as EditorState;
    const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) } as ReactiveControllerHost;
    const history = new HistoryController(host, api, state);

    history.askRollback(1);
    expect([history.confirmingRollback, calls]).to.deep.equal([1, []]);
    history.cancelRollback();
    expect([history.confirmingRollback, calls, history.canUndo]).to.deep.equal([undefined, [], false]);

    history.askRollback(1);
    await history.rollback(1, { rolledBack: (v) => `Version ${v} is now the draft.` });
    expect(history.confirmingRollback).to.equal(undefined);
    expect(state.saved?.config.appearance.colors.primary).to.equal('#111111');
    expect([history.notice, history.canUndo]).to.deep.equal(['Version 1 is now the draft.', true]);

    await history.undoRollback({ rollbackUndone: (r) => `Undone (revision ${r}).` });
    expect(calls).to.deep.equal(['rollback 1 if-match 3', 'save #333333 if-match 4']);
    expect(state.saved?.config.appearance.colors.primary).to.equal('#333333');
    expect([history.notice, history.canUndo]).to.deep.equal(['Undone (revision 5).', false]);
  });

  it('offers no Undo once the draft moved on after the rollback', async () => {
    const api = { rollback: (_v: number, revision: number) => Promise.resolve({ revision: revision + 1, config: withPrimary('#111111') }) } as unknown as EditorApi;
    const fake: { saved: { revision: number; config: Config }; replace(draft: { revision: number; config: Config }): void } = {
      saved: { revision: 7, config: withPrimary('#333333') },
      replace(draft) {
        fake.saved = draft;
      },
    };
    const state = fake as unknown as EditorState;
    const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) } as ReactiveControllerHost;
    const history = new HistoryController(host, api, state);
    await history.rollback(2, { rolledBack: () => '' });
    expect(history.canUndo).to.equal(true);
    (state as { saved: { revision: number } }).saved = { ...state.saved!, revision: 9 };
    expect(history.canUndo).to.equal(false);
  });
});
