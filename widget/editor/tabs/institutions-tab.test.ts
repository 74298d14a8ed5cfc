import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { getAt, setAt } from '../config-paths.js';
import type { FieldContext } from '../fields/field-context.js';
import { editorEnAU } from '../i18n/en-AU.js';
import { institution } from '../../testing/journey-fixtures.js';
import { institutionsTab } from './institutions-tab.js';

describe('the editor’s institution picks', () => {
  it('keeps every box ticked before the tab re-rendered (two within one frame)', async () => {
    const config: Record<string, unknown> = { institutions: { mode: 'selected', selected: [] } };
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const all = [institution('cba', 'Commonwealth Bank'), institution('anz', 'ANZ'), institution('nab', 'NAB')];
    const ctx: FieldContext = {
      messages: editorEnAU,
      value: (path) => getAt(config, path),
      problem: () => undefined,
      // As in the editor, the form re-renders only after the edit's frame: not here, within the test.
      set: (path, value) => void Object.assign(config, setAt(config, path, value)),
      showStep() {},
    };
    render(institutionsTab(ctx, { all, query: '', setQuery() {} }), host);
    for (const id of ['cba', 'nab']) host.querySelector<HTMLInputElement>(`#inst-${id}`)!.click();
    expect(getAt(config, 'institutions')).to.deep.equal({ mode: 'selected', selected: ['cba', 'nab'] });
  });
});
