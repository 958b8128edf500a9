import { useState } from 'preact/hooks';
import type { Profile } from '../../auth/profile';
import { useI18n } from '../../i18n/i18n';
import { ChevronRightIcon } from '../../ui/icons';
import { PageHeading, useTitle } from '../../ui/Page';
import { AuditTrail } from './AuditTrail';
import { InvitationsList } from './InvitationsList';
import { InviteForm } from './InviteForm';
import { MfaSwitch } from './MfaSwitch';
import { UsersList } from './UsersList';

/**
 * Settings > Security > MFA (admins): the switch and remembered-device days, the users, invitations
 * (invite, resend, revoke) and the audit trail.
 */
export function SecurityMfa({ profile }: { profile: Profile }) {
  const { m } = useI18n();
  useTitle(`${m.security.settings} › ${m.security.section} › ${m.security.page}`);
  // Bumped after a change, so the audit trail shows it.
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  // Invitations were sent: the list of invitations reads them again (its own changes it shows itself).
  const [invited, setInvited] = useState(0);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const nameOf = (userId: string) =>
    userId === profile.userId ? m.users.byYou : (names.get(userId) ?? m.users.anAdmin);
  const accountId = profile.accountId ?? '';
  return (
    <div class="page stack-lg">
      <nav aria-label={m.security.settings} class="breadcrumb">
        <ol>
          <li>{m.security.settings}</li>
          <li aria-hidden="true">
            <ChevronRightIcon />
          </li>
          <li>{m.security.section}</li>
          <li aria-hidden="true">
            <ChevronRightIcon />
          </li>
          <li aria-current="page">{m.security.page}</li>
        </ol>
      </nav>
      <div class="stack-sm">
        <PageHeading>{m.security.title}</PageHeading>
        <p class="muted">{m.security.intro}</p>
      </div>
      <MfaSwitch accountId={accountId} onChanged={changed} />
      <UsersList
        accountId={accountId}
        selfId={profile.userId}
        version={0}
        onChanged={changed}
        onUsers={(users) => setNames(new Map(users.map((u) => [u.userId, u.name || u.email])))}
      />
      <InviteForm
        accountId={accountId}
        onInvited={() => {
          changed();
          setInvited((n) => n + 1);
        }}
      />
      <InvitationsList accountId={accountId} version={invited} onChanged={changed} nameOf={nameOf} />
      <AuditTrail accountId={accountId} version={changes} />
    </div>
  );
}
