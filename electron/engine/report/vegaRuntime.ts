/**
 * Vega, Vega-Lite and the expression interpreter: only the report's charts need them, and
 * they are most of a bundle's size. The bundles load them on the first chart (charts.ts
 * imports this module dynamically; scripts/build-electron.mjs builds it as vega.cjs), so
 * `import` and `analyze` start without parsing them.
 */
export * as vega from 'vega';
export { expressionInterpreter } from 'vega-interpreter';
export { compile } from 'vega-lite';
