/*
 * A small reader of GraphQL SDL (type definitions), enough to know what a resolver's arguments
 * are declared as: `type Query { user(id: ID!, filter: UserFilter, patch: JSON): User }`,
 * `input UserFilter { email: String }`, `enum Role { ADMIN USER }`, `scalar JSON`.
 *
 * The reader never throws: text it does not understand (a query document, a directive definition,
 * a syntax error) is skipped token by token, so a broken schema only gives fewer declarations, and
 * an argument it has no declaration for keeps the default reading (possibly an object). Linear in
 * the length of the text.
 */

/** A type reference: its named type (`ID` in `[ID!]!`) and whether it is a list. */
export interface SdlType {
  name: string;
  list: boolean;
}

export interface SdlSchema {
  /** `Type.field` → argument name → declared type (object types, interfaces, their extensions). */
  fieldArguments: Map<string, Map<string, SdlType>>;
  /** Input type → field name → declared type. */
  inputs: Map<string, Map<string, SdlType>>;
  enums: Set<string>;
}

/** Scalars every GraphQL server defines: a value of one is a string, number or boolean, never an object. */
export const builtInScalars: ReadonlySet<string> = new Set(['ID', 'String', 'Int', 'Float', 'Boolean']);

type Token = { kind: 'name' | 'punct' | 'string' | 'other'; text: string };

const TOKEN = /[\s,]+|#[^\n\r]*|"""(?:[^"\\]|\\[\s\S]|"(?!""))*(?:"""|$)|"(?:[^"\\\n\r]|\\.)*"?|[_A-Za-z]\w*|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\.\.|[^\s,]/gu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const value = match[0];
    const first = value.charAt(0);
    if (/[\s,]/u.test(first) || first === '#') continue;
    if (first === '"') tokens.push({ kind: 'string', text: value });
    else if (/[_A-Za-z]/u.test(first)) tokens.push({ kind: 'name', text: value });
    else if ('!$&()*:=@[]{|}'.includes(first) || value === '...') tokens.push({ kind: 'punct', text: value });
    else tokens.push({ kind: 'other', text: value });
  }
  return tokens;
}

export function emptySdl(): SdlSchema {
  return { fieldArguments: new Map(), inputs: new Map(), enums: new Set() };
}

/** Reads the definitions of one SDL text into `into` (a new schema when absent). */
export function parseSdl(text: string, into: SdlSchema = emptySdl()): SdlSchema {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (offset = 0): Token | undefined => tokens[at + offset];
  const isPunct = (value: string, offset = 0): boolean => {
    const token = peek(offset);
    return token?.kind === 'punct' && token.text === value;
  };
  // `(`…`)`, `[`…`]` or `{`…`}` starting at `at`: skipped whole.
  const skipBalanced = (): void => {
    const open = peek()?.text;
    const close = open === '(' ? ')' : open === '[' ? ']' : '}';
    let depth = 0;
    while (at < tokens.length) {
      const token = tokens[at++];
      if (token?.kind !== 'punct') continue;
      if (token.text === open) depth++;
      else if (token.text === close && --depth === 0) return;
    }
  };
  const skipDirectives = (): void => {
    while (isPunct('@') && peek(1)?.kind === 'name') {
      at += 2;
      if (isPunct('(')) skipBalanced();
    }
  };
  const skipValue = (): void => {
    if (isPunct('[') || isPunct('{')) skipBalanced();
    else if (isPunct('$')) at += 2;
    else at++;
  };
  const readType = (): SdlType | null => {
    if (isPunct('[')) {
      at++;
      const inner = readType();
      if (!isPunct(']')) return null;
      at++;
      if (isPunct('!')) at++;
      return inner ? { name: inner.name, list: true } : null;
    }
    const token = peek();
    if (token?.kind !== 'name') return null;
    at++;
    if (isPunct('!')) at++;
    return { name: token.text, list: false };
  };
  /** `name: Type = default @directive`, each preceded by an optional description, until `close`. */
  const readValues = (close: string): Map<string, SdlType> | null => {
    const found = new Map<string, SdlType>();
    while (at < tokens.length && !isPunct(close)) {
      if (peek()?.kind === 'string') {
        at++;
        continue;
      }
      const name = peek();
      if (name?.kind !== 'name' || !isPunct(':', 1)) return null;
      at += 2;
      const type = readType();
      if (!type) return null;
      found.set(name.text, type);
      if (isPunct('=')) {
        at++;
        skipValue();
      }
      skipDirectives();
    }
    if (!isPunct(close)) return null;
    at++;
    return found;
  };
  /** The fields of an object type or interface: `name(args): Type @directive`. */
  const readFields = (typeName: string): void => {
    at++; // `{`
    while (at < tokens.length && !isPunct('}')) {
      if (peek()?.kind === 'string') {
        at++;
        continue;
      }
      const name = peek();
      if (name?.kind !== 'name') {
        at++;
        continue;
      }
      at++;
      let args = new Map<string, SdlType>();
      if (isPunct('(')) {
        at++;
        const read = readValues(')');
        if (read === null) continue;
        args = read;
      }
      if (!isPunct(':')) continue;
      at++;
      if (!readType()) continue;
      skipDirectives();
      const key = `${typeName}.${name.text}`;
      const known = into.fieldArguments.get(key);
      if (known) for (const [arg, type] of args) known.set(arg, type);
      else into.fieldArguments.set(key, args);
    }
    if (isPunct('}')) at++;
  };
  // The header after a definition's name: `implements A & B`, directives, up to its body.
  const skipHeader = (): void => {
    if (peek()?.text === 'implements') {
      at++;
      while (peek()?.kind === 'name' || isPunct('&')) at++;
    }
    skipDirectives();
  };
  while (at < tokens.length) {
    const token = peek();
    const name = peek(1);
    if (token?.kind !== 'name' || name?.kind !== 'name') {
      at++;
      continue;
    }
    switch (token.text) {
      case 'type':
      case 'interface': {
        at += 2;
        skipHeader();
        if (isPunct('{')) readFields(name.text);
        break;
      }
      case 'input': {
        at += 2;
        skipDirectives();
        if (!isPunct('{')) break;
        at++;
        const fields = readValues('}');
        if (fields === null) break;
        const known = into.inputs.get(name.text);
        if (known) for (const [field, type] of fields) known.set(field, type);
        else into.inputs.set(name.text, fields);
        break;
      }
      case 'enum': {
        into.enums.add(name.text);
        at += 2;
        skipDirectives();
        if (isPunct('{')) skipBalanced();
        break;
      }
      default:
        at++;
    }
  }
  return into;
}

/** What a value read from a resolver's arguments is, by the SDL. */
export type SdlShape =
  /** A string, number, boolean or enum value (or a list of them), or an input object whose fields all are: no MongoDB operator object. */
  | 'scalar'
  /** A custom scalar (`JSON`, `JSONObject`, one the schema declares): any JSON value the client sends, a whole payload. */
  | 'payload'
  /** An input object with some non-scalar field, or a read the SDL says nothing about. */
  | null;

/** Input objects followed into nested input types. */
const MAX_INPUT_DEPTH = 4;

/**
 * The shape of `args.<path>` of the resolver of `field` (`Query.user`), or of every root field
 * named so when the type is not known (`types`): scalar only when every declaration found says so.
 */
export function argumentShape(schema: SdlSchema, types: readonly string[], field: string, path: readonly string[]): SdlShape {
  const argument = path[0];
  if (argument === undefined || argument === '*') return null;
  let shape: SdlShape | undefined;
  for (const type of types) {
    const declared = schema.fieldArguments.get(`${type}.${field}`)?.get(argument);
    if (!declared) continue;
    const found = typeShape(schema, declared, path.slice(1), 0);
    if (shape !== undefined && shape !== found) return null;
    shape = found;
  }
  return shape ?? null;
}

/** An input object type the schema declares, with the names of its fields. */
export interface SdlInput {
  type: string;
  fields: readonly string[];
}

/**
 * The input object type `args.<path>` of the resolver of `field` is declared with (`patch` of
 * `editPlayer(patch: PlayerPatch!)`, `input.profile` through nested input types), when every
 * declaration found names the same one and it is not a list: the server refuses any other field,
 * so these are all the keys the client can send. Null for a scalar, a custom scalar, a list, a
 * type out of view, or a read the SDL says nothing about.
 */
export function argumentInput(schema: SdlSchema, types: readonly string[], field: string, path: readonly string[]): SdlInput | null {
  const argument = path[0];
  if (argument === undefined || argument === '*') return null;
  let found: string | null | undefined;
  for (const type of types) {
    const declared = schema.fieldArguments.get(`${type}.${field}`)?.get(argument);
    if (!declared) continue;
    let current: SdlType | undefined = declared;
    for (const step of path.slice(1, MAX_INPUT_DEPTH + 1)) {
      if (current.list) break;
      current = schema.inputs.get(current.name)?.get(step);
      if (!current) break;
    }
    const name = current && !current.list && path.length <= MAX_INPUT_DEPTH + 1 && schema.inputs.has(current.name) ? current.name : null;
    if (found !== undefined && found !== name) return null;
    found = name;
  }
  const input = found ? schema.inputs.get(found) : undefined;
  return found && input ? { type: found, fields: [...input.keys()] } : null;
}

function typeShape(schema: SdlSchema, type: SdlType, rest: readonly string[], depth: number): SdlShape {
  if (builtInScalars.has(type.name) || schema.enums.has(type.name)) return 'scalar';
  const input = schema.inputs.get(type.name);
  if (!input) return type.list ? null : 'payload';
  if (depth >= MAX_INPUT_DEPTH) return null;
  // An element of a list of inputs (`args.items[0].name`, `.map(...)`) is not followed.
  if (type.list) return rest.length === 0 && allScalar(schema, input, depth + 1) ? 'scalar' : null;
  const field = rest[0];
  if (field === undefined) return allScalar(schema, input, depth + 1) ? 'scalar' : null;
  const declared = input.get(field);
  return declared ? typeShape(schema, declared, rest.slice(1), depth + 1) : null;
}

/**
 * An input object whose fields are all scalars: its keys are the declared field names (a GraphQL
 * name never starts with `$`) and its values strings, numbers or booleans, so it carries no operator.
 */
function allScalar(schema: SdlSchema, input: ReadonlyMap<string, SdlType>, depth: number): boolean {
  if (depth > MAX_INPUT_DEPTH) return false;
  for (const type of input.values()) {
    if (builtInScalars.has(type.name) || schema.enums.has(type.name)) continue;
    const nested = schema.inputs.get(type.name);
    if (!nested || type.list || !allScalar(schema, nested, depth + 1)) return false;
  }
  return true;
}
