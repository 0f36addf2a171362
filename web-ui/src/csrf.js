// The session's CSRF token, which the sign-in page sets in a readable cookie; the server checks it against the
// session on every write the session cookie authenticates (a page of another site cannot read our cookies).
export const CSRF_COOKIE = 'portolan-csrf';

/** The token in a `document.cookie` string, or '' when not signed in. */
export function csrfToken(cookies) {
  for (const part of (cookies ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return '';
}

/** Headers to add to a state-changing fetch: X-CSRF-Token when this browser is signed in. */
export function csrfHeaders(cookies = globalThis.document?.cookie) {
  const token = csrfToken(cookies);
  return token ? { 'X-CSRF-Token': token } : {};
}
