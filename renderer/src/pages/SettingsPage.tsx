/**
 * Settings: the project's analysis settings (measurement windows, horizons, minimum
 * group size, confidence level, survey scale and reverse-coded items), saved in the
 * project next to its filters; and the privacy actions (purge rejected raw values,
 * delete the project's personal data).
 */
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../shared/analysis';
import { configProblems } from '../../../shared/configRules';
import type { AnalysisConfigInput } from '../../../shared/api';
import type { ApiError } from '../../../shared/result';
import { api } from '../api/client';
import { useAnalysisReload } from '../analysis/AnalysisProvider';
import { ErrorBanner } from '../components/ErrorBanner';
import { NeedsProject } from '../components/NeedsProject';
import { formatCount } from '../format';
import { useAppState } from '../state';
import './settings.css';

export function SettingsPage() {
  const { project } = useAppState();
  return (
    <NeedsProject>
      <div className="stack">
        {/* A fresh form per project: each has its own saved settings. */}
        <AnalysisSettings key={project?.path ?? ''} />
        <Privacy />
      </div>
    </NeedsProject>
  );
}

const CONFIDENCE_LEVELS = [0.9, 0.95, 0.99];
/** Below this many people a group is easy to recognise; the app suggests at least this. */
const SUGGESTED_MIN_GROUP = 5;

interface Form {
  preDays: string;
  postStartDays: string;
  postEndDays: string;
  horizons: string;
  minGroupSize: string;
  confidence: string;
  scaleMin: string;
  scaleMax: string;
  reverseItems: string;
}

function formFrom(saved: AnalysisConfigInput): Form {
  const d = DEFAULT_ANALYSIS_CONFIG;
  return {
    preDays: String(saved.preDays ?? d.preDays),
    postStartDays: String(saved.postStartDays ?? d.postStartDays),
    postEndDays: String(saved.postEndDays ?? d.postEndDays),
    horizons: (saved.horizonsDays ?? d.horizonsDays).join(', '),
    minGroupSize: String(saved.minGroupSize ?? d.minGroupSize),
    confidence: String(saved.confidence ?? d.confidence),
    scaleMin: String(saved.survey?.scaleMin ?? d.survey.scaleMin),
    scaleMax: String(saved.survey?.scaleMax ?? d.survey.scaleMax),
    reverseItems: (saved.survey?.reverseItems ?? d.survey.reverseItems).join(', '),
  };
}

const isInt = (s: string) => /^\s*\d+\s*$/.test(s);
const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

/** The settings the form describes, or the problems that keep it from being saved. */
function parseForm(f: Form): { config: AnalysisConfigInput; problems: string[] } {
  const problems: string[] = [];
  const int = (s: string, label: string, min: number) => {
    if (!isInt(s) || Number(s) < min) problems.push(`${label}: a whole number of at least ${min}.`);
    return Number(s);
  };
  const preDays = int(f.preDays, 'Before window', 1);
  const postStartDays = int(f.postStartDays, 'After window start', 0);
  const postEndDays = int(f.postEndDays, 'After window end', 1);
  const horizonParts = f.horizons.split(/[,\s]+/).filter(Boolean);
  if (!horizonParts.length || horizonParts.some((h) => !isInt(h) || Number(h) < 1)) problems.push('Retention horizons: whole numbers of days, at least 1, separated by commas.');
  const horizonsDays = [...new Set(horizonParts.map(Number))].sort((a, b) => a - b);
  const minGroupSize = int(f.minGroupSize, 'Minimum group size', 1);
  const confidence = Number(f.confidence);
  if (!(confidence > 0 && confidence < 1)) problems.push('Confidence level: between 0 and 1.');
  const scaleMin = Number(f.scaleMin);
  const scaleMax = Number(f.scaleMax);
  if (!isNumber(f.scaleMin) || !isNumber(f.scaleMax)) problems.push('Survey scale: the lowest and highest answer are numbers.');
  const reverseItems = [...new Set(f.reverseItems.split(',').map((s) => s.trim()).filter(Boolean))];
  const config = { preDays, postStartDays, postEndDays, horizonsDays, minGroupSize, confidence, survey: { scaleMin, scaleMax, reverseItems } };
  // The rules between fields are the shared schema's, checked once each field reads as a number.
  if (!problems.length) problems.push(...configProblems(config).map((p) => p.message));
  return { config, problems };
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; error: ApiError };

function AnalysisSettings() {
  const reload = useAnalysisReload();
  const [form, setForm] = useState<Form | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const id = useId();

  useEffect(() => {
    let cancelled = false;
    void api.getAnalysisSettings({}).then((res) => {
      if (cancelled) return;
      if (res.ok) setForm(formFrom(res.value));
      else setLoadError(res.error);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (loadError) return <ErrorBanner title="The analysis settings could not be read." error={loadError} />;
  if (!form) return <p className="muted">Loading the settings…</p>;

  const { config, problems } = parseForm(form);
  const set = (k: keyof Form, v: string) => {
    setForm({ ...form, [k]: v });
    setSave({ kind: 'idle' });
  };
  const smallGroups = isInt(form.minGroupSize) && Number(form.minGroupSize) < SUGGESTED_MIN_GROUP;
  const confidenceOptions = CONFIDENCE_LEVELS.includes(Number(form.confidence)) ? CONFIDENCE_LEVELS : [...CONFIDENCE_LEVELS, Number(form.confidence)].sort();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (problems.length) return;
    setSave({ kind: 'saving' });
    // Merge with what is saved now: the filters and cohorts (chosen on the results pages) stay.
    const current = await api.getAnalysisSettings({});
    if (!current.ok) return setSave({ kind: 'error', error: current.error });
    const merged: AnalysisConfigInput = { ...current.value, ...config, survey: { ...current.value.survey, ...config.survey } };
    const res = await api.saveAnalysisSettings({ config: merged });
    if (!res.ok) return setSave({ kind: 'error', error: res.error });
    setForm(formFrom(res.value));
    setSave({ kind: 'saved' });
    reload();
  };

  const field = (k: keyof Form, label: string, hint: string, extra: { suffix?: string; inputMode?: 'numeric' | 'decimal' | 'text'; wide?: boolean } = {}) => (
    <div className={`settings-field${extra.wide ? ' settings-field-wide' : ''}`}>
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <span className="settings-input">
        <input id={`${id}-${k}`} type="text" inputMode={extra.inputMode ?? 'numeric'} value={form[k]} onChange={(e) => set(k, e.target.value)} aria-describedby={`${id}-${k}-hint`} spellCheck={false} />
        {extra.suffix && <span className="muted">{extra.suffix}</span>}
      </span>
      <p id={`${id}-${k}-hint`} className="hint">
        {hint}
      </p>
    </div>
  );

  return (
    <form className="card" aria-labelledby={`${id}-heading`} onSubmit={(e) => void onSubmit(e)} noValidate>
      <h2 id={`${id}-heading`}>Analysis settings</h2>
      <p className="muted">Saved in the project and used by every results page and the report. The filters and cohorts chosen on the results pages are kept.</p>

      <fieldset className="settings-group">
        <legend>Before/after windows</legend>
        <div className="settings-grid">
          {field('preDays', 'Before window', 'How far back from the start in the program a “before” measure may lie.', { suffix: 'days' })}
          {field('postStartDays', 'After window starts', 'Days after the start when the “after” window opens (give the program time to work).', { suffix: 'days' })}
          {field('postEndDays', 'After window ends', 'Days after the start when the “after” window closes.', { suffix: 'days' })}
        </div>
      </fieldset>

      <fieldset className="settings-group">
        <legend>Retention and statistics</legend>
        <div className="settings-grid">
          {field('horizons', 'Retention horizons', 'Days after the start at which retention is compared, separated by commas (182 ≈ 6 months).', { inputMode: 'text', suffix: 'days' })}
          <div className="settings-field">
            <label htmlFor={`${id}-minGroupSize`}>Minimum group size</label>
            <span className="settings-input">
              <input
                id={`${id}-minGroupSize`}
                type="text"
                inputMode="numeric"
                value={form.minGroupSize}
                onChange={(e) => set('minGroupSize', e.target.value)}
                aria-describedby={`${id}-minGroupSize-hint`}
                aria-invalid={smallGroups || undefined}
              />
              <span className="muted">people</span>
            </span>
            <p id={`${id}-minGroupSize-hint`} className={smallGroups ? 'hint warn-text' : 'hint'}>
              {smallGroups
                ? `Below ${SUGGESTED_MIN_GROUP}, people in small groups can be recognised from the results. At least ${SUGGESTED_MIN_GROUP} is suggested.`
                : `Groups, answers and levels with fewer people are not shown anywhere. At least ${SUGGESTED_MIN_GROUP} is suggested.`}
            </p>
          </div>
          <div className="settings-field">
            <label htmlFor={`${id}-confidence`}>Confidence level</label>
            <select id={`${id}-confidence`} value={form.confidence} onChange={(e) => set('confidence', e.target.value)} aria-describedby={`${id}-confidence-hint`}>
              {confidenceOptions.map((c) => (
                <option key={c} value={String(c)}>
                  {Math.round(c * 1000) / 10}%
                </option>
              ))}
            </select>
            <p id={`${id}-confidence-hint`} className="hint">
              Of the confidence intervals shown with every estimate.
            </p>
          </div>
        </div>
      </fieldset>

      <fieldset className="settings-group">
        <legend>Survey</legend>
        <div className="settings-grid">
          {field('scaleMin', 'Lowest answer', 'The answer scale’s lowest value (e.g. 1 = strongly disagree).', { inputMode: 'decimal' })}
          {field('scaleMax', 'Highest answer', 'The answer scale’s highest value (e.g. 5 = strongly agree).', { inputMode: 'decimal' })}
          {field('reverseItems', 'Reverse-coded items', 'Codes of negatively worded items, separated by commas (e.g. ENG6): their answers are flipped so that higher is always better.', { inputMode: 'text', wide: true })}
        </div>
      </fieldset>

      {problems.length > 0 && (
        <ul className="settings-problems" data-testid="settings-problems">
          {problems.map((p) => (
            <li key={p} className="warn-text">
              {p}
            </li>
          ))}
        </ul>
      )}
      <div className="row-actions">
        <button type="submit" className="btn btn-primary" disabled={problems.length > 0 || save.kind === 'saving'}>
          {save.kind === 'saving' ? 'Saving…' : 'Save settings'}
        </button>
        <span aria-live="polite" className="settings-status" data-testid="settings-status">
          {save.kind === 'saved' && 'Saved. The results pages use the new settings.'}
        </span>
      </div>
      {save.kind === 'error' && <ErrorBanner title="The settings could not be saved." error={save.error} />}
    </form>
  );
}

type ActionState<T> = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; value: T } | { kind: 'error'; error: ApiError };

function Privacy() {
  const { refresh } = useAppState();
  const reload = useAnalysisReload();
  const [purge, setPurge] = useState<ActionState<number>>({ kind: 'idle' });
  const [erase, setErase] = useState<ActionState<number>>({ kind: 'idle' });
  const [confirm, setConfirm] = useState('');
  const id = useId();

  const onPurge = async () => {
    setPurge({ kind: 'busy' });
    const res = await api.purgeRejects({});
    setPurge(res.ok ? { kind: 'done', value: res.value.purged } : { kind: 'error', error: res.error });
    await refresh();
  };

  const onDelete = async () => {
    if (confirm !== 'DELETE') return;
    setErase({ kind: 'busy' });
    const res = await api.deletePersonalData({ confirm: 'DELETE' });
    if (res.ok) {
      setErase({ kind: 'done', value: Object.values(res.value.rowsDeleted).reduce((s, n) => s + n, 0) });
      setConfirm('');
    } else {
      setErase({ kind: 'error', error: res.error });
    }
    await refresh();
    reload();
  };

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Privacy</h2>

      <div className="settings-action">
        <h3>Purge rejected raw values</h3>
        <p className="muted">
          Rows an import rejected are kept with their line, column and reason so that you can fix the file, and with the raw value that was rejected. Purging empties those raw values; the
          line numbers and reasons stay.
        </p>
        <div className="row-actions">
          <button type="button" className="btn" onClick={() => void onPurge()} disabled={purge.kind === 'busy'}>
            {purge.kind === 'busy' ? 'Purging…' : 'Purge rejected raw values'}
          </button>
          <span aria-live="polite" className="settings-note" data-testid="purge-status">
            {purge.kind === 'done' && (purge.value === 1 ? 'Removed 1 raw value.' : `Removed ${formatCount(purge.value)} raw values.`)}
          </span>
        </div>
        {purge.kind === 'error' && <ErrorBanner title="The raw values could not be purged." error={purge.error} />}
      </div>

      <div className="settings-action settings-danger">
        <h3>Delete this project’s personal data</h3>
        <p>
          Removes every imported row from the project: the people, roster, ratings and survey answers, the rejected rows and the imports log. The project file is then rewritten so that the
          deleted values do not linger in it. The analysis settings and mapping templates stay. This cannot be undone.
        </p>
        <p className="muted">
          Copies outside the app are beyond its reach: the original export files, earlier copies or backups of the project file, and reports or CSVs saved from it. Delete those
          separately.
        </p>
        <div className="form">
          <label htmlFor={`${id}-confirm`}>Type DELETE to confirm</label>
          <input id={`${id}-confirm`} type="text" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" spellCheck={false} className="settings-confirm" />
        </div>
        <div className="row-actions">
          <button type="button" className="btn btn-danger" onClick={() => void onDelete()} disabled={confirm !== 'DELETE' || erase.kind === 'busy'}>
            {erase.kind === 'busy' ? 'Deleting…' : 'Delete personal data'}
          </button>
          <span aria-live="polite" className="settings-note" data-testid="delete-status">
            {erase.kind === 'done' && `Deleted ${formatCount(erase.value)} rows. The project is now empty.`}
          </span>
        </div>
        {erase.kind === 'error' && <ErrorBanner title="The personal data could not be deleted." error={erase.error} />}
      </div>
    </section>
  );
}
