const MASK = '****';

/**
 * Masks a secret for a lint message: lint output lands in CI logs, so it shows at most the first four
 * characters, and never more than a quarter of the secret, followed by a fixed mask that hides the length.
 */
export function maskSecret(secret: string): string {
  const visible = Math.min(4, Math.floor(secret.length / 4));
  // A backtick or a line break would break the message's code span; neither helps identify the secret.
  const prefix = [...secret.slice(0, visible)].map((char) => (/[\s`]/.test(char) ? '?' : char)).join('');
  return `${prefix}${MASK}`;
}
