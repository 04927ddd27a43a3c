import { RuleTester } from '@typescript-eslint/rule-tester';
import commandRule from '../../src/rules/no-command-injection.js';
import pathRule from '../../src/rules/no-path-traversal.js';
import routeRule from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';
import xssRule from '../../src/rules/no-reflected-xss.js';
import redirectRule from '../../src/rules/no-open-redirect.js';
import { espree } from '../helpers/espree.js';

/*
 * NestJS controllers as the TypeScript compiler writes them with `experimentalDecorators`, which is
 * what a published NestJS application ships: the decorators become `__decorate([...], Class.prototype,
 * 'method', null)` calls after the class, parameter decorators `__param(index, Body())`, and in
 * CommonJS every import is called as `(0, common_1.Get)()`. The routes, their guards and their
 * decorated parameters are the same as in the source.
 */

/** Published packages are linted as JavaScript: ESLint's own parser, which leaves `decorators` out. */
const testers = [
  ['typescript-estree', new RuleTester()],
  ['espree', new RuleTester({ languageOptions: { parser: espree } })],
] as const;

/** The helpers tsc puts at the top of a compiled file (their bodies do not matter here). */
const helpers = `var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) { return desc; };
var __metadata = (this && this.__metadata) || function (k, v) { return undefined; };
var __param = (this && this.__param) || function (paramIndex, decorator) { return function (target, key) { decorator(target, key, paramIndex); }; };`;

const esmArchive = `${helpers}
import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { exec } from 'node:child_process';
let ArchiveController = class ArchiveController {
    list() {
        return [];
    }
    pack(name) {
        exec('tar czf /backups/' + name + '.tgz /data');
        return { ok: true };
    }
};
__decorate([
    Get(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], ArchiveController.prototype, "list", null);
__decorate([
    Post(':name'),
    __param(0, Param('name')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], ArchiveController.prototype, "pack", null);
ArchiveController = __decorate([
    Controller('archives')GUARD
], ArchiveController);
export { ArchiveController };`;

const cjsFiles = `"use strict";
${helpers}
Object.defineProperty(exports, "__esModule", { value: true });
exports.FilesController = void 0;
const common_1 = require("@nestjs/common");
const fs = require("node:fs");
const path = require("node:path");
let FilesController = class FilesController {
    read(body) {
        return fs.readFileSync(path.join('/srv/files', body.file), 'utf8');
    }
    readSafe(body) {
        return fs.readFileSync(path.join('/srv/files', path.basename(body.file)), 'utf8');
    }
};
exports.FilesController = FilesController;
__decorate([
    (0, common_1.Post)('read'),
    __param(0, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], FilesController.prototype, "read", null);
__decorate([
    (0, common_1.Post)('read-safe'),
    __param(0, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], FilesController.prototype, "readSafe", null);
exports.FilesController = FilesController = __decorate([
    (0, common_1.Controller)('files'),
    (0, common_1.UseGuards)(GUARD)
], FilesController);`;

const greeting = `${helpers}
import { Controller, Get, Header, Query } from '@nestjs/common';
let GreetingController = class GreetingController {
    hello(name) {
        return \`<p>Hello \${name}</p>\`;
    }
    plain(name) {
        return \`Hello \${name}\`;
    }
};
__decorate([
    Get('hello'),
    Header('Content-Type', 'text/html'),
    __param(0, Query('name')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], GreetingController.prototype, "hello", null);
__decorate([
    Get('plain'),
    __param(0, Query('name')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], GreetingController.prototype, "plain", null);
GreetingController = __decorate([
    Controller('greetings')
], GreetingController);
export { GreetingController };`;

for (const [parser, ruleTester] of testers) {
ruleTester.run(`no-unauthenticated-route (compiled NestJS controllers, ${parser})`, routeRule, {
  valid: [
    {
      name: 'ESM: a class guard of @nestjs/passport',
      code: esmArchive.replace('GUARD', ',\n    UseGuards(AuthGuard())'),
    },
    {
      name: 'CommonJS: a guard class of the file that throws without a user',
      code: cjsFiles.replace(
        'let FilesController',
        `class SessionGuard {
    canActivate(context) {
        const request = context.switchToHttp().getRequest();
        if (!request.session || !request.session.user) throw new common_1.UnauthorizedException();
        return true;
    }
}
let FilesController`,
      ).replace('(GUARD)', '(SessionGuard)'),
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'ESM: no guard',
      code: esmArchive.replace('GUARD', ''),
      errors: [
        { messageId: 'unauthenticatedRoute', line: 17, data: { method: 'GET', path: '/archives', framework: 'nestjs' } },
        { messageId: 'unauthenticatedRoute', line: 23, data: { method: 'POST', path: '/archives/:name', framework: 'nestjs' } },
      ],
    },
    {
      name: 'CommonJS: UseGuards with no guard',
      code: cjsFiles.replace('(GUARD)', '()'),
      errors: [
        { messageId: 'unauthenticatedRoute', line: 20, data: { method: 'POST', path: '/files/read', framework: 'nestjs' } },
        { messageId: 'unauthenticatedRoute', line: 27, data: { method: 'POST', path: '/files/read-safe', framework: 'nestjs' } },
      ],
    },
  ]),
});

ruleTester.run(`no-command-injection (compiled NestJS parameters, ${parser})`, commandRule, {
  valid: [],
  invalid: [
    {
      name: 'ESM: __param(0, Param(\'name\')) reaches exec',
      code: esmArchive.replace('GUARD', ',\n    UseGuards(AuthGuard())'),
      errors: [{ messageId: 'commandInjection', line: 12, data: { source: "`@Param('name') name`", sourceLine: 11, sink: 'exec', sinkLine: 12 } }],
    },
  ],
});

ruleTester.run(`no-path-traversal (compiled NestJS parameters, CommonJS, ${parser})`, pathRule, {
  valid: [],
  invalid: [
    {
      name: '(0, common_1.Body)() reaches readFileSync; the basename variant does not',
      code: cjsFiles.replace('(GUARD)', '()'),
      errors: [{ messageId: 'pathTraversal', line: 12, data: { source: '`body.file`', sourceLine: 12, sink: 'fs.readFileSync', sinkLine: 12, via: '' } }],
    },
  ],
});

ruleTester.run(`no-reflected-xss (a compiled Header decorator, ${parser})`, xssRule, {
  valid: [],
  invalid: [
    {
      name: 'text/html set by a compiled Header decorator; the route without it answers JSON or text',
      code: greeting,
      errors: [{ messageId: 'reflectedXss', line: 7, data: { source: "`@Query('name') name`", sourceLine: 6, sink: 'return', sinkLine: 7, via: '' }, suggestions: [] }],
    },
  ],
});

// A returned value of a compiled controller method: the method has no written decorators (espree
// leaves the property out), which the check for a `@Redirect` decorator must read as none.
ruleTester.run(`no-open-redirect (compiled NestJS controllers, ${parser})`, redirectRule, {
  valid: [
    {
      name: 'returned values of compiled methods are not redirects',
      code: `${helpers}
import { Controller, Get, Inject } from '@nestjs/common';
import { AppService } from './app.service.js';
let AppController = class AppController {
    appService;
    constructor(appService) {
        this.appService = appService;
    }
    getHello() {
        return this.appService.getHello();
    }
};
__decorate([
    Get(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [])
], AppController.prototype, "getHello", null);
AppController = __decorate([
    Controller(),
    __param(0, Inject(AppService)),
    __metadata("design:paramtypes", [AppService])
], AppController);
export { AppController };`,
    },
  ],
  invalid: [],
});
}
