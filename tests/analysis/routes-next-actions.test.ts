import { describe, expect, it } from 'vitest';
import { analyze, routesOf, type RouteSummary } from '../helpers/routes.js';

// The route model of Next.js server actions: one POST route per action, without a path (it runs
// under the path of the page that posts it), named by its label, with every argument as input.
const snippets = 'tests/fixtures/next-app/snippets';

const action = (line: number, handlerLine: number, style = 'next-action', guards: string[] = []): RouteSummary => ({
  framework: 'nextjs',
  methods: ['POST'],
  path: null,
  line,
  handlerLine,
  style,
  guards,
  mountedElsewhere: false,
});

describe('server actions of a module starting with the directive', () => {
  it('finds every exported async function form, and only those', () => {
    const code = `'use server';
import { revalidatePath } from 'next/cache';
import { withMember } from '@/lib/with-member';
export async function createNote(formData: FormData) { revalidatePath('/notes'); }
export const renameNote = async (id: string, title: string) => { revalidatePath('/notes'); };
export const deleteNote = withMember(async (id: string) => { revalidatePath('/notes'); });
async function archiveImpl(id: string) { revalidatePath('/notes'); }
export { archiveImpl as archiveNote };
export default async function pinNote(id: string) { revalidatePath('/notes'); }
async function helper(id: string) { return id.trim(); }
export type NoteInput = { title: string };
export { shareNote } from './share';
`;
    const filename = `${snippets}/app/notes/actions.ts`;
    expect(routesOf(code, { filename })).toEqual([
      action(4, 4),
      action(5, 5),
      action(6, 6, 'wrapped', ['middleware:route:withMember']),
      action(8, 7),
      action(9, 9),
    ]);
    expect(analyze(code, { filename }).routes.map((route) => route.label)).toEqual([
      `server action \`createNote\` (${filename})`,
      `server action \`renameNote\` (${filename})`,
      `server action \`deleteNote\` (${filename})`,
      `server action \`archiveNote\` (${filename})`,
      `server action \`pinNote\` (${filename})`,
    ]);
  });

  it('accepts the directive after another directive of the prologue', () => {
    const code = `'use strict';
'use server';
export async function ping(value: string) { return value.length; }
`;
    expect(routesOf(code, { filename: `${snippets}/app/actions.ts` })).toEqual([action(3, 3)]);
  });

  it('finds nothing when the string is not a directive, or the module is a client one', () => {
    const late = `import { z } from 'zod';
'use server';
export async function save(formData: FormData) { return z.string().parse(formData.get('x')); }
`;
    const client = `'use client';
export async function save(formData: FormData) { return formData.get('x'); }
`;
    const expression = `('use server');
export async function save(formData: FormData) { return formData.get('x'); }
`;
    for (const code of [late, client, expression]) expect(routesOf(code, { filename: `${snippets}/app/actions.ts` })).toEqual([]);
  });
});

describe('inline server actions', () => {
  it('finds async functions whose body starts with the directive, named by their binding', () => {
    const code = `import { revalidatePath } from 'next/cache';
export default async function Page() {
  async function addTag(formData: FormData) {
    'use server';
    revalidatePath('/tags');
  }
  const removeTag = async (formData: FormData) => {
    'use server';
    revalidatePath('/tags');
  };
  function notAnAction() {
    'use server';
  }
  const note = 'use server';
  return (
    <>
      <form action={addTag} />
      <form action={removeTag} />
      <form action={async (formData: FormData) => {
        'use server';
        revalidatePath('/tags');
      }} />
    </>
  );
}
`;
    const filename = `${snippets}/app/tags/page.tsx`;
    expect(routesOf(code, { filename })).toEqual([action(3, 3), action(7, 7), action(20, 19)]);
    expect(analyze(code, { filename }).routes.map((route) => route.label)).toEqual([
      `server action \`addTag\` (${filename})`,
      `server action \`removeTag\` (${filename})`,
      `server action \`inline action\` (${filename})`,
    ]);
  });

  it('names an action defined as a method or an object property by its key', () => {
    const code = `export const actions = {
  async archive(id: string) {
    'use server';
    return id;
  },
};
class Forms {
  async restore(id: string) {
    'use server';
    return id;
  }
}
export default Forms;
`;
    const filename = `${snippets}/app/forms.ts`;
    expect(analyze(code, { filename }).routes.map((route) => [route.label, route.reportNode.loc.start.line])).toEqual([
      [`server action \`archive\` (${filename})`, 2],
      [`server action \`restore\` (${filename})`, 8],
    ]);
  });

  it('finds none in a client component', () => {
    const code = `'use client';
export default function Button() {
  async function save() {
    'use server';
  }
  return <button onClick={save} />;
}
`;
    expect(routesOf(code, { filename: `${snippets}/app/components/button.tsx` })).toEqual([]);
  });
});
