import { useEffect, useState } from 'preact/hooks';

/** The dark modules of a QR code as one SVG path, in module units with a 4-module quiet zone. */
async function qrPath(value: string): Promise<{ path: string; side: number }> {
  // Loaded only when a QR code is shown (adding an authenticator app), not with every screen.
  const { default: qrcode } = await import('qrcode-generator');
  const qr = qrcode(0, 'M');
  qr.addData(value);
  qr.make();
  const count = qr.getModuleCount();
  const quiet = 4;
  let path = '';
  for (let row = 0; row < count; row++)
    for (let col = 0; col < count; col++)
      if (qr.isDark(row, col)) path += `M${col + quiet} ${row + quiet}h1v1h-1z`;
  return { path, side: count + quiet * 2 };
}

/**
 * A QR code drawn as inline SVG from `qrcode-generator`: no image from elsewhere, nothing injected as
 * HTML. `label` is what a screen reader says instead.
 */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const [drawn, setDrawn] = useState<{ path: string; side: number } | undefined>();
  useEffect(() => {
    let current = true;
    void qrPath(value).then((result) => {
      if (current) setDrawn(result);
    });
    return () => {
      current = false;
    };
  }, [value]);
  const side = drawn?.side ?? 1;
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${side} ${side}`}
      shape-rendering="crispEdges"
    >
      <rect width={side} height={side} fill="#fff" />
      {drawn ? <path d={drawn.path} fill="#000" /> : null}
    </svg>
  );
}
