import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

export interface UpdateProfileDto {
  displayName?: string;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async findById(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException();
    return user;
  }

  /** Full-text search used by the member directory. */
  search(term: string) {
    // The term comes from the controller's `@Query('q')`: followed across files, reported here.
    // ruleid: api-security/no-sql-injection
    return this.dataSource.query(`SELECT id, display_name FROM users WHERE display_name ILIKE '%${term}%'`);
  }

  updateProfile(id: string, dto: UpdateProfileDto) {
    // ok: api-security/no-mass-assignment
    return this.users.update({ id }, { displayName: dto.displayName });
  }
}
