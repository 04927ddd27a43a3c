/**
 * class-validator decorators whose check fails for anything but a string, number or boolean (or a
 * list of them with `{ each: true }`): a DTO field carrying one, checked by a NestJS
 * `ValidationPipe`, cannot hold an operator object such as `{ "$ne": null }`. `IsNotEmpty`,
 * `IsDefined`, `IsOptional`, `IsObject`, `ValidateNested` and `Allow` accept objects and are not here.
 */
export const primitiveValidators: ReadonlySet<string> = new Set([
  'IsString', 'IsEmail', 'IsUrl', 'IsUUID', 'IsMongoId', 'IsAlpha', 'IsAlphanumeric', 'IsAscii', 'IsNumberString',
  'IsDateString', 'IsISO8601', 'IsPhoneNumber', 'IsMobilePhone', 'IsJWT', 'IsHexadecimal', 'IsBase64', 'IsHash',
  'IsIP', 'IsFQDN', 'IsPort', 'IsPostalCode', 'IsLocale', 'IsSemVer', 'IsTimeZone', 'IsLatLong', 'IsCurrency',
  'IsLowercase', 'IsUppercase', 'IsStrongPassword', 'IsISO31661Alpha2', 'IsBIC', 'IsIBAN', 'IsSlug',
  'Length', 'MinLength', 'MaxLength', 'Matches', 'Contains', 'NotContains',
  'IsInt', 'IsNumber', 'IsPositive', 'IsNegative', 'Min', 'Max', 'IsDivisibleBy', 'IsBoolean', 'IsBooleanString',
  'IsEnum', 'IsIn',
]);

/**
 * `@nestjs/mapped-types` / `@nestjs/swagger` helpers whose class keeps the validators of the class
 * given as their first argument (`class UpdateUserDto extends PartialType(CreateUserDto) {}`).
 */
export const mappedTypeHelpers: ReadonlySet<string> = new Set(['PartialType', 'PickType', 'OmitType', 'IntersectionType']);
