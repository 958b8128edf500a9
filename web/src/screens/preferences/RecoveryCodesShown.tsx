import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/Button';

/**
 * New recovery codes, shown once: copy them, download them as a text file, then "I have saved them"
 * (after which this page never shows them again).
 */
export function RecoveryCodesShown({ codes, onSaved }: { codes: readonly string[]; onSaved: () => void }) {
  const { m } = useI18n();
  const [copied, setCopied] = useState(false);
  const text = `${m.recovery.fileTitle}\n\n${codes.join('\n')}\n`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'recovery-codes.txt';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section class="recovery-shown stack" aria-labelledby="recovery-shown-title">
      <h3 id="recovery-shown-title">{m.recovery.shownTitle}</h3>
      <p>{m.recovery.shownIntro}</p>
      <ol class="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div class="row">
        <Button variant="secondary" onClick={copy}>
          {copied ? m.recovery.copied : m.recovery.copy}
        </Button>
        <Button variant="secondary" onClick={download}>
          {m.recovery.download}
        </Button>
        <Button onClick={onSaved}>{m.recovery.saved}</Button>
      </div>
    </section>
  );
}
