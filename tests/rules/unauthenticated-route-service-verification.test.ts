import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A webhook whose signature is verified by a method of a service the controller holds, defined in
 * another file: `this.gateway.confirmEvent(raw, signature)` on a field injected through the
 * constructor (a NestJS provider; compiled, `this.gateway = gateway` with the class the compiler
 * recorded in `design:paramtypes`), or on `new BillingGateway()` in an Express app. The method is
 * judged by its body in its own file (it hands the delivery to the provider SDK's verifier, which
 * throws), and the call counts where a failure turns the request away: a `catch` that answers 4xx
 * and leaves, or an error that leaves a callback the handler awaits (a transaction wrapper).
 * Look-alikes stay reported: the verifier's error swallowed and the write done anyway, a method
 * of the same name that verifies nothing, a method that only logs the signature, and a
 * verification that runs after the write.
 */

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };

const gatewayTs = `
import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
const provider = new Stripe(process.env.BILLING_KEY as string);
@Injectable()
export class BillingGateway {
  private readonly logger = new Logger('billing');
  async confirmEvent(payload: Buffer, signature: string) {
    return provider.webhooks.constructEvent(payload, signature, process.env.BILLING_HOOK_SECRET as string);
  }
  noteSignature(payload: Buffer, signature: string) {
    this.logger.log(\`delivery signed \${signature}\`);
    return JSON.parse(payload.toString());
  }
}
`;

const legacyTs = `
import { Injectable } from '@nestjs/common';
@Injectable()
export class LegacyGateway {
  async confirmEvent(payload: Buffer, signature: string) {
    return { payload: JSON.parse(payload.toString()), signature };
  }
}
`;

/** `<line> <message id> <method and path>` of a report. */
const described = (message: Linter.LintMessage): string => `${String(message.line)} ${message.messageId ?? ''} ${/^\S+ \S+/u.exec(message.message)?.[0] ?? ''}`;

const head = (name: string): string => `
  @Post('${name}')
  async ${name}(@Headers('x-billing-signature') signature: string, @Req() req: RawRequest, @Res() res: Response) {`;
const refuseWithout = `    if (!signature) { res.status(400).send('missing signature'); return; }`;
const write = `await this.invoiceRepository.update({ ref: JSON.parse(req.rawBody.toString()).invoice }, { paid: true });`;

describe('NestJS (TypeScript): a verification by a method of an injected service of another file', () => {
  const dir = writeProject(
    {
      'src/billing/billing.gateway.ts': gatewayTs,
      'src/billing/legacy.gateway.ts': legacyTs,
      'src/billing/billing.controller.ts': `
import { Controller, Headers, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BillingGateway } from './billing.gateway';
import { LegacyGateway } from './legacy.gateway';
import { InvoiceRepository } from './invoice.repository';
type RawRequest = Request & { rawBody: Buffer };
@Controller('billing')
export class BillingController {
  constructor(private readonly gateway: BillingGateway, private readonly legacy: LegacyGateway, private readonly invoiceRepository: InvoiceRepository) {}
${head('direct')}
${refuseWithout}
    try {
      await this.gateway.confirmEvent(req.rawBody, signature);
    } catch (error) {
      res.status(400).send('bad signature');
      return;
    }
    ${write}
    res.status(200).send();
  }
${head('inTransaction')}
${refuseWithout}
    await this.invoiceRepository.transaction(async () => {
      try {
        await this.gateway.confirmEvent(req.rawBody, signature);
      } catch (error) {
        res.status(400).send('bad signature');
        return;
      }
      ${write}
      res.status(200).send();
    });
  }
${head('propagated')}
    await this.invoiceRepository.transaction(async () => {
      await this.gateway.confirmEvent(req.rawBody, signature);
      ${write}
    });
    res.status(200).send();
  }
${head('swallowed')}
    try {
      await this.gateway.confirmEvent(req.rawBody, signature);
    } catch (error) {
      console.warn('signature mismatch', error);
    }
    ${write}
    res.status(200).send();
  }
${head('logged')}
${refuseWithout}
    try {
      this.gateway.noteSignature(req.rawBody, signature);
    } catch (error) {
      res.status(400).send('bad signature');
      return;
    }
    ${write}
    res.status(200).send();
  }
${head('afterWrite')}
    ${write}
    try {
      await this.gateway.confirmEvent(req.rawBody, signature);
    } catch (error) {
      res.status(400).send('bad signature');
      return;
    }
    res.status(200).send();
  }
${head('sameName')}
${refuseWithout}
    try {
      await this.legacy.confirmEvent(req.rawBody, signature);
    } catch (error) {
      res.status(400).send('bad signature');
      return;
    }
    ${write}
    res.status(200).send();
  }
}
`,
    },
    { name: 'billing', type: 'module', dependencies: { '@nestjs/common': '^11.0.0', stripe: '^18.0.0' } },
  );

  it('leaves the verified deliveries, reports the swallowed, logged, late and same-name ones', async () => {
    const messages = await lintProjectFile(dir, 'src/billing/billing.controller.ts', recommended);
    expect(messages.map(described)).toEqual([
      '49 unauthenticatedRoute POST /billing/swallowed',
      '60 unauthenticatedRoute POST /billing/logged',
      '73 unauthenticatedRoute POST /billing/afterWrite',
      '85 unauthenticatedRoute POST /billing/sameName',
    ]);
  });
});

const TSC_HELPERS = `"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) { return desc; };
var __metadata = (this && this.__metadata) || function (k, v) { return undefined; };
var __param = (this && this.__param) || function (paramIndex, decorator) { return function (target, key) { decorator(target, key, paramIndex); }; };
var __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { "default": mod }; };
Object.defineProperty(exports, "__esModule", { value: true });
`;

const compiledMethod = (name: string): string => `__decorate([
    (0, common_1.Post)('${name}'),
    __param(0, (0, common_1.Headers)('x-billing-signature')),
    __param(1, (0, common_1.Req)()),
    __param(2, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", Promise)
], BillingController.prototype, "${name}", null);`;

describe('NestJS compiled to CommonJS: the injected service found through design:paramtypes', () => {
  const dir = writeProject(
    {
      'lib/billing.gateway.js': `${TSC_HELPERS}exports.BillingGateway = void 0;
const common_1 = require("@nestjs/common");
const stripe_1 = __importDefault(require("stripe"));
const provider = new stripe_1.default(process.env.BILLING_KEY);
let BillingGateway = class BillingGateway {
    async confirmEvent(payload, signature) {
        return provider.webhooks.constructEvent(payload, signature, process.env.BILLING_HOOK_SECRET);
    }
};
exports.BillingGateway = BillingGateway;
exports.BillingGateway = BillingGateway = __decorate([
    (0, common_1.Injectable)()
], BillingGateway);
`,
      'lib/billing.controller.js': `${TSC_HELPERS}exports.BillingController = void 0;
const common_1 = require("@nestjs/common");
const billing_gateway_1 = require("./billing.gateway");
let BillingController = class BillingController {
    constructor(gateway, invoiceRepository) {
        this.gateway = gateway;
        this.invoiceRepository = invoiceRepository;
    }
    async paid(signature, req, res) {
        try {
            await this.gateway.confirmEvent(req.rawBody, signature);
        }
        catch (error) {
            res.status(400).send('bad signature');
            return;
        }
        await this.invoiceRepository.update({ ref: JSON.parse(req.rawBody.toString()).invoice }, { paid: true });
        res.status(200).send();
    }
    async lax(signature, req, res) {
        try {
            await this.gateway.confirmEvent(req.rawBody, signature);
        }
        catch (error) {
            console.warn('signature mismatch', error);
        }
        await this.invoiceRepository.update({ ref: JSON.parse(req.rawBody.toString()).invoice }, { paid: true });
        res.status(200).send();
    }
};
exports.BillingController = BillingController;
${compiledMethod('paid')}
${compiledMethod('lax')}
exports.BillingController = BillingController = __decorate([
    (0, common_1.Controller)('billing'),
    __metadata("design:paramtypes", [billing_gateway_1.BillingGateway, Object])
], BillingController);
`,
    },
    { name: 'billing-compiled', dependencies: { '@nestjs/common': '^11.0.0', stripe: '^18.0.0' } },
  );

  it('leaves the verified delivery, reports the one whose failure is swallowed', async () => {
    const messages = await lintProjectFile(dir, 'lib/billing.controller.js', recommended);
    expect(messages.map(described)).toEqual(['48 unauthenticatedRoute POST /billing/lax']);
  });
});

describe('Express: a method of a service built with `new` from another file', () => {
  const dir = writeProject({
    'src/gateway.js': `
import Stripe from 'stripe';
const provider = new Stripe(process.env.BILLING_KEY);
export class Gateway {
  confirmEvent(payload, signature) {
    return provider.webhooks.constructEvent(payload, signature, process.env.BILLING_HOOK_SECRET);
  }
}
export class EchoGateway {
  confirmEvent(payload) {
    return JSON.parse(String(payload));
  }
}
`,
    'src/app.js': `
import express from 'express';
import { Gateway, EchoGateway } from './gateway.js';
import { db } from './db.js';
const app = express();
const gateway = new Gateway();
const echo = new EchoGateway();
app.post('/hooks/billing', express.raw({ type: 'application/json' }), async (req, res) => {
  try {
    gateway.confirmEvent(req.body, req.get('x-billing-signature'));
  } catch {
    return res.status(400).end();
  }
  await db.invoices.update({ where: { ref: JSON.parse(String(req.body)).invoice }, data: { paid: true } });
  res.sendStatus(204);
});
app.post('/hooks/echo', express.raw({ type: 'application/json' }), async (req, res) => {
  try {
    echo.confirmEvent(req.body, req.get('x-billing-signature'));
  } catch {
    return res.status(400).end();
  }
  await db.invoices.update({ where: { ref: JSON.parse(String(req.body)).invoice }, data: { paid: true } });
  res.sendStatus(204);
});
export default app;
`,
    'src/db.js': `export const db = { invoices: {} };\n`,
  });

  it('leaves the verified delivery, reports the method of the same name that verifies nothing', async () => {
    const messages = await lintProjectFile(dir, 'src/app.js', recommended);
    expect(messages.map(described)).toEqual(['17 unauthenticatedRoute POST /hooks/echo']);
  });
});
