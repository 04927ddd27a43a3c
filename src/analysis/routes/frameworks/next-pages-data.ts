import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { nextPageData } from '../../../models/frameworks/next-pages.js';
import { isFunction, propertyName, unwrap } from '../../../utils/ast.js';
import { projectRelativePath } from '../project-files.js';
import type { ExtractContext, FrameworkExtractor, RouteHandler } from '../types.js';
import { unwrapHandler } from './nextjs.js';

const SOURCE_FILE = /\.(?:ts|tsx|js|jsx|mts|mjs)$/u;

/**
 * The data functions of a Next.js Pages Router page (`pages/**`, not `pages/api/**`), as handlers
 * of the `next-page` style: `export async function getServerSideProps(context)`, `export const
 * getServerSideProps: GetServerSideProps = async ({ query }) => …` (also through a wrapper,
 * `withSession(async (ctx) => …)`), and the page component's `getInitialProps`. They read request
 * input and may answer with a redirect, but are no routes: a page is a document any browser may
 * open, so the route rules (`no-unauthenticated-route`, the role and ownership checks) do not
 * judge it, and only the taint rules read it.
 */
export const nextPageDataExtractor: FrameworkExtractor = {
  framework: 'nextjs',
  extract(context) {
    if (!isPageFile(context)) return {};
    const handlers: RouteHandler[] = [];
    const add = (node: TSESTree.Node, fn: TSESTree.Node | null): void => {
      if (!fn || !isFunction(fn) || context.claimed.has(fn)) return;
      context.claimed.add(fn);
      handlers.push({ node, fn, style: nextPageData.style });
    };
    const exported = new Set<string>(nextPageData.exports);
    for (const statement of context.program.body) {
      const scope = context.scopeOf(statement);
      if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.exportKind !== 'type' && !statement.source) {
        const declaration = statement.declaration;
        if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id && exported.has(declaration.id.name)) {
          add(declaration, declaration);
        } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of declaration.declarations) {
            if (declarator.id.type !== AST_NODE_TYPES.Identifier || !exported.has(declarator.id.name) || !declarator.init) continue;
            const handler = unwrapHandler(declarator.init, scope);
            add(handler.node, handler.fn);
          }
        } else if (!declaration) {
          for (const specifier of statement.specifiers) {
            if (specifier.exportKind === 'type' || !exported.has(propertyName(specifier.exported) ?? '')) continue;
            const handler = unwrapHandler(specifier.local, scope);
            add(handler.node, handler.fn);
          }
        }
      }
      // `Page.getInitialProps = async (ctx) => …`
      if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
        const expression = unwrap(statement.expression);
        if (
          expression.type === AST_NODE_TYPES.AssignmentExpression &&
          expression.operator === '=' &&
          expression.left.type === AST_NODE_TYPES.MemberExpression &&
          !expression.left.computed &&
          propertyName(expression.left.property) === nextPageData.componentMember
        ) {
          const handler = unwrapHandler(expression.right, scope);
          add(handler.node, handler.fn);
        }
      }
      // `class Page extends React.Component { static async getInitialProps(ctx) { … } }`
      const declared = statement.type === AST_NODE_TYPES.ExportDefaultDeclaration || statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (declared?.type === AST_NODE_TYPES.ClassDeclaration || declared?.type === AST_NODE_TYPES.ClassExpression) {
        for (const member of declared.body.body) {
          if (member.type === AST_NODE_TYPES.MethodDefinition && member.static && !member.computed && propertyName(member.key) === nextPageData.componentMember) add(member.value, member.value);
        }
      }
    }
    return { handlers };
  },
};

/** Whether the file is a page of a `pages` folder: not an API route, a declaration file, `_app` or `_document`. */
function isPageFile(context: ExtractContext): boolean {
  for (const file of [projectRelativePath(context.filename), context.relativeFilename]) {
    if (file === null || file.startsWith('../')) continue;
    const segments = file.split('/');
    const at = segments.lastIndexOf(nextPageData.folder);
    const last = segments.at(-1) ?? '';
    if (at === -1 || at === segments.length - 1 || !SOURCE_FILE.test(last) || last.endsWith('.d.ts')) continue;
    if (segments[at + 1] === 'api' && at + 2 < segments.length) return false;
    if (nextPageData.special.test(last.replace(SOURCE_FILE, '')) && at === segments.length - 2) return false;
    return true;
  }
  return false;
}
