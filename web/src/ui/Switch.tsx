import { useI18n } from '../i18n/i18n';

/** An on/off switch (role=switch): its label names what it turns on. */
export function Switch(props: {
  readonly id: string;
  readonly label: string;
  readonly checked: boolean;
  readonly disabled?: boolean;
  readonly onChange: (checked: boolean) => void;
}) {
  const { m } = useI18n();
  return (
    <div class="switch-row">
      <span id={`${props.id}-label`} class="switch-label">
        {props.label}
      </span>
      <button
        id={props.id}
        type="button"
        role="switch"
        class="switch"
        aria-checked={props.checked}
        aria-labelledby={`${props.id}-label`}
        disabled={props.disabled}
        onClick={() => props.onChange(!props.checked)}
      >
        <span class="switch-track" aria-hidden="true">
          <span class="switch-thumb" />
        </span>
        <span class="switch-state" aria-hidden="true">
          {props.checked ? m.security.on : m.security.off}
        </span>
      </button>
    </div>
  );
}
