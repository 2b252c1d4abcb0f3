/**
 * One palette and two themes for every chart. Participants are always
 * blue and the comparison group always orange/vermillion (Okabe–Ito, safe for the
 * common colour-vision deficiencies); line charts also dash the comparison group,
 * so the groups stay apart in greyscale print.
 */
import type { Config } from 'vega-lite';

export type ChartTheme = 'light' | 'dark';

export interface ChartPalette {
  participants: string;
  comparison: string;
  /** "Before" dots, counterfactual lines, suppressed-cell labels. */
  neutral: string;
  text: string;
  muted: string;
  grid: string;
  background: string;
  /** Five Likert levels, most negative first (ColorBrewer BrBG, not blue/orange so it never reads as a group). */
  likert: readonly [string, string, string, string, string];
}

/** Light: WCAG 1.4.11 ≥ 3:1 on white (#0072B2 5.2:1, #D55E00 3.9:1). */
export const LIGHT_PALETTE: ChartPalette = {
  participants: '#0072B2',
  comparison: '#D55E00',
  neutral: '#8C8C8C',
  text: '#1F2328',
  muted: '#59636E',
  grid: '#E6E8EB',
  background: '#FFFFFF',
  likert: ['#A6611A', '#DFC27D', '#D9D9D9', '#80CDC1', '#018571'],
};

/** Dark: the lighter Okabe–Ito blue and orange (≥ 7:1 on #1E1E1E). */
export const DARK_PALETTE: ChartPalette = {
  participants: '#56B4E9',
  comparison: '#E69F00',
  neutral: '#9DA5AE',
  text: '#E6EDF3',
  muted: '#A9B3BD',
  grid: '#30363D',
  background: '#1E1E1E',
  likert: ['#BF812D', '#DFC27D', '#6E7681', '#80CDC1', '#35978F'],
};

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export function palette(theme: ChartTheme = 'light'): ChartPalette {
  return theme === 'dark' ? DARK_PALETTE : LIGHT_PALETTE;
}

function themeConfig(p: ChartPalette): Config {
  return {
    background: p.background,
    font: FONT_FAMILY,
    padding: 8,
    view: { stroke: null },
    title: {
      anchor: 'start',
      color: p.text,
      fontSize: 15,
      fontWeight: 600,
      subtitleColor: p.muted,
      subtitleFontSize: 12,
      subtitlePadding: 4,
      offset: 14,
    },
    axis: {
      labelColor: p.muted,
      titleColor: p.text,
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      gridColor: p.grid,
      domainColor: p.neutral,
      tickColor: p.neutral,
      labelPadding: 4,
      titlePadding: 8,
    },
    axisDiscrete: { ticks: false, domain: false },
    legend: { labelColor: p.text, titleColor: p.text, labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', orient: 'top', symbolStrokeWidth: 2, labelLimit: 480 },
    header: { labelColor: p.text, titleColor: p.text, labelFontSize: 12 },
    text: { color: p.text, font: FONT_FAMILY, fontSize: 12 },
    concat: { spacing: 18 },
  };
}

export const LIGHT_CONFIG: Config = themeConfig(LIGHT_PALETTE);
export const DARK_CONFIG: Config = themeConfig(DARK_PALETTE);

export function chartConfig(theme: ChartTheme = 'light'): Config {
  return theme === 'dark' ? DARK_CONFIG : LIGHT_CONFIG;
}
