import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A NestJS controller as tsc compiles it, linted as JavaScript (ESLint's own parser, which gives
 * class methods no `decorators` property) in a project whose service is another file: what the
 * controller's methods return is read, and nothing in the analysis may assume decorators are there.
 */
const HELPERS = `var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) { return desc; };
var __metadata = (this && this.__metadata) || function (k, v) { return undefined; };
var __param = (this && this.__param) || function (paramIndex, decorator) { return function (target, key) { decorator(target, key, paramIndex); }; };
`;

describe('a compiled NestJS controller in a project', () => {
  it('is analysed by every taint rule without an internal error', async () => {
    const dir = writeProject(
      {
        'dist/app.service.js': "export class AppService {\n    getHello() {\n        return 'Hello';\n    }\n}\n",
        'dist/app.controller.js': `${HELPERS}import { Controller, Get, Inject, Query } from '@nestjs/common';
import { AppService } from './app.service.js';
let AppController = class AppController {
    appService;
    constructor(appService) {
        this.appService = appService;
    }
    getHello() {
        return this.appService.getHello();
    }
    next(to) {
        return { url: to };
    }
};
__decorate([
    Get(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [])
], AppController.prototype, "getHello", null);
__decorate([
    Get('next'),
    __param(0, Query('to')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String])
], AppController.prototype, "next", null);
AppController = __decorate([
    Controller(),
    __param(0, Inject(AppService)),
    __metadata("design:paramtypes", [AppService])
], AppController);
export { AppController };
`,
      },
      { name: 'ui', private: true, type: 'module', dependencies: { '@nestjs/common': '^11.0.0' } },
    );
    const messages = await lintProjectFile(dir, 'dist/app.controller.js', {
      'api-security/no-open-redirect': 'error',
      'api-security/no-reflected-xss': 'error',
      'api-security/no-ssrf': 'error',
    });
    expect(messages.map((message) => `${message.ruleId ?? ''}: ${message.message}`)).toEqual([]);
  });
});
