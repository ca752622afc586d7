import { useId } from 'preact/hooks';
import './choice-group.css';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

export interface ChoiceGroupProps<T extends string> {
  legend: string;
  name: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
}

/** Native radio buttons dressed as big targets: the whole labelled box is the touch target. */
export function ChoiceGroup<T extends string>({ legend, name, value, choices, onChange }: ChoiceGroupProps<T>) {
  const id = useId();
  return (
    <fieldset class="choice-group">
      <legend class="choice-group__legend">{legend}</legend>
      <div class="choice-group__options">
        {choices.map((choice) => (
          <label key={choice.value} class="choice-group__option" data-choice={choice.value}>
            <input type="radio" name={`${name}-${id}`} value={choice.value} checked={choice.value === value} onChange={() => onChange(choice.value)} />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
