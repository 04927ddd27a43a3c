import { Body, Controller, Delete, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Repository } from 'typeorm';
import { JwtAuthGuard } from '../auth/jwt.strategy';
import { Roles, RolesGuard } from '../auth/roles';
import { User } from '../users/user.entity';

const execFileAsync = promisify(execFile);

// Token for the internal metrics service, pasted in during an outage.
// ruleid: api-security/no-hardcoded-secrets
const METRICS_TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJtZXRyaWNzLWJvdCIsInNjb3BlIjoicmVhZCJ9.c2lnbmF0dXJlLW5vdC1yZWFsLWp1c3QtZm9yLWRlbW8';

@Controller('admin')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class AdminController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  // ok: api-security/no-unauthenticated-route
  @Get('users')
  list() {
    return this.users.find({ select: { id: true, email: true, role: true } });
  }

  // ok: api-security/no-unauthenticated-route
  @Post('maintenance/logs')
  tailLogs(@Body('service') service: string) {
    return new Promise((resolve, reject) => {
      // ruleid: api-security/no-command-injection
      exec(`journalctl -u ${service} -n 200 --no-pager`, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    });
  }

  // ok: api-security/no-unauthenticated-route
  @Post('maintenance/ping')
  async ping(@Query('host') host: string) {
    // ok: api-security/no-command-injection
    const { stdout } = await execFileAsync('ping', ['-c', '1', String(host)]);
    return { stdout, token: METRICS_TOKEN.slice(0, 4) };
  }
}

// Support tooling added later: only authenticated, no role check.
@Controller('admin/support')
@UseGuards(JwtAuthGuard)
export class SupportController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  // ruleid: api-security/require-role-check
  @Delete('users/:id')
  remove(@Param('id') id: string) {
    return this.users.delete({ id });
  }
}

// Webhook receiver registered without any guard.
@Controller('integrations')
export class IntegrationsController {
  // ruleid: api-security/no-unauthenticated-route
  @Post('crm/sync')
  sync(@Body() payload: { url: string }) {
    // ruleid: api-security/no-ssrf
    return fetch(payload.url).then((response) => response.json());
  }
}
