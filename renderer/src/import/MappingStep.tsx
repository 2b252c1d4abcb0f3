import { useEffect, useId, useState } from 'react';
import type { FileInspection, ImportKind, MappingTemplate } from '../../../shared/domain';
import { api } from '../api/client';
import { pageHref } from '../router';
import { KINDS, fieldLabel } from '../../../shared/kinds';
import { DATE_FORMAT_NAMES, dateFormatName } from '../../../shared/kinds';
import { KNOWN_ROLES, applyTemplate, buildMapping, layoutFields } from './mappingModel';
import type { MappingDraft } from './mappingModel';
import { previewRows } from './preview';

interface Props {
  ins: FileInspection;
  draft: MappingDraft;
  onChange: (d: MappingDraft) => void;
  disabled: boolean;
}

export function MappingStep({ ins, draft, onChange, disabled }: Props) {
  const ids = useId();
  const fromLayout = layoutFields(draft, ins);
  const wide = fromLayout.length > 0;
  const scaleLabel = KINDS[ins.kind].scaleLabel;
  const set = (patch: Partial<MappingDraft>) => onChange({ ...draft, ...patch });
  const mappedDateColumns = ins.fields
    .filter((f) => f.type === 'date' && draft.columns[f.name])
    .map((f) => ({ field: f.name, column: draft.columns[f.name]! }));
  const roleValues = ins.textValues.find((t) => t.field === 'role' && t.column === draft.columns.role);

  return (
    <div className="mapping">
      <h3>Columns</h3>
      <p className="muted">
        Each field the project uses, with the column of your file it comes from. Guesses come from the column names (Workday,
        SuccessFactors, BambooHR, Qualtrics, Culture Amp and Lattice spellings); change any that are wrong. <span className="req">*</span> required.
      </p>
      <table className="mapping-table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Column in the file</th>
            <th scope="col">First value</th>
          </tr>
        </thead>
        <tbody>
          {ins.fields
            .filter((f) => !fromLayout.includes(f.name))
            .map((f) => {
              const col = draft.columns[f.name] ?? '';
              const idx = ins.columns.indexOf(col);
              const first = idx >= 0 ? previewRows(ins).rows.slice(draft.headerRowsToSkip).find((r) => r[idx] !== null)?.[idx] : undefined;
              const missing = f.required && !col;
              return (
                <tr key={f.name} className={missing ? 'row-missing' : undefined} data-field={f.name}>
                  <th scope="row">
                    <label htmlFor={`${ids}-${f.name}`}>
                      {fieldLabel(ins.kind, f.name)} {f.required && <span className="req" aria-label="required">*</span>}
                    </label>
                    <code className="field-name">{f.name}</code>
                  </th>
                  <td>
                    <select
                      id={`${ids}-${f.name}`}
                      value={col}
                      disabled={disabled}
                      aria-invalid={missing || undefined}
                      onChange={(e) => set({ columns: { ...draft.columns, [f.name]: e.target.value } })}
                    >
                      <option value="">{f.required ? '— choose a column —' : 'not in file'}</option>
                      {ins.columns.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="muted">{first ?? ''}</td>
                </tr>
              );
            })}
        </tbody>
      </table>

      {mappedDateColumns.length > 0 && (
        <>
          <h3>Date formats</h3>
          <div className="date-formats">
            {mappedDateColumns.map(({ field, column }) => {
              const d = ins.dates.find((x) => x.column === column);
              const chosen = draft.dateFormats[column] ?? '';
              const needsChoice = d?.ambiguous && !chosen;
              const options = [
                ...(d?.candidates ?? []).map((c) => ({ value: c, label: dateFormatName(c) })),
                ...DATE_FORMAT_NAMES.filter((o) => !(d?.candidates ?? []).includes(o.value)),
              ];
              return (
                <div key={column} className={`date-format${needsChoice ? ' date-ambiguous' : ''}`} data-date-column={column}>
                  <label htmlFor={`${ids}-date-${field}`}>
                    <strong>{column}</strong> <span className="muted">({fieldLabel(ins.kind, field)})</span>
                  </label>
                  <select id={`${ids}-date-${field}`} value={chosen} disabled={disabled} onChange={(e) => set({ dateFormats: { ...draft.dateFormats, [column]: e.target.value } })}>
                    <option value="">{d?.ambiguous ? '— choose the format —' : d?.format ? `Detected: ${dateFormatName(d.format)}` : 'Detect from the whole file'}</option>
                    {options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                  {d && d.examples.length > 0 && <span className="muted">e.g. {d.examples.join(', ')}</span>}
                  {d?.ambiguous && (
                    <p className={needsChoice ? 'warn-text' : 'hint'} role={needsChoice ? 'status' : undefined}>
                      Ambiguous: these dates read both as month/day ({dateFormatName('%m/%d/%Y')}) and as day/month ({dateFormatName('%d/%m/%Y')}). Choose how your system writes them.
                    </p>
                  )}
                  {d && !d.ambiguous && d.format === null && <p className="warn-text">No known date format reads these values.</p>}
                </div>
              );
            })}
          </div>
        </>
      )}

      {KINDS[ins.kind].wide && (
        <>
          <h3>Survey layout</h3>
          <fieldset className="inline-options" disabled={disabled}>
            <legend className="visually-hidden">Survey layout</legend>
            <label>
              <input type="radio" name={`${ids}-layout`} checked={draft.surveyLayout === 'long'} onChange={() => set({ surveyLayout: 'long' })} /> Long: one row per answer
              (item and score columns)
            </label>
            <label>
              <input type="radio" name={`${ids}-layout`} checked={draft.surveyLayout === 'wide'} onChange={() => set({ surveyLayout: 'wide' })} /> Wide: one column per
              question
            </label>
          </fieldset>
          {wide && (
            <fieldset className="item-list" disabled={disabled}>
              <legend>Item columns (the questions)</legend>
              {[...(ins.survey?.itemCandidates ?? []), ...(ins.survey?.otherColumns ?? [])].map((c) => (
                <label key={c} className="item-choice">
                  <input
                    type="checkbox"
                    checked={draft.items.includes(c)}
                    onChange={(e) => set({ items: e.target.checked ? ins.columns.filter((h) => h === c || draft.items.includes(h)) : draft.items.filter((x) => x !== c) })}
                  />{' '}
                  {c}
                </label>
              ))}
            </fieldset>
          )}
          <p className="hint">
            Negatively worded (reverse-coded) items are an analysis setting: set them under <a href={pageHref('survey')}>Survey</a> after the import.
          </p>
        </>
      )}

      {scaleLabel && (
        <>
          <h3>{scaleLabel}</h3>
          <div className="inline-options">
            <label>
              From <input type="number" className="num-input" value={draft.scaleMin} disabled={disabled} onChange={(e) => set({ scaleMin: e.target.value })} aria-label="Scale minimum" />
            </label>
            <label>
              to <input type="number" className="num-input" value={draft.scaleMax} disabled={disabled} onChange={(e) => set({ scaleMax: e.target.value })} aria-label="Scale maximum" />
            </label>
            <span className="hint">Optional: values outside it are rejected (without one, 0–100).</span>
          </div>
        </>
      )}

      {Object.entries(draft.values).map(([field, labels]) =>
        Object.keys(labels).length ? (
          <div key={field} className="value-map" data-value-map={field}>
            <h3>Text values of {fieldLabel(ins.kind, field)}</h3>
            <p className="muted">The file writes some {field === 'rating' ? 'ratings' : 'answers'} as text. Give each the number it stands for; text left empty is rejected.</p>
            <div className="value-grid">
              {Object.entries(labels).map(([label, num]) => (
                <label key={label}>
                  <span>{label}</span>
                  <input
                    type="number"
                    className="num-input"
                    value={num}
                    disabled={disabled}
                    aria-label={`Number for “${label}”`}
                    onChange={(e) => set({ values: { ...draft.values, [field]: { ...labels, [label]: e.target.value } } })}
                  />
                </label>
              ))}
            </div>
          </div>
        ) : null,
      )}

      {roleValues && (
        <div className="value-map">
          <h3>Roles in the file</h3>
          <p className="muted">Each role word of the file, read as mentee or mentor. A word left on “reject” sends its rows to the rejects.</p>
          <ul className="role-list">
            {roleValues.values.map((v) => {
              const known = KNOWN_ROLES.get(v.toLowerCase());
              return (
                <li key={v} data-role-word={v}>
                  <strong>{v}</strong>:{' '}
                  {known ? (
                    <span>read as {known}</span>
                  ) : (
                    <select
                      aria-label={`Role for “${v}”`}
                      value={draft.roles[v] ?? ''}
                      disabled={disabled}
                      onChange={(e) => set({ roles: { ...draft.roles, [v]: e.target.value as '' | 'mentee' | 'mentor' } })}
                    >
                      <option value="">not a known role: reject these rows</option>
                      <option value="mentee">mentee</option>
                      <option value="mentor">mentor</option>
                    </select>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}

/** Save the current mapping by name, or apply a saved one. */
export function TemplateBar({ ins, draft, onChange, disabled }: Props) {
  const ids = useId();
  const [templates, setTemplates] = useState<MappingTemplate[]>([]);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const kind: ImportKind = ins.kind;

  useEffect(() => {
    let cancelled = false;
    void api.listMappingTemplates({ kind }).then((r) => {
      if (!cancelled && r.ok) setTemplates(r.value);
    });
    return () => {
      cancelled = true;
    };
  }, [kind]);

  async function save() {
    const res = await api.saveMappingTemplate({ name: name.trim(), kind, mapping: buildMapping(draft, ins) });
    if (!res.ok) return setMessage(res.error.message);
    setTemplates((ts) => [...ts.filter((t) => t.name !== res.value.name), res.value].sort((a, b) => a.name.localeCompare(b.name)));
    setChosen(res.value.name);
    setMessage(`Saved “${res.value.name}” in this project.`);
  }

  function load() {
    const t = templates.find((x) => x.name === chosen);
    if (!t) return;
    onChange(applyTemplate(draft, ins, t.mapping));
    setMessage(`Applied “${t.name}”.`);
  }

  async function remove() {
    const res = await api.deleteMappingTemplate({ name: chosen });
    if (!res.ok) return setMessage(res.error.message);
    setTemplates((ts) => ts.filter((t) => t.name !== chosen));
    setMessage(`Deleted “${chosen}”.`);
    setChosen('');
  }

  return (
    <div className="template-bar">
      <div className="template-group">
        <label htmlFor={`${ids}-load`}>Saved mappings</label>
        <select id={`${ids}-load`} value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={disabled || templates.length === 0}>
          <option value="">{templates.length ? '— choose —' : 'none saved for this kind'}</option>
          {templates.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
        <button type="button" className="btn" onClick={load} disabled={disabled || !chosen}>
          Apply
        </button>
        <button type="button" className="btn" onClick={() => void remove()} disabled={disabled || !chosen}>
          Delete
        </button>
      </div>
      <div className="template-group">
        <label htmlFor={`${ids}-name`}>Save this mapping as</label>
        <input id={`${ids}-name`} type="text" value={name} maxLength={100} placeholder="e.g. Workday HRIS export" onChange={(e) => setName(e.target.value)} disabled={disabled} />
        <button type="button" className="btn" onClick={() => void save()} disabled={disabled || !name.trim()}>
          Save mapping
        </button>
      </div>
      {message && (
        <p className="hint" role="status">
          {message}
        </p>
      )}
      <p className="hint">A saved mapping is the same JSON as the command line’s <code>--mapping</code> file.</p>
    </div>
  );
}
