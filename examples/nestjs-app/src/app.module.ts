import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminController, IntegrationsController, SupportController } from './admin/admin.controller';
import { JwtStrategy } from './auth/jwt.strategy';
import { HealthController } from './health/health.controller';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'postgres',
      url: process.env.DATABASE_URL,
      entities: [User],
      synchronize: false,
    }),
    TypeOrmModule.forFeature([User]),
    JwtModule.register({
      // Copied from a tutorial and never rotated.
      // ruleid: api-security/no-hardcoded-secrets
      secret: 'acc0unts-jwt-s1gning-k3y-7f3c9a2e5d81b4',
      signOptions: { expiresIn: '15m' },
    }),
  ],
  controllers: [HealthController, UsersController, AdminController, SupportController, IntegrationsController],
  providers: [UsersService, JwtStrategy],
})
export class AppModule {}
