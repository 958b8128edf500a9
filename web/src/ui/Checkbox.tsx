/** A checkbox with its label and an optional hint (aria-describedby). */
export function Checkbox(props: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly checked: boolean;
  readonly disabled?: boolean;
  readonly onChange: (checked: boolean) => void;
}) {
  const hintId = `${props.id}-hint`;
  return (
    <div class="checkbox">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.hint ? hintId : undefined}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <div>
        <label for={props.id}>{props.label}</label>
        {props.hint ? (
          <p id={hintId} class="hint">
            {props.hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
