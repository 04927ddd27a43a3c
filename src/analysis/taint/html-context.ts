/**
 * Where in an HTML page a piece of a built string lands, read from the fixed text before it in the
 * same template or concatenation. Only one context is recognised: inside the value of a
 * double-quoted attribute of a tag opened in that text (`'<a class="x" href="' + value`). Text a
 * browser encoded (see `undecodedUrlInputs`) holds no `"` and cannot leave it.
 */

/** Attributes whose value is script or markup, or styles: a value there is code whatever its quotes. */
const CODE_ATTRIBUTE = /^(?:on.*|style|srcdoc)$/iu;
/** Elements whose content is not markup: a tag written in them is text (or script) of theirs. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
/** Tags whose attributes load script or styles (`<script src="…">`). */
const SCRIPT_TAGS = new Set(['script', 'style']);
const SPACE = /[\t\n\f\r ]/u;
const LETTER = /[a-z]/iu;

type State = 'data' | 'tag' | 'attribute' | 'value' | 'double' | 'single' | 'unquoted' | 'comment' | 'raw';

/**
 * Whether a value written right after `text` is inside the double-quoted value of an attribute that
 * is neither an event handler, a style nor `srcdoc`, of a tag that `text` opens, read from the start
 * of `text` as page content (a tag tokenizer of HTML, without character references). `before`, all
 * the fixed text of the string up to the value, must not leave a script or another raw-text
 * element open.
 */
export function opensQuotedAttribute(text: string, before: string = text): boolean {
  const inside = quotedAttributeAtEnd(text);
  if (inside === null || CODE_ATTRIBUTE.test(inside.attribute) || SCRIPT_TAGS.has(inside.tag)) return false;
  const lower = before.slice(0, before.lastIndexOf('<')).toLowerCase();
  for (const element of RAW_TEXT_ELEMENTS) if (lower.lastIndexOf(`<${element}`) > lower.lastIndexOf(`</${element}`)) return false;
  return true;
}

/** The tag and attribute whose double-quoted value is open at the end of `text`, or null. */
function quotedAttributeAtEnd(text: string): { tag: string; attribute: string } | null {
  let state: State = 'data';
  let tag = '';
  let attribute = '';
  let raw = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    switch (state) {
      case 'data':
        if (text.startsWith('<!--', index)) {
          state = 'comment';
          index += 3;
        } else if (char === '<' && LETTER.test(text[index + 1] ?? '')) {
          state = 'tag';
          tag = '';
        } else if (char === '<' && text[index + 1] === '/' && LETTER.test(text[index + 2] ?? '')) {
          state = 'tag';
          tag = '/';
          index += 1;
        }
        break;
      case 'comment':
        if (text.startsWith('-->', index)) {
          state = 'data';
          index += 2;
        }
        break;
      case 'raw':
        if (text.slice(index, index + raw.length + 2).toLowerCase() === `</${raw}`) {
          state = 'tag';
          tag = '/';
          index += 1;
        }
        break;
      case 'tag':
        if (char === '>') state = endTag(tag);
        else if (SPACE.test(char) || char === '/') {
          state = 'attribute';
          attribute = '';
        } else tag += char.toLowerCase();
        break;
      case 'attribute':
        if (char === '>') state = endTag(tag);
        else if (char === '=' && attribute !== '') state = 'value';
        else if (SPACE.test(char) || char === '/') attribute = SPACE.test(text[index + 1] ?? '') || text[index + 1] === '=' ? attribute : '';
        else attribute += char.toLowerCase();
        break;
      case 'value':
        if (char === '"') state = 'double';
        else if (char === "'") state = 'single';
        else if (char === '>') state = endTag(tag);
        else if (!SPACE.test(char)) state = 'unquoted';
        break;
      case 'double':
      case 'single':
        if (char === (state === 'double' ? '"' : "'")) {
          state = 'attribute';
          attribute = '';
        }
        break;
      case 'unquoted':
        if (char === '>') state = endTag(tag);
        else if (SPACE.test(char)) {
          state = 'attribute';
          attribute = '';
        }
        break;
    }
    if (state === 'raw' && raw === '') raw = tag;
    if (state !== 'raw') raw = '';
  }
  return state === 'double' && !tag.startsWith('/') ? { tag, attribute } : null;

  function endTag(name: string): State {
    return RAW_TEXT_ELEMENTS.has(name) ? 'raw' : 'data';
  }
}
