import { describe, expect, it } from 'vitest';
import { config } from 'virtual:kiosk/manifest';
import { renderKiosk } from '../helpers/kiosk';

describe('the reach lines on the page', () => {
  it('follow the configured mounting, as fractions of the viewport for the portrait layout', async () => {
    await renderKiosk({ config: { ...config, display: { mounting: { screenBottomMm: 300, screenHeightMm: 1210 } } } });
    const style = document.documentElement.style;
    expect(parseFloat(style.getPropertyValue('--reach-top'))).toBeCloseTo((310 / 1210) * 100, 4);
    expect(parseFloat(style.getPropertyValue('--reach-bottom'))).toBeCloseTo((1110 / 1210) * 100, 4);
    expect(style.getPropertyValue('--reach-top')).toMatch(/dvh$/);
  });

  it("are the default portrait panel's when the config says nothing", async () => {
    await renderKiosk({ config: { ...config, display: undefined } });
    expect(parseFloat(document.documentElement.style.getPropertyValue('--reach-top'))).toBeCloseTo((550 / 950) * 100, 4);
    expect(document.documentElement.style.getPropertyValue('--reach-bottom')).toBe('100dvh');
  });
});
