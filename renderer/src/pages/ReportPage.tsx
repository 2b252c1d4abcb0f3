/**
 * Report: title, organisation, author, period, sections and paper; a live
 * preview of the very HTML that is printed (in a sandboxed frame: no script, no network);
 * "Save PDF" prints it (desktop app: save dialog + printToPDF; browser mode: a download).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { APPENDIX_SECTIONS, REPORT_SECTIONS, REPORT_SECTION_TITLES } from '../../../shared/report';
import type { ReportSection } from '../../../shared/report';
import type { ApiError } from '../../../shared/result';
import { api, transport } from '../api/client';
import { ErrorBanner } from '../components/ErrorBanner';
import { NeedsProject } from '../components/NeedsProject';
import { DEFAULT_FORM, downloadPdf, loadForm, saveForm, toMeta } from '../report/options';
import type { ReportForm } from '../report/options';
import { useAppState } from '../state';
import '../report/report.css';

/** Typing pauses this long before the preview is rebuilt. */
const PREVIEW_DELAY_MS = 450;

export function ReportPage() {
  const { project } = useAppState();
  return (
    <NeedsProject>
      {/* A fresh form per project: each remembers its own title, organisation and sections. */}
      <ReportBuilder key={project?.path ?? ''} />
    </NeedsProject>
  );
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; text: string } | { kind: 'error'; error: ApiError };

function ReportBuilder() {
  const { project } = useAppState();
  const path = project?.path ?? '';
  const [form, setForm] = useState<ReportForm>(() => (path ? loadForm(path) : DEFAULT_FORM));
  const [html, setHtml] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<ApiError | null>(null);
  const [updating, setUpdating] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const latest = useRef(0);
  const dataKey = project ? project.tables.map((t) => `${t.name}:${t.rows}`).join(',') : '';

  useEffect(() => {
    if (path) saveForm(path, form);
    const ticket = ++latest.current;
    setUpdating(true);
    const timer = setTimeout(() => {
      void api.reportHtml({ meta: toMeta(form), preview: true }).then((res) => {
        if (ticket !== latest.current) return;
        setUpdating(false);
        if (res.ok) {
          setHtml(res.value.html);
          setPreviewError(null);
        } else {
          setPreviewError(res.error);
        }
      });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [form, path, dataKey]);

  const set = <K extends keyof ReportForm>(k: K, v: ReportForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setSave({ kind: 'idle' });
  };
  const toggle = (s: ReportSection, on: boolean) => set('sections', on ? REPORT_SECTIONS.filter((x) => x === s || form.sections.includes(x)) : form.sections.filter((x) => x !== s));

  const onSave = async () => {
    setSave({ kind: 'saving' });
    const res = await api.saveReportPdf({ meta: toMeta(form) });
    if (!res.ok) return setSave({ kind: 'error', error: res.error });
    const { pdfBase64, fileName, path: saved, bytes } = res.value;
    if (pdfBase64) {
      downloadPdf(pdfBase64, fileName);
      return setSave({ kind: 'saved', text: `Downloaded ${fileName} (${Math.max(1, Math.round(bytes / 1024))} KB).` });
    }
    if (saved) return setSave({ kind: 'saved', text: `Saved ${saved}.` });
    setSave({ kind: 'idle' }); // the save dialog was cancelled
  };

  const ids = { title: useId(), org: useId(), author: useId(), period: useId() };
  const noSections = form.sections.length === 0;

  return (
    <div className="report-layout">
      <form className="card report-form" aria-label="Report options" onSubmit={(e) => e.preventDefault()}>
        <h2>Report</h2>
        <div className="report-field">
          <label htmlFor={ids.title}>Title</label>
          <input id={ids.title} type="text" value={form.title} maxLength={300} onChange={(e) => set('title', e.target.value)} />
        </div>
        <div className="report-field">
          <label htmlFor={ids.org}>Organisation</label>
          <input id={ids.org} type="text" value={form.organisation} maxLength={300} onChange={(e) => set('organisation', e.target.value)} />
        </div>
        <div className="report-field">
          <label htmlFor={ids.author}>Author</label>
          <input id={ids.author} type="text" value={form.author} maxLength={300} onChange={(e) => set('author', e.target.value)} />
        </div>
        <div className="report-field">
          <label htmlFor={ids.period}>Period</label>
          <input id={ids.period} type="text" value={form.period} maxLength={300} placeholder="From the cohorts’ start dates" onChange={(e) => set('period', e.target.value)} />
        </div>

        <fieldset className="report-fieldset">
          <legend>Sections</legend>
          {REPORT_SECTIONS.map((s) => (
            <label key={s} className="report-check">
              <input type="checkbox" checked={form.sections.includes(s)} onChange={(e) => toggle(s, e.target.checked)} />
              <span>
                {REPORT_SECTION_TITLES[s]}
                {APPENDIX_SECTIONS.includes(s) && <span className="muted"> (appendix)</span>}
              </span>
            </label>
          ))}
        </fieldset>

        <fieldset className="report-fieldset report-paper">
          <legend>Paper</legend>
          {(['A4', 'Letter'] as const).map((size) => (
            <label key={size} className="report-check">
              <input type="radio" name="report-page-size" checked={form.pageSize === size} onChange={() => set('pageSize', size)} />
              {size}
            </label>
          ))}
        </fieldset>

        <p className="hint">The report uses the project’s saved analysis settings and filters. Groups of fewer than the minimum size are left out.</p>

        <div className="row-actions">
          <button type="button" className="btn btn-primary" onClick={() => void onSave()} disabled={save.kind === 'saving' || noSections}>
            {save.kind === 'saving' ? 'Printing…' : 'Save PDF'}
          </button>
        </div>
        <div aria-live="polite" className="report-status">
          {noSections && <span className="warn-text">Choose at least one section.</span>}
          {save.kind === 'saved' && <span>{save.text}</span>}
          {save.kind === 'saving' && <span className="muted">{transport === 'electron' ? 'Preparing the PDF…' : 'Printing the PDF with Chromium…'}</span>}
        </div>
        {save.kind === 'error' && <ErrorBanner title="The PDF could not be made." error={save.error} />}
      </form>

      <section className="report-preview" aria-label="Preview">
        <div className="report-preview-head">
          <h2>Preview</h2>
          <span className="muted" aria-live="polite">
            {updating ? 'Updating…' : html ? `${form.pageSize} · as printed, without page breaks` : ''}
          </span>
        </div>
        {previewError && <ErrorBanner title="The preview could not be made." error={previewError} />}
        {html ? (
          <iframe className="report-frame" title="Report preview" sandbox="" srcDoc={html} />
        ) : (
          !previewError && <p className="muted">Preparing the preview…</p>
        )}
      </section>
    </div>
  );
}
