import { useId } from 'react';
import { NeedsProject } from '../components/NeedsProject';
import { STEPS, currentStep } from '../import/importMachine';
import '../import/import.css';
import { CheckStep } from '../import/steps/CheckStep';
import { ChooseFileStep } from '../import/steps/ChooseFileStep';
import { InspectStep } from '../import/steps/InspectStep';
import { MapStep } from '../import/steps/MapStep';
import { OutcomeStep } from '../import/steps/OutcomeStep';
import { useImportWizard } from '../import/useImportWizard';

export function ImportPage() {
  return (
    <NeedsProject>
      <ImportWizard />
    </NeedsProject>
  );
}

function ImportWizard() {
  const ids = useId();
  const w = useImportWizard();
  const { source, ins, draft, kind } = w.state;
  const step = currentStep(w.state);
  return (
    <div className="stack import-wizard">
      <ol className="stepper" aria-label="Import steps">
        {STEPS.map((s, i) => (
          <li key={s} className={i === step ? 'step-current' : i < step ? 'step-done' : undefined} aria-current={i === step ? 'step' : undefined}>
            <span className="step-num">{i + 1}</span> {s}
          </li>
        ))}
      </ol>
      <ChooseFileStep w={w} ids={ids} />
      {ins && draft && source && <InspectStep w={w} ids={ids} ins={ins} draft={draft} fileName={source.name} />}
      {ins && draft && kind === ins.kind && <MapStep w={w} ids={ids} ins={ins} draft={draft} />}
      {ins && draft && <CheckStep w={w} ins={ins} />}
      <OutcomeStep w={w} />
    </div>
  );
}
