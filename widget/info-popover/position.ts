import { computePosition, flip, offset, shift } from '@floating-ui/dom';

/**
 * Places the panel below its trigger, above when there is no room below, kept inside the viewport.
 * Its own file (widget.floating.js): floating-ui is fetched once a popover is on the page, after the
 * first paint, instead of weighing on widget.js.
 */
export async function placePanel(trigger: HTMLElement, panel: HTMLElement): Promise<void> {
  const { x, y, placement } = await computePosition(trigger, panel, { strategy: 'fixed', placement: 'bottom', middleware: [offset(8), flip(), shift({ padding: 8 })] });
  panel.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
  panel.dataset.placement = placement;
}
