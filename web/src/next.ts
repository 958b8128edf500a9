/** Where to go after sign-in: a path of this app only (never another site, `//evil.test` included). */
export function safeNext(next: string | null | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
