import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { DEFAULT_CONFIG } from '../../schema/defaults.js';
import { CONTRAST_PAIRS } from '../editor/fields/color-field.js';
import { $, act, journey, settle, shadow } from '../testing/journey-fixtures.js';
import { contrastRatio } from './contrast.js';
import { themeProperties } from './theme.js';
import '../index.js';

const style = (el: Element) => getComputedStyle(el);

describe('theme: every appearance field takes effect', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('applies colours, typography, buttons, links, accreditation and wrapper width', async () => {
    await setViewport({ width: 1200, height: 800 });
    const el = await journey({
      appearance: {
        colors: { primary: '#0A3D62', background: '#FAFAF0', links: '#6A1B9A', accreditation: '#00897B', inactive: '#555555' },
        typography: { headingSize: 30, paragraphSize: 18, lineHeight: 28 },
        buttons: { primary: { background: '#B00020', text: '#FFFFFF', borderRadius: 20 }, secondary: { background: '#EEEEEE', text: '#222222', borderRadius: 2 } },
        wrapper: { desktopWidth: 640 },
        font: { family: 'serif', url: '' },
      },
      flow: { manageConsentUrl: 'https://partner.example/consents' },
    });
    expect(style(el).backgroundColor).to.equal('rgb(250, 250, 240)');
    // The brand colour is for buttons and accents; text keeps the default text colour.
    expect(style(el).color).to.equal('rgb(31, 35, 40)');
    expect(style(el).fontSize).to.equal('18px');
    expect(style(el).lineHeight).to.equal('28px');
    expect(style(el).maxWidth).to.equal('640px');
    expect(style(el).fontFamily).to.contain('Charter');
    expect(style($(el, '[part=title]')!).fontSize).to.equal('30px');
    const primary = style($(el, '[part=button-primary]')!);
    expect([primary.backgroundColor, primary.color, primary.borderTopLeftRadius]).to.deep.equal(['rgb(176, 0, 32)', 'rgb(255, 255, 255)', '20px']);
    expect(style($(el, '.accreditation')!).borderInlineStartColor).to.equal('rgb(0, 137, 123)');
    await act(el, 'continue');
    const secondary = style($(el, '[part=button-secondary]')!);
    expect([secondary.backgroundColor, secondary.color, secondary.borderTopLeftRadius]).to.deep.equal(['rgb(238, 238, 238)', 'rgb(34, 34, 34)', '2px']);
    expect(style(shadow(el).querySelector('a')!).color).to.equal('rgb(106, 27, 154)');
    expect(el.hasAttribute('data-mobile')).to.equal(false);
  });

  it('shows the header image on the intro, and on every step with alwaysDisplay', async () => {
    const url = `${location.origin}/logos/cba.svg`;
    const once = await journey({ appearance: { headerImage: { url, alwaysDisplay: false } } });
    expect($(once, '[part=header-image]')).not.to.equal(null);
    await act(once, 'continue');
    expect($(once, '[part=header-image]')).to.equal(null);
    const always = await journey({ appearance: { headerImage: { url, alwaysDisplay: true } } });
    await act(always, 'continue');
    expect($<HTMLImageElement>(always, '[part=header-image]')!.src).to.equal(url);
  });

  it('switches to the mobile layout below the desktop width', async () => {
    await setViewport({ width: 500, height: 800 });
    const el = await journey({ appearance: { wrapper: { desktopWidth: 600 } } });
    expect(el.hasAttribute('data-mobile')).to.equal(true);
    expect(style(el).borderTopLeftRadius).to.equal('0px');
    expect($(el, '[part=button-primary]')!.getBoundingClientRect().width).to.be.closeTo(el.getBoundingClientRect().width - 32, 1);
    await setViewport({ width: 1000, height: 800 });
    for (let i = 0; i < 50 && el.hasAttribute('data-mobile'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(el.hasAttribute('data-mobile')).to.equal(false);
  });

  it('takes a forced layout over the viewport: mobile in a phone-sized preview, desktop in a wide one', async () => {
    await setViewport({ width: 1000, height: 800 });
    const phone = await journey({ appearance: { wrapper: { desktopWidth: 600 } } }, { attrs: { layout: 'mobile' } });
    expect(phone.hasAttribute('data-mobile')).to.equal(true);
    expect(style(phone).borderTopLeftRadius).to.equal('0px');
    await setViewport({ width: 500, height: 800 });
    const wide = await journey({ appearance: { wrapper: { desktopWidth: 600 } } }, { attrs: { layout: 'desktop' } });
    expect(wide.hasAttribute('data-mobile')).to.equal(false);
    wide.layout = 'auto';
    await settle(wide);
    expect(wide.hasAttribute('data-mobile')).to.equal(true);
    await setViewport({ width: 1000, height: 800 });
  });

  it('loads a partner web font without blocking the first paint, falling back to the system stack', async () => {
    const url = `${location.origin}/v1/fonts/slow.css`;
    const el = await journey({ appearance: { font: { family: 'Partner Sans', url } } });
    // Painted already (the step is on screen) while the stylesheet is still loading or failed.
    expect(el.currentStep).to.equal('intro');
    const link = document.querySelector<HTMLLinkElement>('link[data-consent-ui-font]')!;
    expect(link.href).to.equal(url);
    expect(link.rel).to.equal('stylesheet');
    expect(link.hasAttribute('blocking')).to.equal(false);
    expect(style(el).fontFamily).to.match(/^"Partner Sans", system-ui/);
    el.remove();
    expect(document.querySelector('link[data-consent-ui-font]')).to.equal(null);
  });

  it('draws headings and body text in the text colour, never the brand (primary) colour', async () => {
    const el = await journey({ appearance: { colors: { primary: '#B00020', text: '#222244' } } });
    for (const target of [el, $(el, '[part=title]')!, $(el, '.how-it-works')!]) expect(style(target).color).to.equal('rgb(34, 34, 68)');
    expect(style($(el, '[part=button-primary]')!).backgroundColor).to.equal('rgb(19, 15, 38)');
    await act(el, 'continue');
    expect(style(shadow(el).querySelector('h3')!).color).to.equal('rgb(34, 34, 68)');
    await expect(el).to.be.accessible();
  });

  it('has a default theme that passes its own contrast check: every pair the editor checks, and the text colour', () => {
    const at = (path: string) => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], DEFAULT_CONFIG) as string;
    const pairs = [...Object.entries(CONTRAST_PAIRS), ['appearance.colors.text', 'appearance.colors.background']];
    expect(pairs.map(([fg]) => fg)).to.include('appearance.colors.inactive');
    for (const [foreground, background] of pairs) {
      expect(contrastRatio(at(foreground!), at(background!)), `${foreground} on ${background}`).to.be.at.least(4.5);
    }
    // The theme uses the defaults as given, not a fallback: each passed as it is.
    const properties = themeProperties(DEFAULT_CONFIG.appearance as never);
    expect([properties['--consent-color-text'], properties['--consent-color-muted']]).to.deep.equal(['#1F2328', '#656D71']);
  });

  it('keeps every step legible on a dark background (axe colour contrast)', async () => {
    const el = await journey({ appearance: { colors: { background: '#101418', primary: '#130F26', links: '#0459A8', inactive: '#7F888C' } } });
    expect(style(el).color).to.equal('rgb(255, 255, 255)');
    await expect(el).to.be.accessible();
    await act(el, 'continue');
    await expect(el).to.be.accessible();
    await act(el, 'agree');
    await expect(el).to.be.accessible();
  });

  it('isolates styles both ways: host page CSS does not reach inside, ours does not leak out', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <style>button { background: rgb(1, 2, 3) !important; } h2 { font-size: 99px !important; } .card { display: none; }</style>
      <p class="card">host card</p><h2 class="step-heading">host heading</h2>
      <consent-journey preview .config=${{}}></consent-journey>
    </div>`);
    const el = page.querySelector('consent-journey')!;
    await settle(el);
    expect(style($(el, '[part=button-primary]')!).backgroundColor).not.to.equal('rgb(1, 2, 3)');
    expect(style($(el, '[part=title]')!).fontSize).to.equal('24px');
    expect(style($(el, '.card')!).display).to.equal('block');
    expect(style(page.querySelector('h2')!).lineHeight).not.to.equal('1.25');
    expect(style(page.querySelector('h2')!).fontSize).to.equal('99px');
  });

  it('shows the first step at once and animates only the steps that follow it', async () => {
    const el = document.createElement('consent-journey');
    el.preview = true;
    el.config = {};
    await fixture<HTMLDivElement>(html`<div></div>`).then((wrapper) => wrapper.append(el));
    await el.updateComplete;
    // Read at once, before a 160 ms entrance could end: the first frame must show the step itself,
    // not the start of a fade-in (issue 4's first paint).
    expect(shadow(el).querySelector('.step'), 'first step rendered').not.to.equal(null);
    expect(shadow(el).getAnimations().length, 'first step').to.equal(0);
    $(el, '[data-action=continue]')!.click();
    await el.updateComplete;
    expect(shadow(el).getAnimations().length, 'next step').to.be.greaterThan(0);
  });

  it('honours prefers-reduced-motion: no step animation, no spinning progress (WCAG 2.3.3)', async () => {
    const animationsAfterContinue = async () => {
      const el = await journey({});
      $(el, '[data-action=continue]')!.click();
      await el.updateComplete;
      return shadow(el).getAnimations().length;
    };
    expect(await animationsAfterContinue(), 'animates by default').to.be.greaterThan(0);
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(await animationsAfterContinue()).to.equal(0);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('exposes parts a partner can restyle', async () => {
    const el = await journey({});
    for (const part of ['header', 'title', 'card', 'button-primary', 'exit', 'accreditation']) {
      expect(shadow(el).querySelector(`[part~="${part}"]`), part).not.to.equal(null);
    }
  });
});
