/**
 * How code scanning should rank each rule's findings: the data behind the SARIF formatter's
 * `security-severity`, `precision` and `problem.severity`, explained in docs/sarif.md.
 *
 * The severity of a rule is the CVSS 3.1 base score of the typical finding it reports, written as a
 * vector so the reasoning is visible and the number is computed, not picked. Precision is what the
 * rule achieves on code nobody here wrote (docs/real-world.md and the labelled cases it cites), not
 * what it achieves on our own tests.
 */

/** SARIF `properties.precision` values that GitHub code scanning understands. */
export type Precision = 'very-high' | 'high' | 'medium' | 'low';

/** SARIF `properties.problem.severity` values. */
export type ProblemSeverity = 'error' | 'warning' | 'recommendation';

export interface RuleSecurity {
  /** CVSS 3.1 base vector of the typical finding, without the `CVSS:3.1/` prefix. */
  readonly vector: string;
  /** Why this vector: what a finding usually lets an attacker do. */
  readonly impact: string;
  readonly precision: Precision;
  /** Why this precision. */
  readonly precisionReason: string;
  readonly problemSeverity: ProblemSeverity;
}

/*
 * Injection findings assume an attacker with an ordinary account (PR:L): the rules see the flow,
 * not whether the route is public, and most API routes sit behind some login.
 */
const INJECTION_PRECISION =
  'the flow from a request input to the sink is traced through code, but on labelled third-party cases most false positives were sanitizers and guards the rule did not recognise';

export const ruleSecurity = {
  'no-code-injection': {
    vector: 'AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
    impact: 'code chosen by the client runs inside the server process',
    precision: 'medium',
    precisionReason: INJECTION_PRECISION,
    problemSeverity: 'error',
  },
  'no-command-injection': {
    vector: 'AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
    impact: 'the client runs shell commands with the server’s privileges',
    precision: 'medium',
    precisionReason: INJECTION_PRECISION,
    problemSeverity: 'error',
  },
  'no-hardcoded-secrets': {
    vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N',
    impact: 'anyone who can read the source or a build holds the credential',
    precision: 'high',
    precisionReason: 'known key formats (prefixes, checksums) and literals passed where the sink proves them secret; placeholders and test files are skipped',
    problemSeverity: 'error',
  },
  'no-mass-assignment': {
    vector: 'AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:N',
    impact: 'a client sets fields it must not, such as its own role or balance',
    precision: 'medium',
    precisionReason: 'the rule cannot always see a schema or DTO that limits the fields in another layer',
    problemSeverity: 'warning',
  },
  'no-nosql-injection': {
    vector: 'AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N',
    impact: 'operator objects in a filter read or match records the client should not reach',
    precision: 'medium',
    precisionReason: INJECTION_PRECISION,
    problemSeverity: 'error',
  },
  'no-open-redirect': {
    vector: 'AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
    impact: 'a link on the trusted domain sends its users to a phishing page',
    precision: 'low',
    precisionReason: 'measured on real backends (docs/real-world.md), its warnings were targets validated in ways that need path-sensitive reasoning (a value replaced by a checked one)',
    problemSeverity: 'warning',
  },
  'no-path-traversal': {
    vector: 'AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N',
    impact: 'the client reads (or writes) files outside the intended directory',
    precision: 'medium',
    precisionReason: INJECTION_PRECISION,
    problemSeverity: 'error',
  },
  'no-reflected-xss': {
    vector: 'AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
    impact: 'script chosen by an attacker runs in a victim’s browser on the API’s origin',
    precision: 'medium',
    precisionReason: INJECTION_PRECISION,
    problemSeverity: 'warning',
  },
  'no-sql-injection': {
    vector: 'AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
    impact: 'the client reads, changes or deletes any row the database user can reach',
    precision: 'medium',
    precisionReason: INJECTION_PRECISION,
    problemSeverity: 'error',
  },
  'no-ssrf': {
    vector: 'AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:N/A:N',
    impact: 'the server fetches internal addresses (cloud metadata, admin services) for the client',
    precision: 'medium',
    precisionReason: INJECTION_PRECISION,
    problemSeverity: 'error',
  },
  'no-unauthenticated-route': {
    vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N',
    impact: 'anyone on the network calls the route; what it exposes depends on the route',
    precision: 'low',
    precisionReason: 'measured on real backends (docs/real-world.md), most of its warnings were routes public by design or protected where the rule could not see it',
    problemSeverity: 'warning',
  },
  'no-whole-object-response': {
    vector: 'AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
    impact: 'password hashes, tokens or personal data of a record reach the client',
    precision: 'medium',
    precisionReason: 'a serializer or projection in another layer can remove the sensitive fields without the rule seeing it',
    problemSeverity: 'warning',
  },  'require-role-check': {
    vector: 'AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N',
    impact: 'any signed-in user runs an administrator’s function: changes roles, takes over or deletes accounts, exports every user',
    precision: 'low',
    precisionReason: 'measured on real backends (docs/rules/require-role-check.md, Measured): most of its strict-only reports (privileged by evidence, inconsistent with siblings) were routes open to users on purpose',
    problemSeverity: 'warning',
  },
  'require-ownership-check': {
    vector: 'AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N',
    impact: 'a signed-in client reads or changes another user’s records by changing an id',
    precision: 'low',
    precisionReason: 'measured on real backends (docs/rules/require-ownership-check.md), half of its findings were checks made on an earlier load of the record or in ways the rule does not follow',
    problemSeverity: 'warning',
  },

} as const satisfies Record<string, RuleSecurity>;

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

/** CVSS 3.1 "Roundup": the smallest one-decimal number not below `value`, free of float noise. */
function roundUp(value: number): number {
  const integer = Math.round(value * 100_000);
  return integer % 10_000 === 0 ? integer / 100_000 : (Math.floor(integer / 10_000) + 1) / 10;
}

/**
 * The CVSS 3.1 base score of a vector such as `AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H`, by the
 * specification's formulas. Throws on a vector that is not complete and valid.
 */
export function cvss31BaseScore(vector: string): number {
  const parts = new Map(vector.split('/').map((part) => part.split(':') as [string, string]));
  const pick = <T extends Record<string, number>>(metric: string, table: T): number => {
    const value = parts.get(metric);
    if (value === undefined || !Object.hasOwn(table, value)) throw new Error(`CVSS vector ${vector}: bad or missing ${metric}`);
    return table[value as keyof T] as number;
  };
  const scope = parts.get('S');
  if (scope !== 'U' && scope !== 'C') throw new Error(`CVSS vector ${vector}: bad or missing S`);
  const changed = scope === 'C';
  const privileges = pick('PR', changed ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 });
  const iss =
    1 - (1 - pick('C', WEIGHTS.CIA)) * (1 - pick('I', WEIGHTS.CIA)) * (1 - pick('A', WEIGHTS.CIA));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * pick('AV', WEIGHTS.AV) * pick('AC', WEIGHTS.AC) * privileges * pick('UI', WEIGHTS.UI);
  if (impact <= 0) return 0;
  return roundUp(Math.min(changed ? 1.08 * (impact + exploitability) : impact + exploitability, 10));
}

/** The security data of one of this plugin's rules, or undefined for any other rule. */
export function securityOfRule(name: string): RuleSecurity | undefined {
  return Object.hasOwn(ruleSecurity, name) ? ruleSecurity[name as keyof typeof ruleSecurity] : undefined;
}
