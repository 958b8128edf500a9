import { useRef, useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import type { components } from '../../api/schema';
import { CATALOGUES, LOCALES, type Locale, useI18n } from '../../i18n/i18n';
import { Alert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Card } from '../../ui/Page';

type Invited = components['schemas']['CreateInvitationResponse'];
type Role = 'member' | 'admin';

/** "Invite": an email with a registration link goes to the address, in the language chosen here. */
export function InviteForm({ accountId, onInvited }: { accountId: string; onInvited: () => void }) {
  const i18n = useI18n();
  const { m, fill } = i18n;
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [language, setLanguage] = useState<Locale>(i18n.locale);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [invited, setInvited] = useState<Invited | undefined>();
  const emailField = useRef<HTMLInputElement>(null);

  const invite = async () => {
    const problem = !email.trim()
      ? m.security.emailRequired
      : !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())
        ? m.signIn.emailInvalid
        : undefined;
    if (problem) {
      setFieldError(problem);
      return emailField.current?.focus();
    }
    setPending(true);
    setProblem(undefined);
    setInvited(undefined);
    const result = await outcome(
      api().POST('/v1/accounts/{accountId}/invitations', {
        params: { path: { accountId } },
        body: { email: email.trim(), role, locale: language },
      }),
    );
    setPending(false);
    if (!result.ok) {
      setProblem(result.problem);
      return emailField.current?.focus();
    }
    setInvited(result.data);
    setEmail('');
    onInvited();
  };

  return (
    <Card>
      <h2>{m.security.inviteTitle}</h2>
      <p class="muted">{m.security.inviteIntro}</p>
      {problem ? <Alert>{i18n.problem(problem)}</Alert> : null}
      <StatusRegion>
        {invited
          ? `${fill(m.security.invited, { email: invited.email, date: i18n.date(invited.expiresAt) })}${
              invited.mfaRequired ? ` ${m.security.invitedWithMfa}` : ''
            }`
          : null}
      </StatusRegion>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void invite();
        }}
      >
        <fieldset disabled={pending} class="invite-grid">
          <Field
            id="invite-email"
            label={m.security.inviteEmail}
            type="email"
            autoComplete="off"
            inputMode="email"
            spellcheck={false}
            autoCapitalize="none"
            value={email}
            onValue={(value) => {
              setEmail(value);
              setFieldError(undefined);
            }}
            error={fieldError}
            invalid={problem !== undefined}
            inputRef={emailField}
          />
          <div class="field">
            <label for="invite-role">{m.security.inviteRole}</label>
            <select
              id="invite-role"
              value={role}
              onChange={(event) => setRole(event.currentTarget.value as Role)}
            >
              <option value="member">{m.security.roles.member}</option>
              <option value="admin">{m.security.roles.admin}</option>
            </select>
          </div>
          <div class="field">
            <label for="invite-language">{m.security.inviteLanguage}</label>
            <select
              id="invite-language"
              value={language}
              onChange={(event) => setLanguage(event.currentTarget.value as Locale)}
            >
              {LOCALES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {CATALOGUES[code].meta.language}
                </option>
              ))}
            </select>
          </div>
          <div class="invite-submit">
            <Button type="submit" busy={pending}>
              {m.security.invite}
            </Button>
          </div>
        </fieldset>
      </form>
    </Card>
  );
}
