import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * An allow-list check in a method of a service of another file, reached through a constructor
 * parameter (`this.oauth.isRegisteredRedirect(provider, uri)`), against a list read through a
 * chain of constants (`config.clients[provider].redirectUris`, the config in a third file): every
 * list the chain can reach is written in the code, so the check holds whatever the key. A config
 * whose list is read from the environment, or that the code writes to, proves nothing.
 */

const rules = { 'api-security/no-open-redirect': 'error' } as const;

const controller = `import express from 'express';
import { OAuthService } from './oauth-service';

export class OAuthController {
  constructor(private readonly oauth: OAuthService) {}

  finish(req: express.Request, res: express.Response) {
    const redirectUri = String(req.query.redirect_uri);
    if (!this.oauth.isRegisteredRedirect(String(req.params.provider), redirectUri)) return res.status(400).send('unregistered');
    res.redirect(redirectUri);
  }
}

const app = express();
const controllerInstance = new OAuthController(new OAuthService());
app.get('/oauth/:provider/finish', (req, res) => controllerInstance.finish(req, res));
`;

const service = `import { config } from './config';

export class OAuthService {
  isRegisteredRedirect(provider: string, redirectUri: string) {
    return config.clients[provider]?.redirectUris.includes(redirectUri) ?? false;
  }
}
`;

describe('no-open-redirect: an allow-list method of a service of another file', () => {
  it('accepts a chain of constant objects whose every list is written in the code', async () => {
    const dir = writeProject({
      'src/config.ts': `export const config = {
  clients: {
    chat: { id: process.env.CHAT_ID, redirectUris: ['https://app.example.com/oauth/chat/done'] },
    code: { id: process.env.CODE_ID, redirectUris: ['https://app.example.com/oauth/code/done'] },
  } as Record<string, { id?: string; redirectUris: string[] }>,
};
`,
      'src/oauth-service.ts': service,
      'src/controller.ts': controller,
    });
    expect(await lintProjectFile(dir, 'src/controller.ts', rules)).toEqual([]);
  });

  it('keeps a list one client reads from the environment', async () => {
    const dir = writeProject({
      'src/config.ts': `export const config = {
  clients: {
    chat: { redirectUris: ['https://app.example.com/oauth/chat/done'] },
    code: { redirectUris: (process.env.CODE_REDIRECTS ?? '').split(',') },
  },
};
`,
      'src/oauth-service.ts': service,
      'src/controller.ts': controller,
    });
    const messages = await lintProjectFile(dir, 'src/controller.ts', rules);
    expect(messages.map((message) => message.line)).toEqual([10]);
  });

  it('keeps a config another file writes to', async () => {
    const dir = writeProject({
      'src/config.ts': `export const config = {
  clients: { chat: { redirectUris: ['https://app.example.com/oauth/chat/done'] } } as Record<string, { redirectUris: string[] }>,
};
config.clients.partner = { redirectUris: [] };
`,
      'src/oauth-service.ts': service,
      'src/controller.ts': controller,
    });
    const messages = await lintProjectFile(dir, 'src/controller.ts', rules);
    expect(messages.map((message) => message.line)).toEqual([10]);
  });

  it('keeps a method whose test is a substring one', async () => {
    const dir = writeProject({
      'src/config.ts': `export const config = { clients: { chat: { redirectUris: ['https://app.example.com/'] } } as Record<string, { redirectUris: string[] }> };\n`,
      'src/oauth-service.ts': service.replace('redirectUris.includes(redirectUri)', 'redirectUris.some((uri) => redirectUri.includes(uri))'),
      'src/controller.ts': controller,
    });
    const messages = await lintProjectFile(dir, 'src/controller.ts', rules);
    expect(messages.map((message) => message.line)).toEqual([10]);
  });
});
