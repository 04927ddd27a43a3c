import { Controller, Get } from '@nestjs/common';

@Controller('health')
export class HealthController {
  // ok: api-security/no-unauthenticated-route
  @Get()
  check() {
    return { status: 'ok' };
  }
}
