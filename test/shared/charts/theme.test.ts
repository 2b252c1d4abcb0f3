import { describe, expect, it } from 'vitest';
import { buildBeforeAfterSpec, buildCohortBarsSpec, buildDidSpec, buildGroupMeansSpec, buildKaplanMeierSpec, buildLikertSpec } from '../../../shared/charts';
import { chartConfig, DARK_PALETTE, LIGHT_PALETTE } from '../../../shared/charts/theme';
import { cohorts, comparison, likert, paired, performance, retention } from './fixtures';

/** WCAG relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

describe('theme', () => {
  it('group colours stand out from the background (WCAG 1.4.11, ≥ 3:1) in both themes', () => {
    for (const p of [LIGHT_PALETTE, DARK_PALETTE]) {
      expect(contrast(p.participants, p.background)).toBeGreaterThanOrEqual(3);
      expect(contrast(p.comparison, p.background)).toBeGreaterThanOrEqual(3);
      expect(contrast(p.text, p.background)).toBeGreaterThanOrEqual(7);
      expect(contrast(p.muted, p.background)).toBeGreaterThanOrEqual(4.5);
      expect(p.participants).not.toBe(p.comparison);
    }
  });

  it('every builder embeds the theme config and uses the same group colours', () => {
    for (const theme of ['light', 'dark'] as const) {
      const pal = theme === 'dark' ? DARK_PALETTE : LIGHT_PALETTE;
      const specs = [
        buildBeforeAfterSpec(paired, { theme }),
        buildGroupMeansSpec(comparison, { theme }),
        buildDidSpec(performance, { theme }),
        buildKaplanMeierSpec(retention, { theme }),
        buildLikertSpec(likert, { theme }),
        buildCohortBarsSpec(cohorts, { theme }),
      ];
      for (const spec of specs) expect(spec.config).toEqual(chartConfig(theme));
      // Likert bars use their own diverging scale, never blue/orange, so they cannot be read as a group
      for (const spec of specs.filter((_, i) => i !== 4)) expect(JSON.stringify(spec)).toContain(pal.participants);
      expect(JSON.stringify(specs[4])).not.toContain(pal.participants);
      expect(JSON.stringify(specs[4])).not.toContain(pal.comparison);
      for (const spec of specs.slice(1, 4)) expect(JSON.stringify(spec)).toContain(pal.comparison);
    }
  });

  it('specs are plain JSON (they cross IPC and go into files)', () => {
    const spec = buildKaplanMeierSpec(retention);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });
});
