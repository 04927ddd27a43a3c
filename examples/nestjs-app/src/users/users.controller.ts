import { Body, Controller, Get, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DataSource, Repository } from 'typeorm';
import { JwtAuthGuard } from '../auth/jwt.strategy';
import { Public } from '../auth/roles';
import { User } from './user.entity';
import { UsersService } from './users.service';

class UpdateProfileDto {
  @IsOptional()
  @IsString()
  @MaxLength(80)
  displayName?: string;
}

@Controller('users')
@UseGuards(JwtAuthGuard)
export class UsersController {
  constructor(
    private readonly usersService: UsersService,
    @InjectRepository(User) private readonly usersRepository: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  // ok: api-security/no-unauthenticated-route
  @Get('me')
  async me(@Req() req: { user: { id: string } }) {
    const user = await this.usersService.findById(req.user.id);
    // ok: api-security/no-whole-object-response
    return { id: user.id, email: user.email, displayName: user.displayName };
  }

  @Get(':id')
  async findOne(@Param('id') id: string) {
    const user = await this.usersRepository.findOneBy({ id });
    // The entity carries passwordHash.
    // ruleid: api-security/no-whole-object-response
    return user;
  }

  @Get()
  list(@Query('sort') sort: string) {
    // ruleid: api-security/no-sql-injection
    return this.dataSource.query(`SELECT id, display_name FROM users ORDER BY ${sort}`);
  }

  @Get('directory/search')
  search(@Query('q') q: string) {
    return this.usersService.search(q);
  }

  @Patch('me')
  updateMe(@Req() req: { user: { id: string } }, @Body() body: Partial<User>) {
    // A member can send {"role": "admin", "emailVerified": true}.
    // ruleid: api-security/no-mass-assignment
    return this.usersRepository.update({ id: req.user.id }, body);
  }

  @Patch('me/profile')
  updateProfile(@Req() req: { user: { id: string } }, @Body() dto: UpdateProfileDto) {
    return this.usersService.updateProfile(req.user.id, dto);
  }

  // Opted out of the controller guard on purpose.
  // ok: api-security/no-unauthenticated-route
  @Public()
  @Post('signup')
  async signup(@Body() body: Partial<User>) {
    // ruleid: api-security/no-mass-assignment
    const user = this.usersRepository.create(body);
    await this.usersRepository.save(user);
    return { id: user.id };
  }
}
