import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-nosql-injection.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * NestJS DTOs checked by class-validator: a field declared `@IsEmail() email: string` holds a string
 * once a ValidationPipe ran, so it cannot carry `{ "$ne": null }` into a MongoDB filter. Both the
 * decorator and the pipe must be in evidence; a field without a type check (`@IsNotEmpty()`, none),
 * or a DTO no ValidationPipe checks, is still reported.
 */

const ruleTester = new RuleTester();

const controller = (pipes: string, dto: string, body: string): string => `import { Body, Controller, Post, UsePipes, ValidationPipe } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { IsEmail, IsNotEmpty, IsOptional, IsString } from 'class-validator';

${dto}

${pipes}
@Controller('auth')
export class AuthController {
  constructor(@InjectModel('User') private readonly users: Model<any>) {}

  @Post('reset')
  async reset(${body}) {
    return this.users.findOne({ email: dto.email, resetToken: dto.token });
  }
}
`;

const DTO = `export class ResetDto {
  @IsEmail()
  email: string;

  @IsString()
  token: string;
}`;

/** The two suggestions of a finding on `value`: `String(value)` and `{ $eq: value }` in the filter. */
const fixes = (code: string, value: string): { messageId: 'wrapString' | 'useEq'; output: string }[] => [
  { messageId: 'wrapString', output: code.replace(`: ${value}`, `: String(${value})`) },
  { messageId: 'useEq', output: code.replace(`: ${value}`, `: { $eq: ${value} }`) },
];
const UNCHECKED = controller('', DTO, '@Body() dto: ResetDto');
const LOOSE = controller(
  '@UsePipes(new ValidationPipe())',
  `export class ResetDto {
  @IsEmail()
  email: string;

  @IsNotEmpty()
  @IsOptional()
  token: string;
}`,
  '@Body() dto: ResetDto',
);

ruleTester.run('no-nosql-injection', rule, {
  valid: [
    { name: 'DTO fields with type checks, ValidationPipe on the controller', code: controller('@UsePipes(new ValidationPipe({ whitelist: true }))', DTO, '@Body() dto: ResetDto') },
    { name: 'DTO fields with type checks, ValidationPipe on the parameter', code: controller('', DTO, '@Body(new ValidationPipe()) dto: ResetDto') },
    {
      name: 'destructured DTO fields',
      code: controller('@UsePipes(ValidationPipe)', DTO, '@Body() dto: ResetDto').replace(
        'return this.users.findOne({ email: dto.email, resetToken: dto.token });',
        'const { email, token } = dto;\n    return this.users.findOne({ email, resetToken: token });',
      ),
    },
  ],
  invalid: [
    {
      name: 'no ValidationPipe in evidence: the decorators do not run',
      code: UNCHECKED,
      errors: [
        { messageId: 'nosqlInjection', line: 21, data: { source: '`dto.email`', sourceLine: 21, sink: 'this.users.findOne', sinkLine: 21 }, suggestions: fixes(UNCHECKED, 'dto.email') },
        { messageId: 'nosqlInjection', line: 21, data: { source: '`dto.token`', sourceLine: 21, sink: 'this.users.findOne', sinkLine: 21 }, suggestions: fixes(UNCHECKED, 'dto.token') },
      ],
    },
    {
      name: 'a field whose decorators accept an object',
      code: LOOSE,
      errors: [{ messageId: 'nosqlInjection', line: 22, data: { source: '`dto.token`', sourceLine: 22, sink: 'this.users.findOne', sinkLine: 22 }, suggestions: fixes(LOOSE, 'dto.token') }],
    },
  ],
});

describe('no-nosql-injection: DTOs and the global pipe in other files', () => {
  const files = (main: string): Record<string, string> => ({
    'src/main.ts': main,
    'src/users/dto/create-user.dto.ts': `import { IsEmail, IsString, MinLength } from 'class-validator';

export class CreateUserDto {
  @IsEmail()
  email: string;

  @IsString()
  @MinLength(8)
  password: string;

  preferences?: Record<string, unknown>;
}
`,
    'src/users/dto/update-user.dto.ts': `import { PartialType } from '@nestjs/mapped-types';
import { CreateUserDto } from './create-user.dto';

export class UpdateUserDto extends PartialType(CreateUserDto) {}
`,
    'src/users/users.controller.ts': `import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { UpdateUserDto } from './dto/update-user.dto';

@Controller('users')
export class UsersController {
  constructor(@InjectModel('User') private readonly userModel: Model<any>) {}

  @Patch('by-email')
  async update(@Body() dto: UpdateUserDto) {
    return this.userModel.findOne({ email: dto.email });
  }

  @Get('by-preference')
  async byPreference(@Query() query: UpdateUserDto) {
    return this.userModel.find({ preferences: query.preferences });
  }
}
`,
  });
  const lines = async (dir: string): Promise<string[]> =>
    (await lintProjectFile(dir, 'src/users/users.controller.ts', { 'api-security/no-nosql-injection': 'error' })).map((message) => `${String(message.line)} ${message.message.split(' (')[0] ?? ''}`);

  it('a global ValidationPipe in main.ts and a PartialType DTO of another file: only the unchecked field', async () => {
    const dir = writeProject(
      files(`import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
  await app.listen(3000);
}
void bootstrap();
`),
    );
    expect(await lines(dir)).toEqual(['17 `query.preferences`']);
  });

  it('without a global pipe, both fields are reported', async () => {
    const dir = writeProject(
      files(`import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  await app.listen(3000);
}
void bootstrap();
`),
    );
    expect(await lines(dir)).toEqual(['12 `dto.email`', '17 `query.preferences`']);
  });
});
