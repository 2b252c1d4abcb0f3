/**
 * The rules between analysis settings live in the shared schema: an API call, the CLI's
 * --config and the Settings page (configProblems) refuse the same configs with the same words.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/main';
import { analysisConfigSchema, parseRequest } from '../../shared/api';
import { configProblems } from '../../shared/configRules';
import { tempDir } from '../helpers';
import { copySampleProject } from '../sampleProject';

const message = (config: unknown) => {
  const r = parseRequest('analyze', { config });
  return r.ok ? null : r.error.message;
};

describe('analysis config rules', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses an after window that ends before it starts, counting defaults for a missing side', () => {
    expect(message({ postStartDays: 200, postEndDays: 200 })).toBe('Invalid request to analyze at config.postEndDays: After window: the end must come after the start.');
    // The default start is 180 days.
    expect(message({ postEndDays: 100 })).toMatch(/postEndDays: After window: the end must come after the start\.$/);
    expect(message({ postStartDays: 600 })).toMatch(/postEndDays: After window/);
    expect(analysisConfigSchema.safeParse({ postStartDays: 10, postEndDays: 11 }).success).toBe(true);
  });

  it('refuses a survey scale whose top is not above its bottom', () => {
    expect(message({ survey: { scaleMin: 5, scaleMax: 5 } })).toBe('Invalid request to analyze at config.survey.scaleMax: Survey scale: the highest answer must be above the lowest.');
    expect(message({ survey: { scaleMin: 6 } })).toMatch(/survey\.scaleMax: Survey scale/);
    expect(configProblems({ survey: { scaleMin: 0, scaleMax: 10 } })).toEqual([]);
  });

  it('refuses horizons that are not positive and a confidence outside (0, 1)', () => {
    expect(message({ horizonsDays: [365, 0] })).toMatch(/^Invalid request to analyze at config\.horizonsDays\.1: /);
    expect(message({ confidence: 1 })).toMatch(/^Invalid request to analyze at config\.confidence: /);
    expect(message({ confidence: 0 })).toMatch(/^Invalid request to analyze at config\.confidence: /);
    expect(message({ confidence: 0.9 })).toBeNull();
  });

  it('the CLI refuses the same config file, naming it, with exit code 1 (refused input)', async () => {
    const dir = tempDir('mi-config-');
    const project = copySampleProject(join(dir, 'p.duckdb'));
    const cfg = join(dir, 'analysis.json');
    writeFileSync(cfg, JSON.stringify({ postStartDays: 400, postEndDays: 300 }));
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const code = await main(['analyze', project, '--config', cfg, '--json', join(dir, 'out.json')]);
    expect(code).toBe(1);
    expect(errors.join('\n')).toContain(`${cfg}: Invalid request to analyze at config.postEndDays: After window: the end must come after the start.`);
  });
});
