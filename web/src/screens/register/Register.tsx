import { useEffect, useRef, useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import type { components } from '../../api/schema';
import { flashStore } from '../../flash';
import { useI18n } from '../../i18n/i18n';
import { Link, navigate } from '../../router';
import { Alert, Note } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { PageHeading, useTitle } from '../../ui/Page';
import { PasswordField } from '../../ui/PasswordField';

type Invitation = components['schemas']['GetInvitationResponse'];

/** The registration flow: the invitation is checked first; a link that cannot be used says why. */
type RegisterState =
  | { readonly step: 'loading' }
  | { readonly step: 'unusable'; readonly problem?: Problem }
  | {
      readonly step: 'form';
      readonly invitation: Invitation;
      readonly pending: boolean;
      readonly problem?: Problem;
    };

/** Answers after which the form cannot succeed with this link. */
const LINK_PROBLEMS: ReadonlySet<Problem['code']> = new Set([
  'INVITATION_NOT_FOUND',
  'INVITATION_EXPIRED',
  'INVITATION_USED',
  'USER_EXISTS',
]);
const PHONE_PROBLEMS: ReadonlySet<Problem['code']> = new Set([
  'INVALID_PHONE_NUMBER',
  'PHONE_COUNTRY_NOT_ALLOWED',
]);

const MIN_PASSWORD = 12;
const MAX_NAME = 100;

/** Registration from `/register?invitation=<token>`: "Name", "Password", "Phone number", "Create account". */
export function Register({ token }: { token: string | null }) {
  const i18n = useI18n();
  const { m, locale } = i18n;
  const [state, setState] = useState<RegisterState>(token ? { step: 'loading' } : { step: 'unusable' });
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<{ name?: string; password?: string }>({});
  const nameField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const phoneField = useRef<HTMLInputElement>(null);
  useTitle(state.step === 'unusable' ? m.register.unusableTitle : m.register.title);

  useEffect(() => {
    if (!token) return;
    void outcome(api().GET('/v1/invitations/{token}', { params: { path: { token } } })).then((result) =>
      setState(
        result.ok
          ? { step: 'form', invitation: result.data, pending: false }
          : { step: 'unusable', problem: result.problem },
      ),
    );
  }, [token]);

  const formShown = state.step === 'form';
  useEffect(() => {
    if (formShown) nameField.current?.focus();
  }, [formShown]);

  if (state.step === 'loading') return <p class="muted">{m.register.checking}</p>;

  if (state.step === 'unusable') {
    return (
      <div class="stack-lg">
        <PageHeading>{m.register.unusableTitle}</PageHeading>
        {state.problem ? (
          <Alert>{i18n.problem(state.problem)}</Alert>
        ) : (
          <Note>{m.register.missingToken}</Note>
        )}
        <Link href="/sign-in" class="btn btn-secondary btn-block">
          {m.register.goToSignIn}
        </Link>
      </div>
    );
  }

  const { invitation } = state;
  const submit = async () => {
    const found = {
      name: !name.trim()
        ? m.register.nameRequired
        : name.trim().length > MAX_NAME
          ? m.register.nameTooLong
          : undefined,
      password: [...password].length < MIN_PASSWORD ? m.register.passwordTooShort : undefined,
    };
    setErrors(found);
    if (found.name) return nameField.current?.focus();
    if (found.password) return passwordField.current?.focus();
    setState({ ...state, pending: true, problem: undefined });
    const result = await outcome(
      api().POST('/v1/registrations', {
        body: {
          invitationToken: token ?? '',
          name: name.trim(),
          password,
          ...(phone.trim() ? { phoneNumber: phone.trim() } : {}),
          locale,
        },
      }),
    );
    if (result.ok) {
      flashStore.set({ kind: 'registered', email: result.data.email });
      navigate('/sign-in', { replace: true });
      return;
    }
    const { problem } = result;
    if (LINK_PROBLEMS.has(problem.code)) return setState({ step: 'unusable', problem });
    setState({ ...state, pending: false, problem });
    if (PHONE_PROBLEMS.has(problem.code)) phoneField.current?.focus();
    else if (problem.code === 'WEAK_PASSWORD') passwordField.current?.focus();
  };

  const problemCode = state.problem?.code;
  return (
    <div class="stack-lg">
      <div class="stack-sm">
        <PageHeading focus={false}>{m.register.title}</PageHeading>
        <p class="muted">{i18n.fill(m.register.invitedTo, { account: invitation.accountName })}</p>
      </div>
      {state.problem ? <Alert>{i18n.problem(state.problem)}</Alert> : null}
      {invitation.mfaRequired ? <Note>{m.register.mfaRequired}</Note> : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset disabled={state.pending} class="stack">
          <Field
            id="reg-email"
            label={m.register.email}
            type="email"
            value={invitation.email}
            onValue={() => undefined}
            readOnly
            autoComplete="username"
          />
          <Field
            id="name"
            label={m.register.name}
            autoComplete="name"
            value={name}
            onValue={(value) => {
              setName(value);
              setErrors({ ...errors, name: undefined });
            }}
            error={errors.name}
            inputRef={nameField}
          />
          <PasswordField
            id="new-password"
            label={m.register.password}
            autoComplete="new-password"
            value={password}
            onValue={(value) => {
              setPassword(value);
              setErrors({ ...errors, password: undefined });
            }}
            hint={m.register.passwordHint}
            error={errors.password}
            invalid={problemCode === 'WEAK_PASSWORD'}
            inputRef={passwordField}
          />
          <Field
            id="phone"
            label={m.register.phone}
            optional={m.register.optional}
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            dir="ltr"
            value={phone}
            onValue={setPhone}
            hint={m.register.phoneHint}
            invalid={problemCode !== undefined && PHONE_PROBLEMS.has(problemCode)}
            inputRef={phoneField}
          />
          <Button type="submit" busy={state.pending} class="btn-block">
            {m.register.submit}
          </Button>
          <p class="meta center">
            {i18n.fill(m.register.expiresOn, { date: i18n.date(invitation.expiresAt) })}
          </p>
        </fieldset>
      </form>
    </div>
  );
}
