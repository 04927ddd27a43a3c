import { RuleTester } from '@typescript-eslint/rule-tester';
import reflectedXss from '../../src/rules/no-reflected-xss.js';
import wholeObject from '../../src/rules/no-whole-object-response.js';

/*
 * What a Next.js page's `getServerSideProps` returns as `props` (what `getInitialProps` returns)
 * is handed to the page component, the file's default export, and serialized whole into the HTML
 * of the page (`__NEXT_DATA__`). A prop carrying request input that the component writes as markup
 * (`dangerouslySetInnerHTML`) is reflected XSS, reported at that attribute; a prop written as a JSX
 * child is escaped by React. A stored record given as a prop is sent whole to the browser.
 */

const ruleTester = new RuleTester();
const page = (code: string, filename = 'pages/catalog/find.tsx') => ({ filename, code });

ruleTester.run('no-reflected-xss: props of a Next.js page', reflectedXss, {
  valid: [
    {
      name: 'the prop rendered as a JSX child is escaped by React',
      ...page(`export default function Find({ term }) {
  return <p>You looked for {term}</p>;
}
export async function getServerSideProps({ query }) {
  return { props: { term: query.term ?? '' } };
}`),
    },
    {
      name: 'the raw markup is a prop the server fixed, the input prop is a child',
      ...page(`export default function Find({ term, banner }) {
  return <section><div dangerouslySetInnerHTML={{ __html: banner }} /><p>{term}</p></section>;
}
export const getServerSideProps = async ({ query }) => ({
  props: { term: String(query.term), banner: '<strong>Spring sale</strong>' },
});`),
    },
    {
      name: 'the input escaped before it is written as markup',
      ...page(`import escapeHtml from 'escape-html';
export default function Find(props) {
  return <h2 dangerouslySetInnerHTML={{ __html: '<i>' + escapeHtml(props.term) + '</i>' }} />;
}
export async function getServerSideProps(context) {
  return { props: { term: context.query.term || '' } };
}`),
    },
    {
      name: 'the input sanitized with DOMPurify',
      ...page(`import DOMPurify from 'isomorphic-dompurify';
export default function Find({ note }) {
  return <article dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(note) }} />;
}
export async function getServerSideProps({ query }) {
  return { props: { note: query.note } };
}`),
    },
    {
      name: 'getStaticProps runs at build time, without a request',
      ...page(`export default function Find({ term }) {
  return <h2 dangerouslySetInnerHTML={{ __html: term }} />;
}
export async function getStaticProps({ params }) {
  return { props: { term: params.term } };
}`),
    },
    {
      name: 'the same component outside pages/ has no data function',
      ...page(`export default function Find({ term }) {
  return <h2 dangerouslySetInnerHTML={{ __html: term }} />;
}
export async function getServerSideProps({ query }) {
  return { props: { term: query.term } };
}`, 'components/find.tsx'),
    },
    {
      name: 'a component that is not the page is not given the props',
      ...page(`export function Heading({ term }) {
  return <h2 dangerouslySetInnerHTML={{ __html: term }} />;
}
export default function Find({ term }) { return <p>{term}</p>; }
export async function getServerSideProps({ query }) {
  return { props: { term: query.term } };
}`),
    },
  ],
  invalid: [
    {
      name: 'destructured prop in a template written as markup',
      ...page(`export default function Find({ term }) {
  return <h2 dangerouslySetInnerHTML={{ __html: \`Results for <em>\${term}</em>\` }} />;
}
export async function getServerSideProps({ query }) {
  const term = typeof query.term === 'string' ? query.term : '';
  return { props: { term } };
}`),
      errors: [{ messageId: 'reflectedXss', line: 2, column: 68, endColumn: 72, data: { source: '`query.term`', sourceLine: 5, sink: 'dangerouslySetInnerHTML', sinkLine: 2, via: '' } }],
    },
    {
      name: 'props.member, page exported by name, props held in a constant',
      ...page(`function Find(props) {
  const html = props.snippet;
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}
export const getServerSideProps = async (context) => {
  const props = { snippet: context.query.snippet ?? '' };
  return { props };
};
export default Find;`),
      errors: [{ messageId: 'reflectedXss', line: 3, column: 50, endColumn: 54, data: { source: '`context.query.snippet`', sourceLine: 6, sink: 'dangerouslySetInnerHTML', sinkLine: 3, via: '' } }],
    },
    {
      name: 'getInitialProps returns the props themselves',
      ...page(`function Find({ term }) {
  return <h2 dangerouslySetInnerHTML={{ __html: term }} />;
}
Find.getInitialProps = async ({ query }) => ({ term: query.term });
export default Find;`),
      errors: [{ messageId: 'reflectedXss', line: 2, column: 49, endColumn: 53, data: { source: '`query.term`', sourceLine: 4, sink: 'dangerouslySetInnerHTML', sinkLine: 2, via: '' } }],
    },
    {
      name: 'a header of the request, a suggestion with the imported escaper',
      ...page(`import escapeHtml from 'escape-html';
export default function Find({ from }) {
  return <p dangerouslySetInnerHTML={{ __html: from }} />;
}
export async function getServerSideProps({ req }) {
  return { props: { from: req.headers.referer ?? '' } };
}`),
      errors: [{
        messageId: 'reflectedXss', line: 3, column: 48, endColumn: 52,
        suggestions: [{ messageId: 'escapeHtml', data: { escaper: 'escapeHtml' }, output: `import escapeHtml from 'escape-html';
export default function Find({ from }) {
  return <p dangerouslySetInnerHTML={{ __html: escapeHtml(from) }} />;
}
export async function getServerSideProps({ req }) {
  return { props: { from: req.headers.referer ?? '' } };
}` }],
      }],
    },
  ],
});

ruleTester.run('no-whole-object-response: props of a Next.js page', wholeObject, {
  valid: [
    {
      name: 'chosen fields of the record as a prop',
      ...page(`import { User } from '../../models/user';
export async function getServerSideProps({ params }) {
  const user = await User.findById(params.id);
  return { props: { profile: { id: String(user._id), name: user.name } } };
}
export default function Profile({ profile }) { return <h1>{profile.name}</h1>; }`),
    },
    {
      name: 'the record used on the server, a count sent',
      ...page(`import { User } from '../../models/user';
export async function getServerSideProps({ params }) {
  const user = await User.findById(params.id);
  if (!user) return { notFound: true };
  return { props: { followers: user.followers.length } };
}
export default function Profile({ followers }) { return <p>{followers}</p>; }`),
    },
  ],
  invalid: [
    {
      name: 'the stored record as a prop',
      ...page(`import { User } from '../../models/user';
export async function getServerSideProps({ params }) {
  const user = await User.findById(params.id);
  return { props: { user } };
}
export default function Profile({ user }) { return <h1>{user.name}</h1>; }`),
      errors: [{ messageId: 'wholeObject', line: 4 }],
    },
    {
      name: 'renamed prop of an arrow with an expression body',
      ...page(`import { User } from '../../models/user';
export const getServerSideProps = async ({ query }) => ({ props: { account: await User.findOne({ handle: String(query.handle) }) } });
export default function Profile({ account }) { return <h1>{account.name}</h1>; }`),
      errors: [{ messageId: 'wholeObject', line: 2 }],
    },
  ],
});
