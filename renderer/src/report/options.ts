/**
 * The Report page's choices: remembered per project in this browser profile (title,
 * organisation, author and period are not data, so nothing sensitive is stored), and
 * turned into the contract's `meta`.
 */
import { DEFAULT_REPORT_TITLE, REPORT_SECTIONS } from '../../../shared/report';
import type { ReportOptions, ReportPageSize, ReportSection } from '../../../shared/report';

export interface ReportForm {
  title: string;
  organisation: string;
  author: string;
  period: string;
  sections: ReportSection[];
  pageSize: ReportPageSize;
}

export const DEFAULT_FORM: ReportForm = {
  title: DEFAULT_REPORT_TITLE,
  organisation: '',
  author: '',
  period: '',
  sections: [...REPORT_SECTIONS],
  pageSize: 'A4',
};

const key = (projectPath: string) => `mentor-impact:report:${projectPath}`;

export function loadForm(projectPath: string): ReportForm {
  try {
    const raw = window.localStorage.getItem(key(projectPath));
    if (!raw) return DEFAULT_FORM;
    const v = JSON.parse(raw) as Partial<ReportForm>;
    const text = (x: unknown, d: string) => (typeof x === 'string' ? x.slice(0, 300) : d);
    return {
      title: text(v.title, DEFAULT_FORM.title),
      organisation: text(v.organisation, ''),
      author: text(v.author, ''),
      period: text(v.period, ''),
      sections: Array.isArray(v.sections) ? REPORT_SECTIONS.filter((s) => v.sections!.includes(s)) : DEFAULT_FORM.sections,
      pageSize: v.pageSize === 'Letter' ? 'Letter' : 'A4',
    };
  } catch {
    return DEFAULT_FORM;
  }
}

export function saveForm(projectPath: string, form: ReportForm): void {
  try {
    window.localStorage.setItem(key(projectPath), JSON.stringify(form));
  } catch {
    // Storage full or disabled: the form still works, it is just not remembered.
  }
}

/** The contract's `meta`: sections in print order. */
export function toMeta(form: ReportForm): ReportOptions {
  return {
    title: form.title.trim() || DEFAULT_REPORT_TITLE,
    organisation: form.organisation.trim(),
    author: form.author.trim(),
    period: form.period.trim(),
    sections: REPORT_SECTIONS.filter((s) => form.sections.includes(s)),
    pageSize: form.pageSize,
  };
}

/** Browser mode: hands the PDF's bytes to the browser as a download. */
export function downloadPdf(pdfBase64: string, fileName: string): void {
  const bin = atob(pdfBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
