import { Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor() {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // ok: api-security/no-hardcoded-secrets
      secretOrKey: process.env.JWT_SECRET,
    });
  }

  validate(payload: { sub: string; role: string }) {
    if (!payload.sub) throw new UnauthorizedException();
    return { id: payload.sub, role: payload.role };
  }
}

@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {}
