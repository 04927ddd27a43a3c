/*
 * Next.js Pages Router pages (`pages/**` outside `pages/api`): a page module may export functions
 * that Next.js runs on the server for each request of the page, given a context that carries the
 * request (see the `next-page` request style). They are handlers, not routes: the page is a
 * document a browser navigates to, public unless the page itself checks the session. The extractor
 * is `analysis/routes/frameworks/next-pages-data.ts`.
 */

export const nextPageData = {
  /** The folder whose files are routes; `api` under it holds API routes instead (see `nextjs.ts`). */
  folder: 'pages',
  /**
   * Exports run on the server for every request of the page: `getServerSideProps(context)`.
   * Not `getStaticProps` or `getStaticPaths`, which run at build time (or on revalidation) without
   * a request.
   */
  exports: ['getServerSideProps'],
  /**
   * A member of the page component run on the server at the first load of the page (and in the
   * browser on client-side navigation): `Page.getInitialProps = async (ctx) => …`, or a class
   * component's `static async getInitialProps(ctx)`.
   */
  componentMember: 'getInitialProps',
  /** Modules of the App and Document components, whose `getInitialProps` is given another shape (`{ Component, ctx }`). */
  special: /^_(?:app|document)$/u,
  style: 'next-page',
  /**
   * The member of the object `getServerSideProps` returns that holds the props handed to the page
   * component (the file's default export) and serialized into the page: `return { props: { q } }`.
   * `getInitialProps` returns the props themselves.
   */
  propsMember: 'props',
} as const;
