import { useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Page';
import { ProblemAlert } from '../../ui/ProblemAlert';
import type { MyFactors } from './factors';

type Preferred = MyFactors['preferred'];
const CHOICES: readonly Preferred[] = ['totp', 'sms', 'email'];

/** The method every sign-in starts with, among those the user has (recovery codes are never first). */
export function PreferredMethod({
  factors,
  onChanged,
}: {
  factors: MyFactors;
  onChanged: (fresh: MyFactors) => void;
}) {
  const { m } = useI18n();
  const choices = CHOICES.filter((method) => factors.methods.includes(method));
  const [chosen, setChosen] = useState<Preferred>(factors.preferred);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  if (choices.length < 2) return null;

  const save = async () => {
    setPending(true);
    setProblem(undefined);
    setSaved(false);
    const result = await outcome(api().PUT('/v1/me/mfa/preferred', { body: { method: chosen } }));
    setPending(false);
    if (!result.ok) return setProblem(result.problem);
    setSaved(true);
    onChanged(result.data);
  };

  return (
    <Card>
      <h2 id="preferred-title">{m.preferred.title}</h2>
      <StatusRegion>{saved ? m.preferred.saved : null}</StatusRegion>
      <ProblemAlert problem={problem} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset disabled={pending} class="stack">
          <legend class="muted">{m.preferred.intro}</legend>
          <div class="radios">
            {choices.map((method) => (
              <label key={method} class="radio">
                <input
                  type="radio"
                  name="preferred"
                  value={method}
                  checked={chosen === method}
                  onChange={() => {
                    setChosen(method);
                    setSaved(false);
                  }}
                />
                <span>{m.methodNames[method]}</span>
              </label>
            ))}
          </div>
          <div class="row">
            <Button type="submit" busy={pending} disabled={chosen === factors.preferred}>
              {m.preferred.save}
            </Button>
          </div>
        </fieldset>
      </form>
    </Card>
  );
}
