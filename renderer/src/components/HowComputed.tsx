import type { Described } from '../../../shared/analysis';

export interface MethodItem extends Described {
  /** What the method is for, e.g. "Before and after". */
  title: string;
}

/** Every page's "How this was computed": the method in words and what the numbers cannot say. */
export function HowComputed({ items, extra }: { items: MethodItem[]; extra?: string[] }) {
  const methods = items.filter((i) => i.method);
  const caveats = [...new Set(items.flatMap((i) => i.caveats ?? []))];
  if (!methods.length && !caveats.length && !extra?.length) return null;
  return (
    <details className="how">
      <summary>
        <span className="how-title">How this was computed</span>
        {caveats.length > 0 && <span className="how-count">{caveats.length === 1 ? '1 caveat' : `${caveats.length} caveats`}</span>}
      </summary>
      <div className="how-body">
        {methods.length > 0 && (
          <dl className="how-methods">
            {methods.map((m) => (
              <div key={m.title}>
                <dt>{m.title}</dt>
                <dd>{m.method}</dd>
              </div>
            ))}
          </dl>
        )}
        {extra?.map((e) => (
          <p key={e}>{e}</p>
        ))}
        {caveats.length > 0 && (
          <>
            <h3>Read with care</h3>
            <ul className="caveats">
              {caveats.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </details>
  );
}

/** The caveats of a result, visible (not folded away) next to its numbers. */
export function Caveats({ caveats }: { caveats: readonly string[] | undefined }) {
  const list = [...new Set(caveats ?? [])];
  if (!list.length) return null;
  return (
    <ul className="caveat-list" aria-label="Caveats">
      {list.map((c) => (
        <li key={c}>{c}</li>
      ))}
    </ul>
  );
}
