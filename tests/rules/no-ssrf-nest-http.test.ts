import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-ssrf.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * NestJS's `HttpService` (@nestjs/axios) is axios behind Observables, injected by its constructor
 * type. A URL from the request given to its methods, or to its `axiosRef`, is a request to a server
 * the client chose; a fixed origin with an encoded segment is not.
 */

const ruleTester = new RuleTester();

const controller = (body: string): string => `import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';

@Controller('preview')
export class PreviewController {
  constructor(private readonly http: HttpService) {}
${body}
}
`;

ruleTester.run('no-ssrf', rule, {
  valid: [
    {
      name: 'fixed origin, encoded path segment',
      code: controller(`
  @Get()
  async get(@Query('id') id: string) {
    const { data } = await firstValueFrom(this.http.get(\`https://api.example.com/items/\${encodeURIComponent(id)}\`));
    return data;
  }`),
    },
    {
      name: 'a client-chosen value in the body of a POST to a fixed URL',
      code: controller(`
  @Post()
  async post(@Body('text') text: string) {
    const { data } = await firstValueFrom(this.http.post('https://api.example.com/translate', { text }));
    return data;
  }`),
    },
    {
      name: 'a get method of a class that is not HttpService',
      code: `import { Controller, Get, Query } from '@nestjs/common';
import { CacheService } from './cache.service';

@Controller('c')
export class CacheController {
  constructor(private readonly cache: CacheService) {}

  @Get()
  get(@Query('url') url: string) {
    return this.cache.get(url);
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'query URL given to HttpService.get',
      code: controller(`
  @Get()
  async get(@Query('url') url: string) {
    const { data } = await firstValueFrom(this.http.get(url));
    return data;
  }`),
      errors: [{ messageId: 'ssrf', line: 11, data: { source: "`@Query('url') url`", sourceLine: 10, sink: 'this.http.get', sinkLine: 11, via: '' } }],
    },
    {
      name: 'body URL in the config of HttpService.request, and through axiosRef',
      code: controller(`
  @Post()
  async post(@Body('target') target: string) {
    await firstValueFrom(this.http.request({ method: 'GET', url: target }));
    return this.http.axiosRef.get(target);
  }`),
      errors: [
        { messageId: 'ssrf', line: 11, data: { source: "`@Body('target') target`", sourceLine: 10, sink: 'this.http.request', sinkLine: 11, via: '' } },
        { messageId: 'ssrf', line: 12, data: { source: "`@Body('target') target`", sourceLine: 10, sink: 'this.http.axiosRef.get', sinkLine: 12, via: '' } },
      ],
    },
  ],
});

describe('no-ssrf: HttpService in a service of another file', () => {
  it('reports at the service, naming the controller input; an allow-listed host is clean', async () => {
    const dir = writeProject({
      'src/link-preview/link-preview.service.ts': `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';

const TRUSTED_HOSTS = new Set(['cdn.example.com']);

@Injectable()
export class LinkPreviewService {
  constructor(private readonly httpService: HttpService) {}

  async fetchPage(pageUrl: string) {
    const response = await firstValueFrom(this.httpService.get<string>(pageUrl, { timeout: 5000 }));
    return response.data.slice(0, 2000);
  }

  async fetchTrusted(pageUrl: string) {
    if (!TRUSTED_HOSTS.has(new URL(pageUrl).hostname)) throw new Error('host not allowed');
    const response = await firstValueFrom(this.httpService.get<string>(pageUrl));
    return response.data;
  }
}
`,
      'src/link-preview/link-preview.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';
import { LinkPreviewService } from './link-preview.service';

@Controller('link-preview')
export class LinkPreviewController {
  constructor(private readonly linkPreviewService: LinkPreviewService) {}

  @Get()
  preview(@Query('url') url: string) {
    return this.linkPreviewService.fetchPage(url);
  }

  @Get('trusted')
  trusted(@Query('url') url: string) {
    return this.linkPreviewService.fetchTrusted(url);
  }
}
`,
    });
    const messages = await lintProjectFile(dir, 'src/link-preview/link-preview.service.ts', { 'api-security/no-ssrf': 'error' });
    expect(messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}`)).toEqual(['12 api-security/no-ssrf']);
    expect(messages[0]?.message).toContain("`@Query('url') url` in src/link-preview/link-preview.controller.ts");
    expect(messages[0]?.message).toContain('GET /link-preview');
    expect(await lintProjectFile(dir, 'src/link-preview/link-preview.controller.ts', { 'api-security/no-ssrf': 'error' })).toEqual([]);
  });
});
