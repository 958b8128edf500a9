import { useI18n } from '../../i18n/i18n';
import { Link } from '../../router';
import { PageHeading, useTitle } from '../../ui/Page';

export function NotFound() {
  const { m } = useI18n();
  useTitle(m.app.notFoundTitle);
  return (
    <div class="stack-lg">
      <PageHeading>{m.app.notFoundTitle}</PageHeading>
      <p class="muted">{m.app.notFoundBody}</p>
      <Link href="/" class="btn btn-secondary">
        {m.app.goHome}
      </Link>
    </div>
  );
}
