import { useEffect, useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import type { components } from '../../api/schema';
import { type I18n, useI18n } from '../../i18n/i18n';
import { Alert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Card } from '../../ui/Page';

type User = components['schemas']['GetUserResponse'];
type Role = User['role'];

/** The user's MFA state in words: the methods they have, or none, and a lock with its end. */
export function mfaStateOf(i18n: I18n, user: User): string {
  const { m } = i18n;
  const methods = user.mfa.methods.filter((method) => method !== 'recovery_code');
  const state = !user.mfa.required
    ? m.users.mfaOff
    : methods.length === 0
      ? m.users.mfaNone
      : methods.map((method) => m.methodNames[method]).join(', ');
  return state;
}

/**
 * The account's people (25 a page): role, status and MFA state, with "Reset MFA" (confirmed), "Unlock"
 * when their codes are locked, the role and disable/enable. LAST_ADMIN is said in words.
 */
export function UsersList({
  accountId,
  selfId,
  version,
  onChanged,
  onUsers,
}: {
  accountId: string;
  selfId: string;
  version: number;
  onChanged: () => void;
  /** The users listed so far (for names elsewhere on the page). */
  onUsers?: (users: readonly User[]) => void;
}) {
  const i18n = useI18n();
  const { m, fill } = i18n;
  const [users, setUsers] = useState<User[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [resetting, setResetting] = useState<User | undefined>();

  const load = async (from: string | null) => {
    setLoading(true);
    const result = await outcome(
      api().GET('/v1/accounts/{accountId}/users', {
        params: { path: { accountId }, query: from ? { cursor: from } : {} },
      }),
    );
    setLoading(false);
    if (!result.ok) return setProblem(result.problem);
    setUsers((before) => [...(from && before ? before : []), ...result.data.users]);
    setCursor(result.data.nextCursor);
  };

  useEffect(() => {
    void load(null);
  }, [accountId, version]);

  useEffect(() => {
    if (users) onUsers?.(users);
  }, [users]);

  const replace = (user: User) =>
    setUsers((before) => before?.map((u) => (u.userId === user.userId ? user : u)));

  /** Runs one change of one user; the answer is the user as they are now. */
  const act = async (
    user: User,
    call: () => Promise<{ data?: User; error?: unknown; response: Response }>,
    message: string,
  ) => {
    setBusy(user.userId);
    setProblem(undefined);
    setDone(undefined);
    const result = await outcome(call());
    setBusy(undefined);
    setResetting(undefined);
    if (!result.ok) return setProblem(result.problem);
    replace(result.data);
    setDone(fill(message, { name: user.name || user.email }));
    onChanged();
  };
  const path = (user: User) => ({ params: { path: { accountId, userId: user.userId } } });

  const changeRole = (user: User, role: Role) =>
    act(
      user,
      () => api().PATCH('/v1/accounts/{accountId}/users/{userId}', { ...path(user), body: { role } }),
      m.users.roleChanged,
    );
  const setDisabled = (user: User, disabled: boolean) =>
    act(
      user,
      () => api().PATCH('/v1/accounts/{accountId}/users/{userId}', { ...path(user), body: { disabled } }),
      disabled ? m.users.disabledDone : m.users.enabledDone,
    );
  const resetMfa = (user: User) =>
    act(
      user,
      () => api().POST('/v1/accounts/{accountId}/users/{userId}/mfa/reset', path(user)),
      m.users.resetDone,
    );
  const unlock = (user: User) =>
    act(
      user,
      () => api().POST('/v1/accounts/{accountId}/users/{userId}/unlock', path(user)),
      m.users.unlocked,
    );

  return (
    <Card>
      <h2>{m.users.title}</h2>
      <p class="muted">{m.users.intro}</p>
      <StatusRegion>{done}</StatusRegion>
      {problem ? <Alert>{i18n.problem(problem)}</Alert> : null}
      {users === undefined ? (
        problem ? null : (
          <p class="muted">{m.app.loading}</p>
        )
      ) : (
        <ul class="item-list" aria-label={m.users.title}>
          {users.map((user) => {
            const who = user.name || user.email;
            const pending = busy === user.userId;
            return (
              <li key={user.userId} class="item item-user">
                <div class="item-main">
                  <div class="item-title">
                    {who}
                    {user.userId === selfId ? <span class="meta"> ({m.users.you})</span> : null}
                  </div>
                  <div class="item-meta">{user.email}</div>
                  <div class="badges">
                    <span class="badge">{m.security.roles[user.role]}</span>
                    <span class={`badge ${user.status === 'active' ? 'badge-ok' : 'badge-off'}`}>
                      {m.users.status[user.status]}
                    </span>
                    <span class="badge">{fill(m.users.mfa, { state: mfaStateOf(i18n, user) })}</span>
                    {user.mfa.locked ? (
                      <span class="badge badge-warn">
                        {user.mfa.lockedUntil
                          ? fill(m.users.lockedUntil, { time: i18n.dateTime(user.mfa.lockedUntil) })
                          : m.users.locked}
                      </span>
                    ) : null}
                  </div>
                </div>
                <div class="item-actions">
                  <label class="visually-hidden" for={`role-${user.userId}`}>
                    {fill(m.users.roleOf, { name: who })}
                  </label>
                  <select
                    id={`role-${user.userId}`}
                    class="select-small"
                    value={user.role}
                    disabled={pending}
                    onChange={(event) => {
                      const role = event.currentTarget.value as Role;
                      event.currentTarget.value = user.role;
                      void changeRole(user, role);
                    }}
                  >
                    <option value="member">{m.security.roles.member}</option>
                    <option value="admin">{m.security.roles.admin}</option>
                  </select>
                  {user.mfa.locked ? (
                    <Button
                      variant="secondary"
                      busy={pending}
                      disabled={pending}
                      onClick={() => unlock(user)}
                    >
                      {m.users.unlock}
                    </Button>
                  ) : null}
                  <Button variant="secondary" disabled={pending} onClick={() => setResetting(user)}>
                    {m.users.resetMfa}
                  </Button>
                  <Button
                    variant="quiet"
                    disabled={pending}
                    onClick={() => setDisabled(user, user.status === 'active')}
                  >
                    {user.status === 'active' ? m.users.disable : m.users.enable}
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {cursor ? (
        <div class="row">
          <Button variant="secondary" busy={loading} disabled={loading} onClick={() => load(cursor)}>
            {m.users.more}
          </Button>
        </div>
      ) : null}
      <ConfirmDialog
        id="reset-mfa"
        open={resetting !== undefined}
        title={fill(m.users.resetTitle, { name: resetting ? resetting.name || resetting.email : '' })}
        confirmLabel={m.users.resetMfa}
        danger
        pending={resetting !== undefined && busy === resetting.userId}
        onConfirm={() => resetting && resetMfa(resetting)}
        onCancel={() => setResetting(undefined)}
      >
        <p>{m.users.resetText}</p>
      </ConfirmDialog>
    </Card>
  );
}
